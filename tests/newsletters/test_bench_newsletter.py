"""``manage.py bench_newsletter`` at a tiny size: it runs end to end and its sink counts hold."""

import re
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from lotsen.bench import aims
from lotsen.bench.management.commands.bench_newsletter import Command
from newsletters.models import Delivery, DeliveryState, Issue, Subscriber, SubscriberState


@pytest.mark.django_db
def test_the_benchmark_needs_postgresql_and_redis():
    if connection.vendor == "postgresql" and settings.REDIS_URL:
        pytest.skip("both are there")
    with pytest.raises(CommandError, match=r"PostgreSQL|REDIS_URL"):
        call_command("bench_newsletter", subscribers=10, stdout=StringIO())


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_every_subscriber_gets_one_message_from_the_portal_and_from_plain_smtplib():
    if not settings.REDIS_URL:
        pytest.skip("REDIS_URL is not set: the benchmark needs a real worker")
    if connection.vendor != "postgresql":
        pytest.skip("a worker process cannot share the SQLite test database")
    # Someone who unsubscribed is no recipient and must get nothing.
    Subscriber.objects.create(
        email="gone@example.org",
        state=SubscriberState.UNSUBSCRIBED,
        consent_text_version="1",
        consent_given_at="2024-01-01T10:00Z",
    )
    output = StringIO()
    command = Command(stdout=output, stderr=StringIO())

    call_command(command, subscribers=200, concurrency=2, database=connection.settings_dict["NAME"])

    recipients = {
        address.lower()
        for address in Subscriber.objects.filter(state=SubscriberState.CONFIRMED).values_list(
            "email", flat=True
        )
    }
    assert len([a for a in recipients if a.endswith("@bench.invalid")]) == 200
    for run in (command.portal, command.plain):
        received = run.received["recipients"]
        assert {address: received[address] for address in recipients} == dict.fromkeys(
            recipients, 1
        )
        assert "gone@example.org" not in received
    issue = command.issue
    issue.refresh_from_db()
    assert issue.state == "sent"
    assert set(Delivery.objects.filter(issue=issue).values_list("state", flat=True)) == {
        DeliveryState.SENT
    }

    text = output.getvalue()
    for pattern in (
        r"portal \(Celery worker → SMTP sink\)\s+[\d,]+ msg/s\s+[\d.]+ s",
        r"plain smtplib, one connection\s+[\d,]+ msg/s\s+[\d.]+ s",
        r"ratio portal / plain\s+[\d.]+\s+\(aim ≥ 0.75: (OK|MISSED)\)",
        r"CPU per message, portal\s+worker [\d.]+ ms, sink [\d.]+ ms",
        r"worker RSS 10 % / 50 % / 90 % / end\s+\d+ / \d+ / \d+ / \d+ MiB\s+growth",
        rf"sink \(portal\)\s+{len(recipients)} messages, {len(recipients)} addresses\s+"
        r"duplicates 0, missing 0 \(OK\)",
        rf"sink \(plain\)\s+{len(recipients)} messages, {len(recipients)} addresses\s+"
        r"duplicates 0, missing 0 \(OK\)",
        r"Newsletter PDF \(.+\): median [\d.]+ s of 3",
    ):
        assert re.search(pattern, text), f"{pattern!r} not in:\n{text}"
    # The verdicts wait for bench_summary's table at the end of make bench.
    verdicts = {verdict.aim: verdict for verdict in aims.recorded()}
    assert verdicts["newsletter: every subscriber exactly once"].ok

    # A second run reuses the subscribers and replaces the bench issue.
    call_command(
        Command(stdout=StringIO(), stderr=StringIO()),
        subscribers=150,
        database=connection.settings_dict["NAME"],
    )
    assert Subscriber.objects.filter(email__endswith="@bench.invalid").count() == 150
    assert not Issue.objects.filter(pk=issue.pk).exists()
