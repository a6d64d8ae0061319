"""One section per region: every region with a cooperation status on the period's last day,
with its status history, agencies, migrant organisations and guides on that day and its
events of the period; the statewide events; and the two tables drawn from them (regions at
the end of the period, events of the period). Six queries, whatever the number of regions.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import Event, EventKind
from lotsen.core.search import german
from lotsen.models.guides import Guide, GuideStatus
from newsletters.reports.figures.base import Period, Table, short_date
from newsletters.reports.figures.queries import (
    GUIDES_IN_NETWORK,
    in_period,
    organisation_present_on,
    organisations_with_dates,
)
from organisations.models import Agency, MigrantOrganisation
from regions.models import CooperationStatus, Region, RegionStatusChange


@dataclass
class EventLine:
    starts_at: datetime.datetime
    title: str
    kind: str
    city: str
    headcount: int | None
    headline: str = ""
    dateline: str = ""
    teaser: str = ""


@dataclass
class TimelineEntry:
    valid_from: datetime.date
    status: str
    note: str
    in_period: bool


@dataclass
class RegionSection:
    pk: int
    name: str
    slug: str
    status: str
    status_since: datetime.date
    timeline: list[TimelineEntry] = field(default_factory=list)
    agencies: list[tuple[str, datetime.date | None]] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)
    guides: int = 0
    active_guides: int = 0
    events: list[EventLine] = field(default_factory=list)

    @property
    def earlier_history(self) -> list[TimelineEntry]:
        return [entry for entry in self.timeline if not entry.in_period]

    @property
    def period_history(self) -> list[TimelineEntry]:
        return [entry for entry in self.timeline if entry.in_period]

    @property
    def has_news(self) -> bool:
        """Did anything happen in the region during the period: a status change or an event?"""
        return bool(self.events) or any(entry.in_period for entry in self.timeline)

    @property
    def cooperating_agencies(self) -> int:
        return sum(1 for _name, agreed in self.agencies if agreed)

    @property
    def participants(self) -> int:
        return sum(event.headcount or 0 for event in self.events)


def region_sections(period: Period) -> tuple[list[RegionSection], list[EventLine]]:
    """One section per region that had a status on the period's last day, and the statewide
    events of the period; six queries, whatever the number of regions or events."""
    end = period.end
    regions = (
        Region.objects.with_status(end)
        .filter(status__isnull=False)
        .order_by(german("name"), "pk")
        .values("pk", "name", "slug", "status", "status_since")
    )
    sections = {
        row["pk"]: RegionSection(
            row["pk"],
            row["name"],
            row["slug"],
            str(CooperationStatus(row["status"]).label),
            row["status_since"],
        )
        for row in regions
    }
    labels = dict(CooperationStatus.choices)
    for change in (
        RegionStatusChange.objects.filter(valid_from__lte=end)
        .order_by("region", "valid_from")
        .values("region_id", "valid_from", "status", "note")
    ):
        if change["region_id"] in sections:
            sections[change["region_id"]].timeline.append(
                TimelineEntry(
                    change["valid_from"],
                    str(labels[change["status"]]),
                    change["note"],
                    period.start <= change["valid_from"],
                )
            )
    agencies = (
        Agency.regions.through.objects.filter(
            Q(agency__archived_at__isnull=True) | Q(agency__archived_at__date__gt=end)
        )
        .order_by(german("agency__name"))
        .values("region_id", "agency__name", "agency__cooperation_agreed_on")
    )
    for link in agencies:
        if link["region_id"] in sections:
            agreed = link["agency__cooperation_agreed_on"]
            sections[link["region_id"]].agencies.append(
                (link["agency__name"], agreed if agreed and agreed <= end else None)
            )
    organisations = (
        organisations_with_dates(MigrantOrganisation.objects.all())
        .filter(organisation_present_on(end))
        .order_by(german("name"))
        .values("region_id", "name")
    )
    for organisation in organisations:
        if organisation["region_id"] in sections:
            sections[organisation["region_id"]].organisations.append(organisation["name"])
    for row in (
        Guide.objects.with_status(end)
        .filter(status__in=GUIDES_IN_NETWORK)
        .order_by()
        .values("region_id", "status")
        .annotate(n=Count("pk"))
    ):
        if row["region_id"] in sections:
            sections[row["region_id"]].guides += row["n"]
            if row["status"] == GuideStatus.ACTIVE:
                sections[row["region_id"]].active_guides += row["n"]
    statewide: list[EventLine] = []
    kinds = dict(EventKind.choices)
    for event in (
        Event.objects.filter(in_period(period, "starts_at__date"))
        .select_related("report")
        .order_by("starts_at", "pk")
        .only(
            "region_id",
            "starts_at",
            "title",
            "kind",
            "city",
            "headcount",
            "report__headline",
            "report__dateline",
            "report__teaser",
        )
    ):
        report = getattr(event, "report", None)
        line = EventLine(
            timezone.localtime(event.starts_at),
            event.title,
            str(kinds.get(event.kind, event.kind)),
            event.city,
            event.headcount,
            report.headline if report else "",
            report.dateline if report else "",
            report.teaser if report else "",
        )
        if event.region_id is None:
            statewide.append(line)
        elif event.region_id in sections:
            sections[event.region_id].events.append(line)
    return list(sections.values()), statewide


def region_table(period: Period, sections: list[RegionSection]) -> Table:
    return Table(
        "regions",
        _("Regions at the end of the period"),
        _(
            "Each region with a cooperation status on the period's last day: its status, "
            "partners and guides on that day, and its events during the period."
        ),
        [
            _("Region"),
            _("Cooperation status"),
            _("since"),
            _("migrant organisations"),
            _("cooperating agencies"),
            _("guides in the network"),
            _("active guides"),
            _("events"),
            _("participants"),
        ],
        [
            [
                section.name,
                section.status,
                short_date(section.status_since),
                len(section.organisations),
                section.cooperating_agencies,
                section.guides,
                section.active_guides,
                len(section.events),
                section.participants,
            ]
            for section in sections
        ],
    )


def event_table(sections: list[RegionSection], statewide: list[EventLine]) -> Table:
    rows = [(section.name, event) for section in sections for event in section.events] + [
        (_("statewide"), event) for event in statewide
    ]
    rows.sort(key=lambda pair: pair[1].starts_at)
    return Table(
        "events",
        _("Events of the period"),
        _("Every event that started within the period, with its report's teaser."),
        [
            _("Date"),
            _("Title"),
            _("Kind"),
            _("Region"),
            _("City"),
            _("participants"),
            _("Report"),
            _("Teaser"),
        ],
        [
            [
                short_date(event.starts_at.date()),
                event.title,
                event.kind,
                region,
                event.city,
                event.headcount if event.headcount is not None else "",
                event.headline,
                event.teaser,
            ]
            for region, event in rows
        ],
    )
