"""Previews of an issue (web, email, text, PDF) and the test send, for the editors."""

import io

import pytest
from django.conf import settings
from django.urls import reverse
from pypdf import PdfReader

from newsletters.models import PREFERENCES_PLACEHOLDER, UNSUBSCRIBE_PLACEHOLDER, Rendition
from newsletters.rendering import render
from tests.factories import IssueFactory, IssueItemFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def issue(region):
    issue = IssueFactory(title="Newsletter Mai 2026")
    IssueItemFactory(issue=issue, region=region, headline="Netzwerktreffen in Schwelm")
    return issue


def url(name: str, issue, **query) -> str:
    path = reverse(f"previews:{name}", args=[issue.pk])
    return path + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


@pytest.mark.parametrize("persona", ["coordinator", "other_coordinator", "admin_user"])
def test_coordinators_and_admins_see_the_web_preview_of_a_draft(client, issue, persona, request):
    client.force_login(request.getfixturevalue(persona))

    response = client.get(url("web", issue))

    assert response.status_code == 200
    assert "Netzwerktreffen in Schwelm" in response.text
    may_send = persona == "admin_user"
    assert (reverse("previews:test-send", args=[issue.pk]) in response.text) is may_send


def test_guides_get_no_preview_and_coordinators_no_test_send(client, issue, guide, coordinator):
    client.force_login(guide.user)
    for name in ("web", "email", "text", "pdf", "test-send"):
        assert client.get(url(name, issue)).status_code == 403, name
    client.force_login(coordinator)
    assert client.get(url("test-send", issue)).status_code == 403
    response = client.post(url("test-send", issue), {"email": "x@example.org", "language": "de"})
    assert response.status_code == 403


def test_email_preview_is_the_inlined_mail_in_a_sandbox(client, issue, admin_user):
    client.force_login(admin_user)

    response = client.get(url("email", issue, language="en"))

    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert response["Content-Security-Policy"].startswith("sandbox;")
    assert '<html lang="en">' in response.text
    assert "Netzwerktreffen in Schwelm" in response.text and "style=" in response.text


def test_an_unknown_language_falls_back_to_the_portals(client, issue, admin_user):
    client.force_login(admin_user)

    response = client.get(url("email", issue, language="xx"))

    assert f'<html lang="{settings.LANGUAGE_CODE}">' in response.text


def test_text_preview_is_plain_text(client, issue, admin_user):
    client.force_login(admin_user)

    response = client.get(url("text", issue))

    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.text.startswith("Newsletter Mai 2026\n")
    assert "Netzwerktreffen in Schwelm" in response.text


def test_pdf_preview_renders_a_draft_and_serves_the_stored_file_once_rendered(
    client, issue, admin_user
):
    client.force_login(admin_user)

    draft = client.get(url("pdf", issue))
    assert draft["Content-Type"] == "application/pdf"
    text = PdfReader(io.BytesIO(draft.content)).pages[0].extract_text()
    assert "Netzwerktreffen in Schwelm" in " ".join(text.split())

    render.render_and_store(issue)
    issue.refresh_from_db()
    stored = client.get(url("pdf", issue))
    with issue.pdf.open("rb") as file:
        assert b"".join(stored.streaming_content) == file.read()


def test_a_rendered_issue_previews_what_was_stored(client, issue, admin_user):
    render.render_and_store(issue)
    Rendition.objects.filter(issue=issue, language="de").update(text="Gespeicherter Text")
    client.force_login(admin_user)

    assert "Gespeicherter Text" in client.get(url("text", issue, language="de")).text


def test_unknown_issue_is_not_found(client, admin_user):
    client.force_login(admin_user)
    for name in ("web", "email", "text", "pdf", "test-send"):
        assert client.get(reverse(f"previews:{name}", args=[999999])).status_code == 404, name


def test_test_send_offers_the_editors_own_address(client, issue, admin_user):
    client.force_login(admin_user)

    response = client.get(url("test-send", issue))

    assert response.context["form"].initial["email"] == admin_user.email


def test_test_send_delivers_one_mail_with_both_parts_over_smtp(
    client, issue, admin_user, smtp, django_capture_on_commit_callbacks
):
    client.force_login(admin_user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("test-send", issue), {"email": "redaktion@example.org", "language": "en"}
        )

    assert response.status_code == 302
    assert response["Location"] == reverse("previews:web", args=[issue.pk])
    page = client.get(response["Location"])
    assert "redaktion@example.org" in page.text
    (message,) = smtp.messages
    assert message["To"] == "redaktion@example.org"
    assert message["Subject"] == "[Test] Newsletter Mai 2026"
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    for part in (text, html):
        assert "Netzwerktreffen in Schwelm" in part
        assert UNSUBSCRIBE_PLACEHOLDER not in part and PREFERENCES_PLACEHOLDER not in part
        assert f"{settings.PORTAL_URL}{reverse('subscriptions:subscribe')}" in part
    assert '<html lang="en">' in html


def test_test_send_refuses_a_malformed_address(client, issue, admin_user, mailoutbox):
    client.force_login(admin_user)

    response = client.post(url("test-send", issue), {"email": "nicht-gültig", "language": "de"})

    assert response.status_code == 200
    assert response.context["form"].errors["email"]
    assert mailoutbox == []
