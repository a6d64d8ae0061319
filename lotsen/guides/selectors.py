"""Reads of guides, with their joins decided once.

Workspace reads go through ``visible_to``: a coordinator sees the guides of their regions, the
Landeskoordination all of them. The guide's own pages read their one profile.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from events.models import Registration
from events.registrations.consent import consent_text as registration_consent_text

# history_of() describes one record; the guide's history spans the profile and its languages.
from lotsen.core.audit import HistoryEntry
from lotsen.core.audit import describe as describe_entry
from lotsen.core.permissions import visible_to
from lotsen.core.search import german
from lotsen.models.contacts import ContactNote
from lotsen.models.groups import WorkingGroup
from lotsen.models.guides import (
    PROFILE_FRESH_FOR,
    PROFILE_PARTS,
    CompletedTraining,
    Guide,
    GuideLanguage,
    GuideStatusChange,
    LanguageLevel,
)
from lotsen.models.kit import Attestation, GuideKit
from lotsen.models.messages import MessageRecipient, MessageSettings
from newsletters.models import Subscriber
from newsletters.subscriptions.consent import consent_text as newsletter_consent_text
from organisations.models import MigrantOrganisation


def _languages() -> Prefetch:
    return Prefetch("languages", queryset=GuideLanguage.objects.select_related("language"))


def guides_for(user) -> QuerySet[Guide]:
    """The guides ``user`` may see in the workspace with today's status, ready for a list.

    Two queries besides the rows, however many rows: languages (with their names) and
    organisations come prefetched; region and account are joined.
    """
    return (
        visible_to(user, Guide.objects.all())
        .with_status()
        .select_related("region", "user")
        .prefetch_related(_languages(), "organisations")
        .order_by(german("last_name"), german("first_name"), "pk")
    )


def guide_detail_for(user) -> QuerySet[Guide]:
    """The guides ``user`` may open, with what their page shows prefetched."""
    return (
        visible_to(user, Guide.objects.all())
        .with_status()
        .select_related("region", "user")
        .prefetch_related(_languages(), "organisations", "expertise")
    )


def organisations_to_link(user) -> QuerySet[MigrantOrganisation]:
    """The organisations a guide may be linked to by ``user``: active ones of their regions."""
    return (
        visible_to(user, MigrantOrganisation.objects.active())
        .select_related("region")
        .order_by(german("name"), "pk")
    )


def with_language(queryset: QuerySet[Guide], *, language=None, level: str = "") -> QuerySet:
    """Guides speaking ``language`` (any, if None) at ``level`` or better (any, if empty).

    Language and level are matched on the same entry: "Arabic at least B2" does not match
    someone with Arabic A1 and Turkish C2. A subquery keeps every guide once.
    """
    if language is None and not level:
        return queryset
    entries = GuideLanguage.objects.all()
    if language is not None:
        entries = entries.filter(language=language)
    if level:
        entries = entries.filter(level__in=LanguageLevel.at_least(level))
    return queryset.filter(pk__in=entries.values("guide"))


def status_history(guide: Guide) -> QuerySet[GuideStatusChange]:
    """The guide's status changes, newest first, with who recorded them."""
    return guide.status_changes.select_related("recorded_by").order_by("-valid_from", "-pk")


# --- Change history ---------------------------------------------------------------------------


def language_entry_pks(guide_pk: int) -> set[str]:
    """Primary keys of every language entry the guide ever had, including deleted ones.

    The change history records a language entry's guide only when the entry is created (later
    entries list changed fields only), so creations identify the entries.
    """
    return _owned_entry_pks(GuideLanguage, guide_pk)


def _owned_entry_pks(model: type[models.Model], guide_pk: int) -> set[str]:
    """Primary keys of every ``model`` row of the guide, present or deleted (see above)."""
    content_type = ContentType.objects.get_for_model(model)
    current = model._default_manager.filter(guide_id=guide_pk).values_list("pk", flat=True)
    created = LogEntry.objects.filter(
        content_type=content_type,
        action=LogEntry.Action.CREATE,
        changes__guide__1=str(guide_pk),
    ).values_list("object_pk", flat=True)
    return {str(pk) for pk in current} | set(created)


# The guide's own records with a change history of their own, shown in the guide's history.
OWNED_RECORDS: list[type[models.Model]] = [
    GuideLanguage,
    GuideStatusChange,
    CompletedTraining,
    Attestation,
    GuideKit,
]


