"""Rendering an issue once: email (HTML and text), PDF and archive page, and the render task."""

import datetime
import io
import os
import re
from pathlib import Path

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from pypdf import PdfReader

from newsletters.models import (
    PREFERENCES_PLACEHOLDER,
    UNSUBSCRIBE_PLACEHOLDER,
    Issue,
    IssueState,
    Rendition,
)
from newsletters.rendering import render
from newsletters.rendering.tasks import (
    queue_rendering,
    render_issue,
    reset_stalled_renderings,
    timeout_message,
)
from tests.conftest import wait_until
from tests.factories import (
    EventFactory,
    EventReportFactory,
    IssueFactory,
    IssueItemFactory,
    RegionFactory,
    ReportPhotoFactory,
)

pytestmark = pytest.mark.django_db

PROJECT = Path(__file__).resolve().parent.parent.parent

SECTIONS = ("Contents", "News from the regions", "Newsticker", "Products", "Dates", "Publisher")


def headings(language: str = settings.LANGUAGE_CODE) -> list[str]:
    with translation.override(language):
        return [gettext(heading) for heading in SECTIONS]


def read_more(language: str = settings.LANGUAGE_CODE) -> str:
    with translation.override(language):
        return gettext("read more")


@pytest.fixture
def issue(region):
    """An issue with every section: a lead story, three regional items (one with its own full
    text, one from a public event's report, one from an internal event's report), a ticker
    line, a product with a file and a date of a public event."""
    issue = IssueFactory(title="Newsletter März 2014", issue_date=datetime.date(2014, 3, 31),
                         copy_deadline=datetime.date(2014, 3, 21))  # fmt: skip
    past = timezone.now() - datetime.timedelta(days=30)
    public_report = EventReportFactory(
        event=EventFactory(region=region, is_public=True, starts_at=past,
                           ends_at=past + datetime.timedelta(hours=2)),
        headline="Auftakt in Schwelm", body="Der Bericht aus Schwelm in voller Länge.",
    )  # fmt: skip
    siegen = RegionFactory(name="Siegen-Wittgenstein und Olpe", slug="siegen")
    internal_report = EventReportFactory(
        event=EventFactory(region=siegen, is_public=False, starts_at=past,
                           ends_at=past + datetime.timedelta(hours=2)),
        headline="Infoveranstaltung in Siegen", body="Der interne Bericht aus Siegen.",
    )  # fmt: skip
    IssueItemFactory(issue=issue, section="lead", region=None, position=1,
                     headline="Zweiter überregionaler Austausch in Hagen",
                     dateline="Hagen – Am 20.02.2014", teaser="lud die Koordinierungsstelle ein.",
                     body="Der ganze Leitartikel.\n\nMit einem zweiten Absatz.")  # fmt: skip
    IssueItemFactory(issue=issue, region=region, position=1, headline="Eigener Text in Bochum",
                     body="Ein eigener, langer Text.")  # fmt: skip
    IssueItemFactory(issue=issue, region=region, position=2, report=public_report,
                     headline="", dateline="", teaser="", body="")  # fmt: skip
    IssueItemFactory(issue=issue, region=siegen, position=3, report=internal_report,
                     headline="Infoveranstaltung in Siegen", body="")  # fmt: skip
    IssueItemFactory(issue=issue, section="ticker", region=RegionFactory(name="Aachen"),
                     headline="", dateline="Am 14.02.2014", body="",
                     teaser="fand in Aachen das erste Austauschgespräch statt.")  # fmt: skip
    product = IssueItemFactory(issue=issue, section="product", region=None, body="",
                               headline="Zwischenbericht 2013", teaser="Der Bericht zum Lesen.",
                               label="zum Zwischenbericht")  # fmt: skip
    product.attachment.save("zwischenbericht.pdf", ContentFile(b"%PDF-1.4 stand-in"))
    soon = timezone.now() + datetime.timedelta(days=20)
    conference = EventFactory(
        region=None,
        is_public=True,
        title="Fachtagung Anerkennung",
        starts_at=soon,
        ends_at=soon + datetime.timedelta(hours=6),
    )
    IssueItemFactory(issue=issue, section="date", region=None, event=conference,
                     headline="Fachtagung Anerkennung", label="Fachtagung",
                     date=datetime.date(2014, 4, 28), body="")  # fmt: skip
    IssueItemFactory(issue=issue, section="date", region=None, headline="Abbau von Diskriminierung",
                     label="Fachtagung", date=datetime.date(2014, 4, 1), body="",
                     link="https://example.org/info")  # fmt: skip
    return issue


