"""Reads for the public pages: only what is public by nature or published with consent.

Institutions (regions, cooperating agencies) are public. A migrant organisation appears only
when it is listed publicly and not archived. A guide appears only with a public profile, at
least one published part and the status "active" today, and of a guide only the parts set to
"public" are fetched at all:
a hidden name or contact comes back from the database as NULL, hidden languages and expertise
are never queried. Contact persons, internal events and archived records never appear.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypedDict

from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
    prefetch_related_objects,
)
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import Event, soonest_first
from lotsen.core.counting import count_per
from lotsen.core.search import german
from lotsen.core.visibility import Visibility
from lotsen.models.guides import PROFILE_PARTS, ExpertiseArea, Guide, GuideLanguage, GuideStatus
from organisations.models import Agency, AgencyKind, MigrantOrganisation
from regions.models import CooperationStatus, Region

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

PUBLIC = Visibility.PUBLIC

# The agencies a regional coordination works from; named as the guides' public contact.
COORDINATING_KINDS = [AgencyKind.REGIONAL_AGENCY, AgencyKind.INTEGRATION_CENTRE]


# --- Building blocks ------------------------------------------------------------------------


def listed_organisations() -> QuerySet[MigrantOrganisation]:
    """Organisations in the public directory: listed with consent and not archived."""
    return MigrantOrganisation.objects.active().filter(listed_publicly=True)


def upcoming_public_events() -> QuerySet[Event]:
    """Public events that are not over yet, soonest first."""
    return Event.objects.filter(is_public=True, ends_at__gte=timezone.now()).order_by(
        soonest_first(), "title"
    )


def active_guides(on: datetime.date | None = None) -> QuerySet[Guide]:
    # The plugin checks lookups against the model's fields; status is with_status()'s annotation.
    return Guide.objects.with_status(on).filter(status=GuideStatus.ACTIVE)  # type: ignore[misc]


def findable_guides() -> QuerySet[Guide]:
    """Guides who agreed to the public finder, published at least one part of their profile
    and are active today.

    A guide who left every part at its default "nowhere" does not appear, whatever the
    ``public_profile`` box says; nor does someone who asked for their data to be deleted, even
    before the Landeskoordination confirms the deletion.
    """
    published = Q()
    for part in PROFILE_PARTS:
        published |= Q(**{f"{part}_visibility": PUBLIC})
    return active_guides().filter(
        published, public_profile=True, deletion_requested_at__isnull=True
    )


def _if_public(visibility_field: str, value, output_field):
    return Case(
        When(**{visibility_field: PUBLIC}, then=value),
        default=Value(None),
        output_field=output_field,
    )


def regions_by_name() -> QuerySet[Region]:
    return Region.objects.order_by(german("name"), "pk")


_UMLAUTS = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss"})


def _german_key(value: str) -> tuple[str, str]:
    # Sorting in Python, without ICU: umlauts go with their base letter, as in a German index.
    return value.casefold().translate(_UMLAUTS), value


def organisation_cities() -> list[str]:
    """The cities of the listed organisations, for the directory's and finder's city filter."""
    cities = listed_organisations().order_by().values_list("city", flat=True).distinct()
    return sorted((city for city in cities if city), key=_german_key)


# --- The network overview (start page) ------------------------------------------------------


def network_overview(on: datetime.date) -> dict:
    """Every region with its cooperation status on day ``on``, and the network's figures.

    ``regions`` is a queryset sorted as a German reader expects (the page shows it in pages);
    each region carries ``organisation_count``, the number of its listed organisations. The
    figures take five queries, however large the network.
    """
    regions = (
        Region.objects.with_status(on)
        .annotate(organisation_count=count_per(listed_organisations(), "region"))
        .order_by(german("name"), "pk")
    )
    counts = Region.objects.status_counts(on)
    return {
        "regions": regions,
        "summary": [
            (value, label, counts.get(value, 0)) for value, label in CooperationStatus.choices
        ],
        "organisation_count": listed_organisations().count(),
        "guide_count": active_guides(on).count(),
        "event_count": upcoming_public_events().count(),
        "public_guide_count": findable_guides().count(),
    }


# --- Region pages ---------------------------------------------------------------------------


def public_region(slug: str) -> dict:
    """A region's public page: status, agencies, listed organisations, upcoming public events.

    404 for an unknown slug. Contact persons and internal events are not read at all.
    """
    region = get_object_or_404(Region.objects.with_status(), slug=slug)
    return {
        "region": region,
        "agencies": Agency.objects.active()
        .filter(regions=region)
        .only("name", "kind", "city", "website")
        .order_by(german("name"), "pk"),
        "organisations": listed_organisations()
        .filter(region=region)
        .only("name", "city")
        .order_by(german("name"), "pk"),
        "events": upcoming_public_events()
        .filter(region=region)
        .only("title", "kind", "starts_at", "ends_at", "venue", "city"),
        "guide_count": findable_guides().filter(region=region).count(),
    }


# --- Directory of migrant organisations -----------------------------------------------------

# What the public learns about an organisation; address, email, phone, members, needs and
# support received stay in the workspace.
ORGANISATION_FIELDS = ("name", "city", "website", "region__name", "region__slug")


def directory() -> QuerySet[MigrantOrganisation]:
    """The public directory, ready for a list page (a constant number of queries)."""
    return (
        listed_organisations()
        .select_related("region")
        .only(*ORGANISATION_FIELDS)
        .prefetch_related("communities", "languages", "thematic_fields")
        .order_by(german("name"), "pk")
    )


def public_organisation(pk: int) -> MigrantOrganisation:
    """One listed, non-archived organisation with its public facts and its own description;
    404 otherwise."""
    return get_object_or_404(
        directory().only(*ORGANISATION_FIELDS, "activities", "audience").prefetch_related("roles"),
        pk=pk,
    )


# --- Guide finder ---------------------------------------------------------------------------


class PublicParts(TypedDict):
    """What ``guide_finder`` adds to each guide: NULL (``None``) for what is not public."""

    public_first_name: str | None
    public_last_name: str | None
    public_email: str | None
    public_phone: str | None
    has_public_photo: bool
    public_organisations: list[MigrantOrganisation]


def guide_finder() -> "QuerySet[WithAnnotations[Guide, PublicParts]]":
    """The guides of the public finder, with only the public parts of each profile.

    ``public_first_name``, ``public_last_name``, ``public_email`` and ``public_phone`` are NULL
    unless the guide made them public, and the real fields are not loaded, so nothing hidden
    reaches a page. ``public_organisations`` holds only organisations listed in the directory.
    Turn a page of these into what a template may show with ``guide_cards``.
    """
    text: CharField[str | None, str | None] = CharField()
    return (
        findable_guides()
        .select_related("region")
        .only(
            "region__name",
            "region__slug",
            "name_visibility",
            "photo_visibility",
            "contact_visibility",
            "languages_visibility",
            "expertise_visibility",
        )
        .annotate(
            public_first_name=_if_public("name_visibility", "first_name", text),
            public_last_name=_if_public("name_visibility", "last_name", text),
            public_email=_if_public("contact_visibility", "email", text),
            public_phone=_if_public("contact_visibility", "phone", text),
            has_public_photo=Case(
                When(Q(photo_visibility=PUBLIC) & ~Q(photo=""), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
        )
        .prefetch_related(
            Prefetch(
                "organisations",
                queryset=listed_organisations().only("name", "city").order_by(german("name")),
                to_attr="public_organisations",
            )
        )
        # Guides without a public name come last, and in no order that hints at their name.
        .order_by(german("public_last_name").asc(nulls_last=True), "public_first_name", "pk")
    )


@dataclass(frozen=True)
class PublicGuide:
    """What the public may see of one guide: every value here was made public by the guide."""

    pk: int
    name: str  # empty when the name is not public
    label: str  # the name, or a neutral "guide from <organisation or region>"
    has_photo: bool
    languages: list[tuple[str, str]]  # (language, level)
    expertise: list[str]
    organisations: list[str]
    region_name: str
    region_slug: str
    email: str
    phone: str
    coordination: str  # whom to contact when email and phone are not public


def _coordination_names(region_ids: set[int]) -> dict[int, str]:
    """Per region, the agency its coordination works from (a regional agency first)."""
    rows = (
        Agency.objects.active()
        .filter(kind__in=COORDINATING_KINDS, regions__in=region_ids)
        .values_list("regions", "kind", "name")
        .order_by()
    )
    best: dict[int, tuple] = {}
    for region_id, kind, name in rows:
        rank = (COORDINATING_KINDS.index(kind), _german_key(name))
        if region_id not in best or rank < best[region_id]:
            best[region_id] = rank
    return {region_id: rank[1][1] for region_id, rank in best.items()}


def guide_cards(guides: "Iterable[WithAnnotations[Guide, PublicParts]]") -> list[PublicGuide]:
    """The public cards of ``guides`` (rows of ``guide_finder``), in three more queries at most.

    Languages and expertise are fetched only for the guides who made them public.
    """
    guides = list(guides)
    prefetch_related_objects(
        [guide for guide in guides if guide.languages_visibility == PUBLIC],
        Prefetch(
            "languages",
            queryset=GuideLanguage.objects.select_related("language"),
            to_attr="public_languages",
        ),
    )
    prefetch_related_objects(
        [guide for guide in guides if guide.expertise_visibility == PUBLIC],
        Prefetch("expertise", queryset=ExpertiseArea.objects.all(), to_attr="public_expertise"),
    )
    coordination = _coordination_names({guide.region_id for guide in guides}) if guides else {}
    cards = []
    for guide in guides:
        organisations = [organisation.name for organisation in guide.public_organisations]
        name = ""
        if guide.public_last_name is not None:
            name = f"{guide.public_first_name} {guide.public_last_name}".strip()
        place = organisations[0] if organisations else guide.region.name
        cards.append(
            PublicGuide(
                pk=guide.pk,
                name=name,
                label=name or _("Guide from %(place)s") % {"place": place},
                has_photo=guide.has_public_photo,
                languages=[
                    (str(entry.language), entry.get_level_display())
                    for entry in getattr(guide, "public_languages", [])
                ],
                expertise=[str(area) for area in getattr(guide, "public_expertise", [])],
                organisations=organisations,
                region_name=guide.region.name,
                region_slug=guide.region.slug,
                email=guide.public_email or "",
                phone=guide.public_phone or "",
                coordination=coordination.get(guide.region_id, guide.region.name),
            )
        )
    return cards
