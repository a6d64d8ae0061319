"""Rendering an issue once: the email (HTML with inlined CSS and plain text) per language, the
PDF, and the archive page.

Every document is built from ``issue_context`` (one query for all items) and the templates in
``templates/newsletters/rendering/``; the web page and the PDF share ``_issue_body.html``. Item
texts stay as the editors wrote them; headings, footer and links are translated per language.
Links are absolute (``PORTAL_URL``), as they leave the portal in mails and PDFs.
"""

import logging
import os
import re
import textwrap
from dataclasses import dataclass, field

import css_inline
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.base import ContentFile
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone, translation

from lotsen.core import branding
from lotsen.core.links import portal_url
from lotsen.core.pdf import render_pdf
from lotsen.core.tasks import queue_email
from newsletters.models import (
    PREFERENCES_PLACEHOLDER,
    UNSUBSCRIBE_PLACEHOLDER,
    Issue,
    IssueItem,
    IssueState,
    Rendition,
    Section,
)

logger = logging.getLogger(__name__)

TEMPLATES = "newsletters/rendering"
EMAIL_CSS = "css/newsletter-email.css"
TEXT_WIDTH = 72
# A list item or an indented line keeps its indent on the lines it wraps onto.
_INDENT = re.compile(r"^(\s*(?:[-*] )?)")


@dataclass
class RegionGroup:
    name: str
    items: list[IssueItem] = field(default_factory=list)


def _items(issue: Issue) -> list[IssueItem]:
    return list(
        IssueItem.objects.filter(issue=issue)
        .select_related("region", "report__event", "event")
        .prefetch_related("report__photos")
        .order_by("position", "pk")
    )


def _absolute(name: str, *args) -> str:
    return portal_url(reverse(name, args=args))


def _prepare(issue: Issue, item: IssueItem) -> IssueItem:
    """Attach what the templates show of ``item``: its texts (those of its report where the
    item leaves them empty) and its links."""
    report = item.report
    item.title = (
        item.headline
        or (report.headline if report else "")
        or (item.event.title if item.event else "")
    )
    item.place_date = item.dateline or (report.dateline if report else "")
    item.intro = item.teaser or (report.teaser if report else "")
    item.full_text = item.body or (report.body if report else "")
    item.more_url = ""
    if item.body:
        item.more_url = _absolute("archive:item", issue.number, item.pk)
    elif report is not None and report.event.is_public:
        # The event's public page shows the report (and its photos).
        item.more_url = _absolute("calendar:event", report.event_id)
    elif item.full_text:
        item.more_url = _absolute("archive:item", issue.number, item.pk)
    item.download_url = (
        _absolute("archive:download", issue.number, item.pk) if item.attachment else item.link
    )
    item.info_url = item.link
    if not item.info_url and item.event is not None and item.event.is_public:
        item.info_url = _absolute("calendar:event", item.event_id)
    # The first photo of a public event's report, as its public page shows it; the PDF reads
    # the file itself (``photo.image.url``), mails and the web page link the photo view.
    item.photo = None
    if report is not None and report.event.is_public:
        item.photo = next(iter(report.photos.all()), None)
        if item.photo is not None:
            item.photo.web_url = _absolute("calendar:photo", item.photo.pk)
    item.day = item.date
    if item.day is None and item.event is not None:
        item.day = timezone.localtime(item.event.starts_at).date()
    return item


