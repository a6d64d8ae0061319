"""The Landeskoordination requests an interim report in the browser and downloads it.

The report is built by a real Celery worker (tests/conftest.py's ``celery_worker_factory``, on
the suite's broker: Redis, or the embedded default's), not in the request: the test waits for
the report's state, however long the machine takes, never for a clock.
"""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from newsletters.models import InterimReport, ReportState
from regions.workspace.services import set_cooperation_status
from tests.browser.conftest import BROWSER
from tests.conftest import wait_until
from tests.factories import EventFactory, RegionFactory

pytestmark = BROWSER

SUBMIT = "main form button[type=submit]"


@pytest.fixture
def network(db):
    aachen = RegionFactory(name="Aachen", slug="aachen")
    set_cooperation_status(region=aachen, status="binding", valid_from=datetime.date(2020, 2, 3))
    when = datetime.datetime(2020, 5, 12, 18, tzinfo=timezone.get_current_timezone())
    EventFactory(region=aachen, title="Auftakt in Aachen", starts_at=when, headcount=25)
    return aachen


def test_a_report_is_requested_built_and_downloaded(
    page, admin_user, network, enter_as, axe_check, celery_worker_factory
):
    enter_as(page, admin_user)
    page.goto(reverse("dashboard"))
    axe_check(page)
    page.locator(f"main a[href='{reverse('reports:list')}']").click()
    axe_check(page)
    page.locator(f"main a[href='{reverse('reports:request')}']").click()
    axe_check(page)

    # Two dates in the wrong order: a message in the form, nothing queued.
    page.locator("#id_kind_2").check()
    page.locator("#id_start").fill("2020-06-30")
    page.locator("#id_end").fill("2020-01-01")
    page.locator(SUBMIT).click()
    expect(page.locator("#error-summary")).to_be_visible()
    axe_check(page)
    assert not InterimReport.objects.exists()

    page.locator("#id_start").fill("2020-01-01")
    page.locator("#id_end").fill("2020-06-30")
    page.locator(SUBMIT).click()
    # The request only queues the building: the page answers at once and shows the report
    # pending. No worker runs yet, so nothing can have been built in the request.
    page.wait_for_url(re.compile(r"/workspace/reports/\d+/$"))
    axe_check(page)
    report = InterimReport.objects.get()
    detail = reverse("reports:detail", args=[report.pk])
    pdf = reverse("reports:pdf", args=[report.pk])
    assert report.state == ReportState.QUEUED
    expect(page.locator("progress#report-progress")).to_have_attribute("value", "0")
    # The workspace goes on answering while the report waits.
    page.locator(f"main a[href='{reverse('reports:list')}']").click()
    axe_check(page)
    expect(page.locator(f"main a[href='{detail}']")).to_have_count(1)
    expect(page.locator(f"main a[href='{pdf}']")).to_have_count(0)
    page.locator(f"main a[href='{detail}']").click()
    axe_check(page)

    # A worker builds it; the test waits for its state, then checks again as a person would.
    celery_worker_factory()
    wait_until(
        lambda: (
            InterimReport.objects.get(pk=report.pk).state in (ReportState.DONE, ReportState.FAILED)
        ),
        what="the worker to build the report",
    )
    page.locator(f"main a[href='{detail}']", has_text="Jetzt erneut prüfen").click()
    report.refresh_from_db()
    assert report.state == ReportState.DONE, report.error
    expect(page.locator(f"main a[href='{pdf}']")).to_be_visible()
    expect(page.locator("progress#report-progress")).to_have_count(0)
    axe_check(page)
    with page.expect_download() as download:
        page.locator(f"main a[href='{pdf}']").click()
    with open(download.value.path(), "rb") as file:
        assert file.read(5) == b"%PDF-"

    page.goto(reverse("reports:list"))
    expect(page.locator(f"a[href='{reverse('reports:xlsx', args=[report.pk])}']")).to_have_count(1)


def test_the_page_of_a_report_being_built_shows_its_progress(
    page, admin_user, db, enter_as, axe_check
):
    """The page as it first shows; its self-reloading variant (?watch=1, asked for by a link)
    is left out here: axe rates any delayed meta refresh as critical, whatever the page
    offers to stop it (tests/newsletters/test_interim_views.py covers that variant)."""
    report = InterimReport.objects.create(
        period_start=datetime.date(2020, 1, 1),
        period_end=datetime.date(2020, 12, 31),
        requested_by=admin_user,
        state=ReportState.RUNNING,
        progress=40,
    )
    url = reverse("reports:detail", args=[report.pk])
    enter_as(page, admin_user)
    page.goto(url)
    axe_check(page)
    expect(page.locator("progress#report-progress")).to_have_attribute("value", "40")
    expect(page.locator(f"main a[href='{url}?watch=1']")).to_have_count(1)
