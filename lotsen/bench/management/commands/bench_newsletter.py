"""``manage.py bench_newsletter``: one issue to 50,000 subscribers, portal against plain smtplib.

Not a test: figures to read (issue 5, "Benchmark"). ``make bench`` runs it on its own
PostgreSQL database, ``<name>_newsletter`` beside the one in ``DATABASE_URL`` (``--database``
names another), and needs ``REDIS_URL``: a Redis no other worker listens on. The steps:

1. The database: created, migrated and given the demo network when needed; exactly N confirmed
   bench subscribers (``bench-000001@bench.invalid``, 90 % German, 10 % English), created once
   and reused. Earlier bench issues go, with their deliveries; a fresh copy of the demo issue
   is approved and rendered as editors would do it.
2. An SMTP sink on 127.0.0.1 in a process of its own (``lotsen.bench.smtp_sink``) counts what it
   receives per recipient; both measurements send into it.
3. Portal: a Celery worker (prefork, ``--concurrency``) on the same database and Redis, mailing
   to the sink. The clock runs from ``start_sending`` until the issue is ``sent``; the worker's
   memory (parent and pool processes) is sampled every second.
4. Plain: the same messages, built beforehand from the same renditions, sent with ``smtplib``
   over one connection.
5. The demo issue rendered to PDF: one warm-up and three timed runs.
"""

import glob
import os
import smtplib
import socket
import statistics
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction
from django.db.models import Count, Max
from django.utils import timezone

from events.models import EventReport
from lotsen.bench import aims, smtp_sink
from lotsen.bench.aims import verdict
from lotsen.bench.management.commands.bench import create_database, free_port, use_database
from lotsen.celery import app as celery_app
from lotsen.demo.services import load_demo
from newsletters.models import (
    Issue,
    IssueItem,
    IssueState,
    Rendition,
    Section,
    Subscriber,
    SubscriberState,
)
from newsletters.rendering.render import render_and_store, render_pdf_bytes
from newsletters.sending.messages import issue_message, rendition_for
from newsletters.sending.services import delivery_counts, start_sending

HOST = "127.0.0.1"
BENCH_DOMAIN = "bench.invalid"
# Bench issues live far above any real issue number and are replaced on every run.
BENCH_NUMBERS = 900_000
BENCH_TITLE = "Benchmark"
CHUNK = 5_000
AIM_RATIO = 0.75
MIB = 1024 * 1024
AIM_RSS_GROWTH = 0.10  # of the worker's memory at 10 %: "flat"
POLL_S = 0.5
SAMPLE_S = 1.0
STALL_TIMEOUT_S = 120  # without any delivery finished: the run is broken, not slow
WORKER_STARTUP_S = 60
PDF_RUNS = 3


@dataclass
class PortalRun:
    seconds: float
    deliveries: dict
    worker_cpu: float = 0.0  # seconds, parent and pool processes
    sink_cpu: float = 0.0
    rss: list[tuple[float, int]] = field(default_factory=list)  # (fraction done, bytes)
    received: dict = field(default_factory=dict)

    def rss_at(self, fraction: float) -> int:
        return next((rss for done, rss in self.rss if done >= fraction), self.rss[-1][1])


@dataclass
class PlainRun:
    seconds: float
    build_seconds: float
    messages: int
    client_cpu: float = 0.0
    sink_cpu: float = 0.0
    received: dict = field(default_factory=dict)


