"""A guide's data export holds every record about them, and staff reads of the full profile
are logged where the guide and the coordination see them."""

import datetime
import json

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from events.registrations.consent import CONSENT_TEXT_VERSION, CONSENT_TEXTS
from lotsen.guides import selectors
from lotsen.guides.selectors import PERSONAL_DATA_SECTIONS, PersonalDataSection
from lotsen.guides.services import erase_guide, set_guide_status
from lotsen.kit.services import issue_attestation
from lotsen.models import (
    Accompaniment,
    AccompanimentKind,
    CompletedTraining,
    GuideStatus,
    ReferralProposal,
    ReferralRequest,
)
from lotsen.models.groups import WorkingGroup
from lotsen.models.messages import Message, MessageRecipient, MessageSettings
from tests.factories import EventFactory, RegistrationFactory, SubscriberFactory

EXPORT = reverse("guides:profile-export")
SIGNED_UP = datetime.datetime(2026, 11, 2, 9, 0, tzinfo=datetime.UTC)


def export(client, guide) -> dict:
    client.force_login(guide.user)
    response = client.get(EXPORT)
    assert response.status_code == 200
    return json.loads(response.content)


@pytest.fixture
def records(guide, other_guide, region):
    """Records about the guide (by either of their addresses) and about someone else."""
    guide.email = "Lotse.Privat@example.org"
    guide.save()
    event = EventFactory(region=region, title="Austauschworkshop Hagen", is_public=True)
    mine = RegistrationFactory(
        event=event, email="lotse.privat@EXAMPLE.org", name="Lotse", accessibility="Rampe",
        consent_text_version=CONSENT_TEXT_VERSION, consent_given_at=SIGNED_UP,
    )  # fmt: skip
    by_account = RegistrationFactory(email=guide.user.email, name="Lotse über Konto")
    RegistrationFactory(event=event, email="jemand@example.org", name="Unbeteiligte Person")
    SubscriberFactory(email="LOTSE@example.org", consent_given_at=SIGNED_UP)
    SubscriberFactory(email="andere@example.org", name="Unbeteiligte Abonnentin")
    return {"mine": mine, "by_account": by_account}


def test_the_export_holds_registrations_and_consent_records_of_both_addresses(
    client, guide, records
):
    data = export(client, guide)

    registrations = {entry["name"]: entry for entry in data["registrations"]}
    assert set(registrations) == {"Lotse", "Lotse über Konto"}
    assert registrations["Lotse"]["accessibility"] == "Rampe"
    assert registrations["Lotse"]["event"] == "Austauschworkshop Hagen"
    [event_consent] = [r for r in data["consent_records"] if r["for"] == "event_registration"]
    assert event_consent["text_version"] == CONSENT_TEXT_VERSION
    assert event_consent["text"] == str(CONSENT_TEXTS[CONSENT_TEXT_VERSION])
    assert event_consent["given_at"].startswith("2026-11-02T09:00")
    [newsletter] = [r for r in data["consent_records"] if r["for"] == "newsletter"]
    assert newsletter["email"] == "LOTSE@example.org"
    assert newsletter["ip_address"] == "192.0.2.10"
    text = json.dumps(data)
    assert "Unbeteiligte" not in text and "jemand@example.org" not in text


def test_the_export_holds_trainings_status_and_their_history(client, guide, coordinator):
    set_guide_status(guide=guide, status=GuideStatus.ACTIVE, valid_from=datetime.date(2025, 3, 1))
    CompletedTraining.objects.create(
        guide=guide, title="Modul 3", completed_on=datetime.date(2025, 4, 1)
    )
    data = export(client, guide)

    assert data["trainings"] == [
        {"title": "Modul 3", "completed_on": "2025-04-01", "provider": "", "event": None}
    ]
    records = {entry["record"] for entry in data["change_history"]}
    assert {"guidestatuschange", "completedtraining"} <= records


