"""The public newsletter archive: sent issues only, as stored, with their files."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from newsletters.models import IssueState
from newsletters.rendering import render
from tests.factories import IssueFactory, IssueItemFactory

pytestmark = pytest.mark.django_db


def make_issue(region, *, state: str, number: int, title: str):
    issue = IssueFactory(number=number, title=title, state=state,
                         issue_date=datetime.date(2014, 1, 31) + datetime.timedelta(days=number),
                         sent_at=timezone.now() if state == IssueState.SENT else None)  # fmt: skip
    item = IssueItemFactory(issue=issue, region=region, headline=f"Bericht aus {title}",
                            body="Der volle Text des Berichts.")  # fmt: skip
    product = IssueItemFactory(issue=issue, section="product", region=None, body="",
                               headline="Flyer", label="zum Flyer")  # fmt: skip
    product.attachment.save("flyer.pdf", ContentFile(b"%PDF-flyer"))
    render.render_and_store(issue)
    return issue, item, product


@pytest.fixture
def sent(region):
    return make_issue(region, state=IssueState.SENT, number=1, title="Newsletter März 2014")


@pytest.fixture
def draft(region):
    return make_issue(region, state=IssueState.APPROVED, number=2, title="Newsletter Mai 2014")


def test_list_shows_only_sent_issues(client, sent, draft):
    response = client.get(reverse("archive:list"))

    assert response.status_code == 200
    assert "Newsletter März 2014" in response.text
    assert "Newsletter Mai 2014" not in response.text
    assert reverse("archive:pdf", args=[1]) in response.text


def test_list_takes_the_same_queries_for_more_issues(client, region, django_assert_num_queries):
    IssueFactory(state=IssueState.SENT, number=1, sent_at=timezone.now())
    with django_assert_num_queries(2):  # the page's count and its issues
        client.get(reverse("archive:list"))
    for number in range(2, 40):
        IssueFactory(state=IssueState.SENT, number=number, sent_at=timezone.now())
    with django_assert_num_queries(2):
        response = client.get(reverse("archive:list"))
    assert response.status_code == 200 and len(response.context["issues"]) == 24


def test_detail_shows_the_stored_web_version_with_pdf_and_subscribe_links(client, sent):
    issue, item, _product = sent
    item.headline = "Nach dem Versand geändert"
    item.save()

    response = client.get(reverse("archive:detail", args=[issue.number]))

    assert response.status_code == 200
    assert "Bericht aus Newsletter März 2014" in response.text
    assert "Nach dem Versand geändert" not in response.text
    assert reverse("archive:pdf", args=[issue.number]) in response.text
    assert reverse("subscriptions:subscribe") in response.text


def test_pdf_item_and_download_of_a_sent_issue(client, sent):
    issue, item, product = sent

    pdf = client.get(reverse("archive:pdf", args=[issue.number]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF-")

    page = client.get(reverse("archive:item", args=[issue.number, item.pk]))
    assert page.status_code == 200
    assert "Der volle Text des Berichts." in page.text

    download = client.get(reverse("archive:download", args=[issue.number, product.pk]))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment;")
    assert b"".join(download.streaming_content) == b"%PDF-flyer"


def test_nothing_of_an_unsent_issue_is_public(client, draft, admin_user):
    issue, item, product = draft
    client.force_login(admin_user)  # not even for the Landeskoordination: it has previews

    for name, args in (
        ("archive:detail", [issue.number]),
        ("archive:pdf", [issue.number]),
        ("archive:item", [issue.number, item.pk]),
        ("archive:download", [issue.number, product.pk]),
    ):
        assert client.get(reverse(name, args=args)).status_code == 404, name


def test_items_are_found_only_under_their_own_issue(client, sent, draft):
    issue, _item, _product = sent
    _other, item, product = draft

    assert client.get(reverse("archive:item", args=[issue.number, item.pk])).status_code == 404
    url = reverse("archive:download", args=[issue.number, product.pk])
    assert client.get(url).status_code == 404


def test_items_without_full_text_or_file_have_no_page(client, sent):
    issue, _item, _product = sent
    short = IssueItemFactory(issue=issue, section="ticker", body="", report=None)

    assert client.get(reverse("archive:item", args=[issue.number, short.pk])).status_code == 404
    url = reverse("archive:download", args=[issue.number, short.pk])
    assert client.get(url).status_code == 404


def test_uploaded_files_are_not_served_under_media(client, sent):
    _issue, _item, product = sent

    assert client.get("/media/" + product.attachment.name).status_code == 404


def test_footer_links_to_the_archive(client):
    assert reverse("archive:list") in client.get(reverse("home")).text
