"""Personas shared by the tests: one of each role, and a second one in another region."""

import email
import email.policy
import logging
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

import pytest

from lotsen.core.roles import Role
from tests.factories import GuideFactory, RegionFactory, UserFactory


@pytest.fixture(autouse=True)
def fail_on_logged_errors(request, caplog):
    """A test fails when anything logs an error (a 500 does), unless it expects one."""
    caplog.set_level(logging.WARNING)
    yield
    if request.node.get_closest_marker("logs_errors"):
        return
    errors = [r for r in caplog.get_records("call") if r.levelno >= logging.ERROR]
    assert not errors, "Logged errors: " + "; ".join(r.getMessage() for r in errors)


@pytest.fixture(autouse=True)
def fresh_cache(settings):
    """Rate limits and cached pages of one test never leak into the next.

    On Redis only this run's keys go (tests/settings.py prefixes them with the process id):
    FLUSHDB would also empty the cache of a test run going on beside this one.
    """
    from django.core.cache import cache

    prefix = settings.CACHES["default"].get("KEY_PREFIX")
    if not settings.CACHES["default"]["BACKEND"].endswith("RedisCache") or not prefix:
        cache.clear()
        return
    client = cache._cache.get_client(write=True)
    keys = list(client.scan_iter(match=f"{prefix}:*", count=1000))
    if keys:
        client.delete(*keys)


@pytest.fixture
def region(db):
    return RegionFactory(name="Mittleres Ruhrgebiet", slug="mittleres-ruhrgebiet")


@pytest.fixture
def other_region(db):
    return RegionFactory(name="Münsterland", slug="muensterland")


@pytest.fixture
def admin_user(db):
    return UserFactory(email="admin@example.org", role=Role.ADMIN)


@pytest.fixture
def coordinator(region):
    user = UserFactory(email="koordination@example.org", role=Role.COORDINATOR)
    region.coordinators.add(user)
    return user


@pytest.fixture
def other_coordinator(other_region):
    user = UserFactory(email="koordination-muenster@example.org", role=Role.COORDINATOR)
    other_region.coordinators.add(user)
    return user


@pytest.fixture
def guide(region):
    return GuideFactory(region=region, user=UserFactory(email="lotse@example.org"))


@pytest.fixture
def other_guide(region):
    return GuideFactory(region=region, user=UserFactory(email="lotsin@example.org"))


class _Inbox:
    """Collects what the SMTP server on 127.0.0.1 receives.

    Tests can script the server: ``rcpt_answers`` maps an address to answers to its RCPT TO,
    used up in order (``["451 4.7.1 Try again later"]``, then accepted); ``on_data`` is a
    coroutine called with aiosmtpd's ``server`` and each message before it is accepted, which
    may wait (to hold a sender mid-message), close ``server.transport`` (to drop the sender
    after it handed the message over) or return an answer instead of accepting it.
    """

    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []
        self.rcpt_answers: dict[str, list[str]] = {}
        self.on_data = None
        # The envelope sender (MAIL FROM, the later Return-Path) of each accepted message.
        self.senders: list[str] = []
        # The parameters of each accepted message's MAIL FROM (e.g. ["BODY=8BITMIME"]).
        self.mail_options: list[list[str]] = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        answers = self.rcpt_answers.get(address)
        if answers:
            return answers.pop(0)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        if self.on_data is not None:
            answer = await self.on_data(server, message)
            if answer:
                return answer
        self.messages.append(message)
        self.senders.append(envelope.mail_from)
        self.mail_options.append(list(envelope.mail_options))
        return "250 Message accepted"


@pytest.fixture
def smtp_server():
    """A real SMTP server on 127.0.0.1; yields (port, inbox)."""
    from aiosmtpd.controller import Controller

    with socket.socket() as probe:  # aiosmtpd needs a concrete port to check it is up
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = _Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield port, inbox
    finally:
        controller.stop()


@pytest.fixture
def smtp(settings, smtp_server):
    """Django's mail goes to the real SMTP server of ``smtp_server``; yields its inbox."""
    port, inbox = smtp_server
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    return inbox


PROJECT = Path(__file__).resolve().parent.parent


class Worker:
    """A Celery worker process started by ``celery_worker_factory``."""

    def __init__(self, process: subprocess.Popen, output):
        self.process = process
        self.output = output

    def kill(self) -> None:
        """SIGKILL: the worker dies at once, in the middle of whatever it does."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self, timeout: float = 60) -> None:
        """SIGTERM: a warm shutdown, which finishes the task at hand and takes no other."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill()

    def log(self) -> str:
        self.output.seek(0)
        return self.output.read().decode(errors="replace")


