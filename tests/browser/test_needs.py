"""An organisation fills in the needs assessment on a phone: the coordinator invites it, the
link in the mail opens the questionnaire without an account, a draft is saved and picked up
again, the answers are submitted once and then shown read-only; the coordinator reads the
results. Every page is checked with axe and must not scroll sideways at 390 px."""

import re

from django.core import mail
from django.urls import reverse
from playwright.sync_api import expect

from organisations.models import NeedsInvitation
from tests.browser.conftest import BROWSER, label
from tests.browser.test_referrals import assert_fits
from tests.factories import OrganisationFactory
from tests.organisations.needs_world import make_version

pytestmark = BROWSER


def test_an_organisation_fills_in_the_needs_assessment_on_a_phone(
    page, axe_check, enter_as, region, coordinator
):
    make_version()
    organisation = OrganisationFactory(
        name="Bosnische Gemeinde Witten e.V.", region=region, email="info@bgw.example.org"
    )
    page.set_viewport_size({"width": 390, "height": 844})
    enter_as(page, coordinator)
    page.goto(reverse("needs:invite"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Organisationen einladen")
    axe_check(page)
    assert_fits(page)
    page.get_by_label(re.compile("Bosnische Gemeinde Witten")).check()
    page.get_by_role("button", name="Einladungen senden").click()
    expect(page.locator(".messages")).to_contain_text("1 Einladungen wurden versendet")
    axe_check(page)
    assert_fits(page)

    [link] = re.findall(r"https?://\S+/bedarfsermittlung/\S+/", mail.outbox[-1].body)
    page.context.clear_cookies()
    page.goto(re.sub(r"^https?://[^/]+", "", link))
    expect(page.get_by_role("heading", level=1)).to_have_text("Bedarfsermittlung")
    expect(page.locator("main")).to_contain_text(organisation.name)
    axe_check(page)
    assert_fits(page)

    # A draft first: nothing required yet.
    page.get_by_label("Vereinsrecht").check()
    page.get_by_role("button", name="Zwischenspeichern").click()
    expect(page.locator(".messages")).to_contain_text("zwischengespeichert")
    expect(page.get_by_label("Vereinsrecht")).to_be_checked()
    axe_check(page)

    page.get_by_label("Tandem").check()
    page.get_by_role("group", name="How ready are you?").get_by_label("4").check()
    page.get_by_label(label("Anything else?")).fill("Wir suchen ein Tandem.")
    page.get_by_role("button", name="Absenden").click()
    expect(page.locator(".messages")).to_contain_text("abgeschickt")
    expect(page.locator("main")).to_contain_text("können nicht mehr geändert werden")
    expect(page.locator("main")).to_contain_text("Wir suchen ein Tandem.")
    expect(page.get_by_role("button", name="Absenden")).to_have_count(0)
    axe_check(page)
    assert_fits(page)
    invitation = NeedsInvitation.objects.get()
    assert invitation.submitted_at is not None
    assert [t.name for t in organisation.professionalisation_needs.all()] == ["Vereinsrecht"]

    enter_as(page, coordinator)
    page.goto(reverse("needs:results"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Bedarfsermittlung: Ergebnisse")
    axe_check(page)
    assert_fits(page)
    page.goto(reverse("organisations:detail", args=[organisation.pk]))
    expect(page.locator("main")).to_contain_text("Wir suchen ein Tandem.")
    axe_check(page)
