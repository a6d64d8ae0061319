"""``manage.py bench``: latency and queries per page on the demo network scaled 100-fold.

Not a test: figures to read (README, "Benchmark"). ``make bench`` runs it on its own
PostgreSQL database. The steps:

1. Two databases, created, migrated and seeded when needed (a second run reuses them):
   ``<name>_demo`` with the demo network, ``<name>`` with ``seed_demo --scale 100`` on top.
2. SQL queries per request, counted in this process with Django's test client on both: a
   page whose count grows with the data shows a different figure for the two sizes.
3. gunicorn (2 workers, production settings over plain HTTP) on a free port of 127.0.0.1
   serving ``<name>``; one client logs in as the demo coordinator and the demo admin through
   the login form and requests each page many times in a row: median and p99 latency.
4. A table of both, with the aims: p99 under 100 ms, a median at most twice the reference
   page's (lotsen.bench.reference, measured in the same run for the same visitor), at most 12
   queries, the same count at both sizes. The verdicts go to lotsen.bench.aims, whose table
   ``manage.py bench_summary`` prints at the end of ``make bench``.
"""

import http.client
import os
import re
import secrets
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from io import StringIO
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import NoReverseMatch, reverse

from lotsen.bench import aims, load
from lotsen.bench.aims import verdict
from lotsen.demo.network import DEMO_PASSWORD
from lotsen.models.accounts import User

WORKSPACE_PAGES = [
    "dashboard",
    "regions:list",
    "organisations:list",
    "organisations:agency-list",
    "guides:list",
    "events:list",
    "referrals:list",
    "messages:list",
]
PUBLIC_PAGES = [
    "home",
    "public:directory",
    "public:guide-finder",
    "calendar:list",
    "calendar:feed",
    "referrals:request",
    # The JSON API's public lists, beside the pages they mirror.
    "api:events",
    "api:organisations",
    "api:guides",
]
# The members' area, as the demo guide sees it (the calendar with the internal dates, the
# document library and the working groups).
MEMBER_PAGES = [
    "members:start",
    "members:directory",
    "members:coordinators",
    "calendar:list",
    "documents:list",
    "groups:list",
]
VISITORS = {  # who requests which pages: workspace pages logged in, public pages anonymously
    "guide": ("lotse@demo.lotsen.de", MEMBER_PAGES),
    "coordinator": ("koordination@demo.lotsen.de", WORKSPACE_PAGES),
    "admin": ("admin@demo.lotsen.de", WORKSPACE_PAGES),
    "public": (None, PUBLIC_PAGES),
}
REFERENCE = "bench-reference"  # lotsen.bench.urls
BENCH_URLS = "lotsen.bench.urls"
AIM_P99_MS = 100
AIM_REFERENCE_RATIO = 2  # a page's median over the reference page's, same visitor, same run
AIM_QUERIES = 12
WARMUP_REQUESTS = 10  # per page, not timed: the workers compile templates and fill caches
STARTUP_TIMEOUT_S = 30
HOST = "127.0.0.1"


@dataclass
class Row:
    visitor: str
    name: str
    path: str
    queries: dict[str, int] = field(default_factory=dict)  # database size -> queries
    samples_ms: list[float] = field(default_factory=list)
    error: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.samples_ms)

    @property
    def p99(self) -> float:
        return statistics.quantiles(self.samples_ms, n=100, method="inclusive")[98]


