"""The network's logo and mark: in the page header with the favicons, on the newsletter's
masthead (web page, PDF, email) and the interim report's cover; replaced by the settings."""

import datetime
import io

import pypdf
import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from lotsen.core.pdf import PortalURLFetcher
from newsletters.rendering import render
from newsletters.reports import documents
from newsletters.reports.figures.base import Period
from newsletters.reports.figures.report import collect
from tests.factories import IssueFactory, IssueItemFactory

pytestmark = pytest.mark.django_db

OWN_LOGO = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" role="img">'
    "<title>Unser eigenes Logo</title><rect width='10' height='10' fill='#123456'/></svg>"
)


@pytest.fixture
def own_logo(settings, tmp_path):
    """A logo of one's own, outside the project, named by its absolute path."""
    path = tmp_path / "unser-logo.svg"
    path.write_text(OWN_LOGO)
    (tmp_path / "secret.txt").write_text("not to be served")
    settings.LOTSEN_LOGO = str(path)
    return path


def figure_alts(pdf: bytes) -> list[str]:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    alts, stack = [], [reader.trailer["/Root"]["/StructTreeRoot"]]
    while stack:
        node = stack.pop().get_object()
        if isinstance(node, pypdf.generic.ArrayObject):
            stack.extend(node)
        elif isinstance(node, pypdf.generic.DictionaryObject):
            if node.get("/S") == "/Figure" and "/Alt" in node:
                alts.append(str(node["/Alt"]))
            if "/K" in node:
                stack.append(node["/K"])
    return alts


def first_page_drawing(pdf: bytes) -> bytes:
    """The drawing instructions of the first page (WeasyPrint draws an SVG image in them)."""
    return pypdf.PdfReader(io.BytesIO(pdf)).pages[0].get_contents().get_data()


OWN_COLOUR = b"0.070588 0.203922 0.337255 rg"  # #123456
LOGO_ORANGE = b"0.760784 0.333333 0.047059 rg"  # #c2550c, the default logo's arrow


def test_every_page_shows_the_logo_and_offers_the_favicons(client):
    html = client.get(reverse("home")).text

    assert '<img class="site-logo" src="/static/img/lotsen-logo.svg"' in html
    assert '<link rel="icon" href="/static/img/lotsen-mark.svg" type="image/svg+xml">' in html
    assert 'href="/static/img/favicon-32.png" sizes="32x32" type="image/png"' in html
    for name in ("img/lotsen-logo.svg", "img/lotsen-mark.svg", "img/favicon-32.png"):
        assert finders.find(name)


def test_a_logo_of_ones_own_replaces_it_everywhere_and_only_that_file_is_served(client, own_logo):
    html = client.get(reverse("home")).text

    assert '<img class="site-logo" src="/static/brand/unser-logo.svg"' in html
    assert "lotsen-logo.svg" not in html
    assert finders.find("brand/unser-logo.svg") == str(own_logo)
    assert finders.find("brand/secret.txt") is None
    # PDFs read it through their fetcher like any static file.
    fetched = PortalURLFetcher().local_path("http://127.0.0.1:8000/static/brand/unser-logo.svg")
    assert fetched == str(own_logo)


@pytest.fixture
def issue(db):
    issue = IssueFactory(
        number=7, title="Newsletter Mai 2014", issue_date=datetime.date(2014, 5, 31)
    )
    IssueItemFactory(issue=issue, section="lead", region=None, headline="Austausch in Hagen")
    return issue


def test_the_newsletter_has_a_masthead_with_logo_and_issue_number(issue, settings):
    pdf = render.render_pdf_bytes(issue)
    first_page = pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text()

    assert "Ausgabe 7" in first_page and "31. Mai 2014" in first_page
    assert "Logo des Netzwerks" in figure_alts(pdf)

    _subject, html, _text = render.render_email(issue, "de")
    # Mail clients show no SVG: the mark's PNG, decorative, beside the name in text.
    assert f'src="{settings.PORTAL_URL}/static/img/lotsen-mark-email.png" alt=""' in html
    assert "Newsletter, Ausgabe 7" in html
    # Dark mode: the mail says it is made for light (no template comment leaks into it).
    assert '<meta name="color-scheme" content="light">' in html
    assert "Light only" not in html


def test_the_archive_page_shows_the_masthead(client, issue):
    issue.web_html = render.render_web(issue)
    issue.state = "sent"
    issue.save()
    html = client.get(reverse("archive:detail", args=[issue.number])).text

    assert 'class="nl-masthead__logo" src="/static/img/lotsen-logo.svg"' in html
    assert "Ausgabe 7" in html


def test_the_interim_report_cover_shows_the_logo_or_ones_own(settings, tmp_path):
    period = Period(datetime.date(2014, 1, 1), datetime.date(2014, 3, 1))
    pdf = documents.pdf(collect(period), lang="de")
    assert "Logo des Netzwerks" in figure_alts(pdf)
    assert LOGO_ORANGE in first_page_drawing(pdf)

    path = tmp_path / "unser-logo.svg"
    path.write_text(OWN_LOGO)
    settings.LOTSEN_LOGO = str(path)
    own = documents.pdf(collect(period), lang="de")
    # The own logo's one dark-blue square, drawn as vectors instead of the default logo.
    assert OWN_COLOUR in first_page_drawing(own)
    assert LOGO_ORANGE not in first_page_drawing(own)
