"""Recording who came to an event, and what that means for the guides' trainings."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.models import Event, EventKind, Registration, RegistrationStatus
from lotsen.core.exports import local_time
from lotsen.core.search import german
from lotsen.core.services import conflict
from lotsen.models.guides import CompletedTraining, Guide
from organisations.models import Agency, MigrantOrganisation

# CompletedTraining.provider holds at most this many characters.
_provider_length = CompletedTraining._meta.get_field("provider").max_length
assert _provider_length is not None  # a CharField always has one
PROVIDER_LENGTH: int = _provider_length


@dataclass(frozen=True)
class AttendanceResult:
    event: Event
    headcount: int
    trainings_added: int
    trainings_removed: int


def organiser_names(event: Event) -> list[str]:
    """The organising agencies, then the organising migrant organisations, by name."""
    return [
        *event.organising_agencies.order_by(german("name")).values_list("name", flat=True),
        *event.organising_organisations.order_by(german("name")).values_list("name", flat=True),
    ]


def training_provider(event: Event) -> str:
    """Who gave a training, as a guide's profile names it: its organisers, else the publisher."""
    provider = ", ".join(organiser_names(event)) or settings.PUBLISHER["name"]
    if len(provider) > PROVIDER_LENGTH:
        provider = provider[: PROVIDER_LENGTH - 1] + "…"
    return provider


@transaction.atomic
def record_attendance(
    *,
    event: Event,
    registrations_attended: Iterable[Registration],
    organisations: Iterable[MigrantOrganisation],
    agencies: Iterable[Agency],
    guides: Iterable[Guide],
    headcount: int | None,
    by,
    version: str | None = None,
) -> AttendanceResult:
    """Record who came to ``event``: all of it, or nothing.

    Each confirmed registration is marked attended or not; the attending organisations,
    agencies and guides replace the recorded ones; ``headcount`` defaults to the ticked
    registrations plus guides. At a training (Qualifizierung) each attending guide gets one
    completed training from this event, and guides no longer marked lose theirs (trainings
    recorded by hand or from other events stay). Recording again gives the same result.

    Raises ``PermissionDenied`` when ``by`` may not change the event, and ``ValidationError``
    before the event has started, for a registration that is not a confirmed one of this
    event, or (code ``conflict``) when the event changed since ``version`` was read.
    """
    # Locked, so two coordinators saving at once cannot interleave their trainings.
    event = Event.objects.select_for_update().get(pk=event.pk)
    if not by.has_perm("events.change_event", event):
        raise PermissionDenied
    if version and event.updated_at.isoformat() != version:
        raise conflict()
    if timezone.now() < event.starts_at:
        raise ValidationError(
            _(
                "The event has not started yet. Attendance can be recorded from %(start)s on; "
                "nothing was saved."
            ),
            code="not_started",
            params={"start": local_time(event.starts_at)},
        )

    confirmed = Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED)
    attended_ids = {registration.pk for registration in registrations_attended}
    if attended_ids - set(confirmed.filter(pk__in=attended_ids).values_list("pk", flat=True)):
        raise ValidationError(
            _("Only confirmed registrations of this event can be marked as attended."),
            code="not_registered",
        )
    confirmed.filter(pk__in=attended_ids).update(attended=True)
    confirmed.exclude(pk__in=attended_ids).update(attended=False)

    guides = list(guides)
    event.attending_organisations.set(list(organisations))
    event.attending_agencies.set(list(agencies))
    event.attending_guides.set(guides)
    if headcount is None:
        headcount = len(attended_ids) + len(guides)
    event.headcount = headcount
    event.save(update_fields=["headcount", "updated_at"])

    added, removed = _sync_trainings(event, {guide.pk for guide in guides})
    return AttendanceResult(
        event=event, headcount=headcount, trainings_added=added, trainings_removed=removed
    )


def _sync_trainings(event: Event, guide_ids: set[int]) -> tuple[int, int]:
    """Make the trainings from ``event`` exactly those of its attending guides (if a training)."""
    wanted = guide_ids if event.kind == EventKind.TRAINING else set()
    from_event = CompletedTraining.objects.filter(event=event)
    removed, _per_model = from_event.exclude(guide_id__in=wanted).delete()
    missing = wanted - set(from_event.values_list("guide_id", flat=True))
    if missing:
        completed_on = timezone.localdate(event.starts_at)
        provider = training_provider(event)
        CompletedTraining.objects.bulk_create(
            CompletedTraining(
                guide_id=guide_id,
                event=event,
                title=event.title[: CompletedTraining._meta.get_field("title").max_length],
                completed_on=completed_on,
                provider=provider,
            )
            for guide_id in sorted(missing)
        )
    return len(missing), removed
