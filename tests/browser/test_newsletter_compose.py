"""The Landeskoordination creates an issue, takes an event report into it with one click and
finds it under its region, in a real browser, each page checked with axe. Locators use ids and
URLs, not texts: the German catalogue of these pages is written later."""

import datetime

from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from newsletters.models import Issue, IssueItem
from tests.browser.conftest import BROWSER
from tests.factories import EventFactory, EventReportFactory, IssueFactory

pytestmark = BROWSER


def test_admin_creates_an_issue_and_takes_a_report_with_one_click(
    page, admin_user, region, enter_as, axe_check
):
    today = timezone.localdate()
    IssueFactory(number=3, title="Newsletter alt", issue_date=today - datetime.timedelta(days=40),
                 state="sent")  # fmt: skip
    report = EventReportFactory(
        event=EventFactory(region=region, starts_at=timezone.now() - datetime.timedelta(days=5)),
        headline="Erste Auftaktveranstaltung im Ennepe-Ruhr-Kreis",
        dateline="Schwelm – Am 13.03.2014",
    )
    upcoming = EventFactory(
        title="Fachtagung Anerkennung", kind="conference", is_public=True, region=None,
        starts_at=timezone.now() + datetime.timedelta(days=30),
    )  # fmt: skip
    enter_as(page, admin_user)

    page.goto(reverse("issues:list"))
    axe_check(page)
    page.locator(f'main a[href="{reverse("issues:create")}"]').click()
    axe_check(page)
    # The form proposes the next issue: number 4, two months after the last.
    expect(page.locator("#id_number")).to_have_value("4")
    page.locator("#id_issue_date").fill(today.isoformat())
    page.locator("#id_copy_deadline").fill((today - datetime.timedelta(days=10)).isoformat())
    page.locator("main form button[type=submit]").click()

    issue = Issue.objects.get(number=4)
    page.wait_for_url(f"**{reverse('issues:detail', args=[issue.pk])}")
    axe_check(page)
    # The dates were filled in on creation.
    expect(page.locator("#section-date")).to_contain_text(upcoming.title)

    offered = page.locator(f"#report-{report.pk}")
    expect(offered).to_be_visible()
    offered.locator("button[name=section][value=regional]").click()

    expect(page.locator(".message--success")).to_be_visible()
    axe_check(page)
    item = IssueItem.objects.get(issue=issue, report=report)
    regional = page.locator("#section-regional")
    expect(regional.locator(".region-heading")).to_contain_text(region.name)
    expect(regional.locator(f"#item-{item.pk}")).to_contain_text(report.headline)
    expect(page.locator(f"#report-{report.pk}")).to_have_count(0)  # no longer offered
