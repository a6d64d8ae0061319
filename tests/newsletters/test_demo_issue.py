"""seed_demo puts the March 2014 issue into the archive, sent and rendered, once."""

import datetime
import io
import os
import zoneinfo

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from pypdf import PdfReader

from lotsen.demo.network_events import REPORTS
from newsletters.models import Issue, IssueItem, IssueState, Rendition

pytestmark = pytest.mark.django_db

REGIONAL = ("bielefeld", "schwelm", "solingen", "siegen-1", "siegen-2", "meschede")


@pytest.fixture
def demo_issue() -> Issue:
    call_command("seed_demo", stdout=io.StringIO())
    return Issue.objects.get(number=1)


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_the_march_2014_issue_is_sent_with_the_seeds_items(demo_issue):
    berlin = zoneinfo.ZoneInfo("Europe/Berlin")
    assert demo_issue.title == "Newsletter März 2014"
    assert demo_issue.state == IssueState.SENT
    assert demo_issue.issue_date == datetime.date(2014, 3, 31)
    assert demo_issue.copy_deadline == datetime.date(2014, 3, 21)
    assert demo_issue.sent_at == datetime.datetime(2014, 3, 31, 10, tzinfo=berlin)

    items = IssueItem.objects.filter(issue=demo_issue).order_by("position")
    (lead,) = items.filter(section="lead")
    assert lead.headline == REPORTS["hagen"][0]
    regional = [item.headline for item in items.filter(section="regional")]
    assert regional == [REPORTS[key][0] for key in REGIONAL]
    (ticker,) = items.filter(section="ticker")
    assert ticker.region.name == "Aachen"
    products = list(items.filter(section="product"))
    assert products[0].headline.startswith("Zwischenbericht 2013")
    assert products[1].headline.startswith("IQ Modellprojektflyer")
    for product in products:
        with product.attachment.open("rb") as file:
            text = pdf_text(file.read())
        assert product.headline[:30] in text and "Demo" in text
    dates = [(item.date, item.label) for item in items.filter(section="date")]
    assert dates == [
        (datetime.date(2014, 4, 1), "Fachtagung"),
        (datetime.date(2014, 4, 28), "Fachtagung"),
        (datetime.date(2014, 5, 19), ""),
        (datetime.date(2014, 11, 20), "Fachtagung"),
    ]
    assert all(item.event_id for item in items.filter(section="date"))


def test_the_archive_shows_it_and_its_pdf_from_the_first_run(client, demo_issue):
    page = client.get(reverse("archive:detail", args=[1]))
    assert page.status_code == 200
    for key in ("hagen", *REGIONAL):
        assert REPORTS[key][0] in page.text

    response = client.get(reverse("archive:pdf", args=[1]))
    assert response.status_code == 200
    text = pdf_text(b"".join(response.streaming_content))
    with translation.override(settings.LANGUAGE_CODE):
        for heading in ("News from the regions", "Newsticker", "Products", "Dates"):
            assert gettext(heading) in text
    for key in ("hagen", *REGIONAL):
        assert " ".join(REPORTS[key][0].split())[:60] in text
    assert "+++ Region Aachen +++" in text
    assert "Zwei Jahre Anerkennungsgesetz" in text
    assert Rendition.objects.filter(issue=demo_issue).count() == len(settings.LANGUAGES)


def test_a_second_seed_changes_nothing_and_adds_no_file(demo_issue):
    folders = [
        os.path.join(settings.MEDIA_ROOT, "newsletter", sub) for sub in ("issues", "products")
    ]
    files_before = {folder: sorted(os.listdir(folder)) for folder in folders}
    items_before = list(IssueItem.objects.filter(issue=demo_issue).values().order_by("pk"))

    call_command("seed_demo", stdout=io.StringIO())

    issue = Issue.objects.get(number=1)
    assert (issue.rendered_at, issue.pdf.name, issue.updated_at) == (
        demo_issue.rendered_at,
        demo_issue.pdf.name,
        demo_issue.updated_at,
    )
    assert list(IssueItem.objects.filter(issue=issue).values().order_by("pk")) == items_before
    assert {folder: sorted(os.listdir(folder)) for folder in folders} == files_before
