"""Reads of the legal texts: the version in force, older versions, and the default template
shown as long as the Landeskoordination has published none."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import SafeString

from lotsen.legal.markup import render_markdown
from lotsen.models.legal import Conformance, LegalDocument, LegalText

# The day the default accessibility statement describes: the portal's pages were checked then
# (axe on every page of the URL x role crawl, and by hand at 390 and 1280 px). Change it with
# the default text of templates/lotsen/legal/defaults/accessibility.md.
DEFAULT_STATEMENT_DATE = datetime.date(2026, 12, 5)
DEFAULT_CONFORMANCE = Conformance.PARTIAL


@dataclass
class LegalPage:
    """A legal text as its public page shows it."""

    document: str
    html: SafeString
    version: LegalText | None  # None: the default template, nothing published yet
    conformance: str
    date: datetime.date

    @property
    def conformance_label(self) -> str:
        return str(Conformance(self.conformance).label) if self.conformance else ""


def versions_of(document: str) -> QuerySet[LegalText]:
    """Every published version of ``document``, the newest first."""
    return LegalText.objects.filter(document=document).select_related("published_by")


def current_version(document: str) -> LegalText | None:
    return LegalText.objects.filter(document=document).order_by("-number").first()


def default_body(document: str) -> str:
    """The German default text of ``document``, filled from ``settings.PUBLISHER``."""
    with translation.override(settings.LANGUAGE_CODE):
        text = render_to_string(
            f"lotsen/legal/defaults/{document}.md", {"publisher": settings.PUBLISHER}
        )
    return text.strip() + "\n"


def page_of(version: LegalText) -> LegalPage:
    return LegalPage(
        document=version.document,
        html=render_markdown(version.body),
        version=version,
        conformance=version.conformance,
        date=timezone.localdate(version.published_at),
    )


def current_page(document: str) -> LegalPage:
    """The page of the version in force, or of the default template."""
    version = current_version(document)
    if version is not None:
        return page_of(version)
    return LegalPage(
        document=document,
        html=render_markdown(default_body(document)),
        version=None,
        conformance=DEFAULT_CONFORMANCE if document == LegalDocument.ACCESSIBILITY else "",
        date=DEFAULT_STATEMENT_DATE,
    )
