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
4. A table of both, with the aims: p99 under 100 ms, at most 12 queries, the same count at
   both sizes.
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
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse

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
AIM_P99_MS = 100
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

    def handle(self, *args, scale: int, requests: int, workers: int, **options) -> None:
        if connection.vendor != "postgresql":
            raise CommandError(
                "The benchmark runs on PostgreSQL: use `make bench` or set DATABASE_URL."
            )
        if requests < 100 or scale < 1:
            raise CommandError("p99 needs at least 100 requests per page; --scale at least 1.")
        name = connection.settings_dict["NAME"]
        sizes = {"demo": f"{name}_demo", f"×{scale}": name}

        rows, skipped = self.pages()
        for size, database in sizes.items():
            with use_database(database):
                self.prepare(database, scale=0 if size == "demo" else scale)
                for row in rows:
                    count_queries(row, size)
        for row in rows:
            if row.error:
                self.stderr.write(f"{row.visitor} {row.name}: {row.error}")

        load = os.getloadavg()  # of everything else on the machine, before the benchmark's own
        with gunicorn(workers, self.stdout) as port:
            for visitor, (email, _pages) in VISITORS.items():
                client = HttpClient(port)
                if email:
                    client.log_in(email, DEMO_PASSWORD)
                for row in rows:
                    if row.visitor == visitor and not row.error:
                        time_page(client, row, requests)

        self.report(rows, skipped, sizes, requests, workers, load)

    def pages(self) -> tuple[list[Row], list[str]]:
        rows, skipped = [], []
        for visitor, (_email, names) in VISITORS.items():
            for name in names:
                try:
                    rows.append(Row(visitor, name, reverse(name)))
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
            f"{'page':<27} {'visitor':<12} {'median ms':>9} {'p99 ms':>7} "
            f"{'queries ' + demo:>12} {'queries ' + scaled:>12} {'ratio':>6}   "
            f"{'p99<' + str(AIM_P99_MS) + 'ms':<9} {'≤' + str(AIM_QUERIES) + ' queries':<11} "
            f"{'constant':<8}"
        )
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        for row in rows:
            if row.error:
                self.stdout.write(f"{row.name:<27} {row.visitor:<12} {row.error}")
                continue
            few, many = row.queries[demo], row.queries[scaled]
            self.stdout.write(
                f"{row.name:<27} {row.visitor:<12} {row.median:>9.1f} {row.p99:>7.1f} "
                f"{few:>12} {many:>12} {many / few:>6.2f}   "
                f"{verdict(row.p99 < AIM_P99_MS):<9} {verdict(many <= AIM_QUERIES):<11} "
                f"{verdict(few == many):<8}"
            )
        if skipped:
            self.stdout.write(f"Skipped (URL name not defined yet): {', '.join(skipped)}")


def verdict(ok: bool) -> str:
    return "OK" if ok else "MISSED"


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