class Command(BaseCommand):
    help = (
        "Benchmark sending one issue to N confirmed subscribers through a Celery worker into "
        "an SMTP sink, against plain smtplib over one connection; and the issue's PDF."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--subscribers", type=int, default=50_000, help="confirmed subscribers (50000)"
        )
        parser.add_argument("--concurrency", type=int, default=2, help="worker processes (2)")
        parser.add_argument(
            "--database",
            help="PostgreSQL database of the run (default: <name of DATABASE_URL>_newsletter)",
        )

    def handle(self, *args, subscribers: int, concurrency: int, database, **options) -> None:
        if connection.vendor != "postgresql":
            raise CommandError(
                "The benchmark runs on PostgreSQL: use `make bench` or set DATABASE_URL."
            )
        if not settings.REDIS_URL:
            raise CommandError(
                "The benchmark sends through a Celery worker: set REDIS_URL (a Redis database "
                "no other worker uses)."
            )
        if subscribers < 1 or concurrency < 1:
            raise CommandError("--subscribers and --concurrency must be at least 1.")
        database = database or f"{connection.settings_dict['NAME']}_newsletter"
        load = os.getloadavg()

        with use_database(database):
            self.prepare(database)
            source = demo_issue()
            bench_subscribers = ensure_subscribers(subscribers)
            self.issue = issue = fresh_issue(source or stand_in_issue())
            confirmed = Subscriber.objects.filter(state=SubscriberState.CONFIRMED)
            recipients = {address.lower() for address in confirmed.values_list("email", flat=True)}
            self.stdout.write(
                f"Issue {issue.number} rendered; {len(recipients):,} confirmed subscribers "
                f"({bench_subscribers:,} bench)."
            )
            sink = smtp_sink.start(free_port(), cwd=settings.BASE_DIR)
            try:
                self.portal = portal = self.portal_run(issue, sink, concurrency)
                self.plain = plain = self.plain_run(issue, sink)
            finally:
                sink.stop()
            pdf_seconds = time_pdf(source or issue)

        self.report(
            len(recipients), recipients, concurrency, portal, plain, pdf_seconds, source, load
        )

    def prepare(self, database: str) -> None:
        self.stdout.write(f"Database {database}: migrate, demo network …")
        create_database(database)
        call_command("migrate", interactive=False, verbosity=0)
        with transaction.atomic():
            load_demo()

    def portal_run(self, issue: Issue, sink, concurrency: int) -> PortalRun:
        eager = celery_app.conf.task_always_eager
        celery_app.conf.task_always_eager = False  # tests run tasks in-process; not here
        try:
            with celery_worker(concurrency, sink.port, self.stdout) as worker:
                sink.take()  # anything from before the run is not the run's
                cpu = tree_cpu(worker.pid), tree_cpu(sink.process.pid)
                started, started_at = time.perf_counter(), timezone.now()
                queued = start_sending(issue)
                self.stdout.write(f"Portal: {queued:,} deliveries queued …")
                run = PortalRun(0.0, {})
                last_sample = last_progress = started
                last_done = -1
                while True:
                    issue.refresh_from_db(fields=["state", "sent_at"])
                    counts = delivery_counts(issue)
                    now = time.perf_counter()
                    done = sum(counts[key] for key in ("sent", "failed", "unclear", "skipped"))
                    if issue.state == IssueState.SENT:
                        # The worker's own clock stamps the end, not the next poll.
                        run.seconds = (issue.sent_at - started_at).total_seconds()
                        run.rss.append((1.0, worker_rss(worker.pid)))
                        run.deliveries = counts
                        run.worker_cpu = tree_cpu(worker.pid) - cpu[0]
                        run.sink_cpu = tree_cpu(sink.process.pid) - cpu[1]
                        break
                    if now - last_sample >= SAMPLE_S:
                        run.rss.append((done / max(counts["total"], 1), worker_rss(worker.pid)))
                        last_sample = now
                    if done != last_done:
                        last_done, last_progress = done, now
                    elif now - last_progress > STALL_TIMEOUT_S:
                        raise CommandError(
                            f"No delivery finished for {STALL_TIMEOUT_S} s: {counts}; "
                            f"worker log: {worker.log}"
                        )
                    if worker.poll() is not None:
                        raise CommandError(f"The worker stopped; its log: {worker.log}")
                    time.sleep(POLL_S)
            # After the worker stopped: its last messages (the editors' summary) are in.
            run.received = sink.take()
        finally:
            celery_app.conf.task_always_eager = eager
        return run

    def plain_run(self, issue: Issue, sink) -> PlainRun:
        renditions = {r.language: r for r in Rendition.objects.filter(issue=issue)}
        subscribers = Subscriber.objects.filter(state=SubscriberState.CONFIRMED).order_by("pk")
        self.stdout.write("Plain: building the messages …")
        started = time.perf_counter()
        messages = []
        for subscriber in subscribers.iterator(chunk_size=CHUNK):
            rendition = rendition_for(renditions, subscriber.language)
            message = issue_message(issue, rendition, subscriber)
            messages.append((subscriber.email, message.message().as_bytes(linesep="\r\n")))
        built = time.perf_counter() - started
        sender = settings.DEFAULT_FROM_EMAIL

        cpu = time.process_time(), tree_cpu(sink.process.pid)
        started = time.perf_counter()
        with smtplib.SMTP(HOST, sink.port) as smtp:
            for address, data in messages:
                smtp.sendmail(sender, [address], data)
        seconds = time.perf_counter() - started
        return PlainRun(
            seconds,
            built,
            len(messages),
            client_cpu=time.process_time() - cpu[0],
            sink_cpu=tree_cpu(sink.process.pid) - cpu[1],
            received=sink.take(),
        )

    def report(self, n, recipients, concurrency, portal, plain, pdf_seconds, source, load):
        portal_rate, plain_rate = n / portal.seconds, n / plain.seconds
        ratio = portal_rate / plain_rate
        rss = [portal.rss_at(fraction) for fraction in (0.1, 0.5, 0.9)] + [portal.rss[-1][1]]
        growth = rss[-1] - rss[0]
        counts = portal.deliveries
        load_text = ", ".join(f"{value:.1f}" for value in load)

        def per_message(seconds: float) -> str:
            return f"{seconds / n * 1000:.2f} ms"

        rows = [
            ("portal (Celery worker → SMTP sink)",
             f"{portal_rate:>7,.0f} msg/s {portal.seconds:>7.1f} s", ""),
            ("plain smtplib, one connection",
             f"{plain_rate:>7,.0f} msg/s {plain.seconds:>7.1f} s",
             f"(built beforehand in {plain.build_seconds:.1f} s)"),
            ("ratio portal / plain", f"{ratio:.2f}",
             f"(aim ≥ {AIM_RATIO}: {verdict(ratio >= AIM_RATIO)})"),
            ("CPU per message, portal",
             f"worker {per_message(portal.worker_cpu)}, sink {per_message(portal.sink_cpu)}",
             "(worker: parent and pool processes)"),
            ("CPU per message, plain",
             f"client {per_message(plain.client_cpu)}, sink {per_message(plain.sink_cpu)}",
             ""),
            ("worker RSS 10 % / 50 % / 90 % / end",
             " / ".join(f"{value / MIB:.0f}" for value in rss) + " MiB",
             f"growth {growth / MIB:+.1f} MiB (aim: flat, ≤ {AIM_RSS_GROWTH:.0%}: "
             f"{verdict(growth <= AIM_RSS_GROWTH * rss[0])})"),
            ("deliveries",
             f"{counts['sent']:,} sent of {counts['total']:,}",
             f"failed {counts['failed']}, unclear {counts['unclear']}, "
             f"skipped {counts['skipped']}"),
            ("sink (portal)", *sink_lines(portal.received, recipients)),
            ("sink (plain)", *sink_lines(plain.received, recipients)),
        ]  # fmt: skip
        self.stdout.write("")
        self.stdout.write(
            f"Newsletter sending, {n:,} subscribers, worker concurrency {concurrency}, "
            f"batches of {settings.NEWSLETTER_BATCH_SIZE}; {os.cpu_count()} CPUs, load average "
            f"before the run {load_text}"
        )
        for label, value, note in rows:
            self.stdout.write(f"  {label:<36} {value:<34} {note}".rstrip())
        aims.record(
            f"newsletter to {n:,}: at least {AIM_RATIO} of plain smtplib "
            f"({concurrency} worker processes)",
            f"{ratio:.2f}", ratio >= AIM_RATIO,
        )  # fmt: skip
        aims.record(
            "newsletter: worker memory flat", f"{growth / MIB:+.1f} MiB",
            growth <= AIM_RSS_GROWTH * rss[0],
        )  # fmt: skip
        duplicates, missing = sink_gaps(portal.received, recipients)
        aims.record(
            "newsletter: every subscriber exactly once",
            f"duplicates {duplicates}, missing {missing}", not duplicates and not missing,
        )  # fmt: skip
        self.stdout.write(
            f"Newsletter PDF ({source.title if source else 'stand-in issue'}): median "
            f"{statistics.median(pdf_seconds):.2f} s of {len(pdf_seconds)}"
        )


