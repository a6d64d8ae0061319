"""Reads of the members' area: a guide's start page, and the members' directory.

The directory gives each guide's per-part consent its meaning: a part set to "network" or
"public" is shown to signed-in members, a part set to "nowhere" is not even read from the
database (it comes back as NULL, and hidden languages and expertise are never queried). Each
list decides its joins here, once, so a page takes the same number of queries however many
rows it shows.
"""

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypedDict

from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
    prefetch_related_objects,
)
from django.utils import timezone
from django.utils.translation import gettext as _

from events.calendar import selectors as calendar
from events.models import Event
from lotsen.core.roles import Role
from lotsen.core.search import german
from lotsen.core.visibility import Visibility
from lotsen.documents.selectors import documents_for
from lotsen.models.accompaniments import Accompaniment, Outcome
from lotsen.models.accounts import User
from lotsen.models.documents import Document
from lotsen.models.groups import WorkingGroup
from lotsen.models.guides import (
    PROFILE_PARTS,
    ExpertiseArea,
    Guide,
    GuideLanguage,
    GuideStatus,
)
from lotsen.models.referrals import ProposalState, ReferralProposal, ReferralState
from lotsen.public.selectors import listed_organisations
from organisations.models import MigrantOrganisation
from regions.models import Region

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

# Shown to members: a part the guide made public is shown to the network too (consent to the
# public includes consent to the network, see ``Guide.audience``).
SHARED = [Visibility.PUBLIC, Visibility.NETWORK]
# Who is in the directory: guides working in the network now (not those only interested, nor
# those who left).
LISTED_STATUSES = [GuideStatus.ACTIVE, GuideStatus.IN_TRAINING, GuideStatus.PAUSED]
# An accompaniment this old that still says "no result yet" is worth a reminder.
OUTCOME_DUE_AFTER = datetime.timedelta(days=30)
NEXT_EVENTS = 5


# --- Start page -----------------------------------------------------------------------------


def next_events(user, now: datetime.datetime | None = None) -> list[Event]:
    """The next few events ``user`` may see in the calendar, public and internal."""
    return list(calendar.upcoming(now, user=user)[:NEXT_EVENTS])


def open_proposals(guide: Guide) -> list[ReferralProposal]:
    """Referral requests proposed to ``guide`` that still wait for the guide's answer."""
    return list(
        ReferralProposal.objects.filter(
            guide=guide,
            state=ProposalState.OPEN,
            request__state__in=[ReferralState.NEW, ReferralState.PROPOSED],
        )
        .select_related("request", "request__region")
        .prefetch_related("request__topics", "request__languages")
        .order_by("created_at", "pk")
    )


@dataclass(frozen=True)
class Reminder:
    key: str
    text: str
    url_name: str


def reminders(guide: Guide, now: datetime.datetime | None = None) -> list[Reminder]:
    """What ``guide`` should look after: a profile to confirm, accompaniments whose outcome
    is still open, a profile without languages."""
    now = now or timezone.now()
    # One query for the three questions: the start page is the page a guide sees most.
    facts = (
        Guide.objects.filter(pk=guide.pk)
        .annotate(
            is_stale=Exists(Guide.objects.filter(pk=OuterRef("pk")).stale(now)),
            due=Subquery(
                Accompaniment.objects.filter(
                    guide=OuterRef("pk"),
                    outcome=Outcome.NO_RESULT_YET,
                    date__lte=timezone.localdate(now) - OUTCOME_DUE_AFTER,
                )
                .order_by()
                .values("guide")
                .annotate(n=Count("pk"))
                .values("n"),
            ),
            has_languages=Exists(GuideLanguage.objects.filter(guide=OuterRef("pk"))),
        )
        .values("is_stale", "due", "has_languages")
        .get()
    )
    items = []
    if facts["is_stale"]:
        items.append(
            Reminder(
                "profile",
                _("Your profile was not confirmed for more than six months: please check it."),
                "guides:profile",
            )
        )
    due = facts["due"] or 0
    if due:
        items.append(
            Reminder(
                "accompaniments",
                _(
                    "%(count)d of your accompaniments from more than a month ago still have "
                    "no outcome: add it when you know it."
                )
                % {"count": due},
                "accompaniments:mine",
            )
        )
    if not facts["has_languages"]:
        items.append(
            Reminder(
                "languages",
                _("Your profile names no language yet: add yours, so that requests reach you."),
                "guides:profile-edit",
            )
        )
    return items


# --- Directory: guides ----------------------------------------------------------------------


class SharedParts(TypedDict):
    """What ``directory_guides`` adds: NULL (``None``) for what is not shared with members."""

    shared_first_name: str | None
    shared_last_name: str | None
    shared_email: str | None
    shared_phone: str | None
    has_shared_photo: bool
    organisation_list: list[MigrantOrganisation]


def _if_shared(visibility_field: str, value: str) -> Case:
    text: CharField[str | None, str | None] = CharField()
    return Case(
        When(**{f"{visibility_field}__in": SHARED}, then=value),
        default=Value(None),
        output_field=text,
    )