def issue_context(issue: Issue) -> dict:
    """Everything the newsletter's templates need, read with one query (the items)."""
    sections: dict[str, list[IssueItem]] = {section.value: [] for section in Section}
    for item in _items(issue):
        sections[item.section].append(_prepare(issue, item))
    # Items in their editors' order, gathered under their region where it first appears.
    groups: dict[int | None, RegionGroup] = {}
    for item in sections[Section.REGIONAL]:
        group = groups.setdefault(
            item.region_id, RegionGroup(name=item.region.name if item.region else "")
        )
        group.items.append(item)
    dates = sorted(
        sections[Section.DATE],
        key=lambda item: (item.day is None, item.day or issue.issue_date, item.position),
    )
    lead = sections[Section.LEAD]
    publisher = settings.PUBLISHER
    return {
        "issue": issue,
        "lead": lead,
        "regions": list(groups.values()),
        "ticker": sections[Section.TICKER],
        "products": sections[Section.PRODUCT],
        "dates": dates,
        "publisher": {
            "name": publisher.get("name", ""),
            "address": publisher.get("address", ""),
            "contact": publisher.get("contact", ""),
            "funding_notice": publisher.get("funding_notice", ""),
        },
        "for_pdf": False,
        "preheader": lead[0].title if lead else issue.title,
        "email_mark_url": (
            portal_url(static(branding.email_mark_name())) if branding.email_mark_name() else ""
        ),
        "archive_url": _absolute("archive:detail", issue.number),
        "pdf_url": _absolute("archive:pdf", issue.number),
        "subscribe_url": _absolute("subscriptions:subscribe"),
        "unsubscribe_url": UNSUBSCRIBE_PLACEHOLDER,
        "preferences_url": PREFERENCES_PLACEHOLDER,
    }


def wrap_text(text: str, width: int = TEXT_WIDTH) -> str:
    """Wrap every long line at ``width`` columns without breaking words or links."""
    lines = []
    for line in text.splitlines():
        if len(line) <= width:
            # "-- " (with its space) starts a signature, which mail clients fold away.
            lines.append(line if line == "-- " else line.rstrip())
            continue
        indent = _INDENT.match(line).group(1)
        lines.append(
            textwrap.fill(
                line[len(indent) :].strip(),
                width=width,
                initial_indent=indent,
                subsequent_indent=" " * len(indent),
                break_long_words=False,
                break_on_hyphens=False,
            )
        )
    # At most one blank line in a row, and none at either end.
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


def _email_css() -> str:
    with open(finders.find(EMAIL_CSS), encoding="utf-8") as file:
        return file.read()


def inline_css(html: str) -> str:
    """``html`` with the email stylesheet inlined; nothing is fetched from anywhere."""
    inliner = css_inline.CSSInliner(
        load_remote_stylesheets=False, keep_link_tags=False, extra_css=_email_css()
    )
    return fold_long_lines(inliner.inline(html))


# Mail lines may not exceed 998 octets (RFC 5322). Longer ones make Django encode the whole
# part quoted-printable, which is slower to build and would split the recipients' placeholders.
MAX_HTML_LINE = 900


def _breakable_spaces(line: str) -> list[int]:
    """Positions of spaces a line break may replace: in text, and between a tag's attributes
    (not inside a quoted attribute value)."""
    positions, in_tag, quote = [], False, ""
    for position, char in enumerate(line):
        if quote:
            quote = "" if char == quote else quote
        elif in_tag and char in "\"'":
            quote = char
        elif char == "<":
            in_tag = True
        elif char == ">":
            in_tag = False
        elif char == " ":
            positions.append(position)
    return positions


def fold_long_lines(html: str, limit: int = MAX_HTML_LINE) -> str:
    """``html`` with every line longer than ``limit`` broken where a line break means the
    same as the space it replaces."""
    folded = []
    for line in html.split("\n"):
        start, last = 0, -1
        for space in _breakable_spaces(line) if len(line) > limit else []:
            if space - start > limit and last >= start:
                folded.append(line[start:last])
                start = last + 1
            last = space
        if len(line) - start > limit and last >= start:
            folded.append(line[start:last])
            start = last + 1
        folded.append(line[start:])
    return "\n".join(folded)


def render_email(issue: Issue, language: str, context: dict | None = None) -> tuple[str, str, str]:
    """The issue's email in ``language``: (subject, HTML with CSS inlined, plain text)."""
    context = context if context is not None else issue_context(issue)
    with translation.override(language):
        context = {**context, "lang": language}
        subject = " ".join(render_to_string(f"{TEMPLATES}/email_subject.txt", context).split())
        context["subject"] = subject
        html = inline_css(render_to_string(f"{TEMPLATES}/email.html", context))
        text = wrap_text(render_to_string(f"{TEMPLATES}/email.txt", context))
    return subject, html, text


