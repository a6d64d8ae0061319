"""Tasks for interim reports."""

from celery import shared_task

from newsletters.reports.services import build_report

__all__ = ["build_interim_report"]


# Well below the broker's visibility timeout (an hour): a report that takes longer fails with
# a message instead of being delivered to a second worker while the first still renders.
@shared_task(
    name="newsletters.tasks.reports.build_interim_report", soft_time_limit=1200, time_limit=1260
)
def build_interim_report(report_id: int) -> str:
    """Build the interim report ``report_id`` once; a done or failed report is left alone."""
    report = build_report(report_id=report_id)
    return report.state if report else "skipped"
