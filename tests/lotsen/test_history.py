"""Every record a user can change keeps a history, shown on the page where the record is."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.apps import apps
from django.urls import reverse
from django.utils import timezone, translation

from lotsen.core.audit import AUDITED, NOT_USER_CHANGED
from lotsen.guides.services import erase_guide
from lotsen.kit.services import issue_attestation, revoke_attestation, save_kit_choices
from lotsen.models import (
    Attestation,
    CardContact,
    CompletedTraining,
    GuideKit,
    GuideStatus,
    GuideStatusChange,
    TitleForm,
)
from lotsen.models.kit import SheetLanguage
from lotsen.staff.services import set_active
from organisations.models import SupportKind, SupportMeasure
from regions.models import CooperationStatus, RegionStatusChange
from tests.factories import (
    EventFactory,
    IssueFactory,
    IssueItemFactory,
    OrganisationFactory,
    ReportPhotoFactory,
    SubscriberFactory,
)

pytestmark = pytest.mark.django_db


def changes_on(client, url: str) -> list[tuple[str, str, str]]:
    response = client.get(url)
    assert response.status_code == 200
    assert "history-heading" in response.content.decode()
    return [
        (change.field, change.before, change.after)
        for entry in response.context["history"]
        for change in entry.changes
    ]


def test_an_issue_and_its_items_show_their_history(client, admin_user, region):
    issue = IssueFactory(title="Newsletter März")
    item = IssueItemFactory(issue=issue, region=region, headline="Erste Fassung")
    issue.title = "Newsletter März 2014"
    issue.save()
    item.headline = "Zweite Fassung"
    item.save()
    client.force_login(admin_user)

    issue_changes = changes_on(client, reverse("issues:detail", args=[issue.pk]))
    assert ("Titel", "Newsletter März", "Newsletter März 2014") in issue_changes
    item_changes = changes_on(client, reverse("issues:item-update", args=[item.pk]))
    assert ("Überschrift", "Erste Fassung", "Zweite Fassung") in item_changes


def test_a_subscriber_shows_their_history(client, admin_user):
    subscriber = SubscriberFactory(name="Anna")
    subscriber.name = "Anna Schmidt"
    subscriber.save()
    client.force_login(admin_user)
    changes = changes_on(client, reverse("subscriptions:detail", args=[subscriber.pk]))
    assert ("Name", "Anna", "Anna Schmidt") in changes


def test_a_regions_status_changes_show_on_its_page(client, coordinator, region):
    RegionStatusChange.objects.create(
        region=region, status=CooperationStatus.CONTACTED, valid_from=datetime.date(2014, 1, 1)
    )
    client.force_login(coordinator)
    changes = changes_on(client, reverse("regions:detail", args=[region.slug]))
    assert ("gültig ab", "", "1. Januar 2014") in changes


def test_support_received_shows_on_the_organisations_page(client, coordinator, region):
    organisation = OrganisationFactory(region=region)
    support = SupportMeasure.objects.create(
        organisation=organisation, kind=SupportKind.COACHING, received_on=datetime.date(2014, 2, 1)
    )
    support.provider = "IQ Netzwerk"
    support.save()
    client.force_login(coordinator)
    changes = changes_on(client, reverse("organisations:detail", args=[organisation.pk]))
    assert ("anderer Anbieter", "", "IQ Netzwerk") in changes


def test_trainings_and_status_changes_show_on_the_guides_page(client, coordinator, guide):
    GuideStatusChange.objects.create(
        guide=guide, status=GuideStatus.ACTIVE, valid_from=datetime.date(2014, 1, 1)
    )
    training = CompletedTraining.objects.create(
        guide=guide, title="Modul 1", completed_on=datetime.date(2014, 2, 1)
    )
    training.title = "Modul 1: Anerkennung"
    training.save()
    client.force_login(coordinator)
    changes = changes_on(client, reverse("guides:detail", args=[guide.pk]))
    assert ("Titel", "Modul 1", "Modul 1: Anerkennung") in changes
    assert ("Status", "", "aktiv") in changes


def test_an_accounts_history_says_yes_and_no_and_leaves_out_the_record_number(
    client, admin_user, coordinator
):
    set_active(user=coordinator, active=False, changed_by=admin_user)
    client.force_login(admin_user)
    changes = changes_on(client, reverse("staff:detail", args=[coordinator.pk]))
    assert ("aktiv", "Ja", "Nein") in changes
    assert not [change for change in changes if change[0] == "ID"]


def test_an_events_history_names_only_what_people_entered(client, coordinator, region):
    event = EventFactory(region=region, title="Lotsentreffen")
    client.force_login(coordinator)
    event.title = "Lotsentreffen im Frühling"
    event.save()
    changes = changes_on(client, reverse("events:detail", args=[event.pk]))
    assert ("Titel", "Lotsentreffen", "Lotsentreffen im Frühling") in changes
    fields = {field for field, _before, _after in changes}
    assert not fields & {"Kalender-UID", "Änderungsstand", "ID"}


PROJECT_APPS = {"lotsen", "events", "newsletters", "organisations", "regions"}


def test_every_model_keeps_a_history_or_says_why_nobody_changes_it():
    labels = {
        model._meta.label_lower
        for model in apps.get_models()
        if model._meta.app_label in PROJECT_APPS
    }
    assert labels - set(AUDITED) - set(NOT_USER_CHANGED) == set()
    assert not set(AUDITED) & set(NOT_USER_CHANGED)
    assert set(NOT_USER_CHANGED) <= labels


def test_attestations_and_kit_choices_show_on_the_guides_page(client, coordinator, guide):
    until = timezone.localdate() + datetime.timedelta(days=365)
    attestation = issue_attestation(guide=guide, issued_by=coordinator, valid_until=until)
    revoke_attestation(attestation=attestation, revoked_by=coordinator)
    kit = save_kit_choices(
        guide=guide,
        title_form=TitleForm.BOTH,
        contact=CardContact.PHONE,
        sheet_language=SheetLanguage.NONE,
    )
    client.force_login(coordinator)
    changes = changes_on(client, reverse("guides:detail", args=[guide.pk]))
    fields = {field for field, _before, _after in changes}
    with translation.override("de"):
        assert str(CardContact.PHONE.label) in {after for _field, _before, after in changes}
    assert {"gültig bis", "widerrufen am"} <= fields

    # The history quotes the guide's choices: it goes with the guide.
    erase_guide(guide=guide)
    for model, pk in ((Attestation, attestation.pk), (GuideKit, kit.pk)):
        assert not LogEntry.objects.filter(
            content_type__model=model._meta.model_name, object_pk=str(pk)
        ).exists()


def test_a_report_photos_description_shows_on_the_reports_page(
    client, coordinator, region, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    photo = ReportPhotoFactory(report__event=EventFactory(region=region), alt_text="Saal")
    photo.alt_text = "Großer Saal mit Publikum"
    photo.save()
    client.force_login(coordinator)
    changes = changes_on(client, reverse("events:report", args=[photo.report.event_id]))
    assert ("Saal", "Großer Saal mit Publikum") in {
        (before, after) for _f, before, after in changes
    }
