"""Bounces: refusals at sending over a real SMTP server on 127.0.0.1, VERP return paths, and
bounce reports of Postfix, Exim, Exchange and Gmail read from a Maildir; what the editors see.
"""

import datetime
import grp
import imaplib
import mailbox
import os
import pwd
import shutil
import socket
import ssl
import subprocess
import tempfile
from email.utils import parseaddr
from pathlib import Path

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from newsletters.bounces import verp
from newsletters.bounces.mailboxes import PROCESSED, UNRECOGNISED
from newsletters.bounces.services import record_bounce
from newsletters.bounces.tasks import process_bounces
from newsletters.models import (
    BounceKind,
    Delivery,
    DeliveryState,
    IssueState,
    Subscriber,
    SubscriberState,
)
from newsletters.reports.figures.base import Period
from newsletters.reports.figures.reach import newsletter_figures
from newsletters.sending.services import MAX_RETRIES
from newsletters.subscriptions.selectors import personal_data_of
from newsletters.subscriptions.services import (
    confirm_subscription,
    erase_subscriber,
    purge_unconfirmed,
    request_subscription,
)
from tests.conftest import wait_until
from tests.factories import SubscriberFactory
from tests.newsletters.test_sending import issue_mails, recipients, rendered_issue, send

pytestmark = pytest.mark.django_db

REPORTS = Path(__file__).resolve().parent / "bounce_reports"
BOUNCE_ADDRESS = "bounces@example.org"
FINAL_4XX = ["452 4.2.2 Mailbox full"] * (MAX_RETRIES + 1)


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def verp_on(settings):
    settings.NEWSLETTER_BOUNCE_ADDRESS = BOUNCE_ADDRESS


@pytest.fixture
def maildir(settings, tmp_path, verp_on) -> mailbox.Maildir:
    path = tmp_path / "bounces"
    settings.NEWSLETTER_BOUNCE_MAILBOX = f"maildir://{path}"
    return mailbox.Maildir(path, create=True)


def send_issue(capture):
    issue = rendered_issue()
    send(issue, capture)
    return issue


def report(name: str, delivery: Delivery, recipient: str | None = None) -> bytes:
    """The bounce report ``name`` about ``delivery``, as its mail server would send it."""
    text = (REPORTS / name).read_text()
    return (
        text.replace("{token}", verp.token(delivery.pk))
        .replace("{recipient}", recipient or delivery.subscriber.email)
        .encode()
    )


def fresh(subscriber) -> Subscriber:
    return Subscriber.objects.get(pk=subscriber.pk)


# --- At sending ----------------------------------------------------------------------------


def test_a_permanent_refusal_bounces_the_subscriber_until_they_confirm_again(
    smtp, django_capture_on_commit_callbacks
):
    good = SubscriberFactory(email="gut@example.org")
    gone = SubscriberFactory(email="weg@example.org")
    smtp.rcpt_answers[gone.email] = ["550 5.1.1 No such mailbox here"]

    first = send_issue(django_capture_on_commit_callbacks)

    delivery = Delivery.objects.get(issue=first, subscriber=gone)
    assert delivery.state == DeliveryState.FAILED and delivery.bounce == BounceKind.HARD
    assert "No such mailbox here" in delivery.bounce_reason
    gone = fresh(gone)
    assert gone.state == SubscriberState.BOUNCED and gone.bounced_at is not None
    assert gone.bounce_reason == "550 5.1.1 No such mailbox here"

    second = send_issue(django_capture_on_commit_callbacks)
    assert not Delivery.objects.filter(issue=second, subscriber=gone).exists()
    assert recipients(issue_mails(smtp)) == [good.email, good.email]

    # The owner signs up again and follows the link: the address works again.
    request_subscription(email=gone.email, base_url="http://testserver")
    assert fresh(gone).state == SubscriberState.PENDING
    confirm_subscription(subscriber=gone)
    gone = fresh(gone)
    assert gone.state == SubscriberState.CONFIRMED
    assert (gone.bounced_at, gone.bounce_reason, gone.soft_bounces) == (None, "", 0)

    send_issue(django_capture_on_commit_callbacks)
    assert recipients(issue_mails(smtp)).count(gone.email) == 1


