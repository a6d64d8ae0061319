"""Requesting and building interim reports: the only code that changes their state.

A report moves queued → running → done, or → failed with a message; a done or failed report
never changes again, and its files are written once under names of their own, so an earlier
report stays exactly as it was after the data changed.
"""

import logging

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lotsen.core.links import portal_url
from lotsen.core.mail import templated_email
from lotsen.core.tasks import queue_email
from newsletters.models import InterimReport, ReportState
from newsletters.reports import documents
from newsletters.reports.figures.base import Period
from newsletters.reports.figures.report import collect, has_data

logger = logging.getLogger(__name__)

# Where the progress bar stands after each step; the figures take it from 5 to 40.
PROGRESS = {"started": 5, "figures": 40, "pdf": 85, "xlsx": 92, "csv": 97}
STEPS = {
    "figures": gettext_lazy("computing the figures"),
    "pdf": gettext_lazy("rendering the PDF"),
    "xlsx": gettext_lazy("writing the spreadsheet"),
    "csv": gettext_lazy("writing the CSV files"),
    "saving": gettext_lazy("saving the files"),
}


def validate_period(period: Period) -> None:
    """Raise ``ValidationError`` for a period in the wrong order or without any data."""
    if period.end < period.start:
        raise ValidationError(
            _("The period must end after it starts: the second date lies before the first."),
            code="period_order",
        )
    if period.start > timezone.localdate():
        raise ValidationError(
            _("The period has not begun yet: choose a period up to today."), code="future"
        )
    if not has_data(period):
        raise ValidationError(
            _(
                "There is nothing to report for this period: no region was in the network by "
                "its end and no event took place in it."
            ),
            code="no_data",
        )


def request_report(*, user, period: Period, language: str) -> InterimReport:
    """Record a request for a report on ``period`` and queue its building.

    Raises ``ValidationError`` (nothing recorded, nothing queued) for a period in the wrong
    order or without any data. The task is queued once the request is committed.
    """
    validate_period(period)
    from newsletters.reports.tasks import build_interim_report

    with transaction.atomic():
        report = InterimReport.objects.create(
            period_start=period.start,
            period_end=period.end,
            requested_by=user,
            language=language,
        )
        build_interim_report.delay(report.pk)
    return report


def _claim(report_id: int) -> InterimReport | None:
    """Mark the report running, unless it is already done or failed (a task delivered twice)."""
    with transaction.atomic():
        report = (
            InterimReport.objects.select_for_update(of=("self",))
            .select_related("requested_by")
            .filter(pk=report_id)
            .first()
        )
        if report is None or report.state in (ReportState.DONE, ReportState.FAILED):
            return None
        report.state = ReportState.RUNNING
        report.progress = PROGRESS["started"]
        report.error = ""
        report.save(update_fields=["state", "progress", "error"])
    return report


def _set_progress(report: InterimReport, percent: int) -> None:
    # Outside any transaction, so the report page sees it while the task still runs.
    InterimReport.objects.filter(pk=report.pk, state=ReportState.RUNNING).update(
        progress=min(max(percent, 0), 99)
    )


def build_report(*, report_id: int) -> InterimReport | None:
    """Compute the figures, render the PDF, XLSX and CSV files and store them with the report.

    Runs once per report: a report that is done or failed is left as it is. Any failure marks
    the report failed with a message saying at which step; the requester is mailed either
    way. Returns the report, or ``None`` when there was nothing to do.
    """
    report = _claim(report_id)
    if report is None:
        return None
    period = Period(report.period_start, report.period_end)
    step = "figures"
    try:
        with translation.override(report.language):
            start, span = PROGRESS["started"], PROGRESS["figures"] - PROGRESS["started"]
            data = collect(
                period,
                progress=lambda percent: _set_progress(report, start + span * percent // 100),
            )
            _set_progress(report, PROGRESS["figures"])
            step = "pdf"
            pdf = documents.pdf(data, lang=report.language)
            _set_progress(report, PROGRESS["pdf"])
            step = "xlsx"
            xlsx = documents.xlsx(data)
            _set_progress(report, PROGRESS["xlsx"])
            step = "csv"
            csv = documents.csv_zip(data)
            _set_progress(report, PROGRESS["csv"])
            step = "saving"
            report.pdf.save(documents.filename(data, "pdf"), ContentFile(pdf), save=False)
            report.xlsx.save(documents.filename(data, "xlsx"), ContentFile(xlsx), save=False)
            report.csv.save(documents.filename(data, "zip"), ContentFile(csv), save=False)
    except Exception as error:
        logger.exception("Interim report %s failed while %s", report.pk, STEPS[step])
        with translation.override(report.language):
            message = _("The report could not be built while %(step)s: %(error)s") % {
                "step": STEPS[step],
                "error": str(error) or error.__class__.__name__,
            }
        for name in ("pdf", "xlsx", "csv"):
            setattr(report, name, "")  # never half a set of files
        _finish(report, state=ReportState.FAILED, error=message)
        return report
    report.data_as_of = data.data_as_of
    _finish(report, state=ReportState.DONE)
    return report


def _finish(report: InterimReport, *, state: str, error: str = "") -> None:
    report.state = state
    report.error = error
    report.progress = 100 if state == ReportState.DONE else report.progress
    report.finished_at = timezone.now()
    with transaction.atomic():
        report.save(
            update_fields=[
                "state",
                "error",
                "progress",
                "finished_at",
                "data_as_of",
                "pdf",
                "xlsx",
                "csv",
            ]
        )
        _notify(report)


def _notify(report: InterimReport) -> None:
    """Mail the requester that the report is ready, or why it failed, with its link."""
    user = report.requested_by
    if user is None or not user.email:
        return
    context = {
        "report": report,
        "link": portal_url(reverse("reports:detail", args=[report.pk])),
        "done": report.state == ReportState.DONE,
    }
    queue_email(
        templated_email("interim_report", to=user.email, context=context, language=report.language)
    )
