import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from lotsen.core.dates import short_date


class ReportState(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("being built")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")


def report_file_path(report: "InterimReport", filename: str) -> str:
    # A folder of its own for each file, under a name nobody can guess: a later report never
    # replaces an earlier one's files, and a path gives nothing away.
    return f"reports/interim/{report.pk or 'new'}-{secrets.token_hex(8)}/{filename}"


class InterimReport(models.Model):
    """An interim report (Zwischenbericht) for a period, built once and then kept as it was."""

    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("until"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    language = models.CharField(
        _("language"), max_length=2, choices=settings.LANGUAGES, default="de"
    )
    state = models.CharField(
        _("state"), max_length=10, choices=ReportState.choices, default=ReportState.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress in per cent"), default=0)
    data_as_of = models.DateTimeField(_("data as of"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    # Private files under MEDIA_ROOT; handed out by a view after the permission check.
    pdf = models.FileField(_("PDF"), upload_to=report_file_path, blank=True)
    xlsx = models.FileField(_("spreadsheet (XLSX)"), upload_to=report_file_path, blank=True)
    csv = models.FileField(_("tables (CSV, zipped)"), upload_to=report_file_path, blank=True)

    class Meta:
        verbose_name = _("interim report")
        verbose_name_plural = _("interim reports")
        ordering = ["-requested_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")),
                name="interim_report_period_in_order",
                violation_error_message=_("The period must end after it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{short_date(self.period_start)} – {short_date(self.period_end)}"
