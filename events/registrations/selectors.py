"""Reads about registrations: seats left, waiting positions, counts by status."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from events.models import Event, Registration, RegistrationStatus
from lotsen.core.search import german


def registration_counts(event: Event) -> dict[str, int]:
    """How many registrations ``event`` has by status, and how many of them need support.

    One query; keys: ``confirmed``, ``waiting``, ``cancelled``, ``needs`` (confirmed or
    waiting with interpreting or accessibility needs), ``attended``.
    """
    active = ~Q(status=RegistrationStatus.CANCELLED)
    return event.registrations.aggregate(
        confirmed=Count("pk", filter=Q(status=RegistrationStatus.CONFIRMED)),
        waiting=Count("pk", filter=Q(status=RegistrationStatus.WAITING)),
        cancelled=Count("pk", filter=Q(status=RegistrationStatus.CANCELLED)),
        needs=Count("pk", filter=active & (~Q(interpreting="") | ~Q(accessibility=""))),
        attended=Count("pk", filter=Q(attended=True)),
    )


def registrations_by_status(event: Event) -> dict[str, list]:
    """The registrations of ``event`` as organisers read them, in two queries.

    ``confirmed`` sorted by name (as on the signature list), ``waiting`` in the order they
    move up, ``cancelled`` in the order they registered.
    """
    registrations = event.registrations.all()
    confirmed = registrations.filter(status=RegistrationStatus.CONFIRMED)
    lists: dict[str, list] = {
        "confirmed": list(confirmed.order_by(german("name"), "pk")),
        "waiting": [],
        "cancelled": [],
    }
    others = registrations.exclude(status=RegistrationStatus.CONFIRMED)
    for registration in others.order_by("created_at", "pk"):
        lists[registration.status].append(registration)
    return lists


def with_seat_counts(events: QuerySet[Event]) -> QuerySet[Event]:
    """``events`` with ``confirmed_count`` and ``waiting_count``, for pages listing many."""
    return events.annotate(
        confirmed_count=Count(
            "registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED)
        ),
        waiting_count=Count(
            "registrations", filter=Q(registrations__status=RegistrationStatus.WAITING)
        ),
    )


@dataclass(frozen=True)
class Seats:
    """What the public sees of an event's registration."""

    takes_registrations: bool
    reason: str  # "open", "not_taking", "deadline", "started" or "over"
    capacity: int | None
    confirmed: int
    waiting: int

    @property
    def is_open(self) -> bool:
        return self.reason == "open"

    @property
    def shown(self) -> bool:
        """Worth a box on the event page: registration is or was possible, the event not over."""
        return self.takes_registrations and self.reason != "over"

    @property
    def places_left(self) -> int | None:
        if self.capacity is None:
            return None
        return max(self.capacity - self.confirmed, 0)

    @property
    def full(self) -> bool:
        return self.capacity is not None and self.confirmed >= self.capacity


def closed_reason(event: Event, now: datetime.datetime | None = None) -> str:
    """Why ``event`` takes no registration now (``"open"`` if it does)."""
    now = now or timezone.now()
    if not (event.is_public and event.takes_registrations):
        return "not_taking"
    if now >= event.ends_at:
        return "over"
    if now >= event.starts_at:
        return "started"
    if now >= event.registration_closes_at:
        return "deadline"
    return "open"


def seats_of(event: Event, now: datetime.datetime | None = None) -> Seats:
    """The registration state of ``event``; one query, none if counts are annotated."""
    confirmed = getattr(event, "confirmed_count", None)
    waiting = getattr(event, "waiting_count", None)
    if event.takes_registrations and (confirmed is None or waiting is None):
        counts = registration_counts(event)
        confirmed, waiting = counts["confirmed"], counts["waiting"]
    return Seats(
        takes_registrations=bool(event.is_public and event.takes_registrations),
        reason=closed_reason(event, now),
        capacity=event.capacity,
        confirmed=confirmed or 0,
        waiting=waiting or 0,
    )


def waiting_position(registration: Registration) -> int:
    """1 for the first on the waiting list, and so on."""
    return (
        Registration.objects.filter(
            event_id=registration.event_id, status=RegistrationStatus.WAITING
        )
        .filter(
            Q(created_at__lt=registration.created_at)
            | Q(created_at=registration.created_at, pk__lt=registration.pk)
        )
        .count()
        + 1
    )
