"""The API token page and the API's documentation page in a real browser: axe passes, no
sideways scrolling on a phone, a token is shown once and revoked with one button."""

from django.urls import reverse

from lotsen.models.api_tokens import ApiToken
from tests.browser.conftest import BROWSER, label

pytestmark = BROWSER

NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= window.innerWidth"


def test_coordinator_creates_and_revokes_a_token_on_a_phone(page, coordinator, enter_as, axe_check):
    page.set_viewport_size({"width": 390, "height": 844})
    enter_as(page, coordinator)
    page.goto(reverse("tokens:list"))
    axe_check(page)

    page.get_by_label(label("Name")).fill("Website des KI")
    page.get_by_label("lesen und schreiben").check()
    page.get_by_role("button", name="Token erstellen").click()

    secret = page.locator("code.token-secret").inner_text()
    assert secret.startswith("lotsen_")
    axe_check(page)
    assert page.evaluate(NO_SIDEWAYS_SCROLL)

    page.goto(reverse("tokens:list"))
    assert secret not in page.content()  # shown once only
    page.get_by_role("button", name="„Website des KI“ widerrufen").click()
    page.wait_for_url(f"**{reverse('tokens:list')}")
    assert ApiToken.objects.get(user=coordinator).revoked_at is not None
    axe_check(page)

    page.goto(reverse("api:docs"))
    axe_check(page)
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
