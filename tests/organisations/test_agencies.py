"""Coordinators manage the cooperating agencies of their regions in the browser."""

import csv
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from organisations.models import Agency, AgencyKind, ContactPerson
from tests.factories import AgencyFactory, ContactPersonFactory, EventFactory

LIST = reverse("organisations:agency-list")


def rows(response) -> list[str]:
    return [agency.name for agency in response.context["object_list"]]


def url(name: str, agency: Agency) -> str:
    return reverse(f"organisations:{name}", args=[agency.pk])


@pytest.fixture
def agencies(region, other_region):
    """The coordinator's jobcentre, a chamber shared with the other region, and two more."""
    return {
        "jobcenter": AgencyFactory(name="Jobcenter EN", regions=[region], city="Schwelm"),
        "shared": AgencyFactory(
            name="IHK Mittleres Ruhrgebiet", kind=AgencyKind.CHAMBER, regions=[region, other_region]
        ),
        "foreign": AgencyFactory(name="Regionalagentur Münsterland", regions=[other_region]),
        "statewide": AgencyFactory(name="G.I.B. NRW", kind=AgencyKind.STATE_BODY, regions=[]),
    }


def form_data(agency: Agency | None = None, **values) -> dict:
    data = {"name": "KI Solingen", "kind": AgencyKind.INTEGRATION_CENTRE, "city": "Solingen"}
    if agency is not None:
        data = {
            "name": agency.name,
            "kind": agency.kind,
            "city": agency.city,
            "regions": [r.pk for r in agency.regions.all()],
            "version": agency.updated_at.isoformat(),
        }
    return {**data, **values}


# --- List -----------------------------------------------------------------------------------


def test_coordinator_lists_their_regions_agencies_once(client, coordinator, agencies):
    client.force_login(coordinator)
    response = client.get(LIST)
    assert response.status_code == 200
    assert rows(response) == ["IHK Mittleres Ruhrgebiet", "Jobcenter EN"]
    assert "no-store" in response["Cache-Control"]


def test_statewide_agencies_are_listed_for_the_landeskoordination_only(
    client, admin_user, coordinator, agencies
):
    client.force_login(admin_user)
    assert rows(client.get(LIST, {"region": "statewide"})) == ["G.I.B. NRW"]
    assert len(rows(client.get(LIST))) == 4

    client.force_login(coordinator)
    response = client.get(LIST, {"region": "statewide"})
    assert response.status_code == 200
    assert "region" in response.context["filter"].errors
    assert rows(response) == []


def test_filter_by_region_kind_and_search(client, admin_user, other_region, agencies):
    client.force_login(admin_user)
    assert rows(client.get(LIST, {"region": other_region.pk})) == [
        "IHK Mittleres Ruhrgebiet",
        "Regionalagentur Münsterland",
    ]
    assert rows(client.get(LIST, {"kind": AgencyKind.CHAMBER})) == ["IHK Mittleres Ruhrgebiet"]
    assert rows(client.get(LIST, {"q": "schwelm"})) == ["Jobcenter EN"]
    assert rows(client.get(LIST, {"q": "gibt es nicht"})) == []


def test_sorting_is_german_and_reversible(client, admin_user, region):
    for name in ("Zentrum Plus", "Ärztekammer Westfalen", "Agentur für Arbeit Hagen"):
        AgencyFactory(name=name, regions=[region])
    client.force_login(admin_user)
    names = rows(client.get(LIST))
    if connection.vendor == "postgresql":  # the ICU collation puts Ä next to A
        assert names == ["Agentur für Arbeit Hagen", "Ärztekammer Westfalen", "Zentrum Plus"]
    assert rows(client.get(LIST, {"order": "-name"})) == names[::-1]


def test_odd_filter_values_are_messages_not_errors(client, coordinator, agencies):
    client.force_login(coordinator)
    response = client.get(LIST, {"region": "x", "kind": "zoo", "order": "evil", "state": "?"})
    assert response.status_code == 200
    assert response.context["filter"].errors