def sink_gaps(received: dict, recipients: set[str]) -> tuple[int, int]:
    """Copies beyond the first, and subscribers who got none."""
    counter = received["recipients"]
    to_subscribers = {address: count for address, count in counter.items() if address in recipients}
    duplicates = sum(count - 1 for count in to_subscribers.values())
    return duplicates, len(recipients) - len(to_subscribers)


def sink_lines(received: dict, recipients: set[str]) -> tuple[str, str]:
    """What the sink got against what every confirmed subscriber should get: one message."""
    counter = received["recipients"]
    to_subscribers = {address: count for address, count in counter.items() if address in recipients}
    duplicates, missing = sink_gaps(received, recipients)
    others = sum(count for address, count in counter.items() if address not in recipients)
    size = received["bytes"] / max(received["messages"], 1) / 1024
    return (
        f"{sum(to_subscribers.values()):,} messages, {len(to_subscribers):,} addresses",
        f"duplicates {duplicates}, missing {missing} ({verdict(not duplicates and not missing)}); "
        f"other mail {others}; {size:.1f} KiB per message",
    )


# --- Data ------------------------------------------------------------------------------------


def bench_address(index: int) -> str:
    return f"bench-{index:06d}@{BENCH_DOMAIN}"


def ensure_subscribers(n: int) -> int:
    """Exactly ``n`` confirmed bench subscribers; existing ones are kept across runs."""
    bench = Subscriber.objects.filter(email__endswith=f"@{BENCH_DOMAIN}")
    wanted = {bench_address(index): index for index in range(1, n + 1)}
    existing = set(bench.values_list("email", flat=True))
    stale = sorted(existing - wanted.keys())
    for start in range(0, len(stale), CHUNK):
        Subscriber.objects.filter(email__in=stale[start : start + CHUNK]).delete()
    now = timezone.now()
    bench.exclude(state=SubscriberState.CONFIRMED).update(
        state=SubscriberState.CONFIRMED, confirmed_at=now, unsubscribed_at=None
    )
    missing = [
        Subscriber(
            email=address,
            name=f"Bench {index}",
            language="en" if index % 10 == 0 else "de",
            state=SubscriberState.CONFIRMED,
            consent_text_version="bench",
            consent_given_at=now,
            confirmed_at=now,
        )
        for address, index in wanted.items()
        if address not in existing
    ]
    Subscriber.objects.bulk_create(missing, batch_size=CHUNK)
    if missing or stale:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE newsletters_subscriber")
    return n