def log_entries_of(guide: Guide) -> QuerySet[LogEntry]:
    """Every change-history entry about the guide: the profile (with staff reads of it), its
    language entries, status changes, completed trainings, attestations and kit choices."""
    condition = Q(content_type=ContentType.objects.get_for_model(Guide), object_pk=str(guide.pk))
    for model in OWNED_RECORDS:
        condition |= Q(
            content_type=ContentType.objects.get_for_model(model),
            object_pk__in=_owned_entry_pks(model, guide.pk),
        )
    return LogEntry.objects.filter(condition)


def contact_note_entries(guide: Guide) -> QuerySet[LogEntry]:
    """The history of the contact log's notes about the guide (kept apart from
    ``log_entries_of``, which feeds the guide's own data export)."""
    return LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(ContactNote),
        object_pk__in=_owned_entry_pks(ContactNote, guide.pk),
    )


def guide_history(guide: Guide, limit: int = 50) -> list[HistoryEntry]:
    """The newest changes of the guide's profile and own records (removed ones too), and who
    read the full profile in the workspace.

    Described as ``lotsen.core.audit.history_of`` describes one record's changes.
    """
    entries = (
        log_entries_of(guide)
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-pk")[:limit]
    )
    return [describe_entry(entry) for entry in entries]


# --- Referral search --------------------------------------------------------------------------


def referral_candidates(user) -> QuerySet[Guide]:
    """Guides ``user`` may refer people to, with contact data and what they offer prefetched."""
    return (
        visible_to(user, Guide.objects.filter(deletion_requested_at__isnull=True))
        .with_status()
        .select_related("region")
        .prefetch_related(_languages(), "organisations", "expertise")
        .order_by(german("last_name"), german("first_name"), "pk")
    )


def near(queryset: QuerySet[Guide], place: str) -> QuerySet[Guide]:
    """Guides whose region, or one of whose organisations, matches ``place``.

    An organisation matches by city, name or postal code prefix; every guide comes once.
    """
    place = place.strip()
    if not place:
        return queryset
    organisations = MigrantOrganisation.objects.filter(
        Q(city__icontains=place) | Q(name__icontains=place) | Q(postal_code__startswith=place)
    )
    matching = Guide.objects.filter(
        Q(region__name__icontains=place) | Q(organisations__in=organisations)
    )
    return queryset.filter(pk__in=matching.values("pk"))


# --- Freshness --------------------------------------------------------------------------------


def due_for_reminder(now: datetime.datetime | None = None) -> QuerySet[Guide]:
    """Guides to remind of their profile now.

    They have an active account, nobody confirmed their profile for six months, they were not
    reminded in the last six months, and they have not asked for their data to be deleted.
    """
    now = now or timezone.now()
    cutoff = now - PROFILE_FRESH_FOR
    return (
        Guide.objects.stale(now)
        .filter(user__isnull=False, user__is_active=True, deletion_requested_at__isnull=True)
        .filter(Q(profile_reminder_sent_at__isnull=True) | Q(profile_reminder_sent_at__lt=cutoff))
        .order_by("pk")
    )


# --- The guide's own data -------------------------------------------------------------------


@dataclass(frozen=True)
class PersonalDataSection:
    """One part of a guide's data export: its key in the JSON file and how to read it."""

    key: str
    read: Callable[[Guide], Any]


def _profile(guide: Guide) -> dict:
    return {
        "first_name": guide.first_name,
        "last_name": guide.last_name,
        "email": guide.email,
        "phone": guide.phone,
        "region": guide.region.name,
        "availability": guide.availability,
        "contact_preference": guide.contact_preference,
        "has_photo": bool(guide.photo),
        "public_profile": guide.public_profile,
        "visibility": {part: getattr(guide, f"{part}_visibility") for part in PROFILE_PARTS},
        "profile_confirmed_at": guide.profile_confirmed_at,
        "profile_reminder_sent_at": guide.profile_reminder_sent_at,
        "invited_at": guide.invited_at,
        "deletion_requested_at": guide.deletion_requested_at,
        "created_at": guide.created_at,
        "updated_at": guide.updated_at,
    }


def _account(guide: Guide) -> dict | None:
    user = guide.user
    if user is None:
        return None
    return {
        "email": user.email,
        "name": user.name,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
    }


def _languages_of(guide: Guide) -> list:
    return [
        {"language": entry.language.name, "level": entry.level}
        for entry in guide.languages.select_related("language")
    ]


