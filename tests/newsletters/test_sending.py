"""Sending an issue: one delivery per confirmed subscriber, each sent at most once, over a real
SMTP server on 127.0.0.1; errors, the sweeper, the progress page and the summary mail.

Tasks run in the test process here (eager); tests/newsletters/test_sending_worker.py kills and
interrupts a real worker.
"""

import asyncio
import datetime
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError

from lotsen.core.links import portal_url
from lotsen.core.roles import Role
from newsletters.models import (
    PREFERENCES_PLACEHOLDER,
    UNSUBSCRIBE_PLACEHOLDER,
    Delivery,
    DeliveryState,
    Issue,
    IssueState,
    Rendition,
    SubscriberState,
)
from newsletters.sending import services
from newsletters.sending.services import start_sending
from newsletters.sending.tasks import send_batch, send_due_issues, sweep_deliveries
from newsletters.subscriptions.services import erase_subscriber, unsubscribe
from tests.factories import IssueFactory, SubscriberFactory, UserFactory

pytestmark = pytest.mark.django_db

SUBJECTS = {"de": "Newsletter März 2014", "en": "Newsletter March 2014"}


def rendered_issue(**fields) -> Issue:
    """An approved issue with its email rendered in German and English, as rendering leaves it."""
    fields = {
        "state": IssueState.APPROVED,
        "approved_at": timezone.now(),
        "rendered_at": timezone.now(),
        "title": "Newsletter März 2014",
        **fields,
    }
    issue = IssueFactory(**fields)
    for language, subject in SUBJECTS.items():
        Rendition.objects.create(
            issue=issue,
            language=language,
            subject=subject,
            html=(
                f'<!DOCTYPE html><html lang="{language}"><body><h1>{subject}</h1>'
                f'<p style="color:#333">Aktuelles aus den Regionen</p><p>'
                f'<a href="{UNSUBSCRIBE_PLACEHOLDER}">Abmelden</a> · '
                f'<a href="{PREFERENCES_PLACEHOLDER}">Einstellungen</a></p></body></html>'
            ),
            text=(
                f"{subject}\n\nAktuelles aus den Regionen\n\n"
                f"Abmelden: {UNSUBSCRIBE_PLACEHOLDER}\nEinstellungen: {PREFERENCES_PLACEHOLDER}\n"
            ),
        )
    return issue


@pytest.fixture(autouse=True)
def english(settings):
    """Mails to the editors and notes are in the site's language: English here, so the
    texts checked below stay the source texts whatever the German catalogue says."""
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def issue(db):
    return rendered_issue()


def issue_mails(inbox, subject=None) -> list:
    subjects = {subject} if subject else set(SUBJECTS.values())
    return [message for message in inbox.messages if message["Subject"] in subjects]


def summary_mails(inbox) -> list:
    return [message for message in inbox.messages if message["Subject"].startswith("Sent:")]


def recipients(messages) -> list[str]:
    return sorted(message["To"] for message in messages)


def send(issue, capture, user=None) -> int:
    """Start sending and run what is queued on commit, as the worker would."""
    with capture(execute=True):
        return start_sending(issue, user=user)


# --- Starting ------------------------------------------------------------------------------


def test_only_confirmed_subscribers_get_a_delivery_and_the_issue(
    issue, smtp, admin_user, django_capture_on_commit_callbacks
):
    confirmed = [SubscriberFactory(), SubscriberFactory(language="en"), SubscriberFactory()]
    SubscriberFactory(state=SubscriberState.PENDING)
    SubscriberFactory(state=SubscriberState.UNSUBSCRIBED, unsubscribed_at=timezone.now())

    created = send(issue, django_capture_on_commit_callbacks, admin_user)

    assert created == 3
    assert sorted(Delivery.objects.values_list("subscriber__email", flat=True)) == sorted(
        s.email for s in confirmed
    )
    assert set(Delivery.objects.values_list("state", flat=True)) == {DeliveryState.SENT}
    assert recipients(issue_mails(smtp)) == sorted(s.email for s in confirmed)
    # Each in their language (the English subscriber gets the English rendition).
    (english,) = issue_mails(smtp, SUBJECTS["en"])
    assert english["To"] == confirmed[1].email
    issue.refresh_from_db()
    assert issue.state == IssueState.SENT
    assert issue.sending_started_at and issue.sent_at and issue.summary_sent_at