def render_web(issue: Issue, context: dict | None = None) -> str:
    """The HTML fragment the archive page shows (in the portal's language)."""
    context = context if context is not None else issue_context(issue)
    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string(f"{TEMPLATES}/_issue_body.html", context)


def render_pdf_bytes(issue: Issue, context: dict | None = None) -> bytes:
    """The issue as a tagged A4 PDF with page numbers (in the portal's language)."""
    context = context if context is not None else issue_context(issue)
    with translation.override(settings.LANGUAGE_CODE):
        return render_pdf(
            "pdf/newsletter.html",
            {**context, "for_pdf": True},
            title=issue.title,
            lang=settings.LANGUAGE_CODE,
        )


def pdf_filename(issue: Issue) -> str:
    return f"newsletter-{issue.number}.pdf"


def render_and_store(issue: Issue, *, only_pending: bool = False) -> bool:
    """Render the web page, the PDF and one email per language, and store them together.

    Everything is rendered before anything is written, and written in one transaction, so a
    failure leaves the issue as it was. Old renditions and the old PDF are replaced. With
    ``only_pending`` (the worker's job), store only if the issue is still approved (or
    scheduled) and unrendered once locked. Returns whether anything was stored.
    """
    context = issue_context(issue)
    web_html = render_web(issue, context)
    pdf = render_pdf_bytes(issue, context)
    emails = [(code, *render_email(issue, code, context)) for code, _name in settings.LANGUAGES]

    storage = issue.pdf.storage
    name = storage.save(
        issue.pdf.field.generate_filename(issue, pdf_filename(issue)), ContentFile(pdf)
    )
    try:
        with transaction.atomic():
            locked = Issue.objects.select_for_update().get(pk=issue.pk)
            if only_pending and (
                locked.state not in (IssueState.APPROVED, IssueState.SCHEDULED)
                or locked.rendered_at is not None
            ):
                storage.delete(name)
                return False
            old_pdf = locked.pdf.name
            Rendition.objects.filter(issue=locked).delete()
            Rendition.objects.bulk_create(
                Rendition(issue=locked, language=code, subject=subject, html=html, text=text)
                for code, subject, html, text in emails
            )
            now = timezone.now()
            Issue.objects.filter(pk=issue.pk).update(
                web_html=web_html, pdf=name, rendered_at=now, render_error=""
            )
            if old_pdf and old_pdf != name:
                transaction.on_commit(lambda: storage.delete(old_pdf))
    except BaseException:
        storage.delete(name)
        raise
    issue.web_html, issue.pdf.name, issue.rendered_at, issue.render_error = (
        web_html,
        name,
        now,
        "",
    )
    logger.info(
        "Rendered issue %s (%s, %d bytes PDF)", issue.number, os.path.basename(name), len(pdf)
    )
    return True


# --- Test send ------------------------------------------------------------------------------


def send_test_email(issue: Issue, *, to: str, language: str) -> str:
    """Mail the issue in ``language`` to ``to`` once, with "[Test]" before the subject.

    The stored rendition is used once the issue is rendered, a fresh one for a draft. The
    personal links point at the subscription page: a test recipient has no subscription.
    Returns the subject sent.
    """
    rendition = issue.renditions.filter(language=language).first() if issue.rendered_at else None
    if rendition is not None:
        subject, html, text = rendition.subject, rendition.html, rendition.text
    else:
        subject, html, text = render_email(issue, language)
    subscribe_url = _absolute("subscriptions:subscribe")
    for placeholder in (UNSUBSCRIBE_PLACEHOLDER, PREFERENCES_PLACEHOLDER):
        html, text = (
            html.replace(placeholder, subscribe_url),
            text.replace(placeholder, subscribe_url),
        )
    subject = f"[Test] {subject}"
    message = EmailMultiAlternatives(subject=subject, body=text, to=[to])
    message.attach_alternative(html, "text/html")
    queue_email(message)
    return subject
