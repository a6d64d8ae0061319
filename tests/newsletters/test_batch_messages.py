"""Each copy of a batch is the language's message with one subscriber's details put in."""

import email
import email.policy

import pytest
from django.conf import settings

from newsletters.models import PREFERENCES_PLACEHOLDER, UNSUBSCRIBE_PLACEHOLDER, Rendition
from newsletters.rendering.render import fold_long_lines
from newsletters.sending.messages import BatchMessages
from newsletters.subscriptions.links import preferences_url, unsubscribe_url
from tests.factories import IssueFactory, SubscriberFactory

pytestmark = pytest.mark.django_db

FOOTER = f"Abbestellen: {UNSUBSCRIBE_PLACEHOLDER} · Einstellungen: {PREFERENCES_PLACEHOLDER}"


def rendition(html_line: str) -> Rendition:
    return Rendition.objects.create(
        issue=IssueFactory(state="sending"),
        language="de",
        subject="Newsletter März 2014",
        text=f"Aktuelles aus den Regionen\n\n{FOOTER}\n",
        html=f'<html lang="de"><body><p>{html_line}</p>\n<p><a href="{UNSUBSCRIBE_PLACEHOLDER}">'
        f'Abbestellen</a> <a href="{PREFERENCES_PLACEHOLDER}">Einstellungen</a></p></body></html>',
    )


def parsed(data: bytes) -> email.message.EmailMessage:
    return email.message_from_bytes(data, policy=email.policy.default)


@pytest.mark.parametrize(
    "html_line",
    [
        "Kurz und gut.",
        # Folded as the renderer folds it: 8bit, the fast copy.
        fold_long_lines("Ein langer Absatz über die Lotsinnen und Lotsen. " * 60),
        # Unfolded, the part is encoded quoted-printable: built the slow way, still right.
        "Ein langer Absatz über die Lotsinnen und Lotsen. " * 60,
    ],
    ids=["short", "folded", "over-long line"],
)
def test_each_copy_carries_its_subscribers_address_links_and_message_id(html_line):
    rendered = rendition(html_line)
    batch = BatchMessages(rendered.issue, {"de": rendered}, domain="lotsen.example")
    anna = SubscriberFactory(email="anna@example.org")
    ben = SubscriberFactory(email="ben@example.org")

    copies = {}
    for delivery_id, subscriber in ((7, anna), (8, ben)):
        sender, recipients, data = batch.envelope(subscriber, rendered, delivery_id)
        assert recipients == [subscriber.email]
        assert sender == settings.DEFAULT_FROM_EMAIL
        copies[subscriber.email] = parsed(data)

    for subscriber, delivery_id in ((anna, 7), (ben, 8)):
        message = copies[subscriber.email]
        assert message["To"] == subscriber.email
        assert (
            message["Message-ID"]
            == f"<newsletter-{rendered.issue.pk}-{delivery_id}@lotsen.example>"
        )
        assert message["List-Unsubscribe"].strip() == f"<{unsubscribe_url(subscriber)}>"
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        text = message.get_body(("plain",)).get_content()
        html = message.get_body(("html",)).get_content()
        for part in (text, html):
            assert unsubscribe_url(subscriber) in part
            assert preferences_url(subscriber) in part
            assert "%%" not in part
        assert "Lotsinnen und Lotsen" in html or "Kurz und gut" in html
    assert copies["anna@example.org"]["Subject"] == "Newsletter März 2014"


def test_the_renderers_folding_keeps_the_parts_8bit():
    rendered = rendition(fold_long_lines("Ein langer Absatz über die Lotsinnen und Lotsen. " * 60))
    batch = BatchMessages(rendered.issue, {"de": rendered}, domain="lotsen.example")
    assert batch._template(rendered) is not None
    _sender, _recipients, data = batch.envelope(SubscriberFactory(), rendered, 1)
    assert all(len(line) <= 998 for line in data.split(b"\r\n"))
    assert b"quoted-printable" not in data