def directory_guides() -> "QuerySet[WithAnnotations[Guide, SharedParts]]":
    """The guides of the members' directory, with only the parts they shared.

    A guide is listed while working in the network (active, in training or paused), not
    asking for deletion, and sharing at least one part of the profile with the network.
    Besides the shared parts, an entry names only the guide's region and the organisations
    listed in the public directory, as the public guide finder does.
    Turn a page of these into what a template may show with ``guide_entries``.
    """
    shared = Q()
    for part in PROFILE_PARTS:
        shared |= Q(**{f"{part}_visibility__in": SHARED})
    # The plugin checks lookups against the model's fields; status is with_status()'s annotation.
    listed: QuerySet[Guide] = Guide.objects.with_status().filter(status__in=LISTED_STATUSES)  # type: ignore[misc]
    return (
        listed.filter(shared, deletion_requested_at__isnull=True)
        .select_related("region")
        .only(
            "region__name",
            "region__slug",
            *(f"{part}_visibility" for part in PROFILE_PARTS),
        )
        .annotate(
            shared_first_name=_if_shared("name_visibility", "first_name"),
            shared_last_name=_if_shared("name_visibility", "last_name"),
            shared_email=_if_shared("contact_visibility", "email"),
            shared_phone=_if_shared("contact_visibility", "phone"),
            has_shared_photo=Case(
                When(Q(photo_visibility__in=SHARED) & ~Q(photo=""), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
        )
        .prefetch_related(
            Prefetch(
                "organisations",
                # As in the public finder: organisations are named only when they are listed
                # publicly, so that no entry says more than the guide's consent and the
                # public directory do.
                queryset=listed_organisations().only("name").order_by(german("name")),
                to_attr="organisation_list",
            )
        )
        # Guides who keep their name to themselves come last, in no order that hints at it.
        .order_by(german("shared_last_name").asc(nulls_last=True), "shared_first_name", "pk")
    )


@dataclass(frozen=True)
class MemberGuide:
    """What members may see of one guide: every value here was shared by the guide."""

    pk: int
    name: str  # empty when the name is not shared
    label: str  # the name, or a neutral "guide from <organisation or region>"
    has_photo: bool
    languages: list[tuple[str, str]]  # (language, level)
    expertise: list[str]
    organisations: list[str]
    region_name: str
    email: str
    phone: str


def guide_entries(guides) -> list[MemberGuide]:
    """The directory entries of ``guides`` (rows of ``directory_guides``), in two more queries
    at most; languages and expertise are fetched only for the guides who shared them."""
    guides = list(guides)
    prefetch_related_objects(
        [guide for guide in guides if guide.languages_visibility in SHARED],
        Prefetch(
            "languages",
            queryset=GuideLanguage.objects.select_related("language"),
            to_attr="shared_languages",
        ),
    )
    prefetch_related_objects(
        [guide for guide in guides if guide.expertise_visibility in SHARED],
        Prefetch("expertise", queryset=ExpertiseArea.objects.all(), to_attr="shared_expertise"),
    )
    entries = []
    for guide in guides:
        organisations = [organisation.name for organisation in guide.organisation_list]
        name = ""
        if guide.shared_last_name is not None:
            name = f"{guide.shared_first_name} {guide.shared_last_name}".strip()
        place = organisations[0] if organisations else guide.region.name
        entries.append(
            MemberGuide(
                pk=guide.pk,
                name=name,
                label=name or _("Guide from %(place)s") % {"place": place},
                has_photo=guide.has_shared_photo,
                languages=[
                    (str(entry.language), entry.get_level_display())
                    for entry in getattr(guide, "shared_languages", [])
                ],
                expertise=[str(area) for area in getattr(guide, "shared_expertise", [])],
                organisations=organisations,
                region_name=guide.region.name,
                email=guide.shared_email or "",
                phone=guide.shared_phone or "",
            )
        )
    return entries


# --- Directory: coordinators ----------------------------------------------------------------


def directory_coordinators() -> QuerySet[User]:
    """The active staff of the network: the regional coordinators with their regions, and the
    Landeskoordination; their work address is their contact."""
    return (
        User.objects.filter(is_active=True, role__in=[Role.COORDINATOR, Role.ADMIN])
        .only("name", "email", "role")
        .prefetch_related(
            Prefetch(
                "coordinated_regions",
                queryset=Region.objects.only("name", "slug").order_by(german("name"), "pk"),
                to_attr="region_list",
            )
        )
        .order_by("role", german("name"), "email", "pk")
    )


NEW_DOCUMENTS = 5


def new_documents(user) -> list[Document]:
    """The newest documents ``user`` may open, for the start page."""
    return list(documents_for(user).order_by("-date", "-pk")[:NEW_DOCUMENTS])


def own_groups(user) -> list[WorkingGroup]:
    return list(WorkingGroup.objects.filter(members=user).order_by("name"))
