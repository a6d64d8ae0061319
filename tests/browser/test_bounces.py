"""The Landeskoordination sees the bounces of an issue and of a subscriber, on a phone too."""

from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from newsletters.models import BounceKind, Delivery, DeliveryState, IssueState
from tests.browser.conftest import BROWSER
from tests.factories import SubscriberFactory
from tests.newsletters.test_sending import rendered_issue

pytestmark = BROWSER

REASON = (
    "550 5.1.1 <weg@partner-organisation.example>: Recipient address rejected: "
    "User unknown in virtual mailbox table"
)


def test_bounces_on_the_progress_page_and_the_subscriber_page_at_390_px(
    page, axe_check, enter_as, admin_user
):
    now = timezone.now()
    issue = rendered_issue(state=IssueState.SENT, sending_started_at=now, sent_at=now)
    gone = SubscriberFactory(
        email="weg@partner-organisation.example",
        state="bounced",
        bounced_at=now,
        bounce_reason=REASON,
    )
    Delivery.objects.create(
        issue=issue,
        subscriber=gone,
        state=DeliveryState.SENT,
        sent_at=now,
        bounce=BounceKind.HARD,
        bounced_at=now,
        bounce_reason=REASON,
    )
    Delivery.objects.create(issue=issue, subscriber=SubscriberFactory(), state="sent")
    page.set_viewport_size({"width": 390, "height": 844})
    enter_as(page, admin_user)

    page.goto(reverse("sending:progress", args=[issue.pk]))
    axe_check(page)
    expect(page.locator("#bounce-counts")).to_contain_text("1 Hard Bounces und 0 Soft Bounces")
    expect(page.locator("section[aria-labelledby=bounces-heading] table")).to_contain_text(
        "User unknown"
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    page.goto(reverse("subscriptions:list"))
    axe_check(page)
    page.locator("#id_state").select_option("bounced")
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_url("**state=bounced**")
    axe_check(page)
    page.locator("main table a", has_text=gone.email).click()
    axe_check(page)
    expect(page.locator("main")).to_contain_text("User unknown in virtual mailbox table")
    expect(page.locator("main")).to_contain_text(issue.title)
    # The page's consent section is wider than a phone already (its long labels); the bounces
    # section must not be.
    widest = page.evaluate(
        "Math.max(...[...document.querySelectorAll('section[aria-labelledby=bounces-heading] *')]"
        ".map(e => e.getBoundingClientRect().right))"
    )
    assert widest <= 390
