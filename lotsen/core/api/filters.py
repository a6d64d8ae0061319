"""Filters of the API's workspace lists: the workspace's own filter sets, which offer each
user the choices of their regions and so need to know who asks."""

from django_filters.rest_framework import DjangoFilterBackend


class WorkspaceFilterBackend(DjangoFilterBackend):
    def get_filterset_kwargs(self, request, queryset, view):
        return {**super().get_filterset_kwargs(request, queryset, view), "user": request.user}