def test_three_final_temporary_refusals_in_a_row_bounce_the_subscriber(
    smtp, django_capture_on_commit_callbacks
):
    full = SubscriberFactory(email="voll@example.org")
    smtp.rcpt_answers[full.email] = FINAL_4XX * 3

    for expected in (1, 2):
        send_issue(django_capture_on_commit_callbacks)
        assert fresh(full).soft_bounces == expected
        assert fresh(full).state == SubscriberState.CONFIRMED
    third = send_issue(django_capture_on_commit_callbacks)

    full = fresh(full)
    assert full.state == SubscriberState.BOUNCED
    assert full.bounce_reason == "3 soft bounces in a row, the last: 452 4.2.2 Mailbox full"
    assert Delivery.objects.get(issue=third, subscriber=full).bounce == BounceKind.SOFT
    assert issue_mails(smtp) == []


def test_a_delivered_copy_resets_the_soft_bounces_and_greylisting_is_no_bounce(
    smtp, django_capture_on_commit_callbacks
):
    full = SubscriberFactory(email="voll@example.org")
    # Two issues fail for good with 4xx, the third is greylisted once and then taken.
    smtp.rcpt_answers[full.email] = [*FINAL_4XX, *FINAL_4XX, "451 4.7.1 Greylisted"]
    send_issue(django_capture_on_commit_callbacks)
    send_issue(django_capture_on_commit_callbacks)
    assert fresh(full).soft_bounces == 2

    send_issue(django_capture_on_commit_callbacks)
    assert fresh(full).soft_bounces == 0
    assert recipients(issue_mails(smtp)) == [full.email]

    smtp.rcpt_answers[full.email] = list(FINAL_4XX)
    send_issue(django_capture_on_commit_callbacks)
    assert fresh(full).soft_bounces == 1
    assert fresh(full).state == SubscriberState.CONFIRMED


# --- VERP ----------------------------------------------------------------------------------


def test_each_copy_goes_out_with_its_deliverys_signed_return_path(
    smtp, verp_on, settings, django_capture_on_commit_callbacks
):
    subscribers = [SubscriberFactory() for _ in range(3)]
    issue = send_issue(django_capture_on_commit_callbacks)

    assert len(smtp.messages) == len(subscribers)
    for message, sender in zip(smtp.messages, smtp.senders, strict=True):
        delivery = Delivery.objects.get(issue=issue, subscriber__email=message["To"])
        assert sender == f"bounces+{verp.token(delivery.pk)}@example.org"
        assert verp.delivery_id_from_address(sender) == delivery.pk
        assert message["X-Lotsen-Delivery"] == verp.token(delivery.pk)
        assert message["From"] == settings.DEFAULT_FROM_EMAIL


def test_without_a_bounce_address_the_envelope_sender_is_the_portals(
    smtp, settings, django_capture_on_commit_callbacks
):
    SubscriberFactory()
    issue = send_issue(django_capture_on_commit_callbacks)

    delivery = Delivery.objects.get(issue=issue)
    assert smtp.senders == [parseaddr(settings.DEFAULT_FROM_EMAIL)[1]]
    assert smtp.messages[0]["X-Lotsen-Delivery"] == verp.token(delivery.pk)


def test_a_forged_or_foreign_return_address_names_no_delivery(verp_on):
    genuine = f"bounces+{verp.token(42)}@example.org"
    assert verp.delivery_id_from_address(genuine) == 42
    assert verp.delivery_id_from_address(genuine.upper()) == 42
    assert verp.delivery_id_from_address(f"bounces+43-{verp.token(42)[3:]}@example.org") is None
    assert verp.delivery_id_from_address(f"bounces+{verp.token(42)}@other.example") is None
    assert verp.delivery_id_from_address("bounces+42@example.org") is None
    assert verp.delivery_id_from_token("42-" + "0" * 16) is None