def demo_issue() -> Issue | None:
    """The demo's issue (March 2014) when the demo has one: the lowest-numbered with items."""
    return (
        Issue.objects.filter(number__lt=BENCH_NUMBERS)
        .annotate(item_count=Count("items"))
        .filter(item_count__gt=0)
        .order_by("number")
        .first()
    )


def remove_bench_issues() -> None:
    for issue in Issue.objects.filter(number__gte=BENCH_NUMBERS):
        if issue.pdf:
            issue.pdf.delete(save=False)
        issue.delete()


def stand_in_issue() -> Issue:
    """An issue from the demo's event reports, for a demo without an issue of its own."""
    remove_bench_issues()
    issue = Issue.objects.create(
        number=BENCH_NUMBERS,
        title=f"{BENCH_TITLE} (stand-in)",
        issue_date=timezone.localdate(),
        state=IssueState.DRAFT,
    )
    reports = EventReport.objects.select_related("event").order_by("pk")[:12]
    IssueItem.objects.bulk_create(
        [
            IssueItem(
                issue=issue,
                section=Section.REGIONAL,
                position=position,
                region=report.event.region,
                report=report,
            )
            for position, report in enumerate(reports)
        ]
        + [
            IssueItem(
                issue=issue,
                section=Section.LEAD,
                headline="Lotsinnen und Lotsen im ganzen Land",
                teaser="Ein Jahr nach dem Start arbeiten Lotsinnen und Lotsen in allen Regionen.",
            ),
            IssueItem(
                issue=issue,
                section=Section.TICKER,
                headline="Neue Materialien",
                teaser="Der Flyer des Projekts liegt jetzt in vier Sprachen vor.",
            ),
        ]
    )
    return issue


def fresh_issue(source: Issue) -> Issue:
    """A copy of ``source`` with its items, approved and rendered; older bench issues go."""
    items = list(IssueItem.objects.filter(issue=source).order_by("pk"))
    if source.number < BENCH_NUMBERS:
        remove_bench_issues()
    number = max(BENCH_NUMBERS, (Issue.objects.aggregate(top=Max("number"))["top"] or 0)) + 1
    issue = Issue.objects.create(
        number=number,
        title=f"{BENCH_TITLE}: {source.title}",
        issue_date=source.issue_date,
        copy_deadline=source.copy_deadline,
        state=IssueState.APPROVED,
        approved_at=timezone.now(),
    )
    for item in items:
        item.pk = None
        item.issue = issue
        item._state.adding = True
    IssueItem.objects.bulk_create(items)
    render_and_store(issue)
    return issue


