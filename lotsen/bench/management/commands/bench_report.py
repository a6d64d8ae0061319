"""``manage.py bench_report``: the interim report for a full year on the demo scaled 100-fold.

Not a test: figures to read. It prepares the same two PostgreSQL databases as ``manage.py
bench`` (``<name>_demo`` with the demo network, ``<name>`` with ``seed_demo --scale N``; see
``lotsen.bench.management.commands.bench``), counts the queries of the figures on both, then builds
the report for the year on the scaled one, step by step as the Celery task does, and prints:
time to compute the figures, to render the PDF, to write the XLSX and CSV files, the queries,
the PDF's pages and the whole time, beside the aims (figures under 2 s, whole under 20 s, the
same number of queries at both sizes). Beside them, the impact figures (the section
"Begleitungen und Wirkung") for the seed's full year of case records: their time and their
queries at both sizes. Nothing is stored: no report row, no files.
"""

import datetime
import io
import os
import time

import pypdf
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from lotsen.bench import aims
from lotsen.bench.aims import verdict
from lotsen.bench.management.commands.bench import Command as BenchCommand
from lotsen.bench.management.commands.bench import use_database
from lotsen.demo.accompaniments import FULL_YEAR
from lotsen.models.accompaniments import Accompaniment
from newsletters.reports import documents
from newsletters.reports.figures.base import Period
from newsletters.reports.figures.impact import impact_figures
from newsletters.reports.figures.report import collect

AIM_FIGURES_S = 1
AIM_PDF_S = 10


def impact_period() -> Period:
    """The year whose impact figures are timed: the seed's one full year of case records.

    The report's own year (last year by default) holds hardly any: the seed puts the other
    half of its records in the twelve months up to the day of seeding, so timing that year
    would measure an empty table.
    """
    return Period(*FULL_YEAR)


