"""A registration keeps the proof of consent, as a newsletter subscription does: which version
of the consent text the form showed, and when it was sent."""

import datetime

import pytest
import time_machine
from auditlog.models import LogEntry
from django.conf import settings as django_settings

from events.models import Registration
from events.registrations.consent import CONSENT_TEXT_VERSION, CONSENT_TEXTS, consent_text
from events.registrations.services import register
from tests.events.test_registration import form_data, register_url
from tests.factories import EventFactory

SENT_AT = datetime.datetime(2026, 12, 1, 18, 30, tzinfo=datetime.UTC)


@pytest.fixture
def event(region):
    with time_machine.travel(SENT_AT - datetime.timedelta(days=1), tick=False):
        return EventFactory(
            region=region,
            is_public=True,
            takes_registrations=True,
            starts_at=SENT_AT + datetime.timedelta(days=30),
            ends_at=SENT_AT + datetime.timedelta(days=30, hours=3),
        )


def test_the_form_records_the_version_it_showed_and_when(client, event):
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    with time_machine.travel(SENT_AT, tick=False):
        page = client.get(register_url(event))
        client.post(register_url(event), form_data())

    assert str(CONSENT_TEXTS[CONSENT_TEXT_VERSION]) in page.content.decode()
    registration = Registration.objects.get(event=event)
    assert registration.consent_text_version == CONSENT_TEXT_VERSION
    assert registration.consent_given_at == SENT_AT


def test_without_the_box_ticked_no_consent_is_recorded(client, event):
    data = form_data()
    del data["consent"]
    client.post(register_url(event), data)
    assert not Registration.objects.exists()


def test_a_registration_not_made_through_the_form_claims_no_consent(event):
    registration = register(event=event, name="Jonas Berg", email="jonas@example.org")
    assert (registration.consent_text_version, registration.consent_given_at) == ("", None)


def test_every_version_ever_shown_stays_readable():
    assert consent_text(CONSENT_TEXT_VERSION) == CONSENT_TEXTS[CONSENT_TEXT_VERSION]
    assert consent_text("") is None


def test_the_consent_is_in_the_registration_history_but_not_the_personal_link(client, event):
    client.post(register_url(event), form_data())
    registration = Registration.objects.get(event=event)

    [created] = LogEntry.objects.get_for_object(registration)
    assert created.changes_dict["consent_text_version"][1] == CONSENT_TEXT_VERSION
    assert "token" not in created.changes_dict