HEADLINES = (
    "Zweiter überregionaler Austausch in Hagen",
    "Eigener Text in Bochum",
    "Auftakt in Schwelm",  # from its report: the item leaves the headline empty
    "Infoveranstaltung in Siegen",
    "Zwischenbericht 2013",
    "Fachtagung Anerkennung",
    "Abbau von Diskriminierung",
)


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_pdf_has_every_section_headline_ticker_product_and_date(issue):
    data = render.render_pdf_bytes(issue)

    assert data.startswith(b"%PDF-")
    text = pdf_text(data)
    # The PDF leaves out the contents box: its sections are the reader's bookmarks.
    for heading in headings()[1:]:
        assert heading in text
    outline = str(PdfReader(io.BytesIO(data)).outline)
    assert all(heading in outline for heading in headings()[1:])
    for headline in (*HEADLINES, "Region Mittleres Ruhrgebiet", "Region Siegen-Wittgenstein"):
        assert headline in text
    assert "+++ Region Aachen +++" in text
    assert "fand in Aachen das erste Austauschgespräch statt." in text
    assert settings.PUBLISHER["funding_notice"][:40] in text
    # Dates in their order, as the German issue writes them
    assert text.index("01.04.2014") < text.index("28.04.2014")
    metadata = PdfReader(io.BytesIO(data)).metadata
    assert metadata.title == issue.title
    assert metadata.author == settings.PUBLISHER["name"]


def test_item_texts_cannot_make_the_pdf_load_anything(issue):
    IssueItemFactory(issue=issue, region=None, position=9,
                     headline='<link rel="attachment" href="file:///etc/passwd">Trick',
                     body="<img src='http://example.org/x.png'>")  # fmt: skip

    text = pdf_text(render.render_pdf_bytes(issue))

    # Shown as text (in a narrow column it wraps: compared without line breaks).
    shown = '<link rel="attachment" href="file:///etc/passwd">Trick'
    assert "".join(shown.split()) in "".join(text.split())


def test_email_html_has_its_css_inlined_and_the_personal_links_as_placeholders(issue):
    subject, html, _text = render.render_email(issue, "de")

    assert subject == "Newsletter März 2014"
    assert '<html lang="de">' in html
    assert "<link" not in html and "@import" not in html and "<style" not in html
    assert re.search(r'<h1 style="[^"]*font-size', html)
    assert UNSUBSCRIBE_PLACEHOLDER in html and PREFERENCES_PLACEHOLDER in html
    assert 'class="preheader"' in html and "display:none" in html
    for headline in HEADLINES:
        assert headline in html
    assert f'href="{settings.PORTAL_URL}/newsletter/archiv/{issue.number}/"' in html


def test_email_in_english_translates_headings_but_keeps_item_texts(issue):
    _subject, html, text = render.render_email(issue, "en")

    assert '<html lang="en">' in html
    assert "News from the regions" in html and "News from the regions" in text
    assert "Eigener Text in Bochum" in html and "Eigener Text in Bochum" in text


def test_text_part_has_every_headline_and_wraps_except_links(issue):
    _subject, _html, text = render.render_email(issue, "de")

    for headline in HEADLINES:
        assert headline in " ".join(text.split())
    for heading in headings():
        assert heading in text
    assert UNSUBSCRIBE_PLACEHOLDER in text and PREFERENCES_PLACEHOLDER in text
    assert f"[{read_more()}: {settings.PORTAL_URL}/" in text
    assert "+++ Region Aachen +++" in text
    for line in text.splitlines():
        assert len(line) <= 72 or "://" in line or "%%" in line, line
    assert "<" not in text.replace("<link", "")  # no markup, nothing escaped as &lt;
    assert "&amp;" not in text and "&quot;" not in text


def test_read_more_links_lead_to_pages_that_answer(client, issue):
    issue.state, issue.sent_at = IssueState.SENT, timezone.now()
    issue.save()
    render.render_and_store(issue)
    context = render.issue_context(issue)
    links = {item.title: item.more_url for group in context["regions"] for item in group.items}

    schwelm = issue.items.get(report__headline="Auftakt in Schwelm").report.event
    assert links["Auftakt in Schwelm"].endswith(f"/termine/{schwelm.pk}/")
    assert "/newsletter/archiv/" in links["Eigener Text in Bochum"]
    # An internal event's page is not public: its report's text is read in the archive.
    assert "/newsletter/archiv/" in links["Infoveranstaltung in Siegen"]
    for title, url in links.items():
        response = client.get(url.removeprefix(settings.PORTAL_URL))
        assert response.status_code == 200, title
    siegen = client.get(links["Infoveranstaltung in Siegen"].removeprefix(settings.PORTAL_URL))
    assert "Der interne Bericht aus Siegen." in siegen.text
    (product,) = context["products"]
    download = client.get(product.download_url.removeprefix(settings.PORTAL_URL))
    assert b"".join(download.streaming_content) == b"%PDF-1.4 stand-in"


