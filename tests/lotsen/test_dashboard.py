"""After login each role lands on its own start page; coordinators see their dashboard."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from events.models import EventReport
from lotsen.core.roles import Role
from lotsen.demo.scale import SLUG_PREFIX, scale_up
from lotsen.demo.services import load_demo
from lotsen.guides.services import set_guide_status
from lotsen.models.guides import CompletedTraining, Guide
from regions.models import Region
from regions.workspace.services import set_cooperation_status
from tests.factories import (
    PASSWORD,
    AgencyFactory,
    ContactPersonFactory,
    EventFactory,
    GuideFactory,
    OrganisationFactory,
    RegionFactory,
    UserFactory,
)

DASHBOARD = reverse("dashboard")
START = reverse("start")
DAY = datetime.date(2014, 3, 1)


def ago(days: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)


# --- Start page -----------------------------------------------------------------------------


def test_each_role_is_sent_to_its_start_page(client, guide, coordinator, admin_user):
    assert reverse("account_login") in client.get(START)["Location"]
    for user, target in (
        (guide.user, reverse("members:start")),
        (coordinator, DASHBOARD),
        (admin_user, DASHBOARD),
        (UserFactory(role=Role.COORDINATOR), reverse("home")),  # no region yet
    ):
        client.force_login(user)
        response = client.get(START)
        assert (response.status_code, response["Location"]) == (302, target)


def test_login_lands_on_the_dashboard(client, coordinator):
    response = client.post(
        reverse("account_login"), {"login": coordinator.email, "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == DASHBOARD
    assert response.status_code == 200


def test_dashboard_is_for_coordinators_and_the_landeskoordination(client, guide, db):
    assert client.get(DASHBOARD).status_code == 302
    client.force_login(guide.user)
    assert client.get(DASHBOARD).status_code == 403
    client.force_login(UserFactory(role=Role.COORDINATOR))  # no region
    assert client.get(DASHBOARD).status_code == 403


# --- Content --------------------------------------------------------------------------------


@pytest.fixture
def network(region, other_region):
    set_cooperation_status(region=region, status="binding", valid_from=DAY)
    set_cooperation_status(region=other_region, status="interested", valid_from=DAY)
    with_contact, _without = OrganisationFactory.create_batch(2, region=region)
    ContactPersonFactory(organisation=with_contact)
    OrganisationFactory(region=other_region)  # no contact either, but not the coordinator's

    trained = GuideFactory(region=region, profile_confirmed_at=ago(10))
    CompletedTraining.objects.create(guide=trained, title="Grundlagen", completed_on=DAY)
    untrained = GuideFactory(region=region, profile_confirmed_at=ago(200))
    gone = GuideFactory(region=region)  # left: needs no attention any more
    GuideFactory(region=other_region)
    for guide, status in ((trained, "active"), (untrained, "in_training"), (gone, "left")):
        set_guide_status(guide=guide, status=status, valid_from=DAY)
    Guide.objects.filter(pk=gone.pk).update(created_at=ago(400))

    past = {"starts_at": ago(30), "ends_at": ago(30) + datetime.timedelta(hours=2)}
    EventFactory(region=region, title="Ohne Bericht", **past)
    reported = EventFactory(region=region, title="Mit Bericht", **past)
    EventReport.objects.create(event=reported, headline="Bericht", dateline="Hagen", teaser=".")
    EventFactory(region=other_region, title="Fremd ohne Bericht", **past)
    for day in range(1, 8):
        start = timezone.now() + datetime.timedelta(days=day)
        EventFactory(
            region=region,
            title=f"Termin {day}",
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=2),
        )
    EventFactory(region=other_region, title="Fremder Termin")


def attention(response) -> dict[str, int]:
    return {item.key: item.count for item in response.context["attention"]}


def test_coordinator_sees_their_regions_figures(client, coordinator, region, network):
    client.force_login(coordinator)
    response = client.get(DASHBOARD)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    [row] = response.context["regions"]
    assert (row, row.status) == (region, "binding")
    assert row.figures.organisations == 2
    assert row.figures.guides_by_status == {"active": 1, "in_training": 1, "left": 1}
    assert "verbindliche Kooperation" in response.content.decode()


def test_next_five_events_of_the_users_regions(client, coordinator, network):
    client.force_login(coordinator)
    events = client.get(DASHBOARD).context["events"]
    assert [event.title for event in events] == [f"Termin {day}" for day in range(1, 6)]


def test_needs_attention(client, coordinator, network):
    client.force_login(coordinator)
    response = client.get(DASHBOARD)
    # One guide left: untrained and unconfirmed as well, but nobody needs to chase them.
    assert attention(response) == {
        "untrained": 1,
        "organisations": 1,
        "reports": 1,
        "unconfirmed": 1,
        "referrals-new": 0,
        "referrals-unanswered": 0,
    }
    links = {item.key: item.url for item in response.context["attention"]}
    listed = client.get(links["reports"]).context["object_list"]
    assert [event.title for event in listed] == ["Ohne Bericht"]


def test_landeskoordination_sees_the_whole_network(client, admin_user, network):
    client.force_login(admin_user)
    response = client.get(DASHBOARD)
    assert len(response.context["regions"]) == 2
    assert attention(response)["reports"] == 2
    assert attention(response)["organisations"] == 2
    summary = {value: count for value, _label, count in response.context["status_summary"]}
    assert (summary["binding"], summary["interested"]) == (1, 1)


def test_recent_changes_only_of_the_users_regions(
    client, coordinator, other_coordinator, region, other_region, network
):
    mine = OrganisationFactory(region=region, name="Vatanspor e.V.")
    foreign = OrganisationFactory(region=other_region, name="Geheimer Verein e.V.")
    client.force_login(other_coordinator)
    client.post(
        reverse("organisations:update", args=[foreign.pk]),
        {"name": foreign.name, "legal_form": "ev", "region": other_region.pk, "city": "Münster"},
    )
    client.force_login(coordinator)
    client.post(
        reverse("organisations:update", args=[mine.pk]),
        {"name": mine.name, "legal_form": "ev", "region": region.pk, "city": "Solingen"},
    )

    changes = client.get(DASHBOARD).context["changes"]

    assert changes[0].name == "Vatanspor e.V." and changes[0].actor == str(coordinator)
    assert changes[0].url == mine.get_absolute_url()
    assert changes[0].action == "geändert"  # in words, as on the history of a record
    assert all(change.name != "Geheimer Verein e.V." for change in changes)
    assert len(changes) == 10  # the network fixture alone recorded more than ten changes


@pytest.mark.parametrize("viewer", ["coordinator", "admin_user"])
def test_recent_changes_never_say_which_guide_recorded_an_accompaniment(
    client, request, viewer, guide
):
    client.force_login(guide.user)
    client.post(
        reverse("accompaniments:create"),
        {
            "kind": "jobcenter",
            "date": "2025-03-04",
            "region": guide.region.pk,
            "hours": "1.0",
            "language_level": "B1",
            "usability": "partly",
            "motivation": "high",
            "outcome": "open",
        },
    )
    assert guide.accompaniments.count() == 1
    client.force_login(request.getfixturevalue(viewer))
    changes = client.get(DASHBOARD).context["changes"]
    assert all(change.actor != str(guide.user) for change in changes)


# --- Queries --------------------------------------------------------------------------------


def count_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(DASHBOARD).status_code == 200
    return len(queries)


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.ADMIN])
def test_queries_stay_constant_whatever_the_network_size(client, db, role):
    """From the demo's 16 regions to 160: up to 50 are listed one by one, more summed up, in
    the same number of queries."""
    demo = load_demo()
    user = demo.accounts[role]
    client.force_login(user)
    counts = {}
    for units in (0, 2, 6, 9):
        scale_up(units=units)
        if role == Role.COORDINATOR:  # the coordinator takes on every synthetic region
            user.coordinated_regions.add(*Region.objects.filter(slug__startswith=SLUG_PREFIX))
        counts[units] = count_queries(client)
    assert len(set(counts.values())) == 1, counts
    # The accompaniments' figures and the referral requests added one query each.
    assert max(counts.values()) <= 13, counts


def test_a_large_network_is_summed_up(client, admin_user, region, network):
    for other in RegionFactory.create_batch(60):
        set_cooperation_status(region=other, status="interested", valid_from=DAY)
        OrganisationFactory(region=other)
    AgencyFactory(regions=Region.objects.all()[:30])  # counted once in the total
    client.force_login(admin_user)

    response = client.get(DASHBOARD)

    assert response.context["regions"] is None
    assert response.context["region_count"] == 62
    total = response.context["total"]
    assert (total.organisations, total.agencies, total.guides) == (63, 1, 4)
    summary = {value: count for value, _label, count in response.context["status_summary"]}
    assert (summary["binding"], summary["interested"]) == (1, 61)
    assert attention(response) == {
        "untrained": 2,  # the other region's guide has no status yet: not left
        "organisations": 62,
        "reports": 2,
        "unconfirmed": 1,
        "referrals-new": 0,
        "referrals-unanswered": 0,
    }
    assert reverse("regions:list") in response.content.decode()


def test_past_events_without_a_report_are_counted_up_to_a_cap(client, admin_user, monkeypatch):
    from lotsen.dashboard import selectors, views

    monkeypatch.setattr(selectors, "ATTENTION_CAP", 2)
    monkeypatch.setattr(views, "ATTENTION_CAP", 2)
    for days in (10, 20):
        EventFactory(starts_at=ago(days), ends_at=ago(days) + datetime.timedelta(hours=2))
    client.force_login(admin_user)
    figure = (
        '<li id="attention-reports" class="figures--warn">\n          <span class="figures__count">'
    )
    assert figure + "2</span>" in client.get(DASHBOARD).content.decode()
    EventFactory(starts_at=ago(30), ends_at=ago(30) + datetime.timedelta(hours=2))
    html = client.get(DASHBOARD).content.decode()
    assert figure + "mehr als 2</span>" in html
    # Other figures are exact: three guides without training are three.
    for _ in range(3):
        GuideFactory()
    html = client.get(DASHBOARD).content.decode()
    untrained = '<li id="attention-untrained" class="figures--warn">'
    assert untrained + '\n          <span class="figures__count">3<' in html
