"""Who a message reaches, and which sent messages an account may read."""

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet
from django.http import QueryDict

from events.models import Event, Registration, RegistrationStatus
from lotsen.core.permissions import coordinated_region_ids, is_admin, is_coordinator, visible_to
from lotsen.guides.filters import GuideFilter
from lotsen.models import Guide, Message, MessageAudience, User, WorkingGroup
from lotsen.models.guides import GuideStatus


@dataclass(frozen=True)
class Recipient:
    name: str
    email: str
    language: str
    # Account holders choose the language of messages on their profile; the footer says where.
    has_account: bool = False
    # Whether the recipient could have opted out of this message (the footer offers it):
    # messages to guides and to working groups are optional, the Landeskoordination's to all
    # coordinators are their work.
    optional: bool = True


def audiences_for(user) -> list[tuple[str, Any]]:
    choices = [
        (MessageAudience.REGION_GUIDES.value, MessageAudience.REGION_GUIDES.label),
        (MessageAudience.EVENT_REGISTRANTS.value, MessageAudience.EVENT_REGISTRANTS.label),
        (MessageAudience.GROUP.value, MessageAudience.GROUP.label),
    ]
    if is_admin(user):
        choices += [
            (MessageAudience.ALL_COORDINATORS.value, MessageAudience.ALL_COORDINATORS.label),
            (MessageAudience.ALL_GUIDES.value, MessageAudience.ALL_GUIDES.label),
        ]
    return choices


def events_to_write_about(user) -> QuerySet[Event]:
    """The user's events that have registrations."""
    return (
        visible_to(user, Event.objects.all())
        .filter(registrations__isnull=False)
        .distinct()
        .order_by("-starts_at")
    )


def groups_to_write_to(user) -> QuerySet[WorkingGroup]:
    """A coordinator writes to the groups they belong to; the Landeskoordination to all."""
    if is_admin(user):
        return WorkingGroup.objects.all()
    return user.working_groups.all()


def language_of(user: User | None) -> str:
    """The language ``user`` chose for messages; the portal's language without a choice."""
    settings_row = getattr(user, "message_settings", None) if user is not None else None
    return settings_row.language if settings_row is not None else settings.LANGUAGE_CODE


def _opted_out(user: User | None) -> bool:
    settings_row = getattr(user, "message_settings", None) if user is not None else None
    return bool(settings_row and settings_row.opted_out)


def guide_filter(user, filters: str) -> GuideFilter:
    """The workspace guide list's filters, applied to the guides ``user`` manages."""
    return GuideFilter(
        QueryDict(filters or ""),
        queryset=visible_to(user, Guide.objects.all())
        .with_status()
        .select_related("user__message_settings"),
        user=user,
    )


def _guides(guides) -> list[Recipient]:
    recipients = []
    for guide in guides:
        # A guide who left the network is no longer one of its guides to write to.
        if getattr(guide, "status", None) == GuideStatus.LEFT:
            continue
        account = guide.user if guide.user_id and guide.user.is_active else None
        if _opted_out(account):
            continue
        email = account.email if account is not None else guide.email
        if email:
            recipients.append(
                Recipient(guide.full_name, email, language_of(account), account is not None)
            )
    return recipients


def _accounts(users, *, optional: bool) -> list[Recipient]:
    return [
        Recipient(u.name, u.email, language_of(u), True, optional)
        for u in users
        if not (optional and _opted_out(u))
    ]


def recipients_of(
    *, user, audience: str, event: Event | None = None, group: WorkingGroup | None = None,
    filters: str = "",
) -> list[Recipient]:  # fmt: skip
    """Every address the message goes to, once each (by address, case-insensitive).

    Account holders who opted out on their profile are left out of messages to guides and to
    working groups, and guides who left the network out of messages to guides; the
    registrants of an event get only messages about that event, which is this audience.
    """
    found: list[Recipient]
    if audience == MessageAudience.REGION_GUIDES:
        filterset = guide_filter(user, filters)
        found = _guides(filterset.qs if filterset.is_valid() else [])
    elif audience == MessageAudience.EVENT_REGISTRANTS and event is not None:
        registrations = Registration.objects.filter(
            event=event, anonymised_at__isnull=True
        ).exclude(status=RegistrationStatus.CANCELLED)
        found = [Recipient(r.name, r.email, r.language) for r in registrations]
    elif audience == MessageAudience.GROUP and group is not None:
        members = group.members.filter(is_active=True).select_related("message_settings")
        found = _accounts(members, optional=True)
    elif audience == MessageAudience.ALL_COORDINATORS and is_admin(user):
        coordinators = User.objects.filter(is_active=True, role="coordinator")
        found = _accounts(coordinators.select_related("message_settings"), optional=False)
    elif audience == MessageAudience.ALL_GUIDES and is_admin(user):
        found = _guides(Guide.objects.with_status().select_related("user__message_settings"))
    else:
        found = []
    seen: set[str] = set()
    unique = []
    for recipient in found:
        key = recipient.email.lower()
        if key not in seen:
            seen.add(key)
            unique.append(recipient)
    return unique


def messages_for(user) -> QuerySet[Message]:
    """The sent messages ``user`` may read: the Landeskoordination all; a coordinator their
    own and those of senders who coordinated one of their regions."""
    messages = Message.objects.select_related("sender", "event", "group")
    if is_admin(user):
        return messages
    if not is_coordinator(user):
        return messages.none()
    region_ids = coordinated_region_ids(user)
    return messages.filter(
        Q(sender=user) | Q(pk__in=Message.objects.filter(regions__in=region_ids).values("pk"))
    )