def broker_message_count(queue: str = "celery") -> int:
    """Tasks waiting in the broker's queue (Redis, or the embedded broker's SQLite file)."""
    from kombu.exceptions import ChannelError

    from lotsen.celery import app as celery_app

    with celery_app.connection_for_write() as connection:
        try:
            return connection.default_channel.queue_declare(queue, passive=True).message_count
        except ChannelError:  # Redis keeps no empty queue
            return 0


def wait_until(condition, timeout: float = 120, what: str = "") -> None:
    """Poll ``condition`` until it holds; fail after ``timeout`` seconds (a generous bound,
    not a guess at how fast the machine is)."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what or condition}"
        time.sleep(0.2)


@pytest.fixture
def celery_worker_factory(settings, smtp_server, tmp_path):
    """Start real Celery workers (``start(pool="solo", beat=None, loglevel="WARNING", **env)``
    -> ``Worker``; time limits need ``pool="prefork"``) on the suite's broker: Redis with
    REDIS_URL, otherwise the embedded default's broker, a SQLite file in the test run's var dir
    (tests/settings.py). They work on the test database (PostgreSQL, or the SQLite test
    database, a file in that var dir) and media folder, mailing to the test SMTP server; extra
    environment variables go to the worker. ``beat={"entry": seconds}`` runs beat in the worker
    with only those entries of CELERY_BEAT_SCHEDULE, each due every that many seconds
    (tests/worker_settings.py). Tasks queued by the test go to the broker meanwhile, not
    in-process. Workers still running at the end are stopped, and their output printed.
    """
    from django.db import connection

    from lotsen.celery import app as celery_app
    from lotsen.settings import embedded_broker_url

    port, _inbox = smtp_server
    database = connection.settings_dict
    if connection.vendor == "postgresql":
        database_url = (
            f"postgres://{quote(database['USER'] or '')}:{quote(database['PASSWORD'] or '')}"
            f"@{database['HOST']}:{database['PORT'] or 5432}/{database['NAME']}"
        )
    elif connection.vendor == "sqlite" and not connection.is_in_memory_db():
        database_url = f"sqlite:///{database['NAME']}"
    else:
        pytest.skip("a worker process cannot share an in-memory SQLite test database")
    base_env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lotsen.settings",
        "REDIS_URL": settings.REDIS_URL,
        "EMAIL_URL": f"smtp://127.0.0.1:{port}",
        "DATABASE_URL": database_url,
        "DJANGO_MEDIA_ROOT": str(settings.MEDIA_ROOT),
    }
    if not settings.REDIS_URL:
        # The worker's settings put the embedded broker into LOTSEN_VAR_DIR.
        base_env["LOTSEN_VAR_DIR"] = str(settings.TEST_VAR_DIR)
        assert embedded_broker_url(settings.TEST_VAR_DIR) == settings.CELERY_BROKER_URL
    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    # Tasks an earlier test left in the queue name rows of a database that is gone.
    celery_app.control.purge()
    workers: list[Worker] = []

    def start(
        *, pool: str = "solo", beat: dict[str, float] | None = None, loglevel="WARNING", **env
    ) -> Worker:
        output = tempfile.TemporaryFile()  # noqa: SIM115 (closed when the test ends)
        args = [
            *(sys.executable, "-m", "celery", "-A", "lotsen", "worker", f"--pool={pool}"),
            *("--concurrency=1", "--without-gossip", "--without-mingle", f"--loglevel={loglevel}"),
            f"--hostname=test-{os.getpid()}-{len(workers)}@%h",
        ]
        if beat:
            args += ["--beat", f"--schedule={tmp_path / f'beat-schedule-{len(workers)}'}"]
            env = {
                "DJANGO_SETTINGS_MODULE": "tests.worker_settings",
                "LOTSEN_TEST_BEAT": ",".join(f"{name}={every}" for name, every in beat.items()),
                **env,
            }
        process = subprocess.Popen(
            args, cwd=PROJECT, env={**base_env, **env}, stdout=output, stderr=subprocess.STDOUT
        )
        workers.append(Worker(process, output))
        return workers[-1]

    try:
        yield start
    finally:
        celery_app.conf.task_always_eager = eager
        for worker in workers:
            worker.stop(timeout=30)
            print(worker.log())
            worker.output.close()