class Command(BaseCommand):
    help = (
        "Benchmark the list pages and the dashboard on seed_demo --scale N (PostgreSQL): "
        "queries per request at demo size and at scale, median and p99 latency via gunicorn."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", type=int, default=100, help="seed_demo --scale (100)")
        parser.add_argument("--requests", type=int, default=200, help="per page (200)")
        parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (2)")
        parser.add_argument(
            "--load-seconds", type=int, default=60, help="wrk over the mix of pages (60; 0: none)"
        )
        parser.add_argument("--connections", type=int, default=32, help="wrk connections (32)")

    def handle(
        self,
        *args,
        scale: int,
        requests: int,
        workers: int,
        load_seconds: int,
        connections: int,
        **options,
    ) -> None:
        if connection.vendor != "postgresql":
            raise CommandError(
                "The benchmark runs on PostgreSQL: use `make bench` or set DATABASE_URL."
            )
        if requests < 100 or scale < 1:
            raise CommandError("p99 needs at least 100 requests per page; --scale at least 1.")
        name = connection.settings_dict["NAME"]
        sizes = {"demo": f"{name}_demo", f"×{scale}": name}
        aims.start_run()

        rows, skipped = self.pages()
        for size, database in sizes.items():
            with use_database(database):
                self.prepare(database, scale=0 if size == "demo" else scale)
                for row in rows:
                    count_queries(row, size)
        for row in rows:
            if row.error:
                self.stderr.write(f"{row.visitor} {row.name}: {row.error}")

        load_before = os.getloadavg()  # of everything else on the machine, before ours
        under_load = None
        with gunicorn(workers, self.stdout) as port:
            cookies = {}
            for visitor, (email, _pages) in VISITORS.items():
                client = HttpClient(port)
                if email:
                    client.log_in(email, DEMO_PASSWORD)
                cookies[visitor] = "; ".join(f"{k}={v}" for k, v in client.cookies.items())
                for row in rows:
                    if row.visitor == visitor and not row.error:
                        time_page(client, row, requests)
            if load_seconds and not load.available():
                self.stderr.write("wrk is not installed (scripts/system-deps.sh): no load test.")
            elif load_seconds:
                under_load = self.load_test(port, rows, cookies, load_seconds, connections)

        self.report(rows, skipped, sizes, requests, workers, load_before)
        if under_load:
            self.report_load(*under_load, seconds=load_seconds, connections=connections)

    def load_test(self, port, rows, cookies, seconds, connections):
        """The mix of every measured page, then the reference page alone, under the same load."""
        base = f"http://{HOST}:{port}"
        mix = [(row.path, cookies[row.visitor]) for row in rows if not row.error]
        pages = [entry for entry, row in zip(mix, rows, strict=True) if row.name != REFERENCE]
        references = [entry for entry, row in zip(mix, rows, strict=True) if row.name == REFERENCE]
        self.stdout.write(f"Load: {connections} connections for {seconds} s, twice …")
        together = load.run(base, pages, seconds=seconds, connections=connections)
        alone = load.run(base, references, seconds=seconds, connections=connections)
        return len(pages), together, alone

    def report_load(self, pages: int, together, alone, *, seconds: int, connections: int) -> None:
        self.stdout.write(
            f"\nUnder load: wrk, {connections} connections for {seconds} s each, on the same "
            f"gunicorn.\n{'':<34} {'requests':>9} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} "
            f"{'errors':>7}"
        )
        for label, result in ((f"mix of {pages} pages", together), ("reference page", alone)):
            self.stdout.write(
                f"{label:<34} {result.requests:>9} {result.throughput:>8.1f} "
                f"{result.p50_ms:>8.1f} {result.p99_ms:>8.1f} {result.errors:>7}"
            )
        ratio = together.throughput / alone.throughput
        self.stdout.write(f"Throughput of the mix over the reference page's: {ratio:.2f}")
        aims.record(
            f"load: {connections} connections for {seconds} s, no errors",
            f"{together.errors + alone.errors} errors; {together.throughput:.0f} req/s "
            f"(reference {alone.throughput:.0f}, {ratio:.2f})",
            together.errors + alone.errors == 0,
        )

    def pages(self) -> tuple[list[Row], list[str]]:
        rows, skipped = [], []
        for visitor, (_email, names) in VISITORS.items():
            for name in [REFERENCE, *names]:
                try:
                    rows.append(Row(visitor, name, reverse(name, urlconf=BENCH_URLS)))
                except NoReverseMatch:
                    if name not in skipped:
                        skipped.append(name)
        return rows, skipped

    def prepare(self, database: str, *, scale: int) -> None:
        self.stdout.write(f"Database {database}: migrate, seed_demo --scale {scale} …")
        create_database(database)
        call_command("migrate", interactive=False, verbosity=0)
        output = StringIO()
        call_command("seed_demo", scale=scale, stdout=output)
        for line in output.getvalue().splitlines():
            if "In the database" in line or "Synthetic units" in line:
                self.stdout.write(f"  {line.strip()}")
        # As autovacuum leaves a database in use: fresh statistics, and a visibility map that
        # lets counts read an index alone. Right after a bulk load, neither is there yet.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")

    def report(self, rows, skipped, sizes, requests, workers, load) -> None:
        demo, scaled = sizes
        load_text = ", ".join(f"{value:.1f}" for value in load)
        self.stdout.write("")
        self.stdout.write(
            f"{requests} sequential requests per page after {WARMUP_REQUESTS} untimed ones, "
            f"through gunicorn ({workers} sync workers, DJANGO_DEBUG=0, DJANGO_CONN_MAX_AGE="
            f"{os.environ.get('DJANGO_CONN_MAX_AGE', '0')}) on {HOST}; {os.cpu_count()} CPUs, "
            f"load average before the run {load_text}.\n"
            f"Queries per request counted in-process (test client) on "
            f"{sizes[demo]} and {sizes[scaled]}."
        )
        header = (
            f"{'page':<27} {'visitor':<12} {'median ms':>9} {'p99 ms':>7} {'×ref':>5} "
            f"{'queries ' + demo:>12} {'queries ' + scaled:>12} {'ratio':>6}   "
            f"{'p99<' + str(AIM_P99_MS) + 'ms':<9} {'≤' + str(AIM_REFERENCE_RATIO) + '×ref':<7} "
            f"{'≤' + str(AIM_QUERIES) + ' queries':<11} {'constant':<8}"
        )
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        references = {
            row.visitor: row.median for row in rows if row.name == REFERENCE and not row.error
        }
        for row in rows:
            if row.error:
                self.stdout.write(f"{row.name:<27} {row.visitor:<12} {row.error}")
                aims.record(f"{row.name} ({row.visitor})", row.error, False)
                continue
            few, many = row.queries[demo], row.queries[scaled]
            times_reference = row.median / references[row.visitor]
            fast = row.p99 < AIM_P99_MS
            near_reference = times_reference <= AIM_REFERENCE_RATIO
            constant = few == many
            self.stdout.write(
                f"{row.name:<27} {row.visitor:<12} {row.median:>9.1f} {row.p99:>7.1f} "
                f"{times_reference:>5.2f} {few:>12} {many:>12} {many / few:>6.2f}   "
                f"{verdict(fast):<9} {verdict(near_reference):<7} "
                f"{verdict(many <= AIM_QUERIES):<11} {verdict(constant):<8}"
            )
            if row.name != REFERENCE:
                aims.record(
                    f"{row.name} ({row.visitor}): p99 < {AIM_P99_MS} ms, median ≤ "
                    f"{AIM_REFERENCE_RATIO}× reference, queries the same at {scaled}",
                    f"{row.p99:.0f} ms, {times_reference:.2f}×, {few} → {many}",
                    fast and near_reference and constant,
                )
        if skipped:
            self.stdout.write(f"Skipped (URL name not defined yet): {', '.join(skipped)}")


@contextmanager
def use_database(name: str):
    """Point the default connection at database ``name`` of the same server for a while."""
    original = connection.settings_dict["NAME"]
    connection.close()
    connection.settings_dict["NAME"] = name
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict["NAME"] = original


def create_database(name: str) -> None:
    # The server's maintenance database, as Django's own test-database creation uses it.
    with connection._nodb_cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(f"CREATE DATABASE {connection.ops.quote_name(name)}")


def count_queries(row: Row, size: str) -> None:
    """Queries of one request of ``row``'s page, by its visitor, on the current database."""
    email = VISITORS[row.visitor][0]
    client = Client(HTTP_HOST=HOST)
    if email:
        client.force_login(User.objects.get(email=email))
    with override_settings(ROOT_URLCONF=BENCH_URLS):
        client.get(row.path, secure=True)  # the first request of a process fills caches
        with CaptureQueriesContext(connection) as queries:
            response = client.get(row.path, secure=True)
    if response.status_code != 200:
        row.error = f"HTTP {response.status_code} on {size} in-process"
    row.queries[size] = len(queries)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


@contextmanager
def gunicorn(workers: int, stdout):
    """gunicorn on the current database with production settings, except HTTPS; its port."""
    var_dir = Path(settings.VAR_DIR) / "bench"
    var_dir.mkdir(parents=True, exist_ok=True)
    log = var_dir / "gunicorn.log"
    env = {
        **os.environ,  # DATABASE_URL among them (also when it came from .env)
        "DJANGO_DEBUG": "0",
        "DJANGO_SETTINGS_MODULE": "lotsen.bench.settings",  # the portal plus the reference page
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),  # throwaway: sessions die with the run
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_ALLOWED_HOSTS": HOST,
        "LOTSEN_VAR_DIR": str(var_dir),  # collected static files for the manifest storage
        "DJANGO_LOG_LEVEL": "WARNING",
        # The demo logins have no second factor; the pages, not the set-up redirect, are measured.
        "LOTSEN_REQUIRE_2FA": "0",
        # One client asks hundreds of times a minute: the API's per-address limit would answer
        # 429, which is measured by its own test, not here.
        "API_RATE_ANONYMOUS": "1000000/minute",
    }
    manage = [sys.executable, str(settings.BASE_DIR / "manage.py")]
    subprocess.run([*manage, "collectstatic", "--noinput", "-v0"], env=env, check=True)
    port = free_port()
    stdout.write(f"gunicorn on http://{HOST}:{port}/ ({workers} workers, log: {log})")
    with log.open("w") as log_file:
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "lotsen.wsgi:application",
             "--bind", f"{HOST}:{port}", "--workers", str(workers), "--log-level", "warning"],
            cwd=settings.BASE_DIR, env=env, stdout=log_file, stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            wait_until_up(server, port, log)
            yield port
        finally:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def wait_until_up(server: subprocess.Popen, port: int, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise CommandError(f"gunicorn stopped:\n{log.read_text()[-2000:]}")
        try:
            HttpClient(port).get("/healthz")
            return
        except OSError:
            time.sleep(0.2)
    raise CommandError(f"gunicorn did not answer within {STARTUP_TIMEOUT_S} s")


class HttpClient:
    """One visitor with its cookies, over plain HTTP to 127.0.0.1.

    Cookies go back whatever their ``Secure`` flag: with DJANGO_DEBUG=0 the session cookie is
    secure-only, which a browser would refuse to send over plain HTTP.
    """

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: dict | None = None):
        headers = {"Host": f"{HOST}:{self.port}"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        # gunicorn's sync workers close the connection after each response anyway.
        conn = http.client.HTTPConnection(HOST, self.port, timeout=10)
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            content = response.read()
        finally:
            conn.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            for key, morsel in SimpleCookie(header).items():
                self.cookies[key] = morsel.value
        return response.status, content

    def get(self, path: str):
        return self.request("GET", path)

    def log_in(self, email: str, password: str) -> None:
        """Through allauth's form, as a person logs in."""
        login = reverse("account_login")
        _status, page = self.get(login)
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if not token:
            raise CommandError("No CSRF token on the login page.")
        form = {"login": email, "password": password, "csrfmiddlewaretoken": token[1].decode()}
        status, _content = self.request("POST", login, form)
        if status != 302 or settings.SESSION_COOKIE_NAME not in self.cookies:
            raise CommandError(f"Logging in as {email} failed (HTTP {status}).")


def time_page(client: HttpClient, row: Row, requests: int) -> None:
    for _ in range(WARMUP_REQUESTS):
        client.get(row.path)
    for _ in range(requests):
        started = time.perf_counter()
        status, _content = client.get(row.path)
        row.samples_ms.append((time.perf_counter() - started) * 1000)
        if status != 200:
            row.error = f"HTTP {status} through gunicorn"
            row.samples_ms.clear()
            return
