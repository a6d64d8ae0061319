import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsletters.reports.figures.base import Period
from newsletters.reports.figures.report import first_year

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PeriodKind:
    YEAR = "year"
    HALF_YEAR = "half"
    DATES = "dates"


def year_choices() -> list[tuple[int, int]]:
    """From the year the network's history starts up to this year, newest first."""
    this_year = timezone.localdate().year
    first = first_year() or this_year
    return [(year, year) for year in range(this_year, min(first, this_year) - 1, -1)]


class ReportRequestForm(forms.Form):
    """A period for the report: a calendar year, a half-year, or any two dates."""

    kind = forms.ChoiceField(
        label=_("Period"),
        choices=[
            (PeriodKind.YEAR, _("a calendar year")),
            (PeriodKind.HALF_YEAR, _("a half-year")),
            (PeriodKind.DATES, _("from one date to another")),
        ],
        initial=PeriodKind.YEAR,
        widget=forms.RadioSelect,
    )
    year = forms.TypedChoiceField(
        label=_("Year"),
        coerce=int,
        required=False,
        help_text=_("For a calendar year or a half-year."),
    )
    half = forms.TypedChoiceField(
        label=_("Half-year"),
        coerce=int,
        required=False,
        choices=[(1, _("first half (January to June)")), (2, _("second half (July to December)"))],
        initial=1,
    )
    start = forms.DateField(label=_("From"), required=False, widget=DATE_INPUT)
    end = forms.DateField(label=_("Until"), required=False, widget=DATE_INPUT)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = year_choices()
        self.fields["year"].choices = choices
        # The last complete year is what funders usually ask for.
        last_year = timezone.localdate().year - 1
        years = [year for year, _label in choices]
        self.fields["year"].initial = last_year if last_year in years else years[0]

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind in (PeriodKind.YEAR, PeriodKind.HALF_YEAR) and not data.get("year"):
            self.add_error("year", _("Choose a year."))
        if kind == PeriodKind.HALF_YEAR and not data.get("half"):
            self.add_error("half", _("Choose the first or the second half."))
        if kind == PeriodKind.DATES:
            for name in ("start", "end"):
                if not data.get(name) and name not in self.errors:
                    self.add_error(name, _("Enter a date."))
        return data

    @property
    def period(self) -> Period:
        """The chosen period; only for a valid form."""
        data = self.cleaned_data
        if data["kind"] == PeriodKind.DATES:
            return Period(data["start"], data["end"])
        year = data["year"]
        if data["kind"] == PeriodKind.HALF_YEAR:
            if data["half"] == 1:
                return Period(datetime.date(year, 1, 1), datetime.date(year, 6, 30))
            return Period(datetime.date(year, 7, 1), datetime.date(year, 12, 31))
        return Period(datetime.date(year, 1, 1), datetime.date(year, 12, 31))