def test_issue_context_reads_the_same_number_of_queries_for_more_items(
    issue, django_assert_num_queries
):
    # The items, and the photos of their reports.
    with django_assert_num_queries(2):
        render.issue_context(issue)
    for position in range(10, 30):
        report = EventReportFactory(event=EventFactory(region=RegionFactory()))
        IssueItemFactory(issue=issue, position=position, report=report)
        IssueItemFactory(issue=issue, section="date", region=None, event=EventFactory(),
                         position=position)  # fmt: skip

    with django_assert_num_queries(2):
        context = render.issue_context(issue)

    assert sum(len(group.items) for group in context["regions"]) == 23


def test_render_and_store_twice_keeps_one_rendition_per_language_and_one_pdf(
    issue, django_capture_on_commit_callbacks
):
    render.render_and_store(issue)
    first_pdf = issue.pdf.name
    with django_capture_on_commit_callbacks(execute=True):
        render.render_and_store(issue)

    issue.refresh_from_db()
    languages = sorted(Rendition.objects.filter(issue=issue).values_list("language", flat=True))
    assert languages == sorted(code for code, _name in settings.LANGUAGES)
    assert issue.rendered_at is not None and issue.render_error == ""
    assert "Eigener Text in Bochum" in issue.web_html
    with issue.pdf.open("rb") as file:
        assert file.read(5) == b"%PDF-"
    assert issue.pdf.name != first_pdf
    folder = os.path.dirname(issue.pdf.path)
    mine = re.compile(rf"newsletter-{issue.number}[._]")
    assert [name for name in os.listdir(folder) if mine.match(name)] == [
        os.path.basename(issue.pdf.name)
    ]


# --- The task -------------------------------------------------------------------------------


def approved(issue) -> Issue:
    issue.state, issue.approved_at = IssueState.APPROVED, timezone.now()
    issue.save()
    return issue


def test_task_renders_an_approved_issue_once(issue, django_capture_on_commit_callbacks):
    approved(issue)
    with django_capture_on_commit_callbacks(execute=True):
        queue_rendering(issue)

    issue.refresh_from_db()
    assert issue.rendered_at is not None and issue.state == IssueState.APPROVED
    rendered_at = issue.rendered_at
    assert render_issue.apply((issue.pk,)).get() == "skipped"
    issue.refresh_from_db()
    assert issue.rendered_at == rendered_at
    assert Rendition.objects.filter(issue=issue).count() == len(settings.LANGUAGES)


def test_task_leaves_a_draft_alone(issue):
    assert render_issue.apply((issue.pk,)).get() == "skipped"

    issue.refresh_from_db()
    assert issue.rendered_at is None and not issue.pdf


def test_an_approval_whose_rendering_never_finished_goes_back_to_draft(issue, client, admin_user):
    now = timezone.now()
    Issue.objects.filter(pk=issue.pk).update(
        state=IssueState.APPROVED, approved_at=now - datetime.timedelta(minutes=31)
    )
    waiting = IssueFactory(
        state=IssueState.APPROVED, approved_at=now - datetime.timedelta(minutes=5)
    )
    rendered = IssueFactory(
        state=IssueState.SCHEDULED,
        approved_at=now - datetime.timedelta(hours=2),
        rendered_at=now - datetime.timedelta(hours=2),
        scheduled_for=now + datetime.timedelta(days=1),
    )

    assert reset_stalled_renderings() == 1

    issue.refresh_from_db()
    assert issue.state == IssueState.DRAFT and issue.render_error
    client.force_login(admin_user)
    assert (
        issue.render_error in client.get(reverse("issues:detail", args=[issue.pk])).content.decode()
    )
    assert Issue.objects.get(pk=waiting.pk).state == IssueState.APPROVED
    assert Issue.objects.get(pk=rendered.pk).state == IssueState.SCHEDULED


def stored_pdfs() -> list[str]:
    folder = os.path.join(settings.MEDIA_ROOT, "newsletter", "issues")
    return os.listdir(folder) if os.path.isdir(folder) else []


