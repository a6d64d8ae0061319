"""Every record a user can change keeps a history, shown on the page where the record is."""

import datetime

import pytest
from django.urls import reverse

from lotsen.models import CompletedTraining, GuideStatus, GuideStatusChange
from lotsen.staff.services import set_active
from organisations.models import SupportKind, SupportMeasure
from regions.models import CooperationStatus, RegionStatusChange
from tests.factories import (
    EventFactory,
    IssueFactory,
    IssueItemFactory,
    OrganisationFactory,
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
