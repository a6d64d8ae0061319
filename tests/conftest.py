"""Personas shared by the tests: one of each role, and a second one in another region."""

import email
import email.policy
import logging
import socket

import pytest

from lotsen.models import Role
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
    """Collects what the SMTP server on 127.0.0.1 receives."""

    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append(message)
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