def test_a_second_start_creates_nothing_and_sends_nothing_again(
    issue, smtp, django_capture_on_commit_callbacks
):
    subscribers = [SubscriberFactory() for _ in range(3)]
    assert send(issue, django_capture_on_commit_callbacks) == 3
    ids = list(Delivery.objects.order_by("pk").values_list("pk", flat=True))

    # A second click, a task delivered twice, a sweeper run: nobody gets a second copy.
    assert send(issue, django_capture_on_commit_callbacks) == 0
    assert send(Issue.objects.get(pk=issue.pk), django_capture_on_commit_callbacks) == 0
    send_batch.apply((issue.pk, ids))
    services.sweep(lost_after=datetime.timedelta(0), stale_after=datetime.timedelta(0))

    assert Delivery.objects.count() == 3
    assert recipients(issue_mails(smtp)) == sorted(s.email for s in subscribers)
    assert len(summary_mails(smtp)) == 0  # no active admin in this test


def test_each_mail_has_both_parts_the_headers_and_a_working_one_click_unsubscribe(
    issue, smtp, client, django_capture_on_commit_callbacks
):
    subscriber = SubscriberFactory(email="anna@example.org")
    send(issue, django_capture_on_commit_callbacks)

    (mail,) = issue_mails(smtp)
    assert mail["Precedence"] == "bulk"
    assert mail["Auto-Submitted"] is None
    assert mail["Message-ID"]
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = mail["List-Unsubscribe"].strip().strip("<>")
    assert link.startswith(settings.PORTAL_URL)
    text = mail.get_body(("plain",)).get_content()
    html = mail.get_body(("html",)).get_content()
    assert "Aktuelles aus den Regionen" in text and "Aktuelles aus den Regionen" in html
    assert link in text and f'href="{link}"' in html
    assert UNSUBSCRIBE_PLACEHOLDER not in text + html
    assert PREFERENCES_PLACEHOLDER not in text + html
    assert "/newsletter/" in text.split("Einstellungen: ")[1]

    # A mail client's one-click: a POST without cookies or CSRF token.
    client.handler.enforce_csrf_checks = True
    response = client.post(urlsplit(link).path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.state == SubscriberState.UNSUBSCRIBED


def test_the_mail_names_its_list_and_announces_an_8bit_body(
    issue, smtp, settings, django_capture_on_commit_callbacks
):
    """Filters and clients recognise the list by its List-Id (RFC 2919); a body with umlauts
    goes out 8bit, and the envelope says so (MAIL FROM ... BODY=8BITMIME, RFC 6152)."""
    settings.NEWSLETTER_LIST_ID = "Newsletter <newsletter.lotsen.example>"
    german = issue.renditions.get(language="de")
    german.text = german.text.replace("Aktuelles", "Grüße aus Köln. Aktuelles")
    german.save()
    english = issue.renditions.get(language="en")
    english.html = english.html.replace(" · ", " | ")
    english.save()
    SubscriberFactory(email="ayse@example.org", language="de")
    SubscriberFactory(email="john@example.org", language="en")

    send(issue, django_capture_on_commit_callbacks)

    mails = {mail["To"]: mail for mail in issue_mails(smtp)}
    options = dict(zip([mail["To"] for mail in smtp.messages], smtp.mail_options, strict=True))
    assert {mail["List-Id"] for mail in mails.values()} == {
        "Newsletter <newsletter.lotsen.example>"
    }
    assert "Grüße aus Köln" in mails["ayse@example.org"].get_body(("plain",)).get_content()
    assert mails["ayse@example.org"].get_body(("plain",))["Content-Transfer-Encoding"] == "8bit"
    assert options["ayse@example.org"] == ["BODY=8BITMIME"]
    # A mail of 7-bit text only (the English one here) needs no parameter.
    assert options["john@example.org"] == []


def test_the_list_id_defaults_to_the_portals_host(settings):
    from newsletters.sending.messages import list_id

    settings.NEWSLETTER_LIST_ID = ""
    settings.PORTAL_URL = "https://lotsen.example.org"
    assert list_id() == "Newsletter <newsletter.lotsen.example.org>"


def test_start_is_refused_for_a_draft_or_an_issue_not_yet_rendered(
    smtp, django_capture_on_commit_callbacks
):
    SubscriberFactory()
    draft = IssueFactory()
    unrendered = IssueFactory(state=IssueState.APPROVED, approved_at=timezone.now())

    for issue in (draft, unrendered):
        with pytest.raises(ValidationError):
            send(issue, django_capture_on_commit_callbacks)

    assert not Delivery.objects.exists()
    assert set(Issue.objects.values_list("state", flat=True)) == {"draft", "approved"}
    assert smtp.messages == []


def test_an_issue_without_subscribers_is_finished_at_once(
    issue, smtp, admin_user, django_capture_on_commit_callbacks
):
    SubscriberFactory(state=SubscriberState.PENDING)

    assert send(issue, django_capture_on_commit_callbacks) == 0

    assert Issue.objects.get(pk=issue.pk).state == IssueState.SENT
    assert issue_mails(smtp) == []
    assert recipients(summary_mails(smtp)) == [admin_user.email]


def test_starting_takes_the_same_few_queries_for_many_subscribers(
    issue, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    SubscriberFactory.create_batch(300)

    # The seventh query is the issue's change history recording the start of sending.
    with django_assert_max_num_queries(7), django_capture_on_commit_callbacks() as queued:
        assert start_sending(issue) == 300

    assert len(queued) == 1
    assert Delivery.objects.filter(state=DeliveryState.PENDING).count() == 300


def test_batches_follow_the_batch_size_and_reuse_one_connection(
    issue, smtp, settings, django_capture_on_commit_callbacks, monkeypatch
):
    settings.NEWSLETTER_BATCH_SIZE = 4
    SubscriberFactory.create_batch(10)
    opened = []
    original = services.Transmission.__init__

    def counting(self):
        original(self)
        opened.append(self)

    monkeypatch.setattr(services.Transmission, "__init__", counting)

    send(issue, django_capture_on_commit_callbacks)

    assert len(opened) == 3  # 4 + 4 + 2
    assert len(issue_mails(smtp)) == 10
    assert not Delivery.objects.filter(queued_at__isnull=True).exists()


# --- SMTP errors ---------------------------------------------------------------------------


def test_a_permanent_refusal_fails_the_delivery_and_shows_on_the_progress_page(
    issue, smtp, client, admin_user, django_capture_on_commit_callbacks
):
    good = SubscriberFactory(email="gut@example.org")
    SubscriberFactory(email="weg@example.org")
    smtp.rcpt_answers["weg@example.org"] = ["550 5.1.1 No such mailbox here"] * 3

    send(issue, django_capture_on_commit_callbacks)

    failed = Delivery.objects.get(subscriber__email="weg@example.org")
    assert failed.state == DeliveryState.FAILED
    assert failed.attempts == 1
    assert "550" in failed.error and "No such mailbox" in failed.error
    assert recipients(issue_mails(smtp)) == [good.email]
    client.force_login(admin_user)
    page = client.get(reverse("sending:progress", args=[issue.pk])).content.decode()
    assert "weg@example.org" in page and "No such mailbox here" in page
    assert "gut@example.org" not in page


def test_a_temporary_refusal_is_retried_and_the_message_sent_once(
    issue, smtp, django_capture_on_commit_callbacks
):
    subscribers = [SubscriberFactory(email=f"p{n}@example.org") for n in range(4)]
    smtp.rcpt_answers["p1@example.org"] = ["451 4.7.1 Greylisted, try again later"]

    send(issue, django_capture_on_commit_callbacks)

    assert recipients(issue_mails(smtp)) == sorted(s.email for s in subscribers)
    greylisted = Delivery.objects.get(subscriber__email="p1@example.org")
    assert greylisted.state == DeliveryState.SENT
    assert greylisted.attempts == 2
    assert Delivery.objects.get(subscriber__email="p2@example.org").attempts == 1
    assert Issue.objects.get(pk=issue.pk).state == IssueState.SENT


def test_a_temporary_refusal_on_the_last_retry_fails_the_delivery(
    issue, smtp, django_capture_on_commit_callbacks
):
    SubscriberFactory(email="voll@example.org")
    ok = SubscriberFactory(email="frei@example.org")
    smtp.rcpt_answers["voll@example.org"] = ["452 4.2.2 Mailbox full"] * 20

    send(issue, django_capture_on_commit_callbacks)

    full = Delivery.objects.get(subscriber__email="voll@example.org")
    assert full.state == DeliveryState.FAILED and "452" in full.error
    assert full.attempts == services.MAX_RETRIES + 1
    assert recipients(issue_mails(smtp)) == [ok.email]


def test_an_unreachable_server_puts_the_batch_back_to_pending(
    issue, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens there
    SubscriberFactory.create_batch(2)
    with django_capture_on_commit_callbacks():
        start_sending(issue)
    ids = list(Delivery.objects.values_list("pk", flat=True))

    outcome = services.send_deliveries(issue.pk, ids)

    assert outcome.sent == 0 and outcome.retry == sorted(ids)
    assert "refused" in outcome.error.lower() or "errno" in outcome.error.lower()
    assert set(Delivery.objects.values_list("state", flat=True)) == {DeliveryState.PENDING}


def test_retry_delays_grow_and_stay_below_the_visibility_timeout():
    # Redis's; the embedded broker never hands a task out again while a worker holds it.
    visibility = settings.REDIS_VISIBILITY_TIMEOUT
    first, cap = settings.NEWSLETTER_RETRY_DELAYS
    delays = [services.retry_delay(n) for n in range(services.MAX_RETRIES + 1)]

    assert cap < visibility
    assert delays[0] == first and delays == sorted(delays) and delays[-1] == cap
    assert max(delays) < visibility


def test_a_connection_lost_after_the_message_went_over_is_never_resent(
    issue, smtp, django_capture_on_commit_callbacks
):
    SubscriberFactory(email="a@example.org")
    SubscriberFactory(email="b@example.org")
    SubscriberFactory(email="c@example.org")

    async def drop_b(server, message):
        if message["To"] == "b@example.org":
            server.transport.close()  # gone before answering: did it arrive?
            await asyncio.sleep(0)
            return "421 closing"
        return None

    smtp.on_data = drop_b

    send(issue, django_capture_on_commit_callbacks)

    unclear = Delivery.objects.get(subscriber__email="b@example.org")
    assert unclear.state == DeliveryState.CLAIMED and unclear.error
    assert recipients(issue_mails(smtp)) == ["a@example.org", "c@example.org"]
    assert Issue.objects.get(pk=issue.pk).state == IssueState.SENDING

    # The sweeper reports it instead of sending it again, then the issue is done.
    smtp.on_data = None
    services.sweep(lost_after=datetime.timedelta(0), stale_after=datetime.timedelta(0))
    unclear.refresh_from_db()
    assert unclear.state == DeliveryState.UNCLEAR
    assert recipients(issue_mails(smtp)) == ["a@example.org", "c@example.org"]
    assert Issue.objects.get(pk=issue.pk).state == IssueState.SENT


# --- Subscribers leaving meanwhile ---------------------------------------------------------


def test_subscribers_erased_or_unsubscribed_after_the_start_are_skipped(
    issue, smtp, django_capture_on_commit_callbacks
):
    stays = SubscriberFactory(email="bleibt@example.org")
    erased = SubscriberFactory(email="geloescht@example.org")
    leaves = SubscriberFactory(email="geht@example.org")
    with django_capture_on_commit_callbacks() as queued:
        assert start_sending(issue) == 3

    erase_subscriber(subscriber=erased)
    unsubscribe(subscriber=leaves)
    # The worker runs them after the commit; tasks they queue run when the capture ends.
    with django_capture_on_commit_callbacks(execute=True):
        for callback in queued:
            callback()

    assert recipients(issue_mails(smtp)) == [stays.email]
    states = dict(Delivery.objects.values_list("subscriber__email", "state"))
    assert states == {
        None: DeliveryState.SKIPPED,
        "geht@example.org": DeliveryState.SKIPPED,
        "bleibt@example.org": DeliveryState.SENT,
    }
    assert Issue.objects.get(pk=issue.pk).state == IssueState.SENT


# --- Summary -------------------------------------------------------------------------------


def test_the_editors_get_one_summary_with_the_counts_and_the_link(
    issue, smtp, admin_user, django_capture_on_commit_callbacks
):
    second_editor = UserFactory(email="redaktion@example.org", role=Role.ADMIN)
    UserFactory(email="ehemals@example.org", role=Role.ADMIN, is_active=False)
    UserFactory(email="koordination@example.org", role=Role.COORDINATOR)
    SubscriberFactory.create_batch(2)
    SubscriberFactory(email="weg@example.org")
    smtp.rcpt_answers["weg@example.org"] = ["550 5.1.1 Unknown user"]

    send(issue, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.finish_if_done(issue) is False
        sweep_deliveries.delay()

    summaries = summary_mails(smtp)
    assert recipients(summaries) == sorted([admin_user.email, second_editor.email])
    text = summaries[0].get_body(("plain",)).get_content()
    assert "Newsletter März 2014" in summaries[0]["Subject"]
    assert portal_url(reverse("sending:progress", args=[issue.pk])) in text
    assert "2" in text.split("sent")[1].splitlines()[0]  # sent: 2
    assert "1" in text.split("failed")[1].splitlines()[0]  # failed: 1


# --- Sweeper -------------------------------------------------------------------------------


def test_the_sweeper_requeues_lost_pending_rows_and_reports_stale_claims_unsent(
    issue, smtp, django_capture_on_commit_callbacks
):
    for name in ("verloren", "frisch", "haengt", "arbeitet", "nie"):
        SubscriberFactory(email=f"{name}@example.org")
    with django_capture_on_commit_callbacks():  # the queued tasks are lost (Redis was down)
        start_sending(issue)
    now = timezone.now()
    rows = {
        d.subscriber.email.split("@")[0]: d for d in Delivery.objects.select_related("subscriber")
    }
    minutes = datetime.timedelta(minutes=1)
    Delivery.objects.filter(pk=rows["verloren"].pk).update(queued_at=now - 11 * minutes)
    Delivery.objects.filter(pk=rows["frisch"].pk).update(queued_at=now - minutes)
    Delivery.objects.filter(pk=rows["nie"].pk).update(queued_at=None)
    Delivery.objects.filter(pk=rows["haengt"].pk).update(
        state=DeliveryState.CLAIMED, claimed_at=now - 16 * minutes, queued_at=now
    )
    Delivery.objects.filter(pk=rows["arbeitet"].pk).update(
        state=DeliveryState.CLAIMED, claimed_at=now - minutes, queued_at=now
    )

    with django_capture_on_commit_callbacks(execute=True):
        outcome = sweep_deliveries.apply().get()

    assert outcome == {"requeued": 2, "unclear": 1, "finished": 0}
    assert recipients(issue_mails(smtp)) == ["nie@example.org", "verloren@example.org"]
    states = dict(Delivery.objects.values_list("subscriber__email", "state"))
    assert states["haengt@example.org"] == DeliveryState.UNCLEAR
    assert states["arbeitet@example.org"] == DeliveryState.CLAIMED
    assert states["frisch@example.org"] == DeliveryState.PENDING
    assert "may or may not" in Delivery.objects.get(pk=rows["haengt"].pk).error
    assert Issue.objects.get(pk=issue.pk).state == IssueState.SENDING


def test_a_broker_down_at_the_start_leaves_the_rows_to_the_sweeper(
    issue, smtp, monkeypatch, django_capture_on_commit_callbacks
):
    SubscriberFactory.create_batch(3)

    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    with monkeypatch.context() as patch:
        patch.setattr(send_batch, "delay", broker_down)
        assert send(issue, django_capture_on_commit_callbacks) == 3

    assert Issue.objects.get(pk=issue.pk).state == IssueState.SENDING
    assert not Delivery.objects.exclude(state=DeliveryState.PENDING, queued_at=None).exists()
    assert smtp.messages == []

    with django_capture_on_commit_callbacks(execute=True):
        services.sweep()

    assert len(issue_mails(smtp)) == 3
    assert Issue.objects.get(pk=issue.pk).state == IssueState.SENT


def test_due_scheduled_issues_start_and_later_ones_wait(smtp, django_capture_on_commit_callbacks):
    SubscriberFactory()
    due = rendered_issue(state=IssueState.SCHEDULED, scheduled_for=timezone.now())
    later = rendered_issue(
        state=IssueState.SCHEDULED, scheduled_for=timezone.now() + datetime.timedelta(hours=1)
    )

    with django_capture_on_commit_callbacks(execute=True):
        assert send_due_issues.apply().get() == 1

    assert Issue.objects.get(pk=due.pk).state == IssueState.SENT
    assert Issue.objects.get(pk=later.pk).state == IssueState.SCHEDULED
    assert len(issue_mails(smtp)) == 1


# --- Progress page -------------------------------------------------------------------------


def sending_issue_with(counts: dict[str, int]) -> Issue:
    issue = rendered_issue(state=IssueState.SENDING, sending_started_at=timezone.now())
    for state, number in counts.items():
        for _ in range(number):
            Delivery.objects.create(
                issue=issue,
                subscriber=SubscriberFactory(),
                state=state,
                attempts=1,
                error="550 5.1.1 Unknown user" if state == DeliveryState.FAILED else "",
            )
    return issue


def test_the_progress_page_shows_counts_bar_and_problems(client, admin_user):
    issue = sending_issue_with({"sent": 5, "pending": 3, "failed": 1, "unclear": 1})
    client.force_login(admin_user)

    response = client.get(reverse("sending:progress", args=[issue.pk]))

    page = response.content.decode()
    assert '<progress id="sending-progress" max="10" value="7">70 %</progress>' in page
    assert 'id="count-sent"' in page and "<td>5</td>" in page
    assert 'http-equiv="refresh"' not in page
    assert "?watch=1" in page
    assert page.count('type="checkbox"') == 1  # only the unclear one can be chosen
    assert "550 5.1.1 Unknown user" in page
    watched = client.get(reverse("sending:progress", args=[issue.pk]), {"watch": "1"})
    assert 'http-equiv="refresh"' in watched.content.decode()


def test_the_progress_page_makes_the_same_queries_for_more_problems(
    client, admin_user, django_assert_num_queries
):
    small = sending_issue_with({"sent": 2, "failed": 1, "unclear": 1})
    large = sending_issue_with({"sent": 20, "failed": 12, "unclear": 9, "skipped": 3})
    client.force_login(admin_user)
    client.get(reverse("sending:progress", args=[small.pk]))  # session warmed up

    with CaptureQueriesContext(connection) as first:
        client.get(reverse("sending:progress", args=[small.pk]))
    with django_assert_num_queries(len(first.captured_queries)):
        response = client.get(reverse("sending:progress", args=[large.pk]))
    assert response.content.decode().count('type="checkbox"') == 9
    assert len(first.captured_queries) <= 6


def test_unclear_deliveries_can_be_resent_or_recorded_as_sent(
    client, admin_user, smtp, django_capture_on_commit_callbacks
):
    issue = sending_issue_with({"sent": 1, "unclear": 2})
    missing, arrived = Delivery.objects.filter(state="unclear").order_by("pk")
    client.force_login(admin_user)
    progress = reverse("sending:progress", args=[issue.pk])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("sending:resend-unclear", args=[issue.pk]), {"deliveries": [missing.pk]}
        )
    assert response.status_code == 302 and response["Location"] == progress
    assert recipients(issue_mails(smtp)) == [missing.subscriber.email]
    missing.refresh_from_db()
    assert missing.state == DeliveryState.SENT and missing.attempts == 2

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("sending:mark-unclear-sent", args=[issue.pk]), {"deliveries": [arrived.pk]}
        )
    arrived.refresh_from_db()
    assert arrived.state == DeliveryState.SENT
    assert len(issue_mails(smtp)) == 1
    assert Issue.objects.get(pk=issue.pk).state == IssueState.SENT
    assert recipients(summary_mails(smtp)) == [admin_user.email]


def test_resolving_needs_a_choice_of_unclear_deliveries_of_this_issue(
    client, admin_user, smtp, django_capture_on_commit_callbacks
):
    issue = sending_issue_with({"unclear": 1})
    other = sending_issue_with({"unclear": 1})
    foreign = Delivery.objects.get(issue=other)
    client.force_login(admin_user)
    url = reverse("sending:resend-unclear", args=[issue.pk])

    with django_capture_on_commit_callbacks(execute=True):
        for data in ({}, {"deliveries": [foreign.pk]}, {"deliveries": ["x"]}):
            response = client.post(url, data, follow=True)
            assert response.status_code == 200
            assert response.context["messages"]

    assert set(Delivery.objects.values_list("state", flat=True)) == {DeliveryState.UNCLEAR}
    assert smtp.messages == []


def test_a_coordinator_cannot_see_or_resolve_the_sending(client, coordinator):
    issue = sending_issue_with({"unclear": 1})
    client.force_login(coordinator)

    assert client.get(reverse("sending:progress", args=[issue.pk])).status_code == 403
    delivery = Delivery.objects.get()
    response = client.post(
        reverse("sending:resend-unclear", args=[issue.pk]), {"deliveries": [delivery.pk]}
    )
    assert response.status_code == 403
    assert Delivery.objects.get().state == DeliveryState.UNCLEAR
