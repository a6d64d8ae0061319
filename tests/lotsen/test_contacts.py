"""The contact log: internal notes of the coordination about organisations, agencies and
guides; a guide sees only the notes shared with them."""

import datetime
import json

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from lotsen.guides.services import erase_guide
from lotsen.models import ContactNote
from tests.factories import AgencyFactory, OrganisationFactory

DAY = datetime.date(2014, 3, 3)


def note(**fields):
    values = {"kind": "call", "happened_on": DAY, "who": "Frau Hodžić", "summary": "Rückruf"}
    values.update(fields)
    return ContactNote.objects.create(**values)


def form(**overrides):
    data = {
        "kind": "visit",
        "happened_on": "2014-03-03",
        "who": "Herr Kaya (Vorstand)",
        "summary": "Besuch im Vereinsheim: Interesse an einem Tandem.",
        "next_step": "Tandempartner vorschlagen",
        "next_step_on": "2014-03-20",
    }
    data.update(overrides)
    return data


def test_coordinator_records_a_visit_on_an_organisation(client, coordinator, region):
    organisation = OrganisationFactory(region=region)
    client.force_login(coordinator)
    url = reverse("contacts:organisation-note-create", args=[organisation.pk])
    assert "shareable" not in client.get(url).context["form"].fields

    response = client.post(url, form())

    assert response.status_code == 302
    saved = ContactNote.objects.get(organisation=organisation)
    assert saved.author == coordinator and saved.next_step_on == datetime.date(2014, 3, 20)
    response = client.get(organisation.get_absolute_url())
    assert "Interesse an einem Tandem" in response.content.decode()
    # The note is in the organisation's history, with what it said.
    changed = [c.after for entry in response.context["history"] for c in entry.changes]
    assert "Besuch im Vereinsheim: Interesse an einem Tandem." in changed


def test_notes_on_agencies_and_guides(client, coordinator, region, guide):
    agency = AgencyFactory(regions=[region])
    client.force_login(coordinator)
    assert (
        client.post(reverse("contacts:agency-note-create", args=[agency.pk]), form()).status_code
        == 302
    )
    assert (
        client.post(
            reverse("contacts:guide-note-create", args=[guide.pk]), form(shareable="on")
        ).status_code
        == 302
    )
    assert ContactNote.objects.get(agency=agency).shareable is False
    assert ContactNote.objects.get(guide=guide).shareable is True
    page = client.get(reverse("guides:detail", args=[guide.pk])).content.decode()
    assert "Interesse an einem Tandem" in page


@pytest.mark.parametrize(
    ("field", "value"),
    [("next_step_on", "2014-03-01"), ("happened_on", "gestern"), ("who", "")],
)
def test_bad_input_is_refused_and_nothing_saved(client, coordinator, region, field, value):
    organisation = OrganisationFactory(region=region)
    client.force_login(coordinator)
    response = client.post(
        reverse("contacts:organisation-note-create", args=[organisation.pk]),
        form(**{field: value}),
    )
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert not ContactNote.objects.exists()


def test_a_next_step_date_needs_a_next_step(client, coordinator, region):
    organisation = OrganisationFactory(region=region)
    client.force_login(coordinator)
    response = client.post(
        reverse("contacts:organisation-note-create", args=[organisation.pk]), form(next_step="")
    )
    assert response.context["form"].errors["next_step"]


def test_other_regions_and_guides_see_nothing(client, other_coordinator, guide, region):
    organisation = OrganisationFactory(region=region)
    secret = note(organisation=organisation, summary="Vertraulich")
    for user, expected in ((other_coordinator, 404), (guide.user, 403)):
        client.force_login(user)
        assert client.get(reverse("contacts:update", args=[secret.pk])).status_code == expected
        assert client.post(reverse("contacts:delete", args=[secret.pk])).status_code == expected
    assert ContactNote.objects.filter(pk=secret.pk).exists()


def test_a_guide_never_sees_notes_about_themself_unless_shared(client, guide, coordinator):
    note(guide=guide, summary="Intern: wirkt überlastet")
    note(guide=guide, summary="Danke für die Begleitung im Jobcenter", shareable=True)
    client.force_login(guide.user)

    profile = client.get(reverse("guides:profile")).content.decode()
    exported = json.dumps(
        json.loads(client.get(reverse("guides:profile-export")).content), ensure_ascii=False
    )

    for text in (profile, exported):
        assert "Danke für die Begleitung im Jobcenter" in text
        assert "überlastet" not in text
    assert "Frau Hodžić" in exported

    client.force_login(coordinator)
    staff_view = client.get(reverse("guides:detail", args=[guide.pk])).content.decode()
    assert "überlastet" in staff_view and "Danke für die Begleitung" in staff_view


def test_notes_never_reach_the_public_pages(client, region):
    organisation = OrganisationFactory(region=region, listed_publicly=True)
    note(organisation=organisation, summary="Vertrauliche Notiz")
    page = client.get(reverse("public:organisation", args=[organisation.pk])).content.decode()
    assert "Vertrauliche Notiz" not in page


def test_notes_go_with_their_record_and_the_guides_history(guide, region):
    organisation = OrganisationFactory(region=region)
    agency = AgencyFactory(regions=[region])
    note(organisation=organisation)
    note(agency=agency)
    about_guide = note(guide=guide, summary="Persönlich")
    note_type = ContentType.objects.get_for_model(ContactNote)
    assert LogEntry.objects.filter(content_type=note_type, object_pk=str(about_guide.pk)).exists()

    organisation.delete()
    agency.delete()
    erase_guide(guide=guide)

    assert not ContactNote.objects.exists()
    assert not LogEntry.objects.filter(
        content_type=note_type, object_pk=str(about_guide.pk)
    ).exists()


def test_a_note_is_about_exactly_one_record(region, guide):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        note(organisation=OrganisationFactory(region=region), guide=guide)
    with pytest.raises(IntegrityError), transaction.atomic():
        note()


def test_the_list_exports_carry_the_last_contact(client, coordinator, region, guide):
    import csv
    import io

    organisation = OrganisationFactory(region=region, name="Vatanspor e.V.")
    agency = AgencyFactory(regions=[region], name="Jobcenter Bochum")
    note(organisation=organisation, happened_on=datetime.date(2014, 1, 5))
    note(organisation=organisation, happened_on=datetime.date(2014, 3, 3))
    note(agency=agency, happened_on=datetime.date(2014, 2, 2))
    note(guide=guide, happened_on=datetime.date(2014, 4, 4))
    client.force_login(coordinator)
    for url, name, expected in (
        (reverse("guides:list"), guide.last_name, "04.04.2014"),
        (reverse("organisations:list"), "Vatanspor e.V.", "03.03.2014"),
        (reverse("organisations:agency-list"), "Jobcenter Bochum", "02.02.2014"),
    ):
        response = client.get(url, {"export": "csv"})
        text = b"".join(response.streaming_content).decode("utf-8-sig")
        header, *rows = list(csv.reader(io.StringIO(text), delimiter=";"))
        column = header.index("Letzter Kontakt")
        (row,) = [row for row in rows if row[0] == name]
        assert row[column] in (expected, "2014-" + expected[3:5] + "-" + expected[:2])