def _status_history(guide: Guide) -> list:
    return [
        {"status": entry.status, "valid_from": entry.valid_from, "note": entry.note}
        for entry in guide.status_changes.order_by("valid_from", "pk")
    ]


def _trainings(guide: Guide) -> list:
    return [
        {
            "title": training.title,
            "completed_on": training.completed_on,
            "provider": training.provider,
            "event": training.event.title if training.event else None,
        }
        for training in guide.trainings.select_related("event").order_by("completed_on", "pk")
    ]


def _attended_events(guide: Guide) -> list:
    return [
        {"title": event.title, "kind": event.kind, "starts_at": event.starts_at, "city": event.city}
        for event in guide.attended_events.order_by("starts_at", "pk")
    ]


def addresses_of(guide: Guide) -> set[str]:
    """The guide's email addresses, lower-cased: the profile's and the account's."""
    return {
        address.lower()
        for address in (guide.email, guide.user.email if guide.user else "")
        if address
    }


def _by_address(model: type[models.Model], guide: Guide, field: str = "email") -> QuerySet:
    """Rows of ``model`` whose address is one of the guide's (case-insensitive)."""
    condition = Q(pk__in=[])
    for address in addresses_of(guide):
        condition |= Q(**{f"{field}__iexact": address})
    return model._default_manager.filter(condition)


def _registrations(guide: Guide) -> list:
    """Registrations for public events made with one of the guide's addresses."""
    return [
        {
            "event": registration.event.title,
            "starts_at": registration.event.starts_at,
            "name": registration.name,
            "email": registration.email,
            "organisation": registration.organisation,
            "interpreting": registration.interpreting,
            "accessibility": registration.accessibility,
            "status": registration.status,
            "attended": registration.attended,
            "registered_at": registration.created_at,
            "cancelled_at": registration.cancelled_at,
        }
        for registration in _by_address(Registration, guide)
        .select_related("event")
        .order_by("created_at", "pk")
    ]


def _text(text) -> str | None:
    return str(text) if text is not None else None


def _privacy_version(text) -> int | None:
    """The number of the privacy policy shown with a consent (/datenschutz/fassung/<n>/)."""
    return text.number if text is not None else None


def _consent_records(guide: Guide) -> list:
    """What the guide agreed to and when: registrations and newsletter sign-ups."""
    records: list[dict] = [
        {
            "for": "event_registration",
            "event": registration.event.title,
            "given_at": registration.consent_given_at,
            "text_version": registration.consent_text_version,
            "text": _text(registration_consent_text(registration.consent_text_version)),
            "privacy_policy_version": _privacy_version(registration.privacy_text),
        }
        for registration in _by_address(Registration, guide)
        .exclude(consent_text_version="")
        .select_related("event", "privacy_text")
        .order_by("consent_given_at", "pk")
    ]
    records += [
        {
            "for": "newsletter",
            "email": subscriber.email,
            "state": subscriber.state,
            "given_at": subscriber.consent_given_at,
            "ip_address": subscriber.consent_ip,
            "text_version": subscriber.consent_text_version,
            "text": _text(newsletter_consent_text(subscriber.consent_text_version)),
            "privacy_policy_version": _privacy_version(subscriber.privacy_text),
            "confirmed_at": subscriber.confirmed_at,
            "unsubscribed_at": subscriber.unsubscribed_at,
        }
        for subscriber in _by_address(Subscriber, guide)
        .select_related("privacy_text")
        .order_by("pk")
    ]
    return records


def _accompaniments(guide: Guide) -> list:
    # Anonymous by design: these say what the guide did, nothing about whom they accompanied.
    return [
        {
            "date": entry.date,
            "region": entry.region.name,
            "kind": entry.get_kind_display(),
            "language_level": entry.get_language_level_display(),
            "sector": entry.sector.name if entry.sector else None,
            "usability": entry.get_usability_display(),
            "motivation": entry.get_motivation_display(),
            "language": entry.language.name if entry.language else None,
            "hours": entry.hours,
            "outcome": entry.get_outcome_display(),
        }
        for entry in guide.accompaniments.select_related("region", "sector", "language").order_by(
            "date", "pk"
        )
    ]


