"""Coordinators record the events of their regions, and their reports, in the browser."""

import csv
import datetime
import io
import zoneinfo

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from events.models import Event, EventKind, EventReport
from tests.factories import (
    AgencyFactory,
    EventFactory,
    GuideFactory,
    OrganisationFactory,
)

LIST = reverse("events:list")
BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


def berlin(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=BERLIN)


def rows(response) -> list[str]:
    return [event.title for event in response.context["object_list"]]


def url(name: str, event: Event) -> str:
    return reverse(f"events:{name}", args=[event.pk])


@pytest.fixture
def events(region, other_region):
    workshop = EventFactory(
        title="Austauschworkshop Witten",
        kind=EventKind.EXCHANGE_WORKSHOP,
        region=region,
        starts_at=berlin(2014, 3, 13, 0, 30),  # 12 March in UTC
        ends_at=berlin(2014, 3, 13, 4, 0),
    )
    EventReport.objects.create(
        event=workshop, headline="Lotsen tauschen sich aus", dateline="Witten", teaser="..."
    )
    return {
        "workshop": workshop,
        "meeting": EventFactory(
            title="Netzwerktreffen Schwelm",
            region=region,
            is_public=True,
            starts_at=berlin(2014, 5, 20, 18, 0),
            ends_at=berlin(2014, 5, 20, 20, 0),
        ),
        "upcoming": EventFactory(
            title="Infoabend Hagen", kind=EventKind.INFORMATION, region=region
        ),
        "foreign": EventFactory(title="Netzwerktreffen Münster", region=other_region),
        "statewide": EventFactory(
            title="Fachtagung NRW", kind=EventKind.CONFERENCE, region=None, is_public=True
        ),
    }


def form_data(event: Event | None = None, **values) -> dict:
    data = {
        "title": "Auftaktveranstaltung Solingen",
        "kind": EventKind.KICK_OFF,
        "city": "Solingen",
        "starts_at": "2014-03-13T18:00",
        "ends_at": "2014-03-13T21:00",
    }
    if event is not None:
        data = {
            "title": event.title,
            "kind": event.kind,
            "region": event.region_id or "",
            "city": event.city,
            "starts_at": timezone.localtime(event.starts_at).strftime("%Y-%m-%dT%H:%M"),
            "ends_at": timezone.localtime(event.ends_at).strftime("%Y-%m-%dT%H:%M"),
            "version": event.updated_at.isoformat(),
        }
    return {**data, **values}


# --- List -----------------------------------------------------------------------------------


def test_coordinator_lists_their_regions_events_newest_first(client, coordinator, events):
    client.force_login(coordinator)
    response = client.get(LIST)
    assert response.status_code == 200
    assert rows(response) == [
        "Infoabend Hagen",
        "Netzwerktreffen Schwelm",
        "Austauschworkshop Witten",
    ]
    assert rows(client.get(LIST, {"order": "date"}))[0] == "Austauschworkshop Witten"
    assert "no-store" in response["Cache-Control"]


def test_statewide_events_and_their_filter_are_for_the_landeskoordination(
    client, admin_user, coordinator, events
):
    client.force_login(admin_user)
    assert rows(client.get(LIST, {"region": "statewide"})) == ["Fachtagung NRW"]
    assert len(rows(client.get(LIST))) == 5

    client.force_login(coordinator)
    response = client.get(LIST, {"region": "statewide"})
    assert response.status_code == 200
    assert "region" in response.context["filter"].errors


def test_filters(client, coordinator, region, events):
    client.force_login(coordinator)
    assert rows(client.get(LIST, {"kind": EventKind.EXCHANGE_WORKSHOP})) == [
        "Austauschworkshop Witten"
    ]
    assert rows(client.get(LIST, {"visibility": "public"})) == ["Netzwerktreffen Schwelm"]
    assert "Netzwerktreffen Schwelm" not in rows(client.get(LIST, {"visibility": "internal"}))
    assert rows(client.get(LIST, {"has_report": "yes"})) == ["Austauschworkshop Witten"]
    assert rows(client.get(LIST, {"has_report": "no", "period": "past"})) == [
        "Netzwerktreffen Schwelm"
    ]
    assert rows(client.get(LIST, {"period": "upcoming"})) == ["Infoabend Hagen"]
    assert rows(client.get(LIST, {"q": "schwelm"})) == ["Netzwerktreffen Schwelm"]
    assert rows(client.get(LIST, {"region": region.pk, "order": "title"}))[0] == (
        "Austauschworkshop Witten"
    )


