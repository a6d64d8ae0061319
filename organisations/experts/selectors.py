"""Reads of the expert pool."""

from django.db.models import QuerySet

from lotsen.core.permissions import visible_to
from organisations.models import Expert, ExpertRequest, RequestState


def pool() -> QuerySet[Expert]:
    """The active experts with what the list shows, in a constant number of queries."""
    return (
        Expert.objects.active()
        .select_related("organisation", "agency")
        .prefetch_related("topics", "languages", "regions")
        .order_by("name")
    )


def requests_of(user, expert: Expert) -> QuerySet[ExpertRequest]:
    """The expert's history: the requests of ``user``'s regions (all for the
    Landeskoordination), newest first."""
    return visible_to(user, expert.requests.all()).select_related(
        "region", "topic", "event", "requested_by"
    )


def accepted_for_event(event) -> QuerySet[ExpertRequest]:
    return (
        ExpertRequest.objects.filter(event=event, state=RequestState.ACCEPTED)
        .select_related("expert", "topic")
        .order_by("date")
    )


def expert_by_token(token: str) -> Expert | None:
    return Expert.objects.active().filter(token=token).first()


def request_by_token(token: str) -> ExpertRequest | None:
    return (
        ExpertRequest.objects.filter(token=token)
        .select_related("expert", "region", "topic", "event")
        .first()
    )
