"""Building blocks of the public pages: read-only, no login, forgiving paginators."""

from django_filters.views import FilterView


class PublicPageMixin:
    http_method_names = ["get", "head", "options"]


class PublicListView(PublicPageMixin, FilterView):
    paginate_by = 20

    def paginate_queryset(self, queryset, page_size):
        # A stale or mistyped ?page= shows the nearest page instead of an error page.
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()