# --- Bounce reports from the mailbox -------------------------------------------------------


def test_bounce_reports_of_every_format_mark_their_delivery_and_subscriber(
    smtp, maildir, django_capture_on_commit_callbacks
):
    names = [
        "postfix_hard.eml",
        "exim_hard.eml",
        "exchange_hard.eml",
        "gmail_hard.eml",
        "postfix_soft.eml",
        "exchange_delayed.eml",
        "autoreply.eml",
    ]
    subscribers = {name: SubscriberFactory() for name in names}
    bystander = SubscriberFactory()
    issue = send_issue(django_capture_on_commit_callbacks)
    deliveries = {
        name: Delivery.objects.get(issue=issue, subscriber=s) for name, s in subscribers.items()
    }
    for name in names:
        maildir.add(report(name, deliveries[name]))

    result = process_bounces.apply().get()

    assert result == {"recorded": 5, "known": 0, "unrecognised": 1, "warnings": 1}
    for name, code in (
        ("postfix_hard.eml", "550 5.1.1"),
        ("exim_hard.eml", "550 5.1.1"),
        ("exchange_hard.eml", "550 5.1.10 RESOLVER.ADR.RecipientNotFound"),
        ("gmail_hard.eml", "550-5.1.1 The email account that you tried to reach does not exist"),
    ):
        subscriber = fresh(subscribers[name])
        assert subscriber.state == SubscriberState.BOUNCED, name
        assert subscriber.bounce_reason.startswith(code), (name, subscriber.bounce_reason)
        delivery = Delivery.objects.get(pk=deliveries[name].pk)
        assert (delivery.state, delivery.bounce) == (DeliveryState.SENT, BounceKind.HARD)
    soft = fresh(subscribers["postfix_soft.eml"])
    assert (soft.state, soft.soft_bounces) == (SubscriberState.CONFIRMED, 1)
    assert Delivery.objects.get(pk=deliveries["postfix_soft.eml"].pk).bounce == BounceKind.SOFT
    for name in ("exchange_delayed.eml", "autoreply.eml"):
        untouched = fresh(subscribers[name])
        assert (untouched.state, untouched.soft_bounces) == (SubscriberState.CONFIRMED, 0)
        assert Delivery.objects.get(pk=deliveries[name].pk).bounce == ""
    assert fresh(bystander).state == SubscriberState.CONFIRMED

    # Every mail left the inbox; the next run finds nothing.
    assert len(maildir) == 0
    assert len(maildir.get_folder(PROCESSED)) == 6
    assert len(maildir.get_folder(UNRECOGNISED)) == 1
    assert process_bounces.apply().get() == {
        "recorded": 0,
        "known": 0,
        "unrecognised": 0,
        "warnings": 0,
    }


def test_a_report_read_again_counts_once_and_a_soft_bounce_can_turn_hard(
    smtp, maildir, django_capture_on_commit_callbacks
):
    subscriber = SubscriberFactory()
    issue = send_issue(django_capture_on_commit_callbacks)
    delivery = Delivery.objects.get(issue=issue)
    maildir.add(report("postfix_soft.eml", delivery))
    maildir.add(report("postfix_soft.eml", delivery))

    assert process_bounces.apply().get()["known"] == 1
    assert fresh(subscriber).soft_bounces == 1

    maildir.add(report("gmail_hard.eml", delivery))
    assert process_bounces.apply().get()["recorded"] == 1
    assert fresh(subscriber).state == SubscriberState.BOUNCED
    assert Delivery.objects.get(pk=delivery.pk).bounce == BounceKind.HARD


