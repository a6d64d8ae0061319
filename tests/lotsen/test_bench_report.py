"""``manage.py bench_report`` times the impact figures on a year that holds case records."""

from lotsen.bench.management.commands.bench_report import impact_period
from lotsen.demo.accompaniments import PER_PERIOD
from lotsen.demo.services import load_demo
from newsletters.reports.figures.impact import impact_figures


def test_the_impact_figures_are_timed_on_a_year_full_of_case_records(db):
    """At --scale 100 the figures count 100x these; an empty year would time nothing."""
    load_demo()
    accompaniments = impact_figures(impact_period()).figures[0]
    assert accompaniments.value == PER_PERIOD
    assert (impact_period().end - impact_period().start).days == 364  # a whole year
