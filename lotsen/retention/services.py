"""Applying the retention schedule (``lotsen.retention.schedule``).

Each rule runs in its own transaction: a failing rule leaves what it had begun untouched and
the others still run. What a rule removes goes with its change history, which would otherwise
keep the very data the rule removed; the removal itself is counted in a ``RetentionRun``.
"""

import datetime
import logging
from collections.abc import Callable

from auditlog.context import disable_auditlog
from auditlog.models import LogEntry
from django.db import models, transaction
from django.db.models import CharField, Q, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from events.models import Registration
from lotsen.core.audit import forget_history
from lotsen.core.status_history import refresh_current_status
from lotsen.guides.services import erase_guide
from lotsen.imports.storage import remove_stale_uploads
from lotsen.models import (
    ContactNote,
    Guide,
    GuideStatus,
    GuideStatusChange,
    ReferralRequest,
    ReferralState,
    RetentionRun,
)
from lotsen.retention.schedule import RULES, SCHEDULE, Rule
from newsletters.models import Subscriber, SubscriberState
from newsletters.subscriptions.services import erase_subscriber, purge_unconfirmed
from organisations.models import ContactPerson, NeedsAnswer, NeedsInvitation

logger = logging.getLogger(__name__)


def _delete(queryset: models.QuerySet) -> int:
    """Delete the rows with their change history; returns how many rows."""
    pks = list(queryset.values_list("pk", flat=True))
    with disable_auditlog():
        queryset.model.objects.filter(pk__in=pks).delete()
    forget_history(queryset.model, pks)
    return len(pks)


def _erase_subscribers(queryset: models.QuerySet) -> int:
    """Delete subscribers, keeping only the hash of each address (the suppression list)."""
    subscribers = list(queryset)
    for subscriber in subscribers:
        erase_subscriber(subscriber=subscriber)  # with its change history
    return len(subscribers)


# Addresses that replace anonymised ones: unique per row, never deliverable (RFC 2606).
ANONYMISED_DOMAIN = "@example.invalid"


# --- One handler per rule: what is due at ``cutoff`` (now minus the rule's period) -----------


def _past_event_registrations(now: datetime.datetime, cutoff: datetime.datetime) -> int:
    due = Registration.objects.filter(event__ends_at__lt=cutoff, anonymised_at__isnull=True)
    pks = list(due.values_list("pk", flat=True))
    # Unique per row, so the constraint "one registration per address and event" still holds;
    # the .invalid domain can never receive mail (RFC 2606).
    placeholder = Concat(Value("anonymised-"), Cast("pk", CharField()), Value(ANONYMISED_DOMAIN))
    Registration.objects.filter(pk__in=pks).update(
        name="",
        email=placeholder,
        organisation="",
        interpreting="",
        accessibility="",
        # The personal link of the confirmation mail no longer opens anything.
        token=Concat(Value("anonymised-"), Cast("pk", CharField())),
        anonymised_at=timezone.now(),
    )
    forget_history(Registration, pks)
    return len(pks)


def _departed_guides(now: datetime.datetime, cutoff: datetime.datetime) -> int:
    # Today's status: a guide who left and came back is not due. It is read from the value
    # kept on each guide, refreshed from the history first: a deletion must not rest on a
    # value that an entry dated after its writing day (the admin's) has not reached yet.
    refresh_current_status(Guide.objects.all(), history=GuideStatusChange, owner="guide")
    # The plugin checks lookups against the model's fields; status and status_since are
    # with_status()'s annotations.
    due = list(
        Guide.objects.with_status(on=timezone.localdate(now)).filter(  # type: ignore[misc]
            status=GuideStatus.LEFT, status_since__lt=timezone.localdate(cutoff)
        )
    )
    for guide in due:
        erase_guide(guide=guide)
    return len(due)


def _archived_organisation_contacts(now: datetime.datetime, cutoff: datetime.datetime) -> int:
    return _delete(
        ContactPerson.objects.filter(
            Q(organisation__archived_at__lt=cutoff) | Q(agency__archived_at__lt=cutoff)
        )
    )


def _archived_organisation_contact_notes(now: datetime.datetime, cutoff: datetime.datetime) -> int:
    return _delete(
        ContactNote.objects.filter(
            Q(organisation__archived_at__lt=cutoff) | Q(agency__archived_at__lt=cutoff)
        )
    )


