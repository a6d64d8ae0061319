"""The network's partners: migrant organisations in the network and new ones, also by
community and by thematic field (three queries), and cooperating agencies by kind with the
agreements signed within the period (one query), each beside the previous period.
"""

import datetime

from django.db.models import Count, Q
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from lotsen.core.search import german
from newsletters.reports.figures.base import Figure, FigureGroup, Period, Table, short_date
from newsletters.reports.figures.queries import (
    in_period,
    organisation_present_on,
    organisations_with_dates,
)
from organisations.models import Agency, AgencyKind, MigrantOrganisation

# --- Migrant organisations ------------------------------------------------------------------


def _vocabulary_table(
    period: Period, relation: str, term: str, key: str, title: str, heading: str
) -> Table:
    """Organisations present on the last days and new ones, per term of a vocabulary."""
    previous = period.previous()
    through = getattr(MigrantOrganisation, relation).through
    rows = (
        organisations_with_dates(through.objects.all(), "migrantorganisation__")
        .order_by()
        .values(f"{term}__name", f"{term}__name_en")
        .annotate(
            at_end=Count("migrantorganisation", filter=organisation_present_on(period.end)),
            at_previous_end=Count(
                "migrantorganisation", filter=organisation_present_on(previous.end)
            ),
            new=Count("migrantorganisation", filter=in_period(period, "joined")),
        )
        .order_by(german(f"{term}__name"))
    )
    english = (get_language() or "de").startswith("en")
    table_rows = [
        [
            (row[f"{term}__name_en"] if english and row[f"{term}__name_en"] else "")
            or row[f"{term}__name"],
            row["at_end"],
            row["at_previous_end"],
            row["new"],
        ]
        for row in rows
        if row["at_end"] or row["at_previous_end"] or row["new"]
    ]
    return Table(
        key,
        title,
        _(
            "Organisations in the network on the last day of each period, and those that "
            "joined during the period; an organisation with several entries counts under each."
        ),
        [heading, short_date(period.end), short_date(previous.end), _("new in the period")],
        table_rows,
    )


def organisation_figures(period: Period) -> FigureGroup:
    """Organisations in the network and new ones, by community and thematic field."""
    previous = period.previous()
    counts = organisations_with_dates(MigrantOrganisation.objects.all()).aggregate(
        at_end=Count("pk", filter=organisation_present_on(period.end)),
        at_previous_end=Count("pk", filter=organisation_present_on(previous.end)),
        new=Count("pk", filter=in_period(period, "joined")),
        new_before=Count("pk", filter=in_period(previous, "joined")),
    )
    figures = [
        Figure(
            _("Migrant organisations involved"),
            counts["at_end"],
            counts["at_previous_end"],
            _(
                "Organisations that had joined the network by the period's last day and were "
                "not archived by then (without a joining date: the day they were recorded)."
            ),
        ),
        Figure(
            _("New migrant organisations"),
            counts["new"],
            counts["new_before"],
            _("Organisations whose joining date lies within the period."),
        ),
    ]
    tables = [
        _vocabulary_table(
            period,
            "communities",
            "community",
            "organisations-by-community",
            _("Migrant organisations by community"),
            _("Community"),
        ),
        _vocabulary_table(
            period,
            "thematic_fields",
            "thematicfield",
            "organisations-by-field",
            _("Migrant organisations by thematic field"),
            _("Thematic field"),
        ),
    ]
    return FigureGroup("organisations", _("Migrant organisations"), figures, tables)


# --- Cooperating agencies -------------------------------------------------------------------


def _agency_cooperating_on(day: datetime.date, prefix: str = "") -> Q:
    return Q(**{f"{prefix}cooperation_agreed_on__lte": day}) & (
        Q(**{f"{prefix}archived_at__isnull": True}) | Q(**{f"{prefix}archived_at__date__gt": day})
    )


def agency_figures(period: Period) -> FigureGroup:
    previous = period.previous()
    rows = {
        row["kind"]: row
        for row in Agency.objects.order_by()
        .values("kind")
        .annotate(
            at_end=Count("pk", filter=_agency_cooperating_on(period.end)),
            at_previous_end=Count("pk", filter=_agency_cooperating_on(previous.end)),
            new=Count("pk", filter=in_period(period, "cooperation_agreed_on")),
            new_before=Count("pk", filter=in_period(previous, "cooperation_agreed_on")),
        )
    }

    def total(name: str) -> int:
        return sum(row[name] for row in rows.values())

    figures = [
        Figure(
            _("Cooperating agencies"),
            total("at_end"),
            total("at_previous_end"),
            _(
                "Agencies with a cooperation agreement signed by the period's last day and not "
                "archived by then."
            ),
        ),
        Figure(
            _("New cooperation agreements"),
            total("new"),
            total("new_before"),
            _("Agencies whose cooperation agreement was signed within the period."),
        ),
    ]
    table = Table(
        "agencies-by-kind",
        _("Cooperating agencies by kind"),
        _("Agencies with a cooperation agreement on the last day of each period."),
        [_("Kind"), short_date(period.end), short_date(previous.end), _("new in the period")],
        [
            [
                str(kind.label),
                rows.get(kind.value, {}).get("at_end", 0),
                rows.get(kind.value, {}).get("at_previous_end", 0),
                rows.get(kind.value, {}).get("new", 0),
            ]
            for kind in AgencyKind
        ],
    )
    return FigureGroup("agencies", _("Cooperating agencies"), figures, [table])