class Command(BaseCommand):
    help = (
        "Benchmark the interim report for a full year on seed_demo --scale N (PostgreSQL): "
        "figures, PDF, XLSX/CSV, queries, pages."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", type=int, default=100, help="seed_demo --scale (100)")
        parser.add_argument(
            "--year", type=int, default=None, help="the report's year (default: last year)"
        )
        parser.add_argument("--language", default="de", choices=["de", "en"])
        parser.add_argument(
            "--keep", metavar="DIR", help="also write the PDF, XLSX and zip into DIR"
        )

    def handle(self, *args, scale: int, year: int | None, language: str, keep, **options):
        if connection.vendor != "postgresql":
            raise CommandError(
                "The benchmark runs on PostgreSQL: use `make bench` or set DATABASE_URL."
            )
        if scale < 1:
            raise CommandError("--scale must be at least 1.")
        year = year or timezone.localdate().year - 1
        period = Period(datetime.date(year, 1, 1), datetime.date(year, 12, 31))
        name = connection.settings_dict["NAME"]
        sizes = {"demo": f"{name}_demo", f"×{scale}": name}
        preparer = BenchCommand(stdout=self.stdout, stderr=self.stderr)

        queries: dict[str, int] = {}
        # The accompaniments' figures (a part of the report's): queries at both sizes, time.
        self.impact_queries: dict[str, int] = {}
        with translation.override(language):
            for size, database in sizes.items():
                with use_database(database):
                    preparer.prepare(database, scale=0 if size == "demo" else scale)
                    collect(period)  # the first query of a connection sets it up
                    # The query log keeps the last 9,000 queries: after seeding it is full, and
                    # a capture would count none.
                    connection.queries_log.clear()
                    with CaptureQueriesContext(connection) as captured:
                        collect(period)
                    queries[size] = len(captured)
                    with CaptureQueriesContext(connection) as captured:
                        impact_figures(impact_period())
                    self.impact_queries[size] = len(captured)
            with use_database(name):
                timings, pdf, xlsx, archive, data = self.build(period, language)
                started = [time.perf_counter(), time.process_time()]
                impact_figures(impact_period())
                timings["impact"] = (
                    time.perf_counter() - started[0],
                    time.process_time() - started[1],
                )
                year = impact_period()
                self.impact_records = Accompaniment.objects.filter(
                    date__gte=year.start, date__lte=year.end
                ).count()
        pages = len(pypdf.PdfReader(io.BytesIO(pdf)).pages)
        if keep:
            os.makedirs(keep, exist_ok=True)
            for content, extension in ((pdf, "pdf"), (xlsx, "xlsx"), (archive, "zip")):
                path = os.path.join(keep, f"bench-report-{year}.{extension}")
                with open(path, "wb") as file:
                    file.write(content)
            self.stdout.write(f"Files written to {keep}")
        self.report(period, sizes, queries, timings, pages, data, pdf, xlsx, archive)

    def build(self, period: Period, language: str):
        """The steps of the Celery task, timed; nothing stored.

        Each step is timed twice: wall-clock time, and the CPU time of this process, which
        other work on a busy machine does not stretch (rendering runs in one thread).
        """
        timings: dict[str, tuple[float, float]] = {}
        clocks = (time.perf_counter, time.process_time)
        started = [clock() for clock in clocks]

        def lap(name: str, since: list[float]) -> list[float]:
            now = [clock() for clock in clocks]
            timings[name] = (now[0] - since[0], now[1] - since[1])
            return now

        data = collect(period)
        step = lap("figures", started)
        pdf = documents.pdf(data, lang=language)
        step = lap("pdf", step)
        xlsx = documents.xlsx(data)
        archive = documents.csv_zip(data)
        lap("tables", step)
        lap("whole", started)
        return timings, pdf, xlsx, archive, data

    def report(self, period, sizes, queries, timings, pages, data, pdf, xlsx, archive) -> None:
        demo, scaled = sizes
        load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
        sections = sum(1 for region in data.regions if region.has_news)
        self.stdout.write("")
        self.stdout.write(
            "Times: wall clock, and in brackets the CPU time of this process, which a busy "
            "machine does not stretch; the verdicts go by wall clock."
        )
        self.stdout.write(
            f"Interim report {period} on {sizes[scaled]}: {len(data.regions)} regions "
            f"({sections} with a section of their own), {len(data.event_table.rows)} events; "
            f"{os.cpu_count()} CPUs, load average now {load}."
        )

        def seconds(name: str) -> str:
            wall, cpu = timings[name]
            return f"{wall:.2f} s ({cpu:.2f} s CPU)"

        rows = [
            ("figures computed", seconds("figures"), f"< {AIM_FIGURES_S} s",
             verdict(timings["figures"][0] < AIM_FIGURES_S)),
            ("PDF rendered (with charts)", seconds("pdf"), f"< {AIM_PDF_S} s",
             verdict(timings["pdf"][0] < AIM_PDF_S)),
            ("XLSX and CSV written", seconds("tables"), "", ""),
            ("whole report", seconds("whole"), "", ""),
            (f"queries ({demo} / {scaled})", f"{queries[demo]} / {queries[scaled]}",
             "the same", verdict(queries[demo] == queries[scaled])),
            ("PDF pages", str(pages), "", ""),
            ("file sizes (PDF / XLSX / zip)",
             f"{len(pdf) // 1024} / {len(xlsx) // 1024} / {len(archive) // 1024} KiB", "", ""),
        ]  # fmt: skip
        rows[1:1] = [
            (f"impact figures {impact_period().start.year} ({self.impact_records} acc.)",
             seconds("impact"), f"< {AIM_FIGURES_S} s",
             verdict(timings["impact"][0] < AIM_FIGURES_S)),
            (f"impact queries ({demo} / {scaled})",
             f"{self.impact_queries[demo]} / {self.impact_queries[scaled]}", "the same",
             verdict(self.impact_queries[demo] == self.impact_queries[scaled])),
        ]  # fmt: skip
        for label, value, aim, outcome in rows:
            self.stdout.write(f"{label:<32} {value:>28}   {aim:<10} {outcome}")
            if aim:
                aims.record(f"interim report {period}: {label} {aim}", value, outcome == "OK")
