"""No overbooking: simultaneous requests for the last seat, and simultaneous cancellations.

Each thread sends a real request through its own test client and its own database connection;
a barrier releases them at the same moment. Only PostgreSQL serves concurrent transactions
with row locks; SQLite, the embedded default, runs one writer at a time.
"""

import datetime
import threading

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from events.models import Registration, RegistrationStatus
from events.registrations.services import send_reminders
from tests.factories import EventFactory, RegistrationFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL (DATABASE_URL=postgres://...): SQLite has no row locks and "
        "serialises all writers, so it cannot show concurrent requests",
    ),
]

THREADS = 10


def at_once(requests) -> list:
    """Run each ``request(client)`` in its own thread, all released together."""
    barrier = threading.Barrier(len(requests))
    responses: list = [None] * len(requests)
    errors: list[BaseException] = []

    def run(index, request):
        client = Client()
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        try:
            barrier.wait(timeout=30)
            responses[index] = request(client)
        except BaseException as error:  # reported by the test thread
            errors.append(error)
        finally:
            connection.close()  # each thread's own connection

    threads = [threading.Thread(target=run, args=item) for item in enumerate(requests)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    return responses


@pytest.fixture
def event(region):
    return EventFactory(region=region, is_public=True, takes_registrations=True, capacity=5)


def test_ten_people_asking_for_the_last_seat_at_once_get_one_seat(event):
    RegistrationFactory.create_batch(4, event=event)  # one seat left
    url = reverse("calendar:register", args=[event.pk])

    def request_for(n):
        data = {"name": f"Person {n}", "email": f"person{n}@example.org", "consent": "on"}
        return lambda client: client.post(url, data, REMOTE_ADDR=f"192.0.2.{n + 1}")

    responses = at_once([request_for(n) for n in range(THREADS)])

    assert [response.status_code for response in responses] == [302] * THREADS
    newcomers = Registration.objects.filter(event=event, email__startswith="person")
    assert newcomers.filter(status=RegistrationStatus.CONFIRMED).count() == 1
    assert newcomers.filter(status=RegistrationStatus.WAITING).count() == THREADS - 1
    assert Registration.objects.filter(event=event, status="confirmed").count() == 5
    subjects = sorted(message.subject.split(":")[0] for message in mail.outbox)
    assert len(subjects) == THREADS
    assert len(set(subjects)) == 2  # one confirmation, nine waiting-list notices


def test_the_same_address_at_once_is_registered_once(event):
    url = reverse("calendar:register", args=[event.pk])
    data = {"name": "Amina", "email": "amina@example.org", "consent": "on"}

    responses = at_once(
        [lambda client, n=n: client.post(url, data, REMOTE_ADDR=f"192.0.2.{n + 1}") for n in
         range(THREADS)]
    )  # fmt: skip

    assert sorted(response.status_code for response in responses) == [200] * 9 + [302]
    assert Registration.objects.filter(event=event).count() == 1


def test_one_cancellation_sent_twice_at_once_frees_one_seat(event):
    seated = RegistrationFactory.create_batch(5, event=event)
    waiting = [
        RegistrationFactory(event=event, status=RegistrationStatus.WAITING) for _ in range(3)
    ]
    url = reverse("calendar:registration", args=[seated[0].token])

    at_once([lambda client: client.post(url)] * 4)

    statuses = {r.pk: r.status for r in Registration.objects.filter(event=event)}
    assert statuses[seated[0].pk] == RegistrationStatus.CANCELLED
    assert [statuses[r.pk] for r in waiting] == ["confirmed", "waiting", "waiting"]
    assert Registration.objects.filter(event=event, status="confirmed").count() == 5


def test_cancellations_at_once_give_each_freed_seat_to_one_person(event):
    seated = RegistrationFactory.create_batch(5, event=event)
    waiting = [
        RegistrationFactory(event=event, status=RegistrationStatus.WAITING, language="en")
        for _ in range(6)
    ]
    urls = [reverse("calendar:registration", args=[r.token]) for r in seated[:4]]

    at_once([lambda client, url=url: client.post(url) for url in urls])

    statuses = {r.pk: r.status for r in Registration.objects.filter(event=event)}
    assert [statuses[r.pk] for r in waiting] == ["confirmed"] * 4 + ["waiting"] * 2
    assert Registration.objects.filter(event=event, status="confirmed").count() == 5
    promoted = [m for m in mail.outbox if m.subject.startswith("A place became free")]
    assert sorted(m.to[0] for m in promoted) == sorted(r.email for r in waiting[:4])


def test_two_reminder_runs_at_once_remind_everyone_once(region):
    soon = EventFactory(
        region=region,
        is_public=True,
        takes_registrations=True,
        starts_at=timezone.now() + datetime.timedelta(days=1),
    )
    week_ago = timezone.now() - datetime.timedelta(days=7)  # registered before the window
    seated = RegistrationFactory.create_batch(THREADS * 3, event=soon, created_at=week_ago)

    def run(client):
        return send_reminders()

    counts = at_once([run, run, run])

    assert sum(counts) == len(seated)
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == sorted(registration.email for registration in seated)
    assert not Registration.objects.filter(event=soon, reminded_at__isnull=True).exists()
