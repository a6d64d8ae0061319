"""PDFs of the portal: every document goes through ``render_pdf`` and its one URL fetcher.

Documents are rendered from templates that name their stylesheets and images with
``{% static %}`` and ``FieldFile.url``, as web pages do. Those URLs resolve against
``PORTAL_URL``, and ``PortalURLFetcher`` answers them from the project's own static files and
MEDIA_ROOT without any network. ``data:`` URLs are read as they are. Everything else (``http``,
other ``file://`` paths, paths that climb out with ``..``, redirects) is refused, also when it
comes through ``@import`` or ``<link rel=attachment>``: a report or newsletter that quotes
user-written text can never make the worker read a private file or call another server.
"""

import gc
import mimetypes
import os
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import unquote, urlsplit

import pydyf
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils._os import safe_join
from weasyprint import HTML, URLFetcher
from weasyprint.urls import URLFetcherResponse


class RefusedURL(ValueError):
    """A document asked for something that is not one of the portal's own files."""


def _portal_prefix(path_setting: str) -> str:
    return settings.PORTAL_URL.rstrip("/") + "/" + path_setting.strip("/") + "/"


class PortalURLFetcher(URLFetcher):
    def __init__(self):
        super().__init__(allowed_protocols=("data",), allow_redirects=False)

    def fetch(self, url: str, headers=None):
        if url.lower().startswith("data:"):
            return super().fetch(url, headers)
        path = self.local_path(url)
        content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
        with open(path, "rb") as file:
            return URLFetcherResponse(url, file.read(), {"Content-Type": content_type})

    @staticmethod
    def local_path(url: str) -> str:
        """The file behind one of the portal's own static or media URLs; ``RefusedURL`` else."""
        parts = urlsplit(url)
        bare = f"{parts.scheme}://{parts.netloc}{parts.path}"
        static, media = _portal_prefix(settings.STATIC_URL), _portal_prefix(settings.MEDIA_URL)
        try:
            if bare.startswith(static):
                name = unquote(bare.removeprefix(static))
                # Collected files first: in production {% static %} names hashed copies.
                if settings.STATIC_ROOT:
                    collected = safe_join(settings.STATIC_ROOT, name)
                    if os.path.isfile(collected):
                        return collected
                found = finders.find(name)
                if found:
                    return found
            elif bare.startswith(media):
                path = safe_join(settings.MEDIA_ROOT, unquote(bare.removeprefix(media)))
                if os.path.isfile(path):
                    return path
        except (SuspiciousFileOperation, OSError):
            pass
        raise RefusedURL(f"Not one of the portal's own files: {url}")


# PDF/UA wants every table header cell to say what it heads (ISO 32000 table attribute
# /Scope). WeasyPrint reads the HTML ``scope`` only to link data cells to their headers and
# leaves it out of the header's own attributes, so it is added after tagging.
_SCOPES = {"col": "/Column", "row": "/Row", "colgroup": "/Column", "rowgroup": "/Row"}


def _header_scopes(document, pdf) -> None:
    """A WeasyPrint finisher: give each tagged ``<th>`` the /Scope of its ``scope`` attribute
    (a header without one heads its column, as WeasyPrint also reads it)."""
    for page in document.pages:
        for box in page._page_box.descendants():
            element = getattr(box, "mark", None)
            if box.element_tag == "th" and isinstance(element, dict) and "A" in element:
                scope = (box.element.get("scope") or "col").lower()
                element["A"]["Scope"] = _SCOPES.get(scope, "/Column")


_all_page_references = pydyf.PDF.page_references.fget


def _kept_page_references(pdf: pydyf.PDF) -> tuple[bytes, ...]:
    """``pydyf.PDF.page_references``, built once per number of pages.

    WeasyPrint's PDF/UA tagging reads ``page_references[n]`` once for every tagged box, and
    pydyf builds the tuple of all pages' references anew on every read: 21,000 boxes times
    160 pages in the interim report at ×100, about 1 s of the 5.8 s (CPU) it took to write
    that PDF. Pages are only ever added, so the tuple stays valid while their number does.
    """
    count = len(pdf.pages["Kids"])
    kept = pdf.__dict__.get("_kept_page_references")
    if kept is None or kept[0] != count:
        kept = (count, _all_page_references(pdf))
        pdf.__dict__["_kept_page_references"] = kept
    return kept[1]


pydyf.PDF.page_references = property(_kept_page_references)


# Young objects between two collections of the youngest generation while a PDF renders
# (Python's default: 700). WeasyPrint makes millions of boxes, styles and text runs that live
# until the document is written, and every collection walks them again: 1.9 s of the 15 s
# (CPU) of the interim report at ×100 went to about 1,700 collections, 0.2 s to 10 with this.
RENDERING_GC_THRESHOLD = 100_000


@contextmanager
def _fewer_collections() -> Iterator[None]:
    previous = gc.get_threshold()
    gc.set_threshold(RENDERING_GC_THRESHOLD, *previous[1:])
    try:
        yield
    finally:
        gc.set_threshold(*previous)


def render_pdf(template_name: str, context: dict, *, title: str, lang: str = "de") -> bytes:
    """Render ``template_name`` to a tagged PDF (PDF/UA-1), A4 as its stylesheet sets it.

    ``title`` and ``lang`` go into the document's metadata, which screen readers announce.
    """
    html = render_to_string(template_name, {**context, "title": title, "lang": lang})
    document = HTML(string=html, base_url=settings.PORTAL_URL, url_fetcher=PortalURLFetcher())
    with _fewer_collections():
        return document.write_pdf(pdf_variant="pdf/ua-1", finisher=_header_scopes)


def pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    """``pdf`` as a download named ``filename``, which must be ASCII (it goes into the header)."""
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