def time_pdf(issue: Issue) -> list[float]:
    render_pdf_bytes(issue)  # warm-up: fonts, templates
    seconds = []
    for _run in range(PDF_RUNS):
        started = time.perf_counter()
        render_pdf_bytes(issue)
        seconds.append(time.perf_counter() - started)
    return seconds


# --- The worker -------------------------------------------------------------------------------


def database_url() -> str:
    database = connection.settings_dict
    return (
        f"postgres://{quote(database['USER'] or '')}:{quote(database['PASSWORD'] or '')}"
        f"@{database['HOST'] or '127.0.0.1'}:{database['PORT'] or 5432}/{database['NAME']}"
    )


@contextmanager
def celery_worker(concurrency: int, smtp_port: int, stdout):
    """A prefork worker on the current database, mailing to ``smtp_port``; waits until ready.

    Refuses to run beside another worker on the same broker: that one would take a share of
    the batches (on its own database) and the figures would be meaningless.
    """
    others = celery_app.control.ping(timeout=1.0)
    if others:
        names = ", ".join(name for reply in others for name in reply)
        raise CommandError(
            f"Other Celery workers listen on REDIS_URL ({names}): give the benchmark a Redis "
            "database of its own."
        )
    var_dir = Path(settings.VAR_DIR) / "bench"
    var_dir.mkdir(parents=True, exist_ok=True)
    log = var_dir / "newsletter-worker.log"
    hostname = f"bench-newsletter-{os.getpid()}@{socket.gethostname()}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lotsen.settings",
        "DATABASE_URL": database_url(),
        "REDIS_URL": settings.REDIS_URL,
        "EMAIL_URL": f"smtp://{HOST}:{smtp_port}",
        "DJANGO_MEDIA_ROOT": str(settings.MEDIA_ROOT),
        # Production settings: with DEBUG every query would be kept in memory.
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": settings.SECRET_KEY,  # the links in the mails stay valid
        "DJANGO_LOG_LEVEL": "WARNING",
    }
    stdout.write(f"Worker {hostname} ({concurrency} processes, log: {log})")
    with log.open("w") as log_file:
        process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "lotsen", "worker", "--pool=prefork",
             f"--concurrency={concurrency}", "--without-gossip", "--without-mingle",
             "-Q", "celery", "-n", hostname, "--loglevel=WARNING"],
            cwd=settings.BASE_DIR, env=env, stdout=log_file, stderr=subprocess.STDOUT,
        )  # fmt: skip
        process.log = log
        try:
            deadline = time.monotonic() + WORKER_STARTUP_S
            while not celery_app.control.ping(destination=[hostname], timeout=0.5):
                if process.poll() is not None or time.monotonic() > deadline:
                    raise CommandError(f"The worker did not start; its log: {log}")
            yield process
        finally:
            process.terminate()  # warm shutdown: running batches finish
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def tree_cpu(pid: int) -> float:
    """CPU seconds (user and system) used so far by process ``pid`` and its descendants."""
    ticks, total, pending = os.sysconf("SC_CLK_TCK"), 0, [pid]
    while pending:
        current = pending.pop()
        try:
            with open(f"/proc/{current}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            total += sum(int(value) for value in fields[11:15])  # utime stime cutime cstime
            pending.extend(children(current))
        except (FileNotFoundError, ProcessLookupError):
            continue  # a pool process that just ended
    return total / ticks


def children(pid: int) -> list[int]:
    found = []
    for path in glob.glob(f"/proc/{pid}/task/*/children"):
        with open(path) as file:
            found.extend(int(child) for child in file.read().split())
    return found


def worker_rss(pid: int) -> int:
    """Resident memory of process ``pid`` and all its descendants, in bytes."""
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        try:
            with open(f"/proc/{current}/status") as status:
                for line in status:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
                        break
            pending.extend(children(current))
        except (FileNotFoundError, ProcessLookupError):
            continue  # a pool process that just ended
    return total
