"""Exactly once through a real Celery worker: a worker killed in the middle of a message, and a
worker stopped in the middle of a batch, and still every address gets one copy.

The worker is a separate process on the test database, fed through the suite's broker (Redis,
or the embedded default's SQLite file; tests/conftest.py), sending to the SMTP server of the
test on 127.0.0.1.
"""

import asyncio
import datetime
import threading
import time
from collections import Counter

import pytest
from django.urls import reverse

from newsletters.models import Delivery, DeliveryState, Issue, IssueState
from newsletters.sending.selectors import delivery_counts
from newsletters.sending.services import start_sending, sweep
from tests.conftest import wait_until
from tests.factories import SubscriberFactory
from tests.newsletters.test_sending import SUBJECTS, rendered_issue

pytestmark = pytest.mark.django_db(transaction=True)

SUBSCRIBERS = 300
BATCH = 20
# The message the test server holds without answering: the tenth of the sixth batch.
HOLD_AT = 110
ZERO = datetime.timedelta(0)


class Hold:
    """An ``on_data`` hook: the ``at``-th message gets no answer until ``release`` is set."""

    def __init__(self, at: int, answer: str | None):
        self.at, self.answer = at, answer
        self.seen = 0
        self.message = None
        self.holding = threading.Event()
        self.release = threading.Event()

    async def __call__(self, server, message):
        self.seen += 1
        if self.seen != self.at:
            return None
        self.message = message
        self.holding.set()
        while not self.release.is_set():
            await asyncio.sleep(0.02)
        return self.answer


def received(inbox) -> Counter:
    return Counter(m["To"] for m in inbox.messages if m["Subject"] in SUBJECTS.values())


def summaries(inbox) -> list:
    # The worker writes the summary in the portal's language, whatever this process uses.
    return [m for m in inbox.messages if m["Subject"] not in SUBJECTS.values()]


def finished(issue) -> bool:
    counts = delivery_counts(issue)
    state = Issue.objects.values_list("state", flat=True).get(pk=issue.pk)
    return counts["pending"] + counts["claimed"] == 0 and state == IssueState.SENT


@pytest.fixture
def newsletter(settings):
    """300 confirmed subscribers and an approved, rendered issue; mails in English."""
    settings.LANGUAGE_CODE = "en"
    settings.NEWSLETTER_BATCH_SIZE = BATCH
    subscribers = SubscriberFactory.create_batch(SUBSCRIBERS)
    return rendered_issue(), sorted(s.email for s in subscribers)


def worker_env() -> dict:
    return {"NEWSLETTER_BATCH_SIZE": str(BATCH)}


def test_a_killed_worker_loses_no_one_and_sends_no_one_twice(
    newsletter, celery_worker_factory, smtp_server, client, admin_user
):
    issue, addresses = newsletter
    inbox = smtp_server[1]
    hold = Hold(HOLD_AT, answer="451 4.3.0 The sender went away")  # never heard, never kept
    inbox.on_data = hold
    first = celery_worker_factory(**worker_env())

    assert start_sending(issue, user=admin_user) == SUBSCRIBERS
    assert hold.holding.wait(60), "the worker never reached the held message"
    first.kill()  # after the body went over, before the server's answer
    hold.release.set()

    in_flight = hold.message["To"]
    counts = delivery_counts(issue)
    assert counts["sent"] == HOLD_AT - 1 and counts["claimed"] == 1
    assert Delivery.objects.get(state=DeliveryState.CLAIMED).subscriber.email == in_flight

    # Later the sweeper finds the claim stale and the killed batch's task lost (as if the
    # thresholds had passed): it reports the one and re-queues the others; a new worker resumes.
    outcome = sweep(lost_after=ZERO, stale_after=ZERO)
    assert outcome.unclear == 1
    assert outcome.requeued == SUBSCRIBERS - HOLD_AT
    celery_worker_factory(**worker_env())
    wait_until(lambda: finished(issue), what="the issue to be sent")
    wait_until(lambda: summaries(inbox), what="the summary mail")

    # The editor sees the unclear delivery, finds in the mail server's log that it never
    # arrived, and sends it again.
    unclear = Delivery.objects.select_related("subscriber").get(state=DeliveryState.UNCLEAR)
    assert unclear.subscriber.email == in_flight
    client.force_login(admin_user)
    progress = reverse("sending:progress", args=[issue.pk])
    assert in_flight in client.get(progress).content.decode()
    assert in_flight not in received(inbox)
    response = client.post(
        reverse("sending:resend-unclear", args=[issue.pk]), {"deliveries": [unclear.pk]}
    )
    assert response.status_code == 302
    wait_until(lambda: in_flight in received(inbox), what="the resent delivery")
    wait_until(lambda: finished(issue), what="the last delivery to be recorded")

    assert received(inbox) == Counter(dict.fromkeys(addresses, 1))
    assert delivery_counts(issue)["sent"] == SUBSCRIBERS
    time.sleep(1)  # a second summary would come now
    assert len(summaries(inbox)) == 1


def test_a_worker_stopped_mid_batch_is_resumed_by_a_restart_alone(
    newsletter, celery_worker_factory, smtp_server, admin_user
):
    issue, addresses = newsletter
    inbox = smtp_server[1]
    hold = Hold(HOLD_AT, answer=None)  # accepted once released
    inbox.on_data = hold
    first = celery_worker_factory(**worker_env())

    start_sending(issue, user=admin_user)
    assert hold.holding.wait(60), "the worker never reached the held message"
    first.process.terminate()  # SIGTERM: warm shutdown, the batch at hand is finished
    time.sleep(0.5)
    hold.release.set()
    first.stop()

    counts = delivery_counts(issue)
    assert counts["claimed"] == 0
    assert counts["sent"] % BATCH == 0 and HOLD_AT <= counts["sent"] < SUBSCRIBERS
    assert Issue.objects.get(pk=issue.pk).state == IssueState.SENDING

    celery_worker_factory(**worker_env())
    wait_until(lambda: finished(issue), what="the issue to be sent")
    wait_until(lambda: summaries(inbox), what="the summary mail")

    assert received(inbox) == Counter(dict.fromkeys(addresses, 1))
    assert delivery_counts(issue)["sent"] == SUBSCRIBERS
    time.sleep(1)
    assert len(summaries(inbox)) == 1
    assert summaries(inbox)[0]["To"] == admin_user.email
