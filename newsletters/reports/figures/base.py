"""The period a report covers and the plain data every topic returns: ``Period`` (whole days,
the period before it, evenly spread days for the timelines), ``Figure`` (a value beside the
previous period's, with its definition), ``Table`` (one table of the PDF, one sheet of the
XLSX, one CSV file), ``FigureGroup`` and ``short_date``. Nothing here queries the database.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import formats

from lotsen.accompaniments.figures import SUPPRESSED

# Points of the "status over time" chart: enough to show a trend, a fixed number of columns.
TIMELINE_POINTS = 12


def short_date(day: datetime.date) -> str:
    return formats.date_format(day, "SHORT_DATE_FORMAT")


@dataclass(frozen=True)
class Period:
    """Whole days from ``start`` to ``end``, both included, in the portal's time zone."""

    start: datetime.date
    end: datetime.date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> "Period":
        """The period of the same length that ends the day before this one starts.

        Whole calendar months compare with as many months before (a year with the year
        before, a half-year with the half-year before); other periods with as many days.
        """
        end = self.start - datetime.timedelta(days=1)
        if self.start.day == 1 and (self.end + datetime.timedelta(days=1)).day == 1:
            months = (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1
            first = self.start.year * 12 + self.start.month - 1 - months
            return Period(datetime.date(first // 12, first % 12 + 1, 1), end)
        return Period(end - datetime.timedelta(days=self.days - 1), end)

    def sample_days(self, points: int = TIMELINE_POINTS) -> list[datetime.date]:
        """Up to ``points`` days spread evenly over the period, its first and last among them."""
        if self.days <= points:
            return [self.start + datetime.timedelta(days=n) for n in range(self.days)]
        step = (self.days - 1) / (points - 1)
        return [self.start + datetime.timedelta(days=round(n * step)) for n in range(points)]

    def __str__(self) -> str:
        return f"{short_date(self.start)} – {short_date(self.end)}"


@dataclass
class Figure:
    label: str
    # Text where a small count is suppressed ("< 5", see ``lotsen.accompaniments.figures``).
    value: int | str
    previous: int | str | None
    definition: str

    @property
    def change(self) -> int | None:
        # No change is computed from a suppressed count: it would give the count away.
        if not (isinstance(self.value, int) and isinstance(self.previous, int)):
            return None
        return self.value - self.previous

    @property
    def change_text(self) -> str:
        """The change with its sign ("+3", "−2", "±0"), or a dash without a previous value."""
        change = self.change
        if change is None:
            return "–"
        return f"+{change}" if change > 0 else f"−{-change}" if change < 0 else "±0"


@dataclass
class Table:
    """A table of the report: in the PDF, as one sheet of the XLSX and as one CSV file."""

    key: str  # stable, for file names: "events-by-kind"
    title: str
    definition: str
    columns: list[str]
    rows: list[list]

    @property
    def typed_rows(self) -> list[list[tuple[object, bool]]]:
        """Each cell with whether it is a number (right-aligned in print)."""
        return [[(cell, _is_count(cell)) for cell in row] for row in self.rows]


def _is_count(cell) -> bool:
    # A suppressed count ("< 5") stands where a number would, aligned as one.
    return isinstance(cell, int | float) or cell == SUPPRESSED


@dataclass
class FigureGroup:
    key: str
    title: str
    figures: list[Figure]
    tables: list[Table] = field(default_factory=list)
