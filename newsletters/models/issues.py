import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

# The stored email renditions are the same for every recipient except for these two links,
# which the sender puts in per subscriber (``str.replace``, no template engine per mail).
UNSUBSCRIBE_PLACEHOLDER = "%%unsubscribe_url%%"
PREFERENCES_PLACEHOLDER = "%%preferences_url%%"

# The newsletter appears every two months; the next issue's date bounds the "Termine" section.
ISSUE_INTERVAL_MONTHS = 2


class IssueState(models.TextChoices):
    DRAFT = "draft", _("draft")
    APPROVED = "approved", _("approved")
    SCHEDULED = "scheduled", _("scheduled")
    SENDING = "sending", _("sending")
    SENT = "sent", _("sent")


class Issue(models.Model):
    """One issue of the bi-monthly newsletter ("Newsletter März 2014").

    draft → approved (rendered once, by a worker) → scheduled → sending → sent. Only a draft
    can be edited; approving renders the email, text, PDF and archive page, and those stored
    renditions are what goes out and what the archive shows.
    """

    number = models.PositiveIntegerField(_("number"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    issue_date = models.DateField(_("issue date"))
    copy_deadline = models.DateField(
        _("copy deadline"),
        null=True,
        blank=True,
        help_text=_("Redaktionsschluss: items for this issue are due by this day."),
    )
    state = models.CharField(
        _("state"), max_length=10, choices=IssueState.choices, default=IssueState.DRAFT
    )
    scheduled_for = models.DateTimeField(_("scheduled for"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Rendering (by a worker, once, after approval).
    rendered_at = models.DateTimeField(_("rendered at"), null=True, blank=True)
    render_error = models.TextField(_("rendering error"), blank=True)
    web_html = models.TextField(_("web version"), blank=True)
    pdf = models.FileField(_("PDF"), upload_to="newsletter/issues/", blank=True)
    # Sending.
    sending_started_at = models.DateTimeField(_("sending started at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    summary_sent_at = models.DateTimeField(_("summary mailed at"), null=True, blank=True)
    # Copy-deadline reminders: set when claimed, so overlapping beat runs remind once.
    coordinators_reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    editors_reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("newsletter issue")
        verbose_name_plural = _("newsletter issues")
        ordering = ["-issue_date", "-number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(copy_deadline__isnull=True)
                | Q(copy_deadline__lte=models.F("issue_date")),
                name="issue_copy_deadline_not_after_issue_date",
                violation_error_message=_("The copy deadline must not fall after the issue date."),
            ),
            models.CheckConstraint(
                condition=~Q(state="scheduled") | Q(scheduled_for__isnull=False),
                name="issue_scheduled_has_time",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_editable(self) -> bool:
        return self.state == IssueState.DRAFT

    @property
    def next_issue_date(self) -> datetime.date:
        """The expected date of the following issue, two months later (end of month clamped)."""
        month = self.issue_date.month - 1 + ISSUE_INTERVAL_MONTHS
        year, month = self.issue_date.year + month // 12, month % 12 + 1
        for day in (self.issue_date.day, 30, 29, 28):
            try:
                return datetime.date(year, month, day)
            except ValueError:
                continue
        raise AssertionError("unreachable")


class Section(models.TextChoices):
    """The sections of an issue, in the order of the March 2014 issue."""

    LEAD = "lead", _("Lead story")
    REGIONAL = "regional", _("News from the regions")
    TICKER = "ticker", _("Newsticker")
    PRODUCT = "product", _("Products")
    DATE = "date", _("Dates")


SECTION_ORDER = [section.value for section in Section]


class IssueItem(models.Model):
    """One item of an issue: a story, a regional item, a ticker line, a product or a date.

    Which fields an item uses depends on its section: a regional item has a region, headline,
    place-and-date line, teaser and a full text (its own, or the event report it was taken
    from); a product has a download (file or link); a date has a day and maybe an event.
    """

    issue = models.ForeignKey(
        Issue, verbose_name=_("issue"), on_delete=models.CASCADE, related_name="items"
    )
    section = models.CharField(_("section"), max_length=10, choices=Section.choices)
    position = models.PositiveIntegerField(_("position"), default=0)
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="newsletter_items",
    )
    headline = models.CharField(_("headline"), max_length=250, blank=True)
    dateline = models.CharField(
        _("place and date"),
        max_length=200,
        blank=True,
        help_text=_("For example: Schwelm – Am 13.03.2014"),
    )
    teaser = models.TextField(_("teaser"), blank=True)
    body = models.TextField(_("full text"), blank=True)
    report = models.ForeignKey(
        "events.EventReport",
        verbose_name=_("event report"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="newsletter_items",
    )
    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("event"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="newsletter_items",
    )
    date = models.DateField(_("date"), null=True, blank=True)
    label = models.CharField(
        _("label"), max_length=100, blank=True, help_text=_("For example: Fachtagung")
    )
    link = models.URLField(_("link"), blank=True)
    attachment = models.FileField(
        _("download"), upload_to="newsletter/products/", blank=True, max_length=200
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    # What the user may do to the item, set by issue_sections() for the issue's page; no fields.
    may_change: bool
    may_delete: bool

    class Meta:
        verbose_name = _("newsletter item")
        verbose_name_plural = _("newsletter items")
        ordering = ["issue", "section", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["issue", "report"],
                condition=Q(report__isnull=False),
                name="issueitem_report_once_per_issue",
                violation_error_message=_("This report is already an item of this issue."),
            ),
            models.UniqueConstraint(
                fields=["issue", "event"],
                condition=Q(event__isnull=False, section="date"),
                name="issueitem_event_date_once_per_issue",
                violation_error_message=_("This event is already listed under Dates."),
            ),
        ]
        indexes = [models.Index(fields=["issue", "section", "position"])]

    def __str__(self) -> str:
        return self.headline or self.teaser[:60]


class Rendition(models.Model):
    """An issue's email, rendered once per subscriber language after approval.

    ``html`` (CSS inlined) and ``text`` hold ``UNSUBSCRIBE_PLACEHOLDER`` and
    ``PREFERENCES_PLACEHOLDER``; nothing else differs between recipients.
    """

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="renditions")
    language = models.CharField(max_length=2, choices=settings.LANGUAGES)
    subject = models.CharField(max_length=250)
    html = models.TextField()
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("rendition")
        verbose_name_plural = _("renditions")
        constraints = [
            models.UniqueConstraint(fields=["issue", "language"], name="rendition_unique_language")
        ]

    def __str__(self) -> str:
        return f"{self.issue} ({self.language})"
