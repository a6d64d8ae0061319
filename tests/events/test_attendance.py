"""Coordinators see who registered, export it, and record afterwards who came."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from events.attendance.services import record_attendance
from events.models import Event, EventKind, Registration, RegistrationStatus
from lotsen.models.guides import CompletedTraining
from tests.factories import (
    AgencyFactory,
    EventFactory,
    GuideFactory,
    OrganisationFactory,
    RegistrationFactory,
)


def url(name: str, event: Event) -> str:
    return reverse(f"events:{name}", args=[event.pk])


def past_event(region, **fields) -> Event:
    starts_at = timezone.now() - datetime.timedelta(days=3)
    defaults = {
        "region": region,
        "starts_at": starts_at,
        "ends_at": starts_at + datetime.timedelta(hours=4),
        "is_public": True,
        "takes_registrations": True,
    }
    return EventFactory(**{**defaults, **fields})


@pytest.fixture
def training(region):
    event = past_event(region, kind=EventKind.TRAINING, title="Qualifizierung Anerkennung")
    event.organising_agencies.add(AgencyFactory(regions=[region], name="KI Ennepe-Ruhr"))
    return event


def record(event, by, *, guides=(), registrations=(), headcount=None, **kwargs):
    return record_attendance(
        event=event,
        registrations_attended=registrations,
        organisations=kwargs.get("organisations", []),
        agencies=kwargs.get("agencies", []),
        guides=list(guides),
        headcount=headcount,
        by=by,
    )


# --- The service ----------------------------------------------------------------------------


def test_a_training_is_added_to_each_attending_guide_once(coordinator, region, training):
    amra, bekir = GuideFactory(region=region), GuideFactory(region=region)

    result = record(training, coordinator, guides=[amra, bekir])
    record(training, coordinator, guides=[amra, bekir])

    assert result.trainings_added == 2
    for guide in (amra, bekir):
        completed = CompletedTraining.objects.get(guide=guide)
        assert completed.event == training
        assert completed.title == "Qualifizierung Anerkennung"
        assert completed.completed_on == timezone.localdate(training.starts_at)
        assert completed.provider == "KI Ennepe-Ruhr"
    assert set(training.attending_guides.all()) == {amra, bekir}


def test_unticking_a_guide_removes_only_the_training_from_this_event(coordinator, region, training):
    amra, bekir = GuideFactory(region=region), GuideFactory(region=region)
    earlier = past_event(region, kind=EventKind.TRAINING, title="Basisqualifizierung")
    record(earlier, coordinator, guides=[amra])
    CompletedTraining.objects.create(
        guide=amra, title="Erste Hilfe", completed_on=datetime.date(2013, 5, 1)
    )
    record(training, coordinator, guides=[amra, bekir])

    result = record(training, coordinator, guides=[bekir])

    assert result.trainings_removed == 1
    titles = sorted(CompletedTraining.objects.filter(guide=amra).values_list("title", flat=True))
    assert titles == ["Basisqualifizierung", "Erste Hilfe"]
    assert CompletedTraining.objects.filter(guide=bekir, event=training).count() == 1


def test_a_training_without_organisers_is_provided_by_the_publisher(coordinator, region, settings):
    settings.PUBLISHER = {**settings.PUBLISHER, "name": "Landeskoordination NRW"}
    event = past_event(region, kind=EventKind.TRAINING)
    guide = GuideFactory(region=region)

    record(event, coordinator, guides=[guide])

    assert CompletedTraining.objects.get(guide=guide).provider == "Landeskoordination NRW"


def test_other_kinds_of_event_add_no_training(coordinator, region):
    meeting = past_event(region, kind=EventKind.NETWORK_MEETING)
    guide = GuideFactory(region=region)

    record(meeting, coordinator, guides=[guide])

    assert list(meeting.attending_guides.all()) == [guide]
    assert not CompletedTraining.objects.exists()


def test_headcount_defaults_to_ticked_registrations_and_guides(coordinator, region):
    event = past_event(region)
    came, stayed_away = RegistrationFactory.create_batch(2, event=event)
    guide = GuideFactory(region=region)

    result = record(event, coordinator, guides=[guide], registrations=[came])

    assert result.headcount == 2
    event.refresh_from_db()
    assert event.headcount == 2
    assert Registration.objects.get(pk=came.pk).attended is True
    assert Registration.objects.get(pk=stayed_away.pk).attended is False

    record(event, coordinator, guides=[guide], registrations=[came], headcount=31)
    event.refresh_from_db()
    assert event.headcount == 31


def test_only_confirmed_registrations_of_the_event_can_be_marked(coordinator, region):
    event = past_event(region)
    waiting = RegistrationFactory(event=event, status=RegistrationStatus.WAITING)
    elsewhere = RegistrationFactory(event=past_event(region))

    for registration in (waiting, elsewhere):
        with pytest.raises(ValidationError):
            record(event, coordinator, registrations=[registration])

    assert not Registration.objects.filter(attended__isnull=False).exists()


def test_before_the_start_nothing_is_saved(coordinator, region):
    upcoming = EventFactory(region=region, kind=EventKind.TRAINING)  # starts in a week
    registration = RegistrationFactory(event=upcoming)
    guide = GuideFactory(region=region)

    with pytest.raises(ValidationError) as error:
        record(upcoming, coordinator, guides=[guide], registrations=[registration], headcount=3)

    assert error.value.code == "not_started"
    upcoming.refresh_from_db()
    assert upcoming.headcount is None
    assert not upcoming.attending_guides.exists()
    assert not CompletedTraining.objects.exists()
    assert Registration.objects.get(pk=registration.pk).attended is None


# --- The attendance page --------------------------------------------------------------------


def test_coordinator_records_attendance_in_the_form(client, coordinator, region, training):
    RegistrationFactory(event=training, name="Zeynep Kaya", organisation="Vatanspor e.V.")
    came = RegistrationFactory(event=training, name="Aylin Demir")
    RegistrationFactory(event=training, name="Wartende", status=RegistrationStatus.WAITING)
    guide = GuideFactory(region=region, first_name="Amra", last_name="Hodžić")
    organisation = OrganisationFactory(region=region, name="Bosnische Gemeinde Witten e.V.")
    agency = AgencyFactory(regions=[region], name="Jobcenter Hagen")
    client.force_login(coordinator)

    page = client.get(url("attendance", training))
    html = page.content.decode()
    assert "Zeynep Kaya (Vatanspor e.V.)" in html and "Aylin Demir" in html
    assert "Wartende" not in html
    assert "<legend>" in html and "Amra Hodžić" in html

    form = page.context["form"]
    response = client.post(
        url("attendance", training),
        {
            "registrations": [came.pk],
            "attending_organisations": [organisation.pk],
            "attending_agencies": [agency.pk],
            "attending_guides": [guide.pk],
            "headcount": "",
            "version": form["version"].value(),
        },
    )

    assert response.status_code == 302 and response.url == url("detail", training)
    training.refresh_from_db()
    assert training.headcount == 2
    assert list(training.attending_organisations.all()) == [organisation]
    assert list(training.attending_agencies.all()) == [agency]
    assert CompletedTraining.objects.get(guide=guide).event == training
    detail = client.get(response.url).content.decode()
    assert "Amra Hodžić" in detail and "Bosnische Gemeinde Witten e.V." in detail
    # The form opens again with what was recorded.
    again = client.get(url("attendance", training)).context["form"]
    assert again["registrations"].value() == [came.pk]


def test_posting_before_the_start_is_a_message_and_saves_nothing(client, coordinator, region):
    upcoming = EventFactory(region=region)
    guide = GuideFactory(region=region)
    client.force_login(coordinator)

    page = client.get(url("attendance", upcoming))
    assert "<form" not in page.content.decode().split('class="workspace__main"')[1]

    response = client.post(url("attendance", upcoming), {"attending_guides": [guide.pk]})

    assert response.status_code == 200
    [error] = response.context["form"].non_field_errors()
    assert error in response.content.decode()
    assert not upcoming.attending_guides.exists()


def test_a_stale_form_is_a_conflict(client, coordinator, region):
    event = past_event(region)
    guide = GuideFactory(region=region)
    client.force_login(coordinator)
    version = client.get(url("attendance", event)).context["form"]["version"].value()
    assert client.post(url("attendance", event), {"version": version}).status_code == 302

    response = client.post(
        url("attendance", event), {"attending_guides": [guide.pk], "version": version}
    )

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert not event.attending_guides.exists()


def test_attendees_from_other_regions_are_kept(client, coordinator, region, other_region):
    event = past_event(region)
    mine = OrganisationFactory(region=region, name="Vatanspor e.V.")
    foreign = OrganisationFactory(region=other_region, name="Verein Münster e.V.")
    foreign_guide = GuideFactory(region=other_region, first_name="Geheim", last_name="Person")
    event.attending_organisations.add(foreign)
    event.attending_guides.add(foreign_guide)
    client.force_login(coordinator)

    page = client.get(url("attendance", event)).content.decode()
    assert "Verein Münster e.V." in page  # named, as organisations are
    assert "Geheim" not in page  # a guide of another region is only counted
    response = client.post(url("attendance", event), {"attending_organisations": [mine.pk]})

    assert response.status_code == 302
    assert set(event.attending_organisations.all()) == {mine, foreign}
    assert list(event.attending_guides.all()) == [foreign_guide]


def test_attendance_is_recorded_on_its_page_only(client, coordinator, region):
    client.force_login(coordinator)
    event = past_event(region)
    fields = client.get(url("update", event)).context["form"].fields
    assert "organising_agencies" in fields
    assert not {"attending_guides", "attending_organisations", "headcount"} & set(fields)


# --- Registrations list and export ----------------------------------------------------------


@pytest.fixture
def registered(region):
    event = EventFactory(
        region=region, title="Infoabend Hagen", is_public=True, takes_registrations=True,
        capacity=2,
    )  # fmt: skip
    start = timezone.now() - datetime.timedelta(days=2)
    people = [
        ("Zeynep Kaya", RegistrationStatus.CONFIRMED, "Türkisch", ""),
        ("Aylin Demir", RegistrationStatus.CONFIRMED, "", "Rollstuhl"),
        ("Erster Wartender", RegistrationStatus.WAITING, "", ""),
        ("Zweite Wartende", RegistrationStatus.WAITING, "", ""),
        ("Abgemeldet Person", RegistrationStatus.CANCELLED, "", ""),
    ]
    for minutes, (name, status, interpreting, accessibility) in enumerate(people):
        RegistrationFactory(
            event=event, name=name, status=status, interpreting=interpreting,
            accessibility=accessibility, created_at=start + datetime.timedelta(minutes=minutes),
        )  # fmt: skip
    return event


def names(rows) -> list[str]:
    return [registration.name for registration in rows]


def test_registrations_list_by_status_with_counts_and_needs(client, coordinator, registered):
    client.force_login(coordinator)

    response = client.get(url("registrations", registered))

    lists = response.context["lists"]
    assert names(lists["confirmed"]) == ["Aylin Demir", "Zeynep Kaya"]
    assert names(lists["waiting"]) == ["Erster Wartender", "Zweite Wartende"]
    assert names(lists["cancelled"]) == ["Abgemeldet Person"]
    assert response.context["places_left"] == 0
    assert names(response.context["needs"]) == ["Aylin Demir", "Zeynep Kaya"]
    html = response.content.decode()
    assert "Rollstuhl" in html and "Türkisch" in html
    assert '<details class="collapsed-list">' in html
    assert "no-store" in response["Cache-Control"]


def csv_table(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def test_csv_export_has_the_columns_and_every_registration(client, coordinator, registered):
    client.force_login(coordinator)

    response = client.get(url("registrations", registered), {"export": "csv"})

    day = timezone.localdate(registered.starts_at).isoformat()
    assert response["Content-Disposition"] == f'attachment; filename="anmeldungen-{day}.csv"'
    table = csv_table(response)
    assert len(table[0]) == 9
    assert [row[1] for row in table[1:]] == [
        "Aylin Demir", "Zeynep Kaya", "Erster Wartender", "Zweite Wartende", "Abgemeldet Person",
    ]  # fmt: skip
    zeynep = table[2]
    assert zeynep[3].startswith("teilnehmerin") and zeynep[4] == "Türkisch"


def test_xlsx_export_has_the_same_columns_and_rows(client, coordinator, registered):
    client.force_login(coordinator)
    as_csv = csv_table(client.get(url("registrations", registered), {"export": "csv"}))

    response = client.get(url("registrations", registered), {"export": "xlsx"})

    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = [["" if cell.value is None else cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows == as_csv
    assert rows[1][5] == "Rollstuhl"


def test_registrations_list_queries_do_not_grow_with_rows(client, coordinator, registered):
    client.force_login(coordinator)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url("registrations", registered)).status_code == 200
        return len(queries)

    few = count()
    RegistrationFactory.create_batch(40, event=registered, accessibility="Gebärdensprache")
    RegistrationFactory.create_batch(20, event=registered, status=RegistrationStatus.WAITING)
    assert count() == few
    assert few <= 12


# --- Event page -----------------------------------------------------------------------------


def test_event_page_links_registrations_and_attendance(client, coordinator, registered, region):
    client.force_login(coordinator)

    html = client.get(url("detail", registered)).content.decode()

    assert 'id="registrations-heading"' in html
    assert url("registrations", registered) in html
    assert url("signature-list", registered) in html
    assert url("attendance", registered) not in html  # it has not started yet

    internal = past_event(region, is_public=False, takes_registrations=False)
    html = client.get(url("detail", internal)).content.decode()
    assert 'id="registrations-heading"' not in html
    assert url("attendance", internal) in html


@pytest.mark.parametrize(
    "data",
    [
        {"headcount": "viele"},
        {"headcount": "-3"},
        {"headcount": str(10**20)},
        {"registrations": ["abc"]},
        {"attending_guides": ["999999"]},
    ],
)
def test_unusable_input_is_a_field_error_and_saves_nothing(client, coordinator, region, data):
    event = past_event(region, kind=EventKind.TRAINING)
    guide = GuideFactory(region=region)
    client.force_login(coordinator)

    response = client.post(url("attendance", event), {"attending_guides": [guide.pk], **data})

    assert response.status_code == 200
    assert response.context["form"].errors
    event.refresh_from_db()
    assert event.headcount is None and not event.attending_guides.exists()
    assert not CompletedTraining.objects.exists()