def test_a_report_without_the_envelope_is_found_by_its_header_and_a_forgery_by_nobody(
    smtp, maildir, django_capture_on_commit_callbacks
):
    lost, forged = SubscriberFactory(), SubscriberFactory()
    issue = send_issue(django_capture_on_commit_callbacks)
    lost_delivery = Delivery.objects.get(issue=issue, subscriber=lost)
    forged_delivery = Delivery.objects.get(issue=issue, subscriber=forged)
    # Sent to the bare bounce address: only the quoted original's header names the delivery.
    data = report("gmail_hard.eml", lost_delivery)
    maildir.add(data.replace(f"bounces+{verp.token(lost_delivery.pk)}@".encode(), b"bounces@"))
    # A stranger guesses a delivery number without the key.
    fake = f"{forged_delivery.pk}-{'0' * 16}"
    maildir.add(
        (REPORTS / "postfix_hard.eml")
        .read_text()
        .replace("{token}", fake)
        .replace("{recipient}", forged.email)
        .encode()
    )

    assert process_bounces.apply().get()["recorded"] == 1
    assert fresh(lost).state == SubscriberState.BOUNCED
    assert fresh(forged).state == SubscriberState.CONFIRMED
    assert len(maildir.get_folder(UNRECOGNISED)) == 1


def test_a_late_report_does_not_bounce_a_subscriber_who_confirmed_again_since(
    smtp, verp_on, django_capture_on_commit_callbacks
):
    subscriber = SubscriberFactory()
    issue = send_issue(django_capture_on_commit_callbacks)
    delivery = Delivery.objects.get(issue=issue)
    Subscriber.objects.filter(pk=subscriber.pk).update(
        confirmed_at=timezone.now() + datetime.timedelta(minutes=1)
    )

    assert record_bounce(delivery_id=delivery.pk, kind=BounceKind.HARD, reason="550 gone")
    assert fresh(subscriber).state == SubscriberState.CONFIRMED


def test_no_mailbox_configured_reads_nothing_and_a_wrong_url_says_what_is_wrong(settings):
    settings.NEWSLETTER_BOUNCE_MAILBOX = ""
    assert process_bounces.apply().get()["recorded"] == 0
    settings.NEWSLETTER_BOUNCE_MAILBOX = "pop3://mail.example.org/"
    with pytest.raises(ImproperlyConfigured, match="maildir:// or imaps://"):
        process_bounces.apply().get()


def test_the_beat_job_reads_the_mailbox_every_ten_minutes(settings):
    jobs = [
        job
        for job in settings.CELERY_BEAT_SCHEDULE.values()
        if job["task"] == "newsletters.tasks.bounces.process_bounces"
    ]
    assert len(jobs) == 1
    assert jobs[0]["schedule"].minute == set(range(0, 60, 10))


# --- What the editors see ------------------------------------------------------------------


@pytest.fixture
def bounced_issue(smtp, django_capture_on_commit_callbacks):
    SubscriberFactory(email="gut@example.org")
    SubscriberFactory(email="weg@example.org")
    SubscriberFactory(email="voll@example.org")
    smtp.rcpt_answers["weg@example.org"] = ["550 5.1.1 No such mailbox here"]
    smtp.rcpt_answers["voll@example.org"] = list(FINAL_4XX)
    return send_issue(django_capture_on_commit_callbacks)


def test_the_progress_page_shows_the_bounces_with_reason(client, admin_user, bounced_issue):
    client.force_login(admin_user)
    page = client.get(reverse("sending:progress", args=[bounced_issue.pk])).content.decode()

    assert "1 hard and 1 soft bounces" in " ".join(page.split())
    assert "weg@example.org" in page and "No such mailbox here" in page
    assert "452 4.2.2 Mailbox full" in page


def test_the_subscriber_list_and_page_show_the_bounce(client, admin_user, bounced_issue):
    client.force_login(admin_user)
    with translation.override("en"):
        listing = client.get(reverse("subscriptions:list"), {"state": "bounced"})
    assert [s.email for s in listing.context["object_list"]] == ["weg@example.org"]
    assert "No such mailbox here" in listing.content.decode()
    counts = {value: count for value, _label, count in listing.context["state_counts"]}
    assert counts["bounced"] == 1
    soft = client.get(reverse("subscriptions:list"), {"q": "voll"}).content.decode()
    assert "1 soft bounce in a row" in soft

    gone = Subscriber.objects.get(email="weg@example.org")
    page = client.get(reverse("subscriptions:detail", args=[gone.pk])).content.decode()
    assert "550 5.1.1 No such mailbox here" in page
    assert bounced_issue.title in page
    assert "No issue goes to this address" in page