def test_date_range_counts_whole_days_in_berlin(client, coordinator, events):
    client.force_login(coordinator)
    # 00:30 on 13 March in Berlin is still 12 March in UTC.
    on_the_13th = {"starts_from": "2014-03-13", "starts_until": "2014-03-13"}
    assert rows(client.get(LIST, on_the_13th)) == ["Austauschworkshop Witten"]
    assert rows(client.get(LIST, {"starts_until": "2014-03-12"})) == []
    assert rows(client.get(LIST, {"starts_from": "2014-03-14", "starts_until": "2014-12-31"})) == [
        "Netzwerktreffen Schwelm"
    ]


@pytest.mark.parametrize(
    "params",
    [
        {"starts_from": "13.13.2014"},
        {"starts_until": "9999-12-31", "starts_from": "0001-01-01"},
        {"has_report": "vielleicht", "period": "gestern", "visibility": "x"},
        {"region": "'; drop table", "order": "-evil", "page": "999"},
    ],
)
def test_odd_filter_values_never_break_the_list(client, admin_user, events, params):
    client.force_login(admin_user)
    assert client.get(LIST, params).status_code in (200, 404)


def test_csv_export_holds_exactly_the_filtered_rows(client, coordinator, events):
    client.force_login(coordinator)
    response = client.get(LIST, {"has_report": "yes", "export": "csv"})
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert [row[2] for row in table[1:]] == ["Austauschworkshop Witten"]
    assert table[1][0] == "13.03.2014 00:30"  # local time, as the coordinator entered it


