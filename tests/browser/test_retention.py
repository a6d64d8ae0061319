"""The Landeskoordination reads the retention schedule in the browser, also on a phone."""

import datetime

from django.urls import reverse
from playwright.sync_api import expect

from lotsen.models import RetentionRun
from lotsen.retention.schedule import SCHEDULE
from tests.browser.conftest import BROWSER

pytestmark = BROWSER

RAN_AT = datetime.datetime(2026, 12, 4, 1, 45, tzinfo=datetime.UTC)


def test_the_schedule_and_its_last_run_fit_a_narrow_screen(page, admin_user, enter_as, axe_check):
    RetentionRun.objects.create(
        started_at=RAN_AT, finished_at=RAN_AT, counts={"past_event_registrations": 4}
    )
    enter_as(page, admin_user)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(reverse("retention:schedule"))
    axe_check(page)

    expect(page.get_by_role("heading", level=1)).to_have_text("Löschfristen")
    expect(page.locator(".retention-rules > li")).to_have_count(len(SCHEDULE))
    expect(page.locator(".retention-runs dd").first).to_have_text("4")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