def test_the_export_holds_accompaniments_referrals_and_attestations_of_the_guide_only(
    client, guide, other_guide, coordinator
):
    Accompaniment.objects.create(
        guide=guide, region=guide.region, kind=AccompanimentKind.RECOGNITION, hours=2,
        date=datetime.date(2026, 10, 5),
    )  # fmt: skip
    Accompaniment.objects.create(
        guide=other_guide, region=other_guide.region, kind=AccompanimentKind.BUSINESS
    )
    request = ReferralRequest.objects.create(
        organisation="Jobcenter Hagen", contact_name="Frau Beispiel", email="jc@example.org"
    )
    ReferralProposal.objects.create(request=request, guide=guide, share_email=True)
    ReferralProposal.objects.create(request=request, guide=other_guide)
    in_three_months = datetime.date.today() + datetime.timedelta(days=90)
    issue_attestation(guide=guide, issued_by=coordinator, valid_until=in_three_months)

    data = export(client, guide)

    [accompaniment] = data["accompaniments"]
    assert accompaniment["date"] == "2026-10-05"
    assert float(accompaniment["hours"]) == 2
    [proposal] = data["referral_proposals"]
    assert proposal["request"] == request.reference and proposal["shares_email"] is True
    # The requester's contact is the requester's data, not the guide's.
    assert "jc@example.org" not in json.dumps(data)
    [attestation] = data["attestations"]
    assert attestation["code"] == guide.attestations.get().code


def test_a_section_added_later_appears_in_the_export(client, guide, monkeypatch):
    monkeypatch.setattr(
        selectors,
        "PERSONAL_DATA_SECTIONS",
        [*PERSONAL_DATA_SECTIONS, PersonalDataSection("case_entries", lambda g: ["Fall 1"])],
    )
    assert export(client, guide)["case_entries"] == ["Fall 1"]


def test_every_section_has_its_own_key():
    keys = [section.key for section in PERSONAL_DATA_SECTIONS]
    assert len(keys) == len(set(keys))


# --- Reads of the full profile ---------------------------------------------------------------


def reads_of(guide) -> list[LogEntry]:
    return list(LogEntry.objects.get_for_object(guide).filter(action=LogEntry.Action.ACCESS))


def test_a_coordinators_read_is_logged_and_shown_in_the_history(client, guide, coordinator):
    client.force_login(coordinator)
    first = client.get(reverse("guides:detail", args=[guide.pk]))
    assert first.status_code == 200
    [read] = reads_of(guide)
    assert read.actor == coordinator

    second = client.get(reverse("guides:detail", args=[guide.pk]))
    [entry] = [entry for entry in second.context["history"] if entry.changes == []]
    assert (entry.actor, entry.action) == (str(coordinator), "angesehen")
    assert entry.timestamp == read.timestamp
    assert f"{coordinator} · angesehen" in second.content.decode()

    client.force_login(guide.user)
    exported = export(client, guide)
    assert [e["by"] for e in exported["change_history"] if e["changes"] == {}] == [
        str(coordinator),
        str(coordinator),
    ]


def test_a_refused_read_is_not_logged(client, guide, other_coordinator):
    client.force_login(other_coordinator)
    assert client.get(reverse("guides:detail", args=[guide.pk])).status_code == 404
    assert reads_of(guide) == []


def test_the_guides_own_pages_log_no_read(client, guide):
    client.force_login(guide.user)
    client.get(reverse("guides:profile"))
    assert reads_of(guide) == []


def test_erasing_the_guide_removes_the_logged_reads(client, guide, coordinator):
    client.force_login(coordinator)
    client.get(reverse("guides:detail", args=[guide.pk]))
    pk = guide.pk
    erase_guide(guide=guide)
    assert not LogEntry.objects.filter(object_pk=str(pk), action=LogEntry.Action.ACCESS).exists()


def test_the_export_holds_message_settings_messages_received_and_working_groups(
    client, guide, other_guide, coordinator
):
    guide.email = "lotse.privat@example.org"
    guide.save()
    MessageSettings.objects.create(user=guide.user, language="en", opted_out=True)
    group = WorkingGroup.objects.create(name="Facharbeitskreis Anerkennung")
    group.members.add(guide.user)
    WorkingGroup.objects.create(name="Facharbeitskreis Gründung").members.add(other_guide.user)
    message = Message.objects.create(
        sender=coordinator, audience="region_guides", audience_description="Lotsen in Hagen",
        subject="Treffen am Montag", body="Hallo",
    )  # fmt: skip
    MessageRecipient.objects.create(
        message=message, email="Lotse.Privat@example.org", language="de"
    )
    MessageRecipient.objects.create(message=message, email="jemand@example.org", language="de")

    data = export(client, guide)

    assert data["message_settings"] == {"language": "Englisch", "opted_out": True}
    [received] = data["messages_received"]
    assert (received["subject"], received["to"]) == ("Treffen am Montag", "Lotsen in Hagen")
    assert data["working_groups"] == ["Facharbeitskreis Anerkennung"]
    assert "jemand@example.org" not in json.dumps(data)