@pytest.mark.logs_errors
def test_a_failing_rendering_sends_the_issue_back_to_draft_with_the_reason(issue, monkeypatch):
    approved(issue)
    before = stored_pdfs()

    def broken(*args, **kwargs):
        raise ValueError("Schriftart fehlt")

    monkeypatch.setattr(render, "render_email", broken)
    assert render_issue.apply((issue.pk,)).get() == "failed"

    issue.refresh_from_db()
    assert issue.state == IssueState.DRAFT
    assert "Schriftart fehlt" in issue.render_error
    assert issue.rendered_at is None and not issue.pdf and not issue.web_html
    assert not Rendition.objects.filter(issue=issue).exists()
    assert stored_pdfs() == before


@pytest.mark.logs_errors
def test_a_failure_while_storing_leaves_no_file_behind(issue, monkeypatch):
    approved(issue)
    before = stored_pdfs()

    def broken(*args, **kwargs):
        raise RuntimeError("database gone")

    monkeypatch.setattr(Rendition.objects, "bulk_create", broken)
    assert render_issue.apply((issue.pk,)).get() == "failed"

    assert stored_pdfs() == before
    issue.refresh_from_db()
    assert issue.state == IssueState.DRAFT and "database gone" in issue.render_error


def test_a_rendering_over_its_time_limit_says_so(issue, monkeypatch):
    approved(issue)

    def slow(*args, **kwargs):
        raise SoftTimeLimitExceeded()

    monkeypatch.setattr(render, "render_pdf_bytes", slow)
    assert render_issue.apply((issue.pk,)).get() == "timeout"

    issue.refresh_from_db()
    assert issue.state == IssueState.DRAFT
    assert issue.render_error == timeout_message(settings.NEWSLETTER_RENDER_TIME_LIMIT)
    assert f" {settings.NEWSLETTER_RENDER_TIME_LIMIT} " in issue.render_error
    assert issue.rendered_at is None


# --- A real worker and its time limit -------------------------------------------------------


@pytest.fixture
def prefork_worker(celery_worker_factory):
    """A worker with a process pool: time limits need one."""
    return celery_worker_factory(pool="prefork")


@pytest.mark.django_db(transaction=True)
def test_the_worker_stops_a_rendering_over_its_limit_and_takes_the_next_task(
    settings, region, prefork_worker
):
    huge = IssueFactory(state=IssueState.APPROVED, approved_at=timezone.now())
    paragraph = "Ein sehr langer Absatz über die Arbeit der Lotsinnen und Lotsen. " * 40
    IssueItemFactory(issue=huge, section="lead", region=None, headline="Sehr lang",
                     body="\n\n".join([paragraph] * 600))  # fmt: skip
    small = IssueFactory(state=IssueState.APPROVED, approved_at=timezone.now())
    IssueItemFactory(issue=small, region=region, headline="Kurz und gut")

    settings.NEWSLETTER_RENDER_TIME_LIMIT = 1
    queue_rendering(huge)  # outside a transaction: queued at once
    settings.NEWSLETTER_RENDER_TIME_LIMIT = 120
    queue_rendering(small)

    wait_until(lambda: Issue.objects.filter(pk=small.pk, rendered_at__isnull=False).exists())
    huge.refresh_from_db()
    small.refresh_from_db()
    assert huge.state == IssueState.DRAFT
    assert huge.render_error == timeout_message(1)
    assert huge.rendered_at is None and not huge.pdf
    assert not Rendition.objects.filter(issue=huge).exists()
    assert small.state == IssueState.APPROVED and small.rendered_at is not None
    assert Rendition.objects.filter(issue=small).count() == len(settings.LANGUAGES)


def test_a_public_reports_photo_shows_in_the_web_page_mail_and_pdf_an_internal_one_nowhere(
    issue, settings
):
    public = issue.items.get(report__headline="Auftakt in Schwelm").report
    internal = issue.items.get(report__headline="Infoveranstaltung in Siegen").report
    photo = ReportPhotoFactory(report=public, alt_text="Blick in den Saal in Schwelm")
    ReportPhotoFactory(report=internal, alt_text="Interner Blick in Siegen", image__color="red")
    link = f"{settings.PORTAL_URL}{reverse('calendar:photo', args=[photo.pk])}"

    web = render.render_web(issue)
    _subject, mail, _text = render.render_email(issue, "de")
    pdf = render.render_pdf_bytes(issue)

    for html in (web, mail):
        assert f'src="{link}" alt="Blick in den Saal in Schwelm"' in html
        assert "Interner Blick" not in html
    # The PDF embeds the photo itself, read from the media folder (the public one only).
    reader = PdfReader(io.BytesIO(pdf))
    # (pages of a WeasyPrint PDF share their resources: count each image once)
    assert len({image.data for page in reader.pages for image in page.images}) == 1