def _old_contact_notes(now: datetime.datetime, cutoff: datetime.datetime) -> int:
    return _delete(ContactNote.objects.filter(happened_on__lt=timezone.localdate(cutoff)))


def _unconfirmed_subscribers(now: datetime.datetime, cutoff: datetime.datetime) -> int:
    # The newsletter's own purge (also on beat) knows re-sign-ups of unsubscribed addresses.
    return purge_unconfirmed(now=now)


def _bounced_subscribers(now: datetime.datetime, cutoff: datetime.datetime) -> int:
    # Confirming again clears bounced_at, so only addresses that still bounce are due.
    return _erase_subscribers(
        Subscriber.objects.filter(state=SubscriberState.BOUNCED, bounced_at__lt=cutoff)
    )


def _change_log_entries(now: datetime.datetime, cutoff: datetime.datetime) -> int:
    deleted, _ = LogEntry.objects.filter(timestamp__lt=cutoff).delete()
    return deleted


def _import_uploads(now: datetime.datetime, cutoff: datetime.datetime) -> int:
    return remove_stale_uploads(max_age=now - cutoff, now=now)


def _consent_records(now: datetime.datetime, cutoff: datetime.datetime) -> int:
    return _erase_subscribers(
        Subscriber.objects.filter(
            state=SubscriberState.UNSUBSCRIBED, unsubscribed_at__lt=cutoff
        ).order_by("pk")
    )


def _referral_requesters(now: datetime.datetime, cutoff: datetime.datetime) -> int:
    due = ReferralRequest.objects.filter(
        state__in=[ReferralState.CLOSED, ReferralState.CANCELLED], closed_at__lt=cutoff
    ).exclude(email__endswith=ANONYMISED_DOMAIN)
    pks = list(due.values_list("pk", flat=True))
    ReferralRequest.objects.filter(pk__in=pks).update(
        contact_name="",
        email=Concat(Value("anonymised-"), Cast("pk", CharField()), Value(ANONYMISED_DOMAIN)),
        phone="",
        note="",
    )
    # The history quotes the contact details as they were.
    forget_history(ReferralRequest, pks)
    return len(pks)


def _expired_needs_invitations(now: datetime.datetime, cutoff: datetime.datetime) -> int:
    due = NeedsInvitation.objects.filter(submitted_at__isnull=True, expires_at__lt=cutoff)
    # The drafts go with their invitation; their history quotes what was typed.
    answers = list(NeedsAnswer.objects.filter(invitation__in=due).values_list("pk", flat=True))
    deleted = _delete(due)
    forget_history(NeedsAnswer, answers)
    return deleted


HANDLERS: dict[str, Callable[[datetime.datetime, datetime.datetime], int]] = {
    "past_event_registrations": _past_event_registrations,
    "departed_guides": _departed_guides,
    "archived_organisation_contacts": _archived_organisation_contacts,
    "archived_organisation_contact_notes": _archived_organisation_contact_notes,
    "old_contact_notes": _old_contact_notes,
    "unconfirmed_subscribers": _unconfirmed_subscribers,
    "bounced_subscribers": _bounced_subscribers,
    "change_log_entries": _change_log_entries,
    "import_uploads": _import_uploads,
    "consent_records": _consent_records,
    "referral_requesters": _referral_requesters,
    "expired_needs_invitations": _expired_needs_invitations,
}


def apply_rule(rule: Rule, now: datetime.datetime) -> int:
    """Delete or anonymise what ``rule`` says is due at ``now``; returns how many records."""
    with transaction.atomic():
        return HANDLERS[rule.key](now, now - rule.period)


def apply_schedule(now: datetime.datetime | None = None) -> dict[str, int]:
    """Apply every rule, each in its own transaction, and record the run.

    Returns the number of records each rule deleted or anonymised. A rule that fails is
    logged and left out of the counts; the others still run, and the error is raised again
    once the run is recorded, so that the job shows as failed.
    """
    now = now or timezone.now()
    counts: dict[str, int] = {}
    failure: Exception | None = None
    for rule in SCHEDULE:
        try:
            counts[rule.key] = apply_rule(rule, now)
        except Exception as error:  # one broken rule must not stop the others
            logger.exception("Retention rule %s failed", rule.key)
            failure = failure or error
    RetentionRun.objects.create(started_at=now, finished_at=timezone.now(), counts=counts)
    if failure is not None:
        raise failure
    return counts


def rule_label(key: str) -> str:
    rule = RULES.get(key)
    return str(rule.records) if rule else key
