"""The legal pages: Impressum, Datenschutzerklärung, Erklärung zur Barrierefreiheit.

Published versions never change; consent records point to the privacy policy their form
linked to; the accessibility feedback reaches the Landeskoordination and its sender."""

import datetime
import re

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from events.models import Registration
from lotsen.legal import services
from lotsen.legal.markup import render_markdown
from lotsen.legal.selectors import current_version, default_body
from lotsen.models.guides import ExpertiseArea
from lotsen.models.legal import LegalDocument, LegalText, PublishedVersionError
from lotsen.models.referrals import ReferralRequest
from newsletters.models import Subscriber
from newsletters.subscriptions.selectors import personal_data_of
from tests.events.test_registration import form_data as registration_data
from tests.events.test_registration import register_url
from tests.factories import EventFactory, LanguageFactory
from tests.lotsen.test_referrals import form_data as referral_data

pytestmark = pytest.mark.django_db

EDIT_PRIVACY = reverse("legal:edit", args=[LegalDocument.PRIVACY])
FEEDBACK = reverse("legal:accessibility")
LEGAL_LINKS = [reverse("legal:imprint"), reverse("legal:privacy"), FEEDBACK]


@pytest.fixture
def en(client):
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def footer_of(page) -> str:
    html = page.content.decode()
    return html[html.index('<footer class="site-footer">') :]


def form_of(page) -> str:
    """The HTML of the page's (last) form that is sent with POST."""
    html = page.content.decode()
    start = html.rindex('<form method="post"')
    return html[start : html.index("</form>", start)]