def test_archived_agencies_only_on_request(client, coordinator, agencies):
    client.force_login(coordinator)
    client.post(url("agency-archive", agencies["jobcenter"]))
    assert rows(client.get(LIST)) == ["IHK Mittleres Ruhrgebiet"]
    assert rows(client.get(LIST, {"state": "archived"})) == ["Jobcenter EN"]

    client.post(url("agency-archive", agencies["jobcenter"]), {"restore": "1"})
    assert "Jobcenter EN" in rows(client.get(LIST))


def test_csv_export_holds_exactly_the_filtered_rows(client, coordinator, agencies):
    client.force_login(coordinator)
    response = client.get(LIST, {"kind": AgencyKind.CHAMBER, "export": "csv"})
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert table[0][0] == "Name"
    assert [row[0] for row in table[1:]] == ["IHK Mittleres Ruhrgebiet"]
    assert "Münsterland" in table[1][2]  # all regions of the agency are named


def test_xlsx_export_of_the_whole_filtered_list(client, coordinator, region, agencies):
    AgencyFactory.create_batch(60, regions=[region])  # more than one page
    client.force_login(coordinator)
    response = client.get(LIST, {"export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    names = [cell.value for cell in sheet["A"]][1:]
    assert len(names) == 62
    assert "Regionalagentur Münsterland" not in names and "G.I.B. NRW" not in names


def test_list_queries_do_not_grow_with_rows(client, coordinator, region, other_region):
    client.force_login(coordinator)

    def count_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(LIST).status_code == 200
        return len(queries)

    AgencyFactory.create_batch(2, regions=[region])
    few = count_queries()
    for agency in AgencyFactory.create_batch(60, regions=[region, other_region]):
        ContactPersonFactory(organisation=None, agency=agency)
    assert count_queries() == few
    assert few <= 12


# --- Detail ---------------------------------------------------------------------------------


def test_detail_shows_regions_contacts_events_of_the_users_regions(
    client, coordinator, region, other_region, agencies
):
    shared = agencies["shared"]
    ContactPersonFactory(organisation=None, agency=shared, name="Demo Kontakt")
    mine = EventFactory(region=region, title="Netzwerktreffen Witten")
    mine.organising_agencies.add(shared)
    mine.attending_agencies.add(shared)
    foreign = EventFactory(region=other_region, title="Interner Termin Münster")
    foreign.organising_agencies.add(shared)
    client.force_login(coordinator)

    response = client.get(shared.get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    assert "Münsterland" in html and "Demo Kontakt" in html
    assert list(response.context["organised_events"]) == [mine]
    assert list(response.context["attended_events"]) == [mine]
    assert "Interner Termin Münster" not in html


def test_other_regions_agency_is_404_on_every_url(client, coordinator, agencies):
    client.force_login(coordinator)
    for key in ("foreign", "statewide"):
        agency = agencies[key]
        for name in ("agency-detail", "agency-update", "agency-contact-create"):
            assert client.get(url(name, agency)).status_code == 404
        assert client.post(url("agency-update", agency), form_data(agency)).status_code == 404
        assert client.post(url("agency-archive", agency)).status_code == 404
        response = client.post(url("agency-contact-create", agency), {"name": "Eindringling"})
        assert response.status_code == 404
        agency.refresh_from_db()
        assert agency.archived_at is None
    assert not ContactPerson.objects.exists()


def test_guide_and_anonymous_have_no_agency_pages(client, guide, agencies):
    assert client.get(LIST).status_code == 302
    client.force_login(guide.user)
    assert client.get(LIST).status_code == 403
    assert client.get(url("agency-detail", agencies["jobcenter"])).status_code == 403


# --- Create and edit ------------------------------------------------------------------------


def test_coordinator_creates_an_agency_in_their_region(client, coordinator, region):
    client.force_login(coordinator)
    response = client.post(reverse("organisations:agency-create"), form_data(regions=[region.pk]))
    agency = Agency.objects.get(name="KI Solingen")
    assert response.url == agency.get_absolute_url()
    assert list(agency.regions.all()) == [region]


def test_coordinator_cannot_create_a_statewide_agency(client, coordinator):
    client.force_login(coordinator)
    response = client.post(reverse("organisations:agency-create"), form_data())
    assert response.status_code == 200
    assert "regions" in response.context["form"].errors
    assert not Agency.objects.exists()


def test_coordinator_cannot_pick_another_region(client, coordinator, other_region):
    client.force_login(coordinator)
    response = client.post(
        reverse("organisations:agency-create"), form_data(regions=[other_region.pk])
    )
    assert response.status_code == 200
    assert "regions" in response.context["form"].errors
    assert not Agency.objects.exists()


def test_landeskoordination_creates_and_edits_statewide_agencies(client, admin_user, agencies):
    client.force_login(admin_user)
    client.post(reverse("organisations:agency-create"), form_data(name="MAIS NRW"))
    assert not Agency.objects.get(name="MAIS NRW").regions.exists()

    statewide = agencies["statewide"]
    response = client.post(url("agency-update", statewide), form_data(statewide, city="Düsseldorf"))
    assert response.status_code == 302
    statewide.refresh_from_db()
    assert statewide.city == "Düsseldorf"


def test_editing_a_shared_agency_keeps_the_other_regions(
    client, coordinator, region, other_region, agencies
):
    shared = agencies["shared"]
    client.force_login(coordinator)
    form = client.get(url("agency-update", shared)).context["form"]
    assert list(form.fields["regions"].queryset) == [region]
    assert "Münsterland" in str(form["regions"].help_text)

    data = form_data(shared, city="Bochum", regions=[region.pk])
    assert client.post(url("agency-update", shared), data).status_code == 302

    shared.refresh_from_db()
    assert shared.city == "Bochum"
    assert set(shared.regions.all()) == {region, other_region}


def test_edit_is_recorded_in_the_history(client, coordinator, agencies):
    agency = agencies["jobcenter"]
    client.force_login(coordinator)
    client.post(url("agency-update", agency), form_data(agency, city="Gevelsberg"))

    detail = client.get(agency.get_absolute_url())
    entry = detail.context["history"][0]
    assert entry.actor == str(coordinator)
    assert any(change.after == "Gevelsberg" for change in entry.changes)


def test_second_tab_gets_a_conflict_instead_of_overwriting(client, coordinator, agencies):
    agency = agencies["jobcenter"]
    client.force_login(coordinator)
    stale = form_data(agency)
    assert (
        client.post(url("agency-update", agency), {**stale, "city": "Erster Tab"}).status_code
        == 302
    )

    response = client.post(url("agency-update", agency), {**stale, "city": "Zweiter Tab"})

    assert response.status_code == 200
    assert "nach dem Öffnen geändert" in response.content.decode()
    agency.refresh_from_db()
    assert agency.city == "Erster Tab"


def test_duplicate_name_gets_a_clear_message(client, coordinator, region, agencies):
    client.force_login(coordinator)
    response = client.post(
        reverse("organisations:agency-create"),
        form_data(name="jobcenter en", regions=[region.pk]),
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert Agency.objects.filter(name__iexact="jobcenter en").count() == 1


# --- Contact persons ------------------------------------------------------------------------


def test_contact_persons_of_an_agency(client, coordinator, agencies):
    agency = agencies["shared"]
    client.force_login(coordinator)
    response = client.post(
        url("agency-contact-create", agency), {"name": "Demo Kontakt", "position": "Leitung"}
    )
    assert response.url == agency.get_absolute_url()
    person = ContactPerson.objects.get(agency=agency)

    client.post(
        reverse("organisations:contact-update", args=[person.pk]),
        {
            "name": "Demo Kontakt",
            "position": "Geschäftsführung",
            "version": person.updated_at.isoformat(),
        },
    )
    person.refresh_from_db()
    assert person.position == "Geschäftsführung"
    assert "Geschäftsführung" in client.get(agency.get_absolute_url()).content.decode()

    client.post(reverse("organisations:contact-delete", args=[person.pk]))
    assert not ContactPerson.objects.exists()


def test_other_coordinator_cannot_touch_the_agencys_contacts(client, other_coordinator, agencies):
    person = ContactPersonFactory(organisation=None, agency=agencies["jobcenter"])
    client.force_login(other_coordinator)
    assert client.get(reverse("organisations:contact-update", args=[person.pk])).status_code == 404
    assert client.post(reverse("organisations:contact-delete", args=[person.pk])).status_code == 404
    assert ContactPerson.objects.filter(pk=person.pk).exists()
