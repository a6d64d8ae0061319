"""Subscribing to the newsletter: double opt-in over real SMTP, one-click unsubscribe (RFC 8058),
preferences, rate limit and spam trap, the purge of unconfirmed sign-ups, and the suppression
list that keeps erased addresses out of imports."""

import datetime
import re
import time
from unittest import mock
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from newsletters.models import Subscriber, Suppression
from newsletters.models.subscribers import email_digest
from newsletters.subscriptions import services
from newsletters.subscriptions.consent import CONSENT_TEXT_VERSION
from newsletters.subscriptions.links import (
    confirmation_token,
    list_unsubscribe_headers,
    subscriber_token,
    unsubscribe_url,
)
from newsletters.subscriptions.tasks import purge_unconfirmed
from newsletters.subscriptions.views import SIGNUPS_PER_IP
from tests.factories import SubscriberFactory

DAY = datetime.timedelta(days=1)
SUBSCRIBE = "subscriptions:subscribe"

pytestmark = pytest.mark.django_db


@pytest.fixture
def sign_up(client, django_capture_on_commit_callbacks):
    """Send the form as a browser does; mails queued on commit go out before it returns."""

    def sign_up(email="anna@example.org", *, ip="127.0.0.1", **fields):
        data = {
            "email": email,
            "name": "Anna Beispiel",
            "organisation": "KI Hagen",
            "language": "de",
            "consent": "on",
            **fields,
        }
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(reverse(SUBSCRIBE), data, REMOTE_ADDR=ip)

    return sign_up


def text_of(message) -> str:
    return message.get_body(("plain",)).get_content()


def html_of(message) -> str:
    return message.get_body(("html",)).get_content()


def link_in(text: str, route: str) -> str:
    match = re.search(rf"https?://\S+/newsletter/{route}/\S+/", text)
    assert match, f"no {route} link in: {text}"
    return urlsplit(match.group(0)).path


def without_csrf(content: bytes) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", content.decode())


def as_english(client) -> Client:
    client.cookies["django_language"] = "en"
    return client


# --- Double opt-in --------------------------------------------------------------------------


def test_confirmation_mail_arrives_over_smtp_and_only_its_link_confirms(client, smtp, sign_up):
    response = sign_up("Anna@Example.ORG", ip="203.0.113.7")

    assert response.status_code == 302
    assert response["Location"] == reverse("subscriptions:subscribe-done")
    subscriber = Subscriber.objects.get()
    assert (subscriber.email, subscriber.state) == ("Anna@example.org", "pending")
    [message] = smtp.messages
    assert message["To"] == "Anna@example.org"
    confirm_path = link_in(text_of(message), "bestaetigen")
    assert confirm_path in html_of(message)

    assert client.get(confirm_path).status_code == 200  # a mail scanner opening the link
    subscriber.refresh_from_db()
    assert subscriber.state == "pending"

    response = client.post(confirm_path)

    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.state == "confirmed"
    # The proof of consent: when and from where, which text, and when it was confirmed.
    assert subscriber.consent_ip == "203.0.113.7"
    assert subscriber.consent_text_version == CONSENT_TEXT_VERSION
    assert subscriber.consent_given_at <= subscriber.confirmed_at <= timezone.now()


def test_confirmation_mail_carries_the_unsubscribe_link_in_headers_and_footer(smtp, sign_up):
    sign_up("anna@example.org")

    [message] = smtp.messages
    subscriber = Subscriber.objects.get()
    link = unsubscribe_url(subscriber, "http://testserver/")
    assert message["List-Unsubscribe"].strip() == f"<{link}>"  # folded: a long line
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert link in text_of(message)
    assert link in html_of(message)
    assert reverse("subscriptions:preferences", args=[subscriber_token(subscriber)]) in (
        text_of(message)
    )


def test_mail_comes_in_the_language_chosen_in_the_form(mailoutbox, sign_up):
    sign_up("anna@example.org", language="en")
    sign_up("berta@example.org", language="de")

    english, german = mailoutbox
    with translation.override("en"):
        assert english.subject == gettext("Please confirm your newsletter subscription")
    with translation.override("de"):
        assert german.subject == gettext("Please confirm your newsletter subscription")


