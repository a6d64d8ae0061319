"""Coordinators see their regions' figures and keep the cooperation status up to date."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lotsen.guides.services import set_guide_status
from lotsen.models.guides import GuideStatus
from organisations.workspace.services import archive
from regions.models import RegionStatusChange
from regions.workspace.services import set_cooperation_status
from tests.factories import (
    AgencyFactory,
    EventFactory,
    GuideFactory,
    OrganisationFactory,
    RegionFactory,
    UserFactory,
)

LIST = reverse("regions:list")
DAY = datetime.date(2014, 3, 1)


def detail(region) -> str:
    return reverse("regions:detail", args=[region.slug])


def status_url(region) -> str:
    return reverse("regions:status", args=[region.slug])


@pytest.fixture
def network(region, other_region):
    set_cooperation_status(region=region, status="contacted", valid_from=datetime.date(2013, 9, 2))
    set_cooperation_status(
        region=region, status="binding", valid_from=DAY, note="Kooperation mit dem KI"
    )
    set_cooperation_status(region=other_region, status="in_talks", valid_from=DAY)
    OrganisationFactory.create_batch(2, region=region)
    archive(obj=OrganisationFactory(region=region))
    AgencyFactory(regions=[region, other_region], name="IHK Mittleres Ruhrgebiet")
    archive(obj=AgencyFactory(regions=[region]))
    for status in ("active", "active", "in_training", "left"):
        set_guide_status(guide=GuideFactory(region=region), status=status, valid_from=DAY)
    OrganisationFactory(region=other_region)


# --- List -----------------------------------------------------------------------------------


def test_coordinator_lists_their_regions_with_status_and_figures(client, coordinator, network):
    client.force_login(coordinator)
    response = client.get(LIST)
    assert response.status_code == 200
    [region] = response.context["object_list"]
    assert region.status == "binding"
    assert region.figures.organisations == 2  # archived ones are not counted
    assert region.figures.agencies == 1
    assert region.figures.guides_by_status == {"active": 2, "in_training": 1, "left": 1}
    columns = dict(zip(GuideStatus.values, region.figures.guide_counts, strict=True))
    assert columns == {"interested": 0, "in_training": 1, "active": 2, "paused": 0, "left": 1}
    assert "verbindliche Kooperation" in response.content.decode()


def test_landeskoordination_lists_every_region(client, admin_user, network):
    client.force_login(admin_user)
    names = [region.name for region in client.get(LIST).context["object_list"]]
    assert names == ["Mittleres Ruhrgebiet", "Münsterland"]


def test_list_queries_do_not_grow_with_regions(client, admin_user, network):
    client.force_login(admin_user)

    def count_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(LIST).status_code == 200
        return len(queries)

    few = count_queries()
    for region in RegionFactory.create_batch(30):
        set_cooperation_status(region=region, status="interested", valid_from=DAY)
        OrganisationFactory(region=region)
        AgencyFactory(regions=[region])
        set_guide_status(guide=GuideFactory(region=region), status="active", valid_from=DAY)
    assert count_queries() == few
    assert few <= 12


# --- Detail ---------------------------------------------------------------------------------


def test_detail_shows_timeline_partners_organisations_and_next_events(
    client, coordinator, region, network
):
    EventFactory(region=region, title="Infoabend Hagen")
    EventFactory(
        region=region,
        title="Vergangen",
        starts_at=timezone.now() - datetime.timedelta(days=30),
        ends_at=timezone.now() - datetime.timedelta(days=30, hours=-2),
    )
    client.force_login(coordinator)

    response = client.get(detail(region))

    assert response.status_code == 200
    timeline = list(response.context["timeline"])
    assert [entry.status for entry in timeline] == ["binding", "contacted"]  # newest first
    html = response.content.decode()
    assert "Kooperation mit dem KI" in html
    assert "IHK Mittleres Ruhrgebiet" in html
    assert [e.title for e in response.context["events"]] == ["Infoabend Hagen"]
    assert response.context["figures"].guides == 4
    assert response.context["status_form"] is not None


def test_other_region_is_404_and_its_status_unchanged(client, coordinator, other_region, network):
    client.force_login(coordinator)
    assert client.get(detail(other_region)).status_code == 404
    assert client.get(status_url(other_region)).status_code == 404
    before = list(RegionStatusChange.objects.values())
    response = client.post(
        status_url(other_region), {"status": "ended", "valid_from": "2014-03-02"}
    )
    assert response.status_code == 404
    assert list(RegionStatusChange.objects.values()) == before


def test_unknown_region_is_404(client, coordinator):
    client.force_login(coordinator)
    assert client.get(reverse("regions:detail", args=["gibt-es-nicht"])).status_code == 404


def test_guide_may_not_change_a_status(client, guide, region, network):
    client.force_login(guide.user)
    before = RegionStatusChange.objects.count()
    response = client.post(status_url(region), {"status": "ended", "valid_from": "2014-03-02"})
    assert response.status_code == 403
    assert RegionStatusChange.objects.count() == before


# --- Changing the status --------------------------------------------------------------------


def test_status_change_is_recorded_and_shown_in_the_timeline(client, coordinator, region, network):
    client.force_login(coordinator)
    today = timezone.localdate()
    response = client.post(
        status_url(region),
        {"status": "ended", "valid_from": today.isoformat(), "note": "Projekt beendet"},
    )
    assert response.url == detail(region)

    entry = RegionStatusChange.objects.get(region=region, valid_from=today)
    assert (entry.status, entry.recorded_by, entry.note) == (
        "ended",
        coordinator,
        "Projekt beendet",
    )
    page = client.get(detail(region))
    assert page.context["region"].status == "ended"
    assert page.context["timeline"].first() == entry
    html = page.content.decode()
    assert "Projekt beendet" in html and str(coordinator) in html


def test_a_future_date_is_a_form_error(client, coordinator, region, network):
    client.force_login(coordinator)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    before = list(RegionStatusChange.objects.values())

    response = client.post(status_url(region), {"status": "ended", "valid_from": tomorrow})

    assert response.status_code == 200
    assert "valid_from" in response.context["form"].errors
    assert "darf nicht in der Zukunft liegen" in response.content.decode()
    assert list(RegionStatusChange.objects.values()) == before


@pytest.mark.parametrize(
    "data",
    [
        {"status": "begeistert", "valid_from": "2014-03-01"},
        {"status": "ended", "valid_from": "31.02.2014"},
        {"status": "ended", "valid_from": "9999-12-31"},
        {},
    ],
)
def test_bad_input_is_a_form_error(client, coordinator, region, network, data):
    client.force_login(coordinator)
    before = RegionStatusChange.objects.count()
    response = client.post(status_url(region), data)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert RegionStatusChange.objects.count() == before


def test_status_form_page(client, admin_user, region):
    client.force_login(admin_user)
    response = client.get(status_url(region))
    assert response.status_code == 200
    assert response.context["form"]["valid_from"].value() == timezone.localdate()


def test_revoked_coordinator_loses_the_region_at_once(client, coordinator, region, network):
    client.force_login(coordinator)
    assert client.get(detail(region)).status_code == 200
    region.coordinators.remove(coordinator)
    region.coordinators.add(UserFactory(role="coordinator"))
    assert client.get(detail(region)).status_code == 403
