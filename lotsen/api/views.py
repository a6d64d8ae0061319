"""The guide endpoints of the API, and the page where a user manages their personal tokens."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.response import Response

from lotsen.api import selectors, services
from lotsen.api.filters import FinderFilter, WorkspaceGuideFilter
from lotsen.api.forms import TokenForm
from lotsen.api.serializers import (
    ProposeSerializer,
    PublicGuideSerializer,
    ReferralRequestSerializer,
    WorkspaceGuideSerializer,
)
from lotsen.core.api.views import PublicListView, WorkspaceMixin
from lotsen.guides.selectors import referral_candidates
from lotsen.referrals import selectors as referrals
from lotsen.referrals import services as referral_services

# --- API ------------------------------------------------------------------------------------


class GuideFinderList(PublicListView):
    """The public guide finder: only guides who agreed, only the parts they made public."""

    serializer_class = PublicGuideSerializer
    filterset_class = FinderFilter  # the finder page's filters, by the same names
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
    filterset_class = WorkspaceGuideFilter
    ordering = ("last_name", "pk")

    def get_queryset(self):
        return selectors.workspace_guides(self.request.user)


class WorkspaceGuideDetail(WorkspaceMixin, generics.RetrieveAPIView):
    """One guide of one's regions, as the workspace shows them."""

    permission_required = "lotsen.view_guide"
    serializer_class = WorkspaceGuideSerializer

    def get_queryset(self):
        return selectors.workspace_guides(self.request.user)


class WorkspaceReferralList(WorkspaceMixin, generics.ListAPIView):
    """Referral requests of one's regions (all for the Landeskoordination), newest first, with
    the guides each was proposed to."""

    permission_required = "lotsen.view_referralrequest"
    serializer_class = ReferralRequestSerializer
    ordering = ("-created_at", "-pk")

    def get_queryset(self):
        return referrals.request_detail_for(self.request.user)


class WorkspaceReferralDetail(WorkspaceMixin, generics.RetrieveAPIView):
    permission_required = "lotsen.view_referralrequest"
    serializer_class = ReferralRequestSerializer

    def get_queryset(self):
        return referrals.request_detail_for(self.request.user)


class WorkspaceReferralProposals(WorkspaceMixin, generics.GenericAPIView):
    """POST proposes the open request to guides of one's regions, as the request's page does:
    each guide gets a mail with a personal link to accept or decline."""

    permission_required = "lotsen.view_referralrequest"
    write_permission_required = "lotsen.change_referralrequest"
    serializer_class = ReferralRequestSerializer
    http_method_names = ["post", "options"]

    def get_queryset(self):
        return referrals.request_detail_for(self.request.user)

    @extend_schema(request=ProposeSerializer, responses={201: ReferralRequestSerializer})
    def post(self, request, *args, **kwargs):
        referral = self.get_object()
        chosen = ProposeSerializer(data=request.data)
        chosen.is_valid(raise_exception=True)
        wanted = set(chosen.validated_data["guides"])
        guides = list(referral_candidates(request.user).filter(pk__in=wanted))
        if len(guides) != len(wanted):
            raise serializers.ValidationError(
                {"guides": [_("Choose guides of your regions only.")]}
            )
        try:
            referral_services.propose(
                request=referral,
                guides=guides,
                proposed_by=request.user,
                base_url=request.build_absolute_uri("/"),
            )
        except referral_services.ReferralError as error:
            raise serializers.ValidationError({"guides": error.messages}) from error
        return Response(
            self.get_serializer(self.get_queryset().get(pk=referral.pk)).data,
            status=status.HTTP_201_CREATED,
        )


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
