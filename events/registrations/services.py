"""Registrations for public events: taking a seat, the waiting list, cancelling, mails.

Who gets a seat is decided in the database. Every change that can take or free a seat locks
the event's row first (``select_for_update``) and counts the confirmed registrations under
that lock, so two people asking for the last seat at the same moment are served one after the
other: one gets it, the other goes on the waiting list. Cancelling a confirmed seat moves the
oldest waiting registration up in the same transaction.

Mails leave after the commit (``lotsen.core.tasks.queue_email``), in the registrant's language.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from events.ical import event_ics, location
from events.models import Event, Registration, RegistrationStatus
from events.registrations.selectors import (
    closed_reason,
    waiting_position,
)
from lotsen.core.links import portal_url
from lotsen.core.mail import templated_email
from lotsen.core.tasks import queue_email
from lotsen.models.legal import LegalText

REMIND_BEFORE = datetime.timedelta(hours=48)


class RegistrationError(Exception):
    """A registration or cancellation the rules do not allow; ``message`` is for the person."""

    def __init__(self, message: str, *, code: str):
        super().__init__(message)
        self.message = message
        self.code = code


# --- Reads ----------------------------------------------------------------------------------


# --- Changes --------------------------------------------------------------------------------


def _closed_error(event: Event, reason: str) -> RegistrationError:
    if reason == "deadline":
        deadline = formats.date_format(
            timezone.localtime(event.registration_closes_at), "DATETIME_FORMAT"
        )
        return RegistrationError(
            _("The registration deadline (%(deadline)s) has passed.") % {"deadline": deadline},
            code="deadline",
        )
    if reason in ("started", "over"):
        return RegistrationError(
            _("This event has already begun, so registration is closed."), code="started"
        )
    return RegistrationError(_("This event does not take registrations."), code="not_taking")


def _duplicate_error(email: str) -> RegistrationError:
    return RegistrationError(
        _(
            "%(email)s is already registered for this event. The mail we sent after the "
            "registration has a link to it, where you can also cancel it."
        )
        % {"email": email},
        code="duplicate",
    )


def _language(language: str | None) -> str:
    supported = dict(settings.LANGUAGES)
    language = (language or translation.get_language() or "")[:2]
    return language if language in supported else settings.LANGUAGE_CODE


def _lock_event(event_id: int) -> Event:
    return Event.objects.select_for_update().get(pk=event_id)


def register(
    *,
    event: Event,
    name: str,
    email: str,
    organisation: str = "",
    interpreting: str = "",
    accessibility: str = "",
    language: str | None = None,
    consent_text_version: str = "",
    privacy_text: LegalText | None = None,
    now: datetime.datetime | None = None,
) -> Registration:
    """Register ``email`` for ``event``: with a seat while there is one, else on the waiting list.

    The seat is decided under a lock on the event's row. Raises ``RegistrationError`` (nothing
    saved) when registration is closed, the address is invalid or already registered for this
    event. Mails a confirmation (with the event as .ics) or the waiting-list notice after the
    commit. ``language`` defaults to the active one. ``consent_text_version`` is the version
    of the consent text the person agreed to (``events.registrations.consent``); it is stored
    with the time of registration and the privacy policy the form linked to (``privacy_text``)
    as proof of consent.
    """
    now = now or timezone.now()
    email = email.strip()
    try:
        validate_email(email)
    except ValidationError:
        raise RegistrationError(_("Enter a valid email address."), code="invalid_email") from None
    with transaction.atomic():
        event = _lock_event(event.pk)
        if (reason := closed_reason(event, now)) != "open":
            raise _closed_error(event, reason)
        registrations = Registration.objects.filter(event=event)
        if (
            registrations.filter(email__iexact=email)
            .exclude(status=RegistrationStatus.CANCELLED)
            .exists()
        ):
            raise _duplicate_error(email)
        confirmed = registrations.filter(status=RegistrationStatus.CONFIRMED).count()
        has_seat = event.capacity is None or confirmed < event.capacity
        try:
            # The unique constraint (event, lower(email)) is the last line, should the lock
            # ever be bypassed; a savepoint keeps the outer transaction usable.
            with transaction.atomic():
                registration = Registration.objects.create(
                    event=event,
                    name=name.strip(),
                    email=email,
                    organisation=organisation.strip(),
                    interpreting=interpreting.strip(),
                    accessibility=accessibility.strip(),
                    language=_language(language),
                    status=(
                        RegistrationStatus.CONFIRMED if has_seat else RegistrationStatus.WAITING
                    ),
                    created_at=now,
                    consent_text_version=consent_text_version,
                    consent_given_at=now if consent_text_version else None,
                    privacy_text=privacy_text,
                )
        except IntegrityError:
            raise _duplicate_error(email) from None
        if has_seat:
            _mail(registration, "confirmed", with_calendar=True)
        else:
            _mail(registration, "waiting", position=waiting_position(registration))
    return registration


def cancel(*, registration: Registration, now: datetime.datetime | None = None) -> Registration:
    """Cancel ``registration``; a freed seat goes to the first on the waiting list at once.

    Raises ``RegistrationError`` when it is already cancelled or the event has begun. Mails a
    cancellation notice, and the "you moved up" mail (with .ics) to whoever got the seat.
    """
    now = now or timezone.now()
    with transaction.atomic():
        # The same lock order as register(): event first, then its registrations.
        event = _lock_event(registration.event_id)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status == RegistrationStatus.CANCELLED:
            raise RegistrationError(
                _("This registration has already been cancelled."), code="already_cancelled"
            )
        if now >= event.starts_at:
            raise RegistrationError(
                _("The event has already begun; the registration can no longer be cancelled."),
                code="started",
            )
        registration.status = RegistrationStatus.CANCELLED
        registration.cancelled_at = now
        registration.save(update_fields=["status", "cancelled_at"])
        registration.event = event
        _mail(registration, "cancelled")
        fill_free_seats(event=event, now=now, locked=True)
    return registration


def fill_free_seats(
    *, event: Event, now: datetime.datetime | None = None, locked: bool = False
) -> list[Registration]:
    """Give every free seat of ``event`` to the waiting list, oldest first; returns who moved up.

    Call it also after raising an event's capacity. Each one moved up gets a mail with the .ics.
    """
    now = now or timezone.now()
    with transaction.atomic():
        if not locked:
            event = _lock_event(event.pk)
        waiting = Registration.objects.filter(
            event=event, status=RegistrationStatus.WAITING
        ).order_by("created_at", "pk")
        if event.capacity is not None:
            confirmed = Registration.objects.filter(
                event=event, status=RegistrationStatus.CONFIRMED
            ).count()
            waiting = waiting[: max(event.capacity - confirmed, 0)]
        promoted = list(waiting)
        for registration in promoted:
            registration.status = RegistrationStatus.CONFIRMED
            registration.promoted_at = now
            registration.save(update_fields=["status", "promoted_at"])
            registration.event = event
            _mail(registration, "promoted", with_calendar=True)
    return promoted


def send_reminders(*, now: datetime.datetime | None = None) -> int:
    """Remind everyone with a seat at an event starting within 48 hours; returns how many.

    Each registration is claimed with ``UPDATE ... WHERE reminded_at IS NULL`` before its mail
    is queued, in its own transaction: two runs at once (or one run twice) remind nobody twice.
    """
    now = now or timezone.now()
    due = Registration.objects.filter(
        status=RegistrationStatus.CONFIRMED,
        reminded_at__isnull=True,
        event__starts_at__gt=now,
        event__starts_at__lte=now + REMIND_BEFORE,
        # Who registered (or moved up) within the last two days has just had a mail about it.
        created_at__lte=F("event__starts_at") - REMIND_BEFORE,
    ).exclude(promoted_at__gt=F("event__starts_at") - REMIND_BEFORE)
    sent = 0
    for pk in list(due.values_list("pk", flat=True)):
        with transaction.atomic():
            # Conditions on the row itself only: PostgreSQL re-checks them after waiting for
            # another run's lock, which it would not do for a condition through a join (Django
            # turns that into a subquery).
            claimed = Registration.objects.filter(
                pk=pk, status=RegistrationStatus.CONFIRMED, reminded_at__isnull=True
            ).update(reminded_at=now)
            if not claimed:
                continue  # cancelled or claimed by another run meanwhile
            registration = Registration.objects.select_related("event").get(pk=pk)
            _mail(registration, "reminder")
            sent += 1
    return sent


# --- Mails ----------------------------------------------------------------------------------


def personal_link(registration: Registration) -> str:
    """The absolute link to the registration's own page, where it can be cancelled."""
    return portal_url(reverse("calendar:registration", args=[registration.token]))


def _mail(
    registration: Registration, template: str, *, with_calendar: bool = False, **extra
) -> None:
    """Queue ``templates/emails/events/<template>{_subject,}.txt`` in the registrant's language."""
    event = registration.event
    context = {
        "registration": registration,
        "event": event,
        "place": location(event),
        "link": personal_link(registration),
        "event_link": portal_url(reverse("calendar:event", args=[event.pk])),
        "register_link": portal_url(reverse("calendar:register", args=[event.pk])),
        **extra,
    }
    message = templated_email(
        f"events/{template}",
        to=registration.email,
        context=context,
        language=registration.language,
    )
    if with_calendar:
        filename = f"{slugify(event.title)[:60] or 'termin'}.ics"
        message.attach(filename, event_ics(event), "text/calendar; method=PUBLISH")
    queue_email(message)
