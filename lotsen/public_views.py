"""The public pages of the network: no login, only what is public or published with consent.

What may be shown is decided in ``lotsen.public_selectors``; the views only pick the page.
"""

from django.views.generic import DetailView, TemplateView
from django_filters.views import FilterView

from lotsen import public_selectors as selectors
from lotsen.public_filters import DirectoryFilter, GuideFinderFilter


class PublicPageMixin:
    http_method_names = ["get", "head", "options"]


class PublicListView(PublicPageMixin, FilterView):
    paginate_by = 20

    def paginate_queryset(self, queryset, page_size):
        # A stale or mistyped ?page= shows the nearest page instead of an error page.
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()


class RegionView(PublicPageMixin, TemplateView):
    template_name = "public/region_detail.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**selectors.public_region(kwargs["slug"]), **kwargs)


class DirectoryView(PublicListView):
    filterset_class = DirectoryFilter
    template_name = "public/organisation_list.html"
    context_object_name = "organisations"

    def get_queryset(self):
        return selectors.directory()


class OrganisationView(PublicPageMixin, DetailView):
    template_name = "public/organisation_detail.html"
    context_object_name = "organisation"

    def get_object(self, queryset=None):
        return selectors.public_organisation(self.kwargs["pk"])


class GuideFinderView(PublicListView):
    filterset_class = GuideFinderFilter
    template_name = "public/guide_finder.html"
    context_object_name = "guides"

    def get_queryset(self):
        return selectors.guide_finder()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Only the public cards reach the template, never the Guide rows behind them.
        page = context["page_obj"]
        page.object_list = selectors.guide_cards(page.object_list)
        context["object_list"] = context["guides"] = page.object_list
        return context