def test_confirmed_address_gets_a_harmless_note_and_stays_unchanged(smtp, sign_up):
    subscriber = SubscriberFactory(email="anna@example.org", name="Anna", language="de")

    sign_up("ANNA@example.org", name="Jemand anderes", language="en")

    subscriber.refresh_from_db()
    assert (subscriber.state, subscriber.name, subscriber.language) == ("confirmed", "Anna", "de")
    [message] = smtp.messages
    assert "/newsletter/bestaetigen/" not in text_of(message)
    link = unsubscribe_url(subscriber, "http://testserver")
    assert message["List-Unsubscribe"].strip() == f"<{link}>"
    assert link in text_of(message)
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_the_answer_is_the_same_whatever_the_address_is(client, sign_up):
    SubscriberFactory(email="wartend@example.org", state="pending")
    SubscriberFactory(email="dabei@example.org")
    SubscriberFactory(email="weg@example.org", state="unsubscribed", unsubscribed_at=timezone.now())
    Suppression.objects.create(digest=email_digest("geloescht@example.org"))

    answers = set()
    for email in ["neu@example.org", "wartend@example.org", "dabei@example.org",
                  "weg@example.org", "geloescht@example.org"]:  # fmt: skip
        response = sign_up(email)
        page = client.get(response["Location"])
        answers.add((response.status_code, response["Location"], response.content,
                     page.status_code, without_csrf(page.content)))  # fmt: skip

    assert len(answers) == 1
    [(status, _location, _content, page_status, page)] = answers
    assert (status, page_status) == (302, 200)
    assert "example.org" not in page


def test_malformed_address_gets_a_message_at_the_field(client, sign_up, mailoutbox):
    as_english(client)
    response = sign_up("anna@example")

    assert response.status_code == 200
    assert "Please enter a complete email address" in response.content.decode()
    assert response.context["form"].errors["email"]
    assert not Subscriber.objects.exists()
    assert not mailoutbox


def test_without_consent_nothing_is_saved(client, sign_up, mailoutbox):
    as_english(client)
    response = sign_up("anna@example.org", consent="")

    assert response.status_code == 200
    assert "Please agree" in response.content.decode()
    assert not Subscriber.objects.exists()
    assert not mailoutbox


def test_spam_trap_looks_like_success_and_does_nothing(sign_up, mailoutbox):
    response = sign_up("anna@example.org", homepage="http://spam.example/")

    assert response.status_code == 302
    assert response["Location"] == reverse("subscriptions:subscribe-done")
    assert not Subscriber.objects.exists()
    assert not mailoutbox


def test_form_is_rate_limited_per_ip_address(client, sign_up):
    as_english(client)
    for number in range(SIGNUPS_PER_IP):
        assert sign_up(f"person{number}@example.org", ip="198.51.100.1").status_code == 302

    response = sign_up("one-too-many@example.org", ip="198.51.100.1")

    assert response.status_code == 429
    assert "too many sign-ups" in response.content.decode()
    assert not Subscriber.objects.filter(email="one-too-many@example.org").exists()
    # Another address is not affected.
    assert sign_up("one-too-many@example.org", ip="198.51.100.2").status_code == 302
    assert Subscriber.objects.filter(email="one-too-many@example.org").exists()


def test_one_address_gets_at_most_three_mails_a_day(sign_up, mailoutbox):
    for _ in range(5):
        assert sign_up("anna@example.org").status_code == 302

    assert len(mailoutbox) == services.MAILS_PER_ADDRESS == 3


def test_sending_the_form_again_sends_a_link_that_works(client, sign_up, mailoutbox):
    sign_up("anna@example.org")
    sign_up("anna@example.org", name="Anna B.")

    assert Subscriber.objects.get().name == "Anna B."
    client.post(link_in(mailoutbox[0].body, "bestaetigen"))
    assert Subscriber.objects.get().state == "confirmed"


def test_expired_link_explains_and_offers_a_new_sign_up(client):
    subscriber = SubscriberFactory(state="pending")
    with mock.patch("django.core.signing.time.time", return_value=time.time() - 4 * 86400):
        token = confirmation_token(subscriber)

    response = as_english(client).post(reverse("subscriptions:confirm", args=[token]))

    assert response.status_code == 400
    assert "This link has expired" in response.content.decode()
    assert reverse(SUBSCRIBE) in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.state == "pending"


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token, other: token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
        lambda token, other: str(other.pk) + token[token.index(":") :],  # another subscriber
        lambda token, other: "nonsense",
        lambda token, other: "99999999999999999999:x:y",
        lambda token, other: "²:x:y",
    ],
    ids=["signature", "other-subscriber", "nonsense", "huge-pk", "unicode-digit"],
)
def test_tampered_link_explains_and_confirms_nobody(client, tamper):
    subscriber = SubscriberFactory(state="pending")
    other = SubscriberFactory(state="pending")
    token = tamper(confirmation_token(subscriber), other)

    for method in (client.get, client.post):
        response = method(reverse("subscriptions:confirm", args=[token]))
        assert response.status_code == 400
        assert reverse(SUBSCRIBE) in response.content.decode()
    assert set(Subscriber.objects.values_list("state", flat=True)) == {"pending"}


