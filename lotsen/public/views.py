"""The public pages of the network: no login, only what is public or published with consent.

What may be shown is decided in ``lotsen.public.selectors``; the views only pick the page.
"""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, TemplateView

from lotsen.core.public import PublicListView, PublicPageMixin
from lotsen.public import selectors
from lotsen.public.filters import DirectoryFilter, GuideFinderFilter
from lotsen.public.selectors import network_overview


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


REGIONS_PER_PAGE = 50


@require_safe
def home(request):
    """The network at a glance: every region with its cooperation status today, and figures."""
    today = timezone.localdate()
    overview = network_overview(today)
    # A network a hundred times the demo's size would make one page of thousands of rows.
    page = Paginator(overview.pop("regions"), REGIONS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "home.html",
        {
            "today": today,
            "regions": page.object_list,
            "page_obj": page,
            "paginator": page.paginator,
            "is_paginated": page.has_other_pages(),
            **overview,
        },
    )
