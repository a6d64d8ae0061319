"""A guide records an accompaniment on a phone (390 px wide) with the keyboard alone."""

from django.urls import reverse

from lotsen.models.accompaniments import Accompaniment, AccompanimentKind, Motivation
from tests.browser.conftest import BROWSER

pytestmark = BROWSER


def tab_to(page, selector: str, limit: int = 80) -> None:
    """Press Tab until ``selector`` has the focus, as a keyboard user moves through a page."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} was not reached with the Tab key")


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_guide_records_an_accompaniment_with_the_keyboard_at_390_px(
    page, guide, enter_as, axe_check
):
    page.set_viewport_size({"width": 390, "height": 844})
    enter_as(page, guide.user)
    page.goto(reverse("accompaniments:mine"))
    axe_check(page)
    assert fits(page)

    tab_to(page, f'a[href="{reverse("accompaniments:create")}"]')
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{reverse('accompaniments:create')}")
    axe_check(page)
    assert fits(page)

    # Submitting without a kind: a clear message, nothing saved.
    tab_to(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_selector("#error-summary")
    axe_check(page)
    assert not Accompaniment.objects.exists()

    # The first radio of the kinds takes the focus; Space chooses it.
    page.locator("body").focus()
    tab_to(page, "input[name=kind]")
    page.keyboard.press("Space")
    # Motivation: from the default "medium" one arrow down to "high".
    tab_to(page, "input[name=motivation]:checked")
    page.keyboard.press("ArrowDown")
    tab_to(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{reverse('accompaniments:mine')}")
    axe_check(page)
    assert fits(page)

    entry = Accompaniment.objects.get()
    assert entry.guide == guide and entry.region == guide.region
    assert entry.kind == AccompanimentKind.JOBCENTER
    assert entry.motivation == Motivation.HIGH
    assert page.get_by_text("Die Begleitung wurde erfasst.").is_visible()
