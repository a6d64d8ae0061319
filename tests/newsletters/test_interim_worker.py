"""A real Celery worker, fed through the suite's broker (Redis, or the embedded default's),
builds an interim report and mails the requester."""

import datetime
import time

import pytest
from django.urls import reverse
from django.utils import timezone

from newsletters.models import InterimReport, ReportState
from regions.workspace.services import set_cooperation_status
from tests.factories import EventFactory, RegionFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def worker(celery_worker_factory, smtp_server):
    """A worker on the test database and the test media folder, mailing to the test server."""
    celery_worker_factory()
    return smtp_server[1]


def test_the_worker_builds_the_report_and_mails_the_link(client, admin_user, worker):
    region = RegionFactory(name="Aachen")
    set_cooperation_status(region=region, status="binding", valid_from=datetime.date(2020, 2, 3))
    when = datetime.datetime(2020, 5, 12, 18, tzinfo=timezone.get_current_timezone())
    EventFactory(region=region, starts_at=when, headcount=25)
    client.force_login(admin_user)

    response = client.post(reverse("reports:request"), {"kind": "year", "year": "2020"})
    assert response.status_code == 302

    report = InterimReport.objects.get()
    deadline = time.monotonic() + 120
    progress = []
    while time.monotonic() < deadline:
        report.refresh_from_db()
        progress.append(report.progress)
        if report.state in (ReportState.DONE, ReportState.FAILED) and worker.messages:
            break
        time.sleep(0.2)

    assert report.state == ReportState.DONE, report.error
    assert progress == sorted(progress) and progress[-1] == 100
    with report.pdf.open("rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    (mail,) = worker.messages
    assert mail["To"] == admin_user.email
    assert reverse("reports:detail", args=[report.pk]) in mail.get_body(("plain",)).get_content()
