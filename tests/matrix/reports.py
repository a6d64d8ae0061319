import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from newsletters.models import InterimReport, ReportState
from tests.matrix import ADMIN_ONLY, Row

ROWS = {
    "reports:list": Row(get=ADMIN_ONLY),
    "reports:request": Row(
        get=ADMIN_ONLY,
        post=ADMIN_ONLY,
        post_data={"kind": "dates", "start": "2014-01-01", "end": "2014-03-01"},
    ),
    "reports:detail": Row("interim_report", get=ADMIN_ONLY),
    "reports:pdf": Row("interim_report", get=ADMIN_ONLY),
    "reports:xlsx": Row("interim_report", get=ADMIN_ONLY),
    "reports:csv": Row("interim_report", get=ADMIN_ONLY),
}


def world(region, guide) -> dict:
    report = InterimReport.objects.create(
        period_start=datetime.date(2014, 1, 1),
        period_end=datetime.date(2014, 3, 1),
        state=ReportState.DONE,
        progress=100,
        data_as_of=timezone.now(),
        finished_at=timezone.now(),
    )
    for kind in ("pdf", "xlsx", "csv"):
        getattr(report, kind).save(f"report.{kind}", ContentFile(b"stand-in"), save=False)
    report.save()
    return {"interim_report": report}