def test_link_of_an_unsubscribed_address_confirms_nothing(client):
    subscriber = SubscriberFactory(state="pending")
    token = confirmation_token(subscriber)
    services.unsubscribe(subscriber=subscriber)

    response = client.post(reverse("subscriptions:confirm", args=[token]))

    assert response.status_code == 400
    subscriber.refresh_from_db()
    assert subscriber.state == "unsubscribed"


# --- Unsubscribing --------------------------------------------------------------------------


def test_one_click_post_without_cookies_or_csrf_token_unsubscribes():
    subscriber = SubscriberFactory()
    client = Client(enforce_csrf_checks=True)

    response = client.post(
        urlsplit(unsubscribe_url(subscriber)).path,
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.state == "unsubscribed"
    assert subscriber.unsubscribed_at is not None


def test_opening_the_unsubscribe_link_unsubscribes_nobody(client):
    subscriber = SubscriberFactory()

    response = client.get(reverse("subscriptions:unsubscribe", args=[subscriber_token(subscriber)]))

    assert response.status_code == 200
    assert b'method="post"' in response.content
    subscriber.refresh_from_db()
    assert subscriber.state == "confirmed"
    assert "no-store" in response["Cache-Control"]


def test_unsubscribing_twice_keeps_the_first_time(client):
    subscriber = SubscriberFactory()
    url = reverse("subscriptions:unsubscribe", args=[subscriber_token(subscriber)])
    client.post(url)
    first = Subscriber.objects.get().unsubscribed_at

    assert client.post(url).status_code == 200
    assert Subscriber.objects.get().unsubscribed_at == first


@pytest.mark.parametrize("name", ["subscriptions:unsubscribe", "subscriptions:preferences"])
def test_bad_personal_link_is_not_found(client, name):
    subscriber = SubscriberFactory()
    other = SubscriberFactory()
    token = subscriber_token(subscriber)
    erased = SubscriberFactory()
    erased_token = subscriber_token(erased)
    services.erase_subscriber(subscriber=erased)

    for bad in [token[:-1], f"{other.pk}{token[token.index(':'):]}", "x", "1:", erased_token,
                confirmation_token(subscriber)]:  # fmt: skip
        url = reverse(name, args=[bad])
        assert client.get(url).status_code == 404, bad
        assert client.post(url, {"List-Unsubscribe": "One-Click"}).status_code == 404, bad
    assert set(Subscriber.objects.values_list("state", flat=True)) == {"confirmed"}


def test_list_unsubscribe_headers_follow_rfc_8058(settings):
    settings.PORTAL_URL = "https://lotsen.example.org"
    subscriber = SubscriberFactory()

    headers = list_unsubscribe_headers(unsubscribe_url(subscriber))

    path = reverse("subscriptions:unsubscribe", args=[subscriber_token(subscriber)])
    assert headers == {
        "List-Unsubscribe": f"<https://lotsen.example.org{path}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


# --- Preferences ----------------------------------------------------------------------------


def test_preferences_change_name_organisation_and_language(client):
    subscriber = SubscriberFactory(name="Anna", language="de")
    url = reverse("subscriptions:preferences", args=[subscriber_token(subscriber)])
    assert client.get(url).status_code == 200

    response = client.post(url, {"name": "Anna B.", "organisation": "IHK", "language": "en"})

    assert response.status_code == 302
    subscriber.refresh_from_db()
    assert (subscriber.name, subscriber.organisation, subscriber.language) == (
        "Anna B.",
        "IHK",
        "en",
    )
    assert subscriber.state == "confirmed"


def test_preferences_refuse_an_unknown_language(client):
    subscriber = SubscriberFactory(language="de")
    url = reverse("subscriptions:preferences", args=[subscriber_token(subscriber)])

    response = client.post(url, {"name": "Anna", "language": "xx"})

    assert response.status_code == 200
    assert response.context["form"].errors["language"]
    subscriber.refresh_from_db()
    assert subscriber.language == "de"


def test_preferences_keep_csrf_protection():
    subscriber = SubscriberFactory(name="Anna")
    url = reverse("subscriptions:preferences", args=[subscriber_token(subscriber)])

    response = Client(enforce_csrf_checks=True).post(url, {"name": "Mallory", "language": "en"})

    assert response.status_code == 403
    subscriber.refresh_from_db()
    assert subscriber.name == "Anna"


def test_resubscribing_after_unsubscribing_needs_a_new_confirmation(client, sign_up, mailoutbox):
    subscriber = SubscriberFactory(email="anna@example.org")
    token = subscriber_token(subscriber)
    client.post(reverse("subscriptions:unsubscribe", args=[token]))
    preferences = client.get(reverse("subscriptions:preferences", args=[token]))
    assert reverse(SUBSCRIBE) in preferences.content.decode()
    assert b'name="name"' not in preferences.content  # nothing to change while unsubscribed

    sign_up("anna@example.org")

    subscriber.refresh_from_db()
    assert subscriber.state == "pending"
    [message] = mailoutbox
    client.post(link_in(message.body, "bestaetigen"))
    subscriber.refresh_from_db()
    assert subscriber.state == "confirmed"
    assert subscriber.unsubscribed_at is None


# --- Purge of unconfirmed sign-ups ----------------------------------------------------------


def test_unconfirmed_sign_ups_go_after_seven_days_once(django_capture_on_commit_callbacks):
    now = timezone.now()
    old = SubscriberFactory(state="pending", consent_given_at=now - 8 * DAY)
    fresh = SubscriberFactory(state="pending", consent_given_at=now - 6 * DAY)
    confirmed = SubscriberFactory(consent_given_at=now - 400 * DAY)
    came_back = SubscriberFactory(
        state="pending", consent_given_at=now - 8 * DAY, unsubscribed_at=now - 100 * DAY
    )

    assert purge_unconfirmed.apply().get() == 2
    assert purge_unconfirmed.apply().get() == 0

    assert not Subscriber.objects.filter(pk=old.pk).exists()
    assert set(Subscriber.objects.values_list("pk", "state")) == {
        (fresh.pk, "pending"),
        (confirmed.pk, "confirmed"),
        # Had unsubscribed and did not confirm the new sign-up: the opt-out stays on record.
        (came_back.pk, "unsubscribed"),
    }


# --- Erasure, suppression and import --------------------------------------------------------


def test_erased_address_is_suppressed_for_imports(client, sign_up, mailoutbox):
    subscriber = SubscriberFactory(email="anna@example.org")
    services.erase_subscriber(subscriber=subscriber)
    assert not Subscriber.objects.exists()
    assert list(Suppression.objects.values_list("digest", flat=True)) == [
        email_digest("anna@example.org")
    ]

    outcome = services.import_subscribers(
        [{"email": "Anna@Example.org"}, {"email": "berta@example.org"}],
        consent_text_version="Verteiler-2014",
        confirmed=True,
    )

    assert (outcome.created, outcome.suppressed) == (1, 1)
    assert list(Subscriber.objects.values_list("email", flat=True)) == ["berta@example.org"]


def test_erased_person_can_come_back_only_through_double_opt_in(client, sign_up, mailoutbox):
    services.erase_subscriber(subscriber=SubscriberFactory(email="anna@example.org"))

    sign_up("anna@example.org")

    subscriber = Subscriber.objects.get()
    assert subscriber.state == "pending"
    assert Suppression.objects.exists()  # until the person confirms
    client.post(link_in(mailoutbox[0].body, "bestaetigen"))
    subscriber.refresh_from_db()
    assert subscriber.state == "confirmed"
    assert not Suppression.objects.exists()


def test_import_adds_new_addresses_as_pending_with_confirmation_mails(
    mailoutbox, django_capture_on_commit_callbacks
):
    SubscriberFactory(email="dabei@example.org")
    SubscriberFactory(email="weg@example.org", state="unsubscribed", unsubscribed_at=timezone.now())
    rows = [
        {"email": "neu@example.org", "name": "Neu", "organisation": "IHK", "language": "en"},
        {"email": "NEU@example.org"},  # the same address again
        {"email": "Weg@example.org"},
        {"email": "dabei@example.org"},
        {"email": "kaputt@"},
        {"name": "ohne Adresse"},
    ]

    with django_capture_on_commit_callbacks(execute=True):
        outcome = services.import_subscribers(rows, consent_text_version="Verteiler-2014")

    assert (outcome.created, outcome.existing, outcome.suppressed) == (1, 2, 0)
    assert outcome.invalid == [5, 6]
    new = Subscriber.objects.get(email="neu@example.org")
    assert (new.state, new.language, new.consent_text_version) == (
        "pending",
        "en",
        "Verteiler-2014",
    )
    assert Subscriber.objects.get(email="weg@example.org").state == "unsubscribed"
    [message] = mailoutbox
    assert message.to == ["neu@example.org"]
    assert "/newsletter/bestaetigen/" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
