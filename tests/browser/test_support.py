"""A coordinator records a tandem for an organisation on a phone (390 px wide)."""

import datetime

from django.urls import reverse
from playwright.sync_api import expect

from organisations.models import ProfessionalisationTopic, SupportKind, SupportMeasure
from tests.browser.conftest import BROWSER, label
from tests.factories import OrganisationFactory

pytestmark = BROWSER


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_coordinator_records_a_tandem_at_390_px(page, coordinator, region, enter_as, axe_check):
    projects = ProfessionalisationTopic.objects.create(name="Projektmanagement")
    tamil = OrganisationFactory(
        region=region, name="Tamilischer Kultur-Sportverein Solingen e.V.", city="Solingen"
    )
    tamil.professionalisation_needs.add(projects)
    OrganisationFactory(region=region, name="Internationales Frauenzentrum Solingen e.V.")

    page.set_viewport_size({"width": 390, "height": 844})
    enter_as(page, coordinator)
    page.goto(reverse("organisations:detail", args=[tamil.pk]))
    axe_check(page)
    assert fits(page)
    expect(page.get_by_text("noch keine Maßnahme")).to_be_visible()

    page.get_by_role("link", name="Unterstützungsmaßnahme erfassen").click()
    page.wait_for_url(f"**{reverse('organisations:support-create', args=[tamil.pk])}")
    axe_check(page)
    assert fits(page)

    # Without a provider: a clear message, nothing saved.
    page.get_by_label(label("Art")).select_option(SupportKind.TANDEM)
    page.get_by_label(label("Von")).fill("2014-02-22")
    page.locator("main form button[type=submit]").click()
    page.wait_for_selector("#error-summary")
    axe_check(page)
    assert fits(page)
    assert not SupportMeasure.objects.exists()

    page.get_by_label(label("Anbietende Organisation")).select_option(
        label="Internationales Frauenzentrum Solingen e.V."
    )
    page.get_by_label("Projektmanagement").check()
    page.get_by_label(label("Nachfassen am")).fill("2014-09-15")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**{reverse('organisations:detail', args=[tamil.pk])}*")
    axe_check(page)
    assert fits(page)

    measure = SupportMeasure.objects.get()
    assert measure.kind == SupportKind.TANDEM
    assert measure.providing_organisation.name == "Internationales Frauenzentrum Solingen e.V."
    assert measure.follow_up_on == datetime.date(2014, 9, 15)
    timeline = page.locator("#support-timeline")
    expect(timeline).to_contain_text("Internationales Frauenzentrum Solingen e.V.")
    expect(timeline).to_contain_text("Nachfassen")
    expect(page.get_by_text("von 1 Maßnahme bearbeitet")).to_be_visible()
