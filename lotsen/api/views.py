"""The guide endpoints of the API, and the page where a user manages their personal tokens."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from rest_framework import generics

from lotsen.api import selectors, services
from lotsen.api.forms import TokenForm
from lotsen.api.serializers import PublicGuideSerializer, WorkspaceGuideSerializer
from lotsen.core.api.views import PublicListView, WorkspaceMixin

# --- API ------------------------------------------------------------------------------------


class GuideFinderList(PublicListView):
    """The public guide finder: only guides who agreed, only the parts they made public."""

    serializer_class = PublicGuideSerializer
    # The finder page's filters (lotsen/api/filters.py) are left off for now: after the schema
    # was generated in the same process, the language filter refused valid ids (a known bug,
    # see tests/api/test_public_api.py).
    # By number, not by name: an order by hidden names would hint at them.
    ordering = ("pk",)

    def get_queryset(self):
        return selectors.guide_finder()

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        cards = selectors.guide_cards(page or [])
        return self.get_paginated_response(self.get_serializer(cards, many=True).data)


class WorkspaceGuideList(WorkspaceMixin, generics.ListAPIView):
    """The guides of the workspace list: one's regions' (all for the Landeskoordination)."""

    permission_required = "lotsen.search_guides"
    serializer_class = WorkspaceGuideSerializer
    ordering = ("last_name", "pk")

    def get_queryset(self):
        return selectors.workspace_guides(self.request.user)


class WorkspaceGuideDetail(WorkspaceMixin, generics.RetrieveAPIView):
    """One guide of one's regions, as the workspace shows them."""

    permission_required = "lotsen.view_guide"
    serializer_class = WorkspaceGuideSerializer

    def get_queryset(self):
        return selectors.workspace_guides(self.request.user)


# --- The token page -------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def tokens(request):
    """List one's tokens and create one; a new token's secret is shown on this answer only."""
    created = None
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        created = services.create_token(
            user=request.user, name=form.cleaned_data["name"], scope=form.cleaned_data["scope"]
        )
        form = TokenForm()
    response = render(
        request,
        "api/token_list.html",
        {"form": form, "created": created, "tokens": selectors.tokens_of(request.user)},
    )
    add_never_cache_headers(response)  # the page may hold a secret
    return response


@login_required
@require_POST
def revoke(request, pk: int):
    """Revoke one of one's own active tokens; any other token is a 404."""
    token = get_object_or_404(selectors.active_tokens_of(request.user), pk=pk)
    services.revoke_token(token=token)
    messages.success(request, _("The token was revoked. It no longer works."))
    return redirect("tokens:list")