def test_xlsx_export_of_the_whole_filtered_list(client, coordinator, region, events):
    EventFactory.create_batch(55, region=region)
    client.force_login(coordinator)
    response = client.get(LIST, {"export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    titles = [cell.value for cell in sheet["C"]][1:]
    assert len(titles) == 58
    assert "Netzwerktreffen Münster" not in titles and "Fachtagung NRW" not in titles


def test_list_queries_do_not_grow_with_rows(client, coordinator, region):
    client.force_login(coordinator)
    organisation = OrganisationFactory(region=region)
    agency = AgencyFactory(regions=[region])

    def count_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(LIST).status_code == 200
        return len(queries)

    EventFactory.create_batch(2, region=region)
    few = count_queries()
    for event in EventFactory.create_batch(60, region=region):
        event.organising_agencies.add(agency)
        event.organising_organisations.add(organisation)
    assert count_queries() == few
    assert few <= 12


# --- Detail ---------------------------------------------------------------------------------


def test_detail_shows_organisers_attendance_and_report(
    client, coordinator, region, other_region, events
):
    event = events["workshop"]
    organisation = OrganisationFactory(region=region, name="Bosnische Gemeinde Witten e.V.")
    agency = AgencyFactory(regions=[region], name="KI Ennepe-Ruhr")
    event.organising_agencies.add(agency)
    event.attending_organisations.add(organisation)
    event.attending_guides.add(
        GuideFactory(region=region, first_name="Amra", last_name="Hodžić"),
        GuideFactory(region=other_region, first_name="Geheim", last_name="Person"),
    )
    client.force_login(coordinator)

    response = client.get(url("detail", event))

    page = response.content.decode().split('id="history-heading"')[0]
    assert "KI Ennepe-Ruhr" in page and "Bosnische Gemeinde Witten e.V." in page
    assert "Amra Hodžić" in page
    assert "Geheim" not in page and response.context["other_guides"] == 1
    assert "Lotsen tauschen sich aus" in page

    form = client.get(url("attendance", event)).content.decode()
    assert "Amra Hodžić" in form and "Geheim" not in form


def test_other_regions_and_statewide_events_are_404_for_a_coordinator(client, coordinator, events):
    client.force_login(coordinator)
    for key in ("foreign", "statewide"):
        event = events[key]
        for name in ("detail", "update", "report"):
            assert client.get(url(name, event)).status_code == 404
        before = Event.objects.values().get(pk=event.pk)
        assert client.post(url("update", event), form_data(event, title="X")).status_code == 404
        report = {"headline": "X", "dateline": "X", "teaser": "X"}
        assert client.post(url("report", event), report).status_code == 404
        assert Event.objects.values().get(pk=event.pk) == before
        assert not EventReport.objects.filter(event=event).exists()


def test_guide_has_no_event_pages(client, guide, events):
    client.force_login(guide.user)
    assert client.get(LIST).status_code == 403
    assert client.get(url("detail", events["meeting"])).status_code == 403


# --- Create and edit ------------------------------------------------------------------------


def test_form_offers_datetime_inputs_in_local_time(client, coordinator, events):
    client.force_login(coordinator)
    html = client.get(url("update", events["workshop"])).content.decode()
    assert 'type="datetime-local"' in html
    assert 'value="2014-03-13T00:30"' in html


def test_coordinator_creates_an_event_in_local_time(client, coordinator, region):
    client.force_login(coordinator)
    response = client.post(reverse("events:create"), form_data(region=region.pk))
    event = Event.objects.get()
    assert response.url == url("detail", event)
    assert event.region == region
    assert event.starts_at == datetime.datetime(2014, 3, 13, 17, 0, tzinfo=datetime.UTC)


def test_single_region_is_preselected(client, coordinator, region):
    client.force_login(coordinator)
    form = client.get(reverse("events:create")).context["form"]
    assert form["region"].value() == region.pk


def test_an_event_cannot_end_before_it_starts(client, coordinator, region):
    client.force_login(coordinator)
    response = client.post(
        reverse("events:create"), form_data(region=region.pk, ends_at="2014-03-13T17:00")
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["ends_at"]
    assert "kann nicht vor ihrem Beginn enden" in response.content.decode()
    assert not Event.objects.exists()


def test_registration_settings_are_checked_and_saved(client, coordinator, region):
    client.force_login(coordinator)
    late = form_data(
        region=region.pk, is_public="on", takes_registrations="on",
        registration_deadline="2014-03-14T12:00",
    )  # fmt: skip
    internal = form_data(region=region.pk, takes_registrations="on", capacity="30")

    late_response = client.post(reverse("events:create"), late)
    internal_response = client.post(reverse("events:create"), internal)

    assert list(late_response.context["form"].errors) == ["registration_deadline"]
    assert "nicht nach dem Beginn" in late_response.content.decode()
    assert list(internal_response.context["form"].errors) == ["takes_registrations"]
    assert not Event.objects.exists()

    late["registration_deadline"] = "2014-03-10T12:00"
    client.post(reverse("events:create"), {**late, "capacity": "30"})
    event = Event.objects.get()
    assert (event.takes_registrations, event.capacity) == (True, 30)
    assert event.registration_closes_at == berlin(2014, 3, 10, 12)


@pytest.mark.parametrize("starts_at", ["morgen früh", "2014-03-30T02:30", "99999-01-01T10:00"])
def test_unusable_start_is_a_field_error(client, coordinator, region, starts_at):
    """Text, a time skipped by the switch to summer time, a year out of range."""
    client.force_login(coordinator)
    response = client.post(
        reverse("events:create"), form_data(region=region.pk, starts_at=starts_at)
    )
    assert "starts_at" in response.context["form"].errors
    assert not Event.objects.exists()


def test_only_the_landeskoordination_creates_statewide_events(client, coordinator, admin_user):
    client.force_login(coordinator)
    response = client.post(reverse("events:create"), form_data(region=""))
    assert "region" in response.context["form"].errors
    assert not Event.objects.exists()

    client.force_login(admin_user)
    assert client.post(reverse("events:create"), form_data(region="")).status_code == 302
    assert Event.objects.get().region is None


def test_coordinator_cannot_file_an_event_under_another_region(client, coordinator, other_region):
    client.force_login(coordinator)
    response = client.post(reverse("events:create"), form_data(region=other_region.pk))
    assert "region" in response.context["form"].errors
    assert not Event.objects.exists()


def test_coordinator_cannot_move_an_event_to_statewide(client, coordinator, events):
    event = events["meeting"]
    client.force_login(coordinator)
    response = client.post(url("update", event), form_data(event, region=""))
    assert "region" in response.context["form"].errors
    event.refresh_from_db()
    assert event.region is not None


def test_edit_keeps_organisers_from_other_regions(
    client, coordinator, region, other_region, events
):
    event = events["meeting"]
    mine = OrganisationFactory(region=region, name="Vatanspor e.V.")
    foreign = OrganisationFactory(region=other_region, name="Verein Münster e.V.")
    event.organising_organisations.add(foreign)
    client.force_login(coordinator)

    data = form_data(event, organising_organisations=[mine.pk])
    assert client.post(url("update", event), data).status_code == 302

    assert set(event.organising_organisations.all()) == {mine, foreign}
    history = client.get(url("detail", event)).context["history"]
    assert history[0].actor == str(coordinator)


def test_edit_offers_the_organisations_and_guides_of_the_events_region(
    client, admin_user, region, other_region, events
):
    OrganisationFactory(region=region, name="Vatanspor e.V.")
    OrganisationFactory(region=other_region, name="Verein Münster e.V.")
    GuideFactory(region=other_region)
    statewide_agency = AgencyFactory(regions=[], name="G.I.B. NRW")
    client.force_login(admin_user)

    assert (
        "organising_organisations"
        not in client.get(reverse("events:create")).context["form"].fields
    )
    form = client.get(url("update", events["meeting"])).context["form"]
    offered = [str(o) for o in form.fields["organising_organisations"].queryset]
    assert offered == ["Vatanspor e.V."]
    assert statewide_agency in form.fields["organising_agencies"].queryset
    attendance = client.get(url("attendance", events["meeting"])).context["form"]
    assert [str(o) for o in attendance.fields["attending_organisations"].queryset] == offered
    assert not attendance.fields["attending_guides"].queryset.exclude(region=region).exists()

    statewide = client.get(url("attendance", events["statewide"])).context["form"]
    assert statewide.fields["attending_organisations"].queryset.count() == 2


def test_second_tab_gets_a_conflict_instead_of_overwriting(client, coordinator, events):
    event = events["meeting"]
    client.force_login(coordinator)
    stale = form_data(event)
    first = client.post(url("update", event), {**stale, "city": "Erster Tab"})
    assert first.status_code == 302

    response = client.post(url("update", event), {**stale, "city": "Zweiter Tab"})

    assert response.status_code == 200
    assert "nach dem Öffnen geändert" in response.content.decode()
    event.refresh_from_db()
    assert event.city == "Erster Tab"


# --- Reports --------------------------------------------------------------------------------


def test_coordinator_writes_and_edits_the_report(client, coordinator, events):
    event = events["meeting"]
    client.force_login(coordinator)
    form = client.get(url("report", event)).context["form"]
    assert form["dateline"].value().startswith("Hagen")

    data = {"headline": "Lotsen in Schwelm", "dateline": "Schwelm – Am 20.05.2014", "teaser": "Am"}
    assert client.post(url("report", event), data).url == url("detail", event)
    report = EventReport.objects.get(event=event)
    assert report.author == coordinator

    version = client.get(url("report", event)).context["form"]["version"].value()
    client.post(url("report", event), {**data, "body": "Volltext", "version": version})
    report.refresh_from_db()
    assert report.body == "Volltext"
    assert "Volltext" in client.get(url("detail", event)).content.decode()
    assert rows(client.get(LIST, {"has_report": "yes", "order": "date"}))[-1] == event.title


def test_report_needs_headline_dateline_and_teaser(client, coordinator, events):
    client.force_login(coordinator)
    response = client.post(url("report", events["meeting"]), {"body": "Nur Text"})
    assert set(response.context["form"].errors) == {"headline", "dateline", "teaser"}
    assert not EventReport.objects.filter(event=events["meeting"]).exists()


def test_report_written_in_another_tab_is_not_overwritten(client, coordinator, events):
    event = events["meeting"]
    client.force_login(coordinator)
    data = {"headline": "Erster Tab", "dateline": "Schwelm", "teaser": "..."}
    client.post(url("report", event), data)  # opened before any report existed

    response = client.post(url("report", event), {**data, "headline": "Zweiter Tab"})

    assert response.status_code == 200
    assert "nach dem Öffnen geändert" in response.content.decode()
    assert EventReport.objects.get(event=event).headline == "Erster Tab"