def test_the_personal_data_export_holds_the_bounces_and_erasure_deletes_them(bounced_issue):
    gone = Subscriber.objects.get(email="weg@example.org")
    data = personal_data_of(gone)
    assert data["bounce"]["reason"] == "550 5.1.1 No such mailbox here"
    assert data["bounce"]["deliveries"][0]["kind"] == BounceKind.HARD

    erase_subscriber(subscriber=gone)

    delivery = Delivery.objects.get(issue=bounced_issue, subscriber=None)
    assert (delivery.bounce, delivery.bounced_at, delivery.bounce_reason, delivery.error) == (
        "",
        None,
        "",
        "",
    )
    assert delivery.state == DeliveryState.FAILED  # still counted as a failed delivery


def test_an_unconfirmed_new_sign_up_of_a_bounced_address_falls_back_to_bounced(bounced_issue):
    gone = Subscriber.objects.get(email="weg@example.org")
    request_subscription(email=gone.email, base_url="http://testserver")

    purge_unconfirmed(now=timezone.now() + datetime.timedelta(days=8))

    assert fresh(gone).state == SubscriberState.BOUNCED


def test_the_reports_reach_counts_only_deliverable_subscribers(db):
    def subscriber(email, bounced_at=None):
        Subscriber.objects.create(
            email=email,
            consent_text_version="1",
            consent_given_at=datetime.datetime(2021, 5, 1, tzinfo=datetime.UTC),
            confirmed_at=datetime.datetime(2021, 5, 1, tzinfo=datetime.UTC),
            state="bounced" if bounced_at else "confirmed",
            bounced_at=bounced_at,
        )

    subscriber("a@example.org")
    subscriber("b@example.org", datetime.datetime(2022, 3, 1, tzinfo=datetime.UTC))

    with translation.override("en"):
        group = newsletter_figures(Period(datetime.date(2022, 1, 1), datetime.date(2022, 6, 30)))
    confirmed = next(f for f in group.figures if f.label == "Confirmed subscribers")
    assert (confirmed.value, confirmed.previous) == (1, 2)


# --- A real IMAP server --------------------------------------------------------------------

DOVECOT = Path("/usr/sbin/dovecot")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _accepts(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


@pytest.fixture
def imap_server(monkeypatch):
    """Dovecot on 127.0.0.1 over TLS with one Maildir and any password "secret"; yields
    (port, a logged-in client)."""
    if not DOVECOT.exists():
        pytest.fail("Dovecot is missing: scripts/system-deps.sh installs dovecot-imapd")
    root = Path(tempfile.mkdtemp(prefix="lotsen-imap-"))
    root.chmod(0o755)
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost",
         "-keyout", str(root / "key.pem"), "-out", str(root / "cert.pem")],
        check=True, capture_output=True,
    )  # fmt: skip
    (root / "Maildir").mkdir()
    # Dovecot refuses to serve mail as root: as root, its own users serve the Maildir.
    if os.getuid() == 0:
        internal, login, user = "dovecot", "dovenull", "dovecot"
        shutil.chown(root / "Maildir", user, user)
    else:
        internal = login = user = pwd.getpwuid(os.getuid()).pw_name
    group = grp.getgrgid(pwd.getpwnam(user).pw_gid).gr_name
    port = _free_port()
    (root / "dovecot.conf").write_text(
        f"""protocols = imap
listen = 127.0.0.1
base_dir = {root}/run
state_dir = {root}/run
log_path = {root}/dovecot.log
ssl = required
ssl_cert = <{root}/cert.pem
ssl_key = <{root}/key.pem
default_internal_user = {internal}
default_internal_group = {group}
default_login_user = {login}
first_valid_uid = 1
first_valid_gid = 1
auth_mechanisms = plain
mail_location = maildir:{root}/Maildir
service imap-login {{
  chroot =
  inet_listener imap {{
    port = 0
  }}
  inet_listener imaps {{
    port = {port}
    ssl = yes
  }}
}}
service anvil {{
  chroot =
}}
passdb {{
  driver = static
  args = password=secret
}}
userdb {{
  driver = static
  args = uid={user} gid={group} home={root}/home
}}
"""
    )
    server = subprocess.Popen([DOVECOT, "-F", "-c", root / "dovecot.conf"])
    try:
        wait_until(lambda: _accepts(port), timeout=30, what="Dovecot")
        # The portal trusts the test's certificate as it would a real server's.
        monkeypatch.setenv("SSL_CERT_FILE", str(root / "cert.pem"))
        client = imaplib.IMAP4_SSL("localhost", port, ssl_context=ssl.create_default_context())
        client.login("bounces", "secret")
        yield port, client
        client.logout()
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(root, ignore_errors=True)


