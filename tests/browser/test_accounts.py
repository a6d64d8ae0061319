"""Logging in through allauth's form in a real browser, in German."""

from playwright.sync_api import expect

from tests.browser.conftest import BROWSER, account_menu, label

pytestmark = BROWSER


def test_coordinator_logs_in_with_the_german_form(page, coordinator, log_in, axe_check):
    log_in(page, coordinator)
    axe_check(page)
    assert page.locator("html").get_attribute("lang") == "de"
    expect(account_menu(page).get_by_role("button", name="Abmelden")).to_be_visible()
    expect(page.get_by_role("link", name="Anmelden", exact=True)).to_have_count(0)


def test_wrong_password_is_named_in_the_error_summary(page, coordinator, axe_check):
    page.goto("/accounts/login/")
    page.get_by_label(label("E-Mail")).fill(coordinator.email)
    page.get_by_label(label("Passwort")).fill("not-the-password")
    page.locator("main").get_by_role("button", name="Anmelden").click()

    expect(page.get_by_role("alert")).to_contain_text("Bitte korrigieren Sie Folgendes:")
    axe_check(page)
    expect(page.get_by_label(label("E-Mail"))).to_have_value(coordinator.email)
    expect(page.get_by_role("button", name="Abmelden")).to_have_count(0)
