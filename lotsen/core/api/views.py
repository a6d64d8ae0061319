"""Base classes of the API's views: public (no token, cached) and workspace (token, rules)."""

from django.utils.cache import add_never_cache_headers
from drf_spectacular.openapi import AutoSchema
from rest_framework import generics

from lotsen.core.api.conditional import ConditionalGetMixin
from lotsen.core.api.permissions import RulePermission, TokenScopePermission
from lotsen.core.permissions import visible_to


class PublicSchema(AutoSchema):
    """Public endpoints: the schema says that no token is needed (an empty requirement)."""

    def get_auth(self):
        return [*super().get_auth(), {}]


class PublicMixin(ConditionalGetMixin):
    """Readable without a token; a token is accepted but changes nothing about the answer."""

    schema = PublicSchema()
    permission_classes = [TokenScopePermission]
    http_method_names = ["get", "head", "options"]


class PublicListView(PublicMixin, generics.ListAPIView):
    pass


class PublicDetailView(PublicMixin, generics.RetrieveAPIView):
    pass


class WorkspaceMixin:
    """With a token only, for the roles the rules allow; rows through ``visible_to``, so an
    object of another region answers 404."""

    permission_classes = [RulePermission]
    permission_required: str = ""
    write_permission_required: str = ""

    def scoped(self, queryset):
        return visible_to(self.request.user, queryset)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        add_never_cache_headers(response)  # personal data: never kept by a cache
        return response
