"""After a training, a coordinator records who came; a guide downloads the certificate."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from events.models import EventKind
from lotsen.models.guides import CompletedTraining
from tests.browser.conftest import BROWSER
from tests.factories import EventFactory, RegistrationFactory

pytestmark = BROWSER


def german(text: str) -> str:
    """A UI text as a German-speaking user reads it."""
    with translation.override("de"):
        return gettext(text)


@pytest.fixture
def training(region, guide):
    guide.first_name, guide.last_name = "Amra", "Hodžić"
    guide.save()
    starts_at = timezone.now() - datetime.timedelta(days=1)
    event = EventFactory(
        region=region,
        kind=EventKind.TRAINING,
        title="Qualifizierung Anerkennung",
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=5),
        is_public=True,
        takes_registrations=True,
        capacity=10,
    )
    RegistrationFactory(event=event, name="Aylin Demir", interpreting="Türkisch")
    RegistrationFactory(event=event, name="Zeynep Kaya")
    return event


def test_coordinator_records_attendance_and_the_guide_gets_a_certificate(
    page, coordinator, guide, training, enter_as, axe_check
):
    enter_as(page, coordinator)
    page.goto(reverse("events:detail", args=[training.pk]))
    axe_check(page)

    page.get_by_role("link", name=german("See the registrations")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(training.title)
    axe_check(page)
    expect(page.get_by_role("table").first).to_contain_text("Türkisch")

    page.get_by_role("link", name=german("Record attendance")).click()
    axe_check(page)
    page.get_by_label("Aylin Demir").check()
    page.get_by_label("Amra Hodžić").check()
    page.get_by_role("button", name=german("Save attendance")).click()

    expect(page).to_have_url(re.compile(re.escape(reverse("events:detail", args=[training.pk]))))
    expect(page.get_by_role("status").first).to_contain_text(training.title)
    axe_check(page)
    training.refresh_from_db()
    assert training.headcount == 2
    certificate = CompletedTraining.objects.get(guide=guide, event=training)

    enter_as(page, guide.user)
    page.goto(reverse("guides:profile"))
    axe_check(page)
    link = page.get_by_role("link", name=german("Certificate of attendance (PDF)"))
    expect(link).to_have_attribute("href", reverse("guides:certificate", args=[certificate.pk]))
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename.startswith("teilnahmebescheinigung-amra-hodzic-")
