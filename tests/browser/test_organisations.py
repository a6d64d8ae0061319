"""A coordinator works on the organisations of their region in the browser, in German."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from organisations.models import MigrantOrganisation
from tests.browser.conftest import BROWSER, label
from tests.factories import LanguageFactory, OrganisationFactory

pytestmark = BROWSER

LIST = reverse("organisations:list")


@pytest.fixture
def tamil(db):
    return LanguageFactory(name="Tamil", name_en="Tamil")


@pytest.fixture
def organisation(region, other_region, tamil):
    solingen = OrganisationFactory(
        name="Tamilischer Kultur-Sportverein e.V.", region=region, city="Solingen"
    )
    solingen.languages.add(tamil)
    OrganisationFactory(name="Vatanspor e.V.", region=region)
    OrganisationFactory(name="Bosnische Gemeinde Münster e.V.", region=other_region)
    return solingen


def listed_names(page) -> list[str]:
    return page.locator("table tbody th[scope=row] a").all_inner_texts()


def test_coordinator_filters_edits_and_finds_the_change_in_the_history(
    page, coordinator, organisation, log_in, axe_check
):
    log_in(page, coordinator)
    axe_check(page)

    page.goto(LIST)
    axe_check(page)
    assert listed_names(page) == ["Tamilischer Kultur-Sportverein e.V.", "Vatanspor e.V."]

    filters = page.get_by_role("search", name="Liste filtern")
    filters.get_by_label(label("Sprache")).select_option(label="Tamil")
    filters.get_by_role("button", name="Filter anwenden").click()
    axe_check(page)
    assert listed_names(page) == ["Tamilischer Kultur-Sportverein e.V."]

    page.get_by_role("link", name=organisation.name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(organisation.name)
    axe_check(page)

    page.get_by_role("link", name="Bearbeiten", exact=True).click()
    axe_check(page)
    page.get_by_label(label("Ort")).fill("Solingen-Ohligs")
    page.get_by_label(label("Hauptamtliche Mitarbeitende")).check()
    page.get_by_role("button", name="Speichern").click()

    expect(page).to_have_url(re.compile(re.escape(organisation.get_absolute_url()) + "$"))
    status = page.get_by_role("status").filter(has_text="gespeichert")
    expect(status).to_have_text(f"Ihre Änderungen an „{organisation.name}“ wurden gespeichert.")
    axe_check(page)
    history = page.get_by_role("region", name="Änderungsverlauf")
    expect(history).to_contain_text("Solingen → Solingen-Ohligs")
    expect(history).to_contain_text("hauptamtliche Mitarbeitende")

    organisation.refresh_from_db()
    assert organisation.city == "Solingen-Ohligs"
    assert organisation.has_full_time_staff


def test_page_title_and_skip_link_work_with_the_keyboard(
    page, coordinator, organisation, enter_as, axe_check
):
    enter_as(page, coordinator)
    page.goto(LIST)
    axe_check(page)
    assert page.title().split(" · ")[0] == "Migrantenorganisationen"

    page.keyboard.press("Tab")
    skip_link = page.locator("a.skip-link")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    page.keyboard.press("Tab")
    assert page.evaluate("document.querySelector('main').contains(document.activeElement)")


def test_emptied_required_field_is_named_in_the_error_summary(
    page, coordinator, organisation, enter_as, axe_check
):
    enter_as(page, coordinator)
    page.goto(reverse("organisations:update", args=[organisation.pk]))
    axe_check(page)
    name = page.get_by_label(label("Name"))
    name.fill("")
    page.get_by_role("button", name="Speichern").click()

    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Bitte korrigieren Sie Folgendes:")
    error_link = summary.locator('a[href="#id_name"]')
    expect(error_link).to_contain_text("Name")
    axe_check(page)
    expect(name).to_have_attribute("aria-invalid", "true")
    error_link.click()
    expect(name).to_be_focused()

    organisation.refresh_from_db()
    assert organisation.name == "Tamilischer Kultur-Sportverein e.V."


def test_coordinator_archives_and_restores_an_organisation(
    page, coordinator, organisation, enter_as, axe_check
):
    enter_as(page, coordinator)
    page.goto(organisation.get_absolute_url())
    axe_check(page)

    page.get_by_role("button", name="Diese Organisation archivieren").click()
    expect(page.get_by_role("status")).to_contain_text("wurde archiviert")
    expect(page.get_by_role("heading", level=1)).to_contain_text("archiviert")
    axe_check(page)
    assert MigrantOrganisation.objects.get(pk=organisation.pk).is_archived

    page.goto(LIST)
    axe_check(page)
    assert organisation.name not in listed_names(page)

    page.goto(organisation.get_absolute_url())
    page.get_by_role("button", name="Aus dem Archiv wiederherstellen").click()
    expect(page.get_by_role("heading", level=1)).not_to_contain_text("archiviert")
    axe_check(page)
    assert not MigrantOrganisation.objects.get(pk=organisation.pk).is_archived


def test_coordinator_of_another_region_gets_the_404_page(
    page, other_coordinator, organisation, enter_as, axe_check
):
    enter_as(page, other_coordinator)
    for url in (
        organisation.get_absolute_url(),
        reverse("organisations:update", args=[organisation.pk]),
    ):
        response = page.goto(url)
        assert response.status == 404
        expect(page.get_by_role("heading", level=1)).to_have_text("Seite nicht gefunden")
        expect(page.locator("body")).not_to_contain_text(organisation.name)
        axe_check(page)