def body(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


# --- Versions ------------------------------------------------------------------------------


def test_editing_publishes_a_new_version_and_leaves_the_old_one_as_it_was(client, admin_user):
    client.force_login(admin_user)
    page = client.get(EDIT_PRIVACY)
    # Nothing published yet: the editor starts from the template, filled from the settings.
    assert page.context["form"]["body"].value() == default_body(LegalDocument.PRIVACY)
    assert django_settings.PUBLISHER["name"] in page.context["form"]["body"].value()

    client.post(EDIT_PRIVACY, {"body": "## Erste Fassung\n\nWir speichern wenig."})
    first = LegalText.objects.get(document=LegalDocument.PRIVACY)
    response = client.post(
        EDIT_PRIVACY, {"body": "## Zweite Fassung\n\nNeuer Hoster.", "note": "Hoster"}
    )

    assert response.status_code == 302
    first_again = LegalText.objects.get(pk=first.pk)
    assert (first_again.number, first_again.body, first_again.published_at) == (
        1,
        "## Erste Fassung\n\nWir speichern wenig.",
        first.published_at,
    )
    second = current_version(LegalDocument.PRIVACY)
    assert (second.number, second.note, second.published_by) == (2, "Hoster", admin_user)

    client.logout()
    public = client.get(reverse("legal:privacy")).content.decode()
    assert "Zweite Fassung" in public and "Erste Fassung" not in public
    old = client.get(reverse("legal:privacy-version", args=[1])).content.decode()
    assert "Erste Fassung" in old and "nicht mehr in Kraft" in old

    # The history of the text says who published which version.
    client.force_login(admin_user)
    history = client.get(EDIT_PRIVACY).context["history"]
    assert [entry.action for entry in history] == ["angelegt", "angelegt"]
    assert {entry.actor for entry in history} == {str(admin_user)}


def test_a_published_version_cannot_be_changed(admin_user):
    version = services.publish_text(
        document=LegalDocument.IMPRINT, body="Impressum", published_by=admin_user
    )
    version.body = "Anders"
    with pytest.raises(PublishedVersionError):
        version.save()
    assert LegalText.objects.get().body == "Impressum"


def test_only_the_landeskoordination_publishes(coordinator):
    with pytest.raises(PermissionDenied):
        services.publish_text(
            document=LegalDocument.IMPRINT, body="Impressum", published_by=coordinator
        )
    assert not LegalText.objects.exists()


def test_bad_input_gets_a_message_and_publishes_nothing(client, admin_user):
    client.force_login(admin_user)
    empty = client.post(EDIT_PRIVACY, {"body": "   "})
    assert "Dieses Feld ist zwingend erforderlich." in empty.content.decode()
    client.post(EDIT_PRIVACY, {"body": "Text"})
    unchanged = client.post(EDIT_PRIVACY, {"body": "Text"})
    assert "keine neue Version veröffentlicht" in unchanged.content.decode()
    assert LegalText.objects.count() == 1

    accessibility = reverse("legal:edit", args=[LegalDocument.ACCESSIBILITY])
    without_status = client.post(accessibility, {"body": "- PDF"})
    assert without_status.status_code == 200
    assert not LegalText.objects.filter(document=LegalDocument.ACCESSIBILITY).exists()
    assert client.get(reverse("legal:edit", args=["agb"])).status_code == 404


def test_markup_is_limited_to_safe_markdown(client, admin_user):
    services.publish_text(
        document=LegalDocument.IMPRINT,
        body=(
            "# Titel\n\n<script>alert(1)</script> [böse](javascript:alert(1)) "
            "[gut](https://example.org) <img src=x onerror=alert(1)>"
        ),
        published_by=admin_user,
    )
    html = client.get(reverse("legal:imprint")).content.decode()
    text = html[html.index('<div class="legal-text"') :]
    assert "<h2>Titel</h2>" in text  # the page's title stays the only <h1>
    assert "<script>" not in text and "&lt;script&gt;" in text
    assert "<img" not in text and 'href="javascript' not in text
    assert '<a href="https://example.org" rel="noopener noreferrer">gut</a>' in text


# --- Public pages and links ------------------------------------------------------------------


def test_the_default_texts_are_filled_from_the_publisher_settings(client, settings):
    settings.PUBLISHER = {**settings.PUBLISHER, "name": "Netzwerk West e.V.", "email": "a@b.de"}
    imprint = client.get(reverse("legal:imprint")).content.decode()
    privacy = client.get(reverse("legal:privacy")).content.decode()
    statement = client.get(FEEDBACK).content.decode()
    assert "Netzwerk West e.V." in imprint and "mailto:a@b.de" in imprint
    assert "Netzwerk West e.V." in privacy and "Art. 77 DSGVO" in privacy
    assert "teilweise konform" in statement
    assert 'href="https://www.schlichtungsstelle-bgg.de"' in statement
    assert '<time datetime="2026-12-05">' in statement  # the date of the statement


def test_english_pages_translate_the_chrome_and_mark_the_german_text(en):
    page = en.get(reverse("legal:privacy")).content.decode()
    assert "<h1>Privacy policy</h1>" in page
    assert "This legal text is published in German only." in page
    assert '<div class="legal-text" lang="de">' in page


def test_every_page_links_the_legal_texts_in_its_footer(client, coordinator):
    for link in LEGAL_LINKS:
        assert f'href="{link}"' in footer_of(client.get(reverse("home")))
    client.force_login(coordinator)
    workspace = client.get(reverse("dashboard"))
    assert workspace.status_code == 200
    for link in LEGAL_LINKS:
        assert f'href="{link}"' in footer_of(workspace)


@pytest.fixture
def event(region):
    now = datetime.datetime.now(datetime.UTC)
    return EventFactory(
        region=region,
        is_public=True,
        takes_registrations=True,
        starts_at=now + datetime.timedelta(days=30),
        ends_at=now + datetime.timedelta(days=30, hours=3),
    )


def test_every_form_with_personal_data_links_the_privacy_policy(client, event):
    privacy = f'href="{reverse("legal:privacy")}"'
    for url in (
        reverse("subscriptions:subscribe"),
        register_url(event),
        reverse("referrals:request"),
        FEEDBACK,
    ):
        assert privacy in form_of(client.get(url)), url


# --- Consent records -------------------------------------------------------------------------


def test_consents_store_the_privacy_version_in_force(
    client, admin_user, event, region, django_capture_on_commit_callbacks
):
    services.publish_text(document=LegalDocument.PRIVACY, body="Fassung 1", published_by=admin_user)
    current = services.publish_text(
        document=LegalDocument.PRIVACY, body="Fassung 2", published_by=admin_user
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("subscriptions:subscribe"),
            {"email": "anna@example.org", "language": "de", "consent": "on"},
        )
        client.post(register_url(event), registration_data())
        topic = ExpertiseArea.objects.create(name="Bewerbung", name_en="Applications")
        client.post(reverse("referrals:request"), referral_data(region, LanguageFactory(), topic))

    assert Subscriber.objects.get().privacy_text == current
    export = personal_data_of(Subscriber.objects.get())
    assert export["consent"]["privacy_policy_version"] == current.number == 2
    assert Registration.objects.get().privacy_text == current
    assert ReferralRequest.objects.get().privacy_text == current


def test_a_consent_before_any_edit_freezes_the_default_text_as_version_1(
    client, settings, admin_user
):
    shown = default_body(LegalDocument.PRIVACY).strip()
    client.post(
        reverse("subscriptions:subscribe"),
        {"email": "anna@example.org", "language": "de", "consent": "on"},
    )
    subscriber = Subscriber.objects.get()
    assert (subscriber.privacy_text.number, subscriber.privacy_text.body) == (1, shown)

    # Later settings change the default, not what this person was shown.
    settings.PUBLISHER = {**settings.PUBLISHER, "name": "Umbenannt gGmbH"}
    client.post(
        reverse("subscriptions:subscribe"),
        {"email": "ben@example.org", "language": "de", "consent": "on"},
    )
    assert Subscriber.objects.get(email="ben@example.org").privacy_text == subscriber.privacy_text
    client.force_login(admin_user)
    detail = client.get(reverse("subscriptions:detail", args=[subscriber.pk])).content.decode()
    assert f'href="{reverse("legal:privacy-version", args=[1])}"' in detail


# --- The accessibility feedback form ------------------------------------------------------


def test_feedback_reaches_the_landeskoordination_and_a_copy_its_sender(
    en, smtp, django_capture_on_commit_callbacks
):
    data = {"name": "Eva Roth", "email": "eva@example.org", "message": "Der Kalender ist zu eng."}
    with django_capture_on_commit_callbacks(execute=True):
        response = en.post(FEEDBACK, data, follow=True)

    assert "We have sent you a copy at eva@example.org" in response.content.decode()
    mails = {message["To"]: message for message in smtp.messages}
    assert set(mails) == {django_settings.PUBLISHER["email"], "eva@example.org"}
    to_coordination = mails[django_settings.PUBLISHER["email"]]
    assert to_coordination["Reply-To"] == "eva@example.org"
    assert "Rückmeldung zur Barrierefreiheit" in to_coordination["Subject"]  # German inbox
    assert "Der Kalender ist zu eng." in body(to_coordination)
    copy = mails["eva@example.org"]
    assert copy["Subject"] == "Your feedback on accessibility"  # the sender's language
    assert "Der Kalender ist zu eng." in body(copy)
    assert "https://www.schlichtungsstelle-bgg.de" in body(copy)


def test_invalid_feedback_gets_translated_errors_and_sends_nothing(
    client, smtp, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(FEEDBACK, {"name": "Eva", "email": "eva@", "message": " "})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Geben Sie eine gültige E-Mail-Adresse ein" in html
    assert "Bitte schreiben Sie, was Sie uns mitteilen möchten." in html
    assert re.search(r'class="error-summary"', html)
    assert smtp.messages == []


def test_the_robot_trap_and_the_rate_limit_send_nothing(
    client, smtp, django_capture_on_commit_callbacks
):
    data = {"email": "eva@example.org", "message": "Hallo", "website": "http://spam.example"}
    with django_capture_on_commit_callbacks(execute=True):
        trapped = client.post(FEEDBACK, data, follow=True)
    assert "Ihre Nachricht wurde gesendet" in trapped.content.decode()
    assert smtp.messages == []

    data["website"] = ""
    answers = []
    for n in range(6):
        with django_capture_on_commit_callbacks(execute=True):
            answers.append(
                client.post(FEEDBACK, {**data, "email": f"p{n}@example.org"}).status_code
            )
    assert answers == [302] * 4 + [429, 429]  # the trapped post counted too
    assert len(smtp.messages) == 8


def test_the_texts_top_headings_follow_the_pages_title_without_a_gap():
    # Whether the author starts at "#" or "##", the first level under the title is <h2>.
    assert (
        str(render_markdown("## Kontakt\n\n### Telefon")) == "<h2>Kontakt</h2>\n<h3>Telefon</h3>\n"
    )
    assert str(render_markdown("# Kontakt\n\n## Telefon")) == "<h2>Kontakt</h2>\n<h3>Telefon</h3>\n"
