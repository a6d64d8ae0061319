"""A partner asks for a guide on a phone; the coordinator proposes the request; the guide takes
it through the link in the mail. Every page is checked with axe and must not scroll sideways
at 390 px."""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from playwright.sync_api import expect

from lotsen.guides.services import set_guide_status
from lotsen.models.guides import ExpertiseArea, GuideStatus
from lotsen.models.referrals import ReferralRequest, ReferralState
from tests.browser.conftest import BROWSER, label
from tests.factories import GuideFactory, LanguageFactory

pytestmark = BROWSER


WIDER_THAN_SCREEN = """[...document.querySelectorAll("main *")]
    .filter(e => e.getBoundingClientRect().right > 391 && !e.closest(".table-scroll"))
    .slice(0, 5).map(e => e.tagName + " " + (e.textContent || "").trim().slice(0, 40))"""


def assert_fits(page) -> None:
    """No sideways scrolling at 390 px; the failure names the elements that stick out."""
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"{page.url} is {width} px wide: {page.evaluate(WIDER_THAN_SCREEN)}"


@pytest.fixture
def amira(region):
    guide = GuideFactory(
        first_name="Amira", last_name="Haddad", region=region,
        email="amira@example.org", phone="0176 1234567",
    )  # fmt: skip
    guide.languages.create(language=LanguageFactory(), level="C1")
    guide.expertise.add(ExpertiseArea.objects.create(name="Anerkennung", name_en="Recognition"))
    set_guide_status(guide=guide, status=GuideStatus.ACTIVE, valid_from=datetime.date(2020, 1, 1))
    return guide


def test_a_request_from_the_form_to_the_guide_who_takes_it(
    page, axe_check, enter_as, region, coordinator, amira
):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(reverse("referrals:request"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Lotsin oder Lotsen anfragen")
    expect(page.locator("main")).to_contain_text("keine Namen, Geburtsdaten, Adressen")
    axe_check(page)
    assert_fits(page)

    page.get_by_label(label("Organisation")).fill("Jobcenter Hagen")
    page.get_by_label(label("Ansprechperson")).fill("Petra Sommer")
    page.get_by_label(label("E-Mail")).fill("sommer@jobcenter.example.org")
    page.get_by_label("Arabisch").check()
    page.get_by_label("Anerkennung").check()
    page.get_by_label(label("Region")).select_option(label=region.name)
    page.get_by_label(label("Zeitraum")).fill("Termin am 12. März")
    page.get_by_label(re.compile("^Ich bin einverstanden")).check()
    page.get_by_role("button", name="Anfrage senden").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Ihre Anfrage ist eingegangen")
    axe_check(page)
    assert_fits(page)
    referral = ReferralRequest.objects.get()
    assert mail.outbox[-1].to == ["sommer@jobcenter.example.org"]

    enter_as(page, coordinator)
    page.goto(reverse("referrals:list"))
    axe_check(page)
    assert_fits(page)
    page.goto(reverse("referrals:detail", args=[referral.pk]))
    axe_check(page)
    assert_fits(page)
    page.get_by_label(re.compile("Amira Haddad")).check()
    page.get_by_role("button", name="Anfrage vorschlagen").click()
    expect(page.locator(".messages")).to_contain_text("Amira Haddad")
    axe_check(page)

    [link] = re.findall(r"https?://\S+/vermittlung/\S+/", mail.outbox[-1].body)
    page.context.clear_cookies()
    page.goto(re.sub(r"^https?://[^/]+", "", link))
    expect(page.get_by_role("heading", level=2)).to_have_text(
        "Können Sie diese Anfrage übernehmen?"
    )
    axe_check(page)
    assert_fits(page)
    page.get_by_label(re.compile("Meine Telefonnummer")).check()
    page.get_by_role("button", name="Anfrage annehmen").click()
    expect(page.get_by_role("heading", level=2)).to_have_text("Sie haben diese Anfrage übernommen")
    axe_check(page)
    assert_fits(page)
    referral.refresh_from_db()
    assert referral.state == ReferralState.ACCEPTED
    assert "0176 1234567" in mail.outbox[-1].body
    assert "amira@example.org" not in mail.outbox[-1].body
