"""Reads of referral requests, with their joins decided once."""

import datetime

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from lotsen.core.permissions import visible_to
from lotsen.models.referrals import ProposalState, ReferralProposal, ReferralRequest, ReferralState
from lotsen.referrals.services import UNANSWERED_AFTER


def requests_for(user) -> QuerySet[ReferralRequest]:
    """The requests ``user`` may see in the workspace, ready for a list: newest first."""
    return (
        visible_to(user, ReferralRequest.objects.all())
        .select_related("region")
        .prefetch_related("languages", "topics")
        .order_by("-created_at", "-pk")
    )


def request_detail_for(user) -> QuerySet[ReferralRequest]:
    """The requests ``user`` may open, with their proposals and guides prefetched."""
    proposals = ReferralProposal.objects.select_related("guide", "proposed_by").order_by(
        "created_at", "pk"
    )
    return (
        visible_to(user, ReferralRequest.objects.all())
        .select_related("region", "privacy_text")
        .prefetch_related("languages", "topics", Prefetch("proposals", queryset=proposals))
    )


def attention_counts(user, now: datetime.datetime | None = None) -> dict[str, int]:
    """For the dashboard's "needs attention", in one query: ``new`` requests to propose to
    guides, and ``unanswered`` ones proposed 7 days ago or more that no guide answered."""
    cutoff = (now or timezone.now()) - UNANSWERED_AFTER
    return visible_to(user, ReferralRequest.objects.all()).aggregate(
        new=Count("pk", filter=Q(state=ReferralState.NEW)),
        unanswered=Count("pk", filter=Q(state=ReferralState.PROPOSED, proposed_at__lt=cutoff)),
    )


def accepted_proposal(request: ReferralRequest) -> ReferralProposal | None:
    """The proposal the request was accepted through (from the prefetched proposals)."""
    return next((p for p in request.proposals.all() if p.state == ProposalState.ACCEPTED), None)


def proposal_for_token(token: str) -> ReferralProposal | None:
    return (
        ReferralProposal.objects.select_related("request", "request__region", "guide")
        .prefetch_related("request__languages", "request__topics")
        .filter(token=token)
        .first()
    )


def accepted_requests_of(guide) -> QuerySet[ReferralRequest]:
    """The requests ``guide`` accepted, newest first: the ones an accompaniment may name."""
    return ReferralRequest.objects.filter(
        proposals__guide=guide, proposals__state=ProposalState.ACCEPTED
    ).order_by("-decided_at", "-pk")
