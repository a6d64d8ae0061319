"""Reads of guides, with their joins decided once.

Workspace reads go through ``visible_to``: a coordinator sees the guides of their regions, the
Landeskoordination all of them. The guide's own pages read their one profile.
"""

import datetime

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

# history_of() describes one record; the guide's history spans the profile and its languages.
from lotsen.core.audit import HistoryEntry
from lotsen.core.audit import describe as describe_entry
from lotsen.core.permissions import visible_to
from lotsen.core.search import german
from lotsen.models.guides import (
    PROFILE_FRESH_FOR,
    PROFILE_PARTS,
    Guide,
    GuideLanguage,
    GuideStatusChange,
    LanguageLevel,
)
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
    content_type = ContentType.objects.get_for_model(GuideLanguage)
    current = GuideLanguage.objects.filter(guide_id=guide_pk).values_list("pk", flat=True)
    created = LogEntry.objects.filter(
        content_type=content_type,
        action=LogEntry.Action.CREATE,
        changes__guide__1=str(guide_pk),
    ).values_list("object_pk", flat=True)
    return {str(pk) for pk in current} | set(created)


def log_entries_of(guide: Guide) -> QuerySet[LogEntry]:
    """Every change-history entry about the guide: the profile and its language entries."""
    guide_type = ContentType.objects.get_for_model(Guide)
    language_type = ContentType.objects.get_for_model(GuideLanguage)
    return LogEntry.objects.filter(
        Q(content_type=guide_type, object_pk=str(guide.pk))
        | Q(content_type=language_type, object_pk__in=language_entry_pks(guide.pk))
    )


def guide_history(guide: Guide, limit: int = 50) -> list[HistoryEntry]:
    """The newest changes of the guide's profile and languages (removed ones too).

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


def personal_data_of(guide: Guide) -> dict:
    """Everything the portal holds about the guide, as plain data (for the JSON download)."""
    user = guide.user
    return {
        "profile": {
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
        },
        "account": user
        and {
            "email": user.email,
            "name": user.name,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
        },
        "languages": [
            {"language": entry.language.name, "level": entry.level}
            for entry in guide.languages.select_related("language")
        ],
        "areas_of_expertise": [area.name for area in guide.expertise.all()],
        "organisations": [
            {"name": organisation.name, "city": organisation.city}
            for organisation in guide.organisations.all()
        ],
        "status_history": [
            {"status": entry.status, "valid_from": entry.valid_from, "note": entry.note}
            for entry in guide.status_changes.order_by("valid_from", "pk")
        ],
        "trainings": [
            {
                "title": training.title,
                "completed_on": training.completed_on,
                "provider": training.provider,
            }
            for training in guide.trainings.order_by("completed_on", "pk")
        ],
        "attended_events": [
            {
                "title": event.title,
                "kind": event.kind,
                "starts_at": event.starts_at,
                "city": event.city,
            }
            for event in guide.attended_events.order_by("starts_at", "pk")
        ],
        "change_history": [
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
        ],
    }