def _count(client, folder: str) -> int:
    status, answer = client.select(f'"{folder}"')
    assert status == "OK", answer
    return int(answer[0])


def test_bounce_reports_are_read_from_an_imap_folder_and_moved_out(
    smtp, verp_on, settings, imap_server, django_capture_on_commit_callbacks
):
    port, client = imap_server
    hard, soft, other = SubscriberFactory(), SubscriberFactory(), SubscriberFactory()
    issue = send_issue(django_capture_on_commit_callbacks)
    for name, subscriber in (
        ("exchange_hard.eml", hard),
        ("postfix_soft.eml", soft),
        ("autoreply.eml", other),
    ):
        delivery = Delivery.objects.get(issue=issue, subscriber=subscriber)
        data = report(name, delivery).replace(b"\n", b"\r\n")
        assert client.append('"INBOX"', None, None, data)[0] == "OK"
    settings.NEWSLETTER_BOUNCE_MAILBOX = f"imaps://bounces:secret@localhost:{port}/INBOX"

    result = process_bounces.apply().get()

    assert result == {"recorded": 2, "known": 0, "unrecognised": 1, "warnings": 0}
    assert fresh(hard).state == SubscriberState.BOUNCED
    assert fresh(soft).soft_bounces == 1
    assert fresh(other).state == SubscriberState.CONFIRMED
    assert _count(client, "INBOX") == 0
    assert _count(client, PROCESSED) == 2
    assert _count(client, UNRECOGNISED) == 1
    assert process_bounces.apply().get()["recorded"] == 0


def test_the_progress_page_makes_the_same_queries_for_more_bounces(
    client, admin_user, django_assert_num_queries
):
    def issue_with_bounces(count: int):
        now = timezone.now()
        issue = rendered_issue(state=IssueState.SENT, sending_started_at=now, sent_at=now)
        for n in range(count):
            Delivery.objects.create(
                issue=issue,
                subscriber=SubscriberFactory(),
                state=DeliveryState.SENT,
                bounce=BounceKind.HARD if n % 2 else BounceKind.SOFT,
                bounced_at=timezone.now(),
                bounce_reason=f"550 5.1.1 unknown user {n}",
            )
        return issue

    small, large = issue_with_bounces(1), issue_with_bounces(8)
    client.force_login(admin_user)
    client.get(reverse("sending:progress", args=[small.pk]))  # session warmed up

    with CaptureQueriesContext(connection) as first:
        client.get(reverse("sending:progress", args=[small.pk]))
    with django_assert_num_queries(len(first.captured_queries)):
        response = client.get(reverse("sending:progress", args=[large.pk]))
    assert response.content.decode().count("unknown user") == 8


def test_erasure_also_deletes_a_change_history_of_the_subscriber(db):
    subscriber = SubscriberFactory(state="bounced", bounced_at=timezone.now(), bounce_reason="x")
    LogEntry.objects.log_create(
        subscriber, action=LogEntry.Action.UPDATE, changes={"bounce_reason": ["", "550 gone"]}
    )
    assert LogEntry.objects.get_for_object(subscriber).exists()

    erase_subscriber(subscriber=subscriber)

    assert not LogEntry.objects.filter(object_repr=subscriber.email).exists()
