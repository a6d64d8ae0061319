"""Every PDF goes through one URL fetcher that reads only the portal's own files."""

import io
import logging

import pypdf
import pytest
from django.conf import settings
from weasyprint import HTML

from lotsen.core.pdf import PortalURLFetcher, RefusedURL, render_pdf

PORTAL = settings.PORTAL_URL.rstrip("/")
SECRET_FILE = "/etc/hostname"


class RecordingFetcher(PortalURLFetcher):
    """The portal's fetcher, noting what each request got: a file, or a refusal."""

    def __init__(self):
        super().__init__()
        self.answers: dict[str, str] = {}

    def fetch(self, url, headers=None):
        try:
            response = super().fetch(url, headers)
        except RefusedURL:
            self.answers[url] = "refused"
            raise
        self.answers[url] = "read"
        return response


def render(html: str) -> tuple[bytes, dict[str, str]]:
    fetcher = RecordingFetcher()
    pdf = HTML(string=html, base_url=settings.PORTAL_URL, url_fetcher=fetcher).write_pdf()
    return pdf, fetcher.answers


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://example.org/style.css",
        "https://example.org/style.css",
        f"{PORTAL}/static/../../../../etc/passwd",
        f"{PORTAL}/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        f"{PORTAL}/media/../../../../etc/passwd",
        f"{PORTAL}/healthz",
        "ftp://example.org/x",
    ],
)
def test_everything_but_own_files_is_refused(url):
    with pytest.raises(RefusedURL):
        PortalURLFetcher().fetch(url)


def test_own_static_files_and_data_urls_are_read():
    fetcher = PortalURLFetcher()

    stylesheet = fetcher.fetch(f"{PORTAL}/static/css/print.css")
    pixel = fetcher.fetch("data:text/plain;base64,aGVsbG8=")

    assert b"@page" in stylesheet.read()
    assert stylesheet.content_type == "text/css"
    assert pixel.read() == b"hello"


def test_media_files_are_read(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "photo.jpg").write_bytes(b"\xff\xd8jpeg")

    response = PortalURLFetcher().fetch(f"{PORTAL}/media/reports/photo.jpg")

    assert response.read() == b"\xff\xd8jpeg"
    assert response.content_type == "image/jpeg"


def test_a_document_cannot_pull_in_other_files_by_any_route(caplog):
    caplog.set_level(logging.CRITICAL, logger="weasyprint")  # refusals are expected here
    html = f"""
        <html><head>
          <link rel="stylesheet" href="file:///etc/passwd">
          <style>@import url("http://example.org/evil.css"); @import url("file:///etc/passwd");</style>
          <link rel="attachment" href="file://{SECRET_FILE}">
          <link rel="stylesheet" href="/static/css/print.css">
        </head><body>
          <p>Bericht</p>
          <img src="http://127.0.0.1:9/tracker.png" alt="">
          <a rel="attachment" href="file://{SECRET_FILE}">Anhang</a>
        </body></html>
    """

    pdf, answers = render(html)

    assert answers == {
        "file:///etc/passwd": "refused",
        "http://example.org/evil.css": "refused",
        f"file://{SECRET_FILE}": "refused",
        f"{PORTAL}/static/css/print.css": "read",
        "http://127.0.0.1:9/tracker.png": "refused",
    }
    with open(SECRET_FILE, "rb") as secret:
        assert secret.read().strip() not in pdf
    assert b"/EmbeddedFile" not in pdf


def test_render_pdf_makes_a_tagged_a4_document_with_title_and_language():
    pdf = render_pdf("pdf/base.html", {}, title="Unterschriftenliste", lang="de")

    reader = pypdf.PdfReader(io.BytesIO(pdf))
    page = reader.pages[0]
    assert reader.metadata.title == "Unterschriftenliste"
    assert round(float(page.mediabox.width) / 72 * 25.4) == 210  # A4 in millimetres
    assert round(float(page.mediabox.height) / 72 * 25.4) == 297
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "de"
    assert "/StructTreeRoot" in catalog  # tagged, as PDF/UA asks


def test_collected_static_files_are_read_under_their_hashed_names(tmp_path, settings):
    settings.STATIC_ROOT = tmp_path
    (tmp_path / "css").mkdir()
    (tmp_path / "css" / "print.0123abcd.css").write_text("@page { size: A4 }")

    response = PortalURLFetcher().fetch(f"{PORTAL}/static/css/print.0123abcd.css")

    assert response.read() == b"@page { size: A4 }"
