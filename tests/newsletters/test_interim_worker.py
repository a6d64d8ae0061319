"""A real Celery worker, fed through Redis, builds an interim report and mails the requester."""

import datetime
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from lotsen.celery import app as celery_app
from newsletters.models import InterimReport, ReportState
from regions.services import set_cooperation_status
from tests.factories import EventFactory, RegionFactory

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]

PROJECT = Path(__file__).resolve().parent.parent.parent


@pytest.fixture
def worker(smtp_server):
    """A worker on the test database and the test media folder, mailing to the test server."""
    if not settings.REDIS_URL:
        pytest.skip("REDIS_URL is not set: the embedded default runs tasks in-process")
    if connection.vendor != "postgresql":
        pytest.skip("a worker process cannot share the SQLite test database")
    port, inbox = smtp_server
    database = connection.settings_dict
    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lotsen.settings",
        "REDIS_URL": settings.REDIS_URL,
        "EMAIL_URL": f"smtp://127.0.0.1:{port}",
        "DATABASE_URL": (
            f"postgres://{quote(database['USER'] or '')}:{quote(database['PASSWORD'] or '')}"
            f"@{database['HOST']}:{database['PORT'] or 5432}/{database['NAME']}"
        ),
        "DJANGO_MEDIA_ROOT": str(settings.MEDIA_ROOT),
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "lotsen", "worker", "--pool=solo",
         "--without-gossip", "--without-mingle", "--loglevel=WARNING"],
        cwd=PROJECT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        yield inbox
    finally:
        celery_app.conf.task_always_eager = eager
        process.terminate()
        output, _ = process.communicate(timeout=30)
        print(output)


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
