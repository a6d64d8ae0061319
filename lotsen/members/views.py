"""The members' area: a guide's start page and the members' directory.

Both are for signed-in members only (guides, coordinators, Landeskoordination); anonymous
visitors are sent to the login, and search engines are told not to index them.
"""

from django.views.generic import TemplateView
from django_filters.views import FilterView

from events.calendar import personal
from lotsen.core.permissions import is_guide
from lotsen.core.workspace import WorkspaceMixin
from lotsen.members import selectors
from lotsen.members.filters import CoordinatorDirectoryFilter, GuideDirectoryFilter
from lotsen.models.guides import Guide


class MembersAreaMixin(WorkspaceMixin):
    permission_required = "lotsen.view_members_area"
    http_method_names = ["get", "head", "options"]

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response


class StartView(MembersAreaMixin, TemplateView):
    """Where a guide lands after login: next events, requests to answer, what to look after.

    Coordinators and the Landeskoordination may open it too (their next events); they land
    on their dashboard.
    """

    template_name = "members/start.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        guide = None
        if is_guide(user):
            guide = Guide.objects.filter(user=user).only("pk", "first_name", "region").first()
        return super().get_context_data(
            guide=guide,
            events=selectors.next_events(user),
            proposals=selectors.open_proposals(guide) if guide else [],
            reminders=selectors.reminders(guide) if guide else [],
            has_member_feed=bool(personal.feed_token(user)),
            new_documents=selectors.new_documents(user),
            groups=selectors.own_groups(user),
            **kwargs,
        )


class DirectoryListView(MembersAreaMixin, FilterView):
    paginate_by = 30

    def paginate_queryset(self, queryset, page_size):
        # A stale or mistyped ?page= shows the nearest page instead of an error page.
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()


class GuideDirectoryView(DirectoryListView):
    """The guides of the network, each with only the parts they shared with members."""

    filterset_class = GuideDirectoryFilter
    template_name = "members/directory_guides.html"
    context_object_name = "guides"

    def get_queryset(self):
        return selectors.directory_guides()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Only the shared entries reach the template, never the Guide rows behind them.
        page = context["page_obj"]
        page.object_list = selectors.guide_entries(page.object_list)
        context["object_list"] = context["guides"] = page.object_list
        return context


class CoordinatorDirectoryView(DirectoryListView):
    """The regional coordinators with their regions, and the Landeskoordination."""

    filterset_class = CoordinatorDirectoryFilter
    template_name = "members/directory_coordinators.html"
    context_object_name = "coordinators"

    def get_queryset(self):
        return selectors.directory_coordinators()
