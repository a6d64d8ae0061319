"""Guides in the browser: the coordinator's guide list, the invitation a guide accepts, the
guide's own profile, and the public guide finder — each page checked with axe."""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from playwright.sync_api import expect

from lotsen.core.visibility import Visibility
from lotsen.guides.services import set_guide_status
from lotsen.models.guides import Guide, GuideLanguage
from tests.browser.conftest import BROWSER, label, main_navigation
from tests.factories import GuideFactory, LanguageFactory, OrganisationFactory

pytestmark = BROWSER


@pytest.fixture
def tamil(db):
    return LanguageFactory(name="Tamil", name_en="Tamil")


def speaking(language, region, **fields) -> Guide:
    guide = GuideFactory(region=region, **fields)
    GuideLanguage.objects.create(guide=guide, language=language, level="native")
    set_guide_status(guide=guide, status="active", valid_from=datetime.date(2014, 1, 1))
    return guide


def test_coordinator_filters_guides_by_language(
    page, coordinator, region, other_region, tamil, enter_as, axe_check
):
    speaking(tamil, region, first_name="Kavitha", last_name="Selvarajah")
    GuideFactory(region=region, first_name="Emre", last_name="Yılmaz")
    speaking(tamil, other_region, first_name="Nila", last_name="Fremdregion")
    enter_as(page, coordinator)

    page.goto(reverse("guides:list"))
    axe_check(page)
    filters = page.get_by_role("search", name="Liste filtern")
    filters.locator("#id_language").select_option(label="Tamil")
    filters.get_by_role("button", name="Filter anwenden").click()

    axe_check(page)
    names = page.locator("table tbody th[scope=row] a").all_inner_texts()
    assert names == ["Selvarajah, Kavitha"]  # not the Tamil speaker of another region


def test_guide_accepts_the_invitation_and_edits_the_profile(
    page, coordinator, region, enter_as, log_in, axe_check
):
    guide = GuideFactory(region=region, email="kavitha@example.org", first_name="Kavitha")
    enter_as(page, coordinator)
    page.goto(reverse("guides:detail", args=[guide.pk]))
    axe_check(page)
    page.get_by_role("button", name="Zum Portal einladen").click()
    axe_check(page)

    invitation = next(m for m in mail.outbox if m.to == ["kavitha@example.org"])
    link = re.search(r"https?://[^\s/]+(/accounts/password/reset/key/\S+)", invitation.body)
    page.context.clear_cookies()
    page.goto(link.group(1))
    axe_check(page)
    new_password = "mein-neues-lotsenpasswort"
    page.locator("#id_password1").fill(new_password)
    page.locator("#id_password2").fill(new_password)
    page.get_by_role("button", name="Passwort ändern").click()
    axe_check(page)

    guide.refresh_from_db()
    log_in(page, guide.user, new_password)
    expect(page).to_have_url(re.compile(re.escape(reverse("members:start")) + "$"))
    axe_check(page)
    main_navigation(page).get_by_role("link", name="Mein Profil").click()
    expect(page).to_have_url(re.compile(re.escape(reverse("guides:profile")) + "$"))

    page.get_by_role("link", name="Mein Profil bearbeiten").click()
    axe_check(page)
    page.get_by_label(label("Verfügbarkeit")).fill("dienstags abends")
    page.get_by_label(label("Mich in der öffentlichen Lotsensuche zeigen")).check()
    page.get_by_role("group", name="Wer meine Sprachen sieht").get_by_label(
        "öffentliches Verzeichnis"
    ).check()
    page.get_by_role("button", name="Mein Profil speichern").click()

    expect(page).to_have_url(re.compile(re.escape(reverse("guides:profile")) + "$"))
    axe_check(page)
    expect(page.get_by_role("main")).to_contain_text("dienstags abends")
    guide.refresh_from_db()
    assert guide.availability == "dienstags abends"
    assert guide.public_profile and guide.languages_visibility == Visibility.PUBLIC


def test_public_guide_finder_shows_only_what_guides_published(page, region, tamil, axe_check):
    club = OrganisationFactory(
        region=region, name="Tamilischer Kultur-Sportverein e.V.", city="Solingen",
        listed_publicly=True,
    )  # fmt: skip
    published = speaking(
        tamil, region, first_name="Kavitha", last_name="Selvarajah", email="k@example.org",
        public_profile=True, name_visibility=Visibility.PUBLIC,
        languages_visibility=Visibility.PUBLIC, contact_visibility=Visibility.NETWORK,
    )  # fmt: skip
    published.organisations.add(club)
    speaking(tamil, region, first_name="Verborgen", last_name="Privat", public_profile=False)

    page.goto(reverse("public:guide-finder"))
    axe_check(page)
    page.locator("#id_language").select_option(label="Tamil")
    page.locator("#id_city").select_option(label="Solingen")
    page.get_by_role("button", name="Filter anwenden").click()
    axe_check(page)

    results = page.locator("#results")
    expect(results.locator(".guide-card")).to_have_count(1)
    expect(results).to_contain_text("Kavitha Selvarajah")
    expect(results).to_contain_text("Tamil")
    expect(results).not_to_contain_text("k@example.org")  # contact only for the network
    expect(page.get_by_role("main")).not_to_contain_text("Verborgen")