def _referral_proposals(guide: Guide) -> list:
    return [
        {
            "request": proposal.request.reference,
            "proposed_at": proposal.created_at,
            "state": proposal.get_state_display(),
            "decided_at": proposal.decided_at,
            "shares_email": proposal.share_email,
            "shares_phone": proposal.share_phone,
        }
        for proposal in guide.referral_proposals.select_related("request").order_by("pk")
    ]


def _kit(guide: Guide) -> dict | None:
    kit = GuideKit.objects.filter(guide=guide).first()
    if kit is None:
        return None
    return {
        "title_form": kit.get_title_form_display(),
        "printed_contact": kit.get_contact_display(),
        "sheet_language": kit.get_sheet_language_display(),
    }


def _attestations(guide: Guide) -> list:
    return [
        {
            "code": attestation.code,
            "region": attestation.region.name,
            "valid_from": attestation.valid_from,
            "valid_until": attestation.valid_until,
            "issued_at": attestation.issued_at,
            "revoked_at": attestation.revoked_at,
        }
        for attestation in guide.attestations.select_related("region").order_by("pk")
    ]


def _change_history(guide: Guide) -> list:
    return [
        {
            "timestamp": entry.timestamp,
            "record": entry.content_type.model,
            "action": entry.get_action_display(),
            "by": str(entry.actor) if entry.actor else None,
            "changes": entry.changes_dict,
        }
        for entry in log_entries_of(guide)
        .select_related("actor", "content_type")
        .order_by("timestamp", "pk")
    ]


def _message_settings(guide: Guide) -> dict | None:
    if not guide.user_id:
        return None
    chosen = MessageSettings.objects.filter(user_id=guide.user_id).first()
    if chosen is None:
        return None
    return {"language": chosen.get_language_display(), "opted_out": chosen.opted_out}


def _messages_received(guide: Guide) -> list:
    """Messages of the coordination sent to the guide's address (the record keeps them)."""
    if not guide.email:
        return []
    received = MessageRecipient.objects.filter(email__iexact=guide.email).select_related("message")
    return [
        {
            "subject": recipient.message.subject,
            "sent_at": recipient.message.sent_at,
            "to": recipient.message.audience_description,
        }
        for recipient in received.order_by("message__sent_at", "pk")
    ]


def _working_groups(guide: Guide) -> list:
    if not guide.user_id:
        return []
    groups = WorkingGroup.objects.filter(members=guide.user_id).order_by("name")
    return [group.name for group in groups]


def _shared_contact_notes(guide: Guide) -> list:
    return [
        {
            "date": note.happened_on,
            "kind": note.get_kind_display(),
            "who": note.who,
            "summary": note.summary,
            "next_step": note.next_step,
            "next_step_on": note.next_step_on,
        }
        for note in guide.contact_notes.filter(shareable=True).order_by("happened_on", "pk")
    ]


# The parts of the export, in the order of the file. A feature that keeps more about guides
# adds a section at the end (its key must be new).
PERSONAL_DATA_SECTIONS: list[PersonalDataSection] = [
    PersonalDataSection("profile", _profile),
    PersonalDataSection("account", _account),
    PersonalDataSection("languages", _languages_of),
    PersonalDataSection(
        "areas_of_expertise", lambda guide: [area.name for area in guide.expertise.all()]
    ),
    PersonalDataSection(
        "organisations",
        lambda guide: [
            {"name": organisation.name, "city": organisation.city}
            for organisation in guide.organisations.all()
        ],
    ),
    PersonalDataSection("status_history", _status_history),
    PersonalDataSection("trainings", _trainings),
    PersonalDataSection("attended_events", _attended_events),
    PersonalDataSection("registrations", _registrations),
    PersonalDataSection("consent_records", _consent_records),
    PersonalDataSection("change_history", _change_history),
    PersonalDataSection("accompaniments", _accompaniments),
    PersonalDataSection("referral_proposals", _referral_proposals),
    PersonalDataSection("kit", _kit),
    PersonalDataSection("attestations", _attestations),
    PersonalDataSection("message_settings", _message_settings),
    PersonalDataSection("messages_received", _messages_received),
    PersonalDataSection("working_groups", _working_groups),
    # Only the notes the coordination shared with the guide: the others are its working notes.
    PersonalDataSection("contact_notes", _shared_contact_notes),
]


def personal_data_of(guide: Guide) -> dict:
    """Everything the portal holds about the guide, as plain data (for the JSON download)."""
    return {section.key: section.read(guide) for section in PERSONAL_DATA_SECTIONS}
