"""Coordinators manage the organisations of their regions in the browser."""

import csv
import io

import openpyxl
import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from organisations.models import ContactPerson, MigrantOrganisation
from tests.factories import ContactPersonFactory, LanguageFactory, OrganisationFactory

LIST = reverse("organisations:list")


@pytest.fixture
def tamil(db):
    return LanguageFactory(name="Tamil", name_en="Tamil")


@pytest.fixture
def organisations(region, other_region, tamil):
    solingen = OrganisationFactory(name="Tamilischer Kultur-Sportverein e.V.", region=region)
    solingen.languages.add(tamil)
    OrganisationFactory(name="Vatanspor e.V.", region=region)
    OrganisationFactory(name="Bosnische Gemeinde Münster e.V.", region=other_region)
    return solingen


def rows(response) -> list[str]:
    return [o.name for o in response.context["object_list"]]


def test_coordinator_lists_only_their_regions_organisations(client, coordinator, organisations):
    client.force_login(coordinator)
    response = client.get(LIST)
    assert response.status_code == 200
    assert rows(response) == ["Tamilischer Kultur-Sportverein e.V.", "Vatanspor e.V."]
    assert "no-store" in response["Cache-Control"]


def test_filter_by_language_and_search(client, coordinator, organisations, tamil):
    client.force_login(coordinator)
    assert rows(client.get(LIST, {"languages": tamil.pk})) == [organisations.name]
    assert rows(client.get(LIST, {"q": "vatan"})) == ["Vatanspor e.V."]
    assert rows(client.get(LIST, {"q": "gibt es nicht"})) == []


def test_list_sorts_descending_by_name(client, coordinator, organisations):
    client.force_login(coordinator)
    assert rows(client.get(LIST, {"order": "-name"}))[0] == "Vatanspor e.V."


def test_invalid_filter_value_is_a_message_not_an_error(client, coordinator, organisations):
    client.force_login(coordinator)
    response = client.get(LIST, {"languages": "999999", "region": "x"})
    assert response.status_code == 200
    assert response.context["filter"].errors


def test_csv_export_holds_exactly_the_filtered_rows(client, coordinator, organisations, tamil):
    client.force_login(coordinator)
    response = client.get(LIST, {"languages": tamil.pk, "export": "csv"})
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert table[0][0] == "Name"
    assert [row[0] for row in table[1:]] == [organisations.name]


def test_xlsx_export_of_the_whole_filtered_list(client, coordinator, region, organisations):
    OrganisationFactory.create_batch(60, region=region)  # more than one page
    client.force_login(coordinator)
    response = client.get(LIST, {"export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 1 + 62
    assert "Münster" not in str([c.value for c in sheet["A"]])


def test_list_queries_do_not_grow_with_rows(client, coordinator, region, tamil):
    client.force_login(coordinator)

    def count_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(LIST).status_code == 200
        return len(queries)

    OrganisationFactory.create_batch(3, region=region)
    few = count_queries()
    for organisation in OrganisationFactory.create_batch(80, region=region):
        organisation.languages.add(tamil)
        ContactPersonFactory(organisation=organisation)
    assert count_queries() == few
    assert few <= 12


def test_other_regions_organisation_is_404_on_every_url(client, coordinator, other_region):
    foreign = OrganisationFactory(region=other_region, name="Fremd e.V.")
    client.force_login(coordinator)
    for name in ("detail", "update", "organisation-contact-create"):
        assert client.get(reverse(f"organisations:{name}", args=[foreign.pk])).status_code == 404
    response = client.post(reverse("organisations:archive", args=[foreign.pk]))
    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.archived_at is None


def test_guide_and_anonymous_have_no_workspace(client, guide):
    assert client.get(LIST).status_code == 302
    client.force_login(guide.user)
    assert client.get(LIST).status_code == 403


def test_coordinator_creates_an_organisation_in_their_region(client, coordinator, region):
    client.force_login(coordinator)
    response = client.post(
        reverse("organisations:create"),
        {"name": "Afro-German e.V.", "legal_form": "ev", "region": region.pk, "city": "Solingen"},
    )
    organisation = MigrantOrganisation.objects.get(name="Afro-German e.V.")
    assert response.url == organisation.get_absolute_url()
    assert organisation.region == region


def test_coordinator_cannot_file_an_organisation_under_another_region(
    client, coordinator, other_region
):
    client.force_login(coordinator)
    response = client.post(
        reverse("organisations:create"),
        {"name": "Fremd e.V.", "legal_form": "ev", "region": other_region.pk, "city": "Münster"},
    )
    assert response.status_code == 200
    assert "region" in response.context["form"].errors
    assert not MigrantOrganisation.objects.filter(name="Fremd e.V.").exists()


def test_duplicate_name_gets_a_clear_message(client, coordinator, region, organisations):
    client.force_login(coordinator)
    response = client.post(
        reverse("organisations:create"),
        {"name": "VATANSPOR E.V.", "legal_form": "ev", "region": region.pk, "city": "Solingen"},
    )
    assert response.status_code == 200
    assert "existiert in dieser Region bereits" in response.content.decode()
    assert MigrantOrganisation.objects.filter(name__iexact="vatanspor e.v.").count() == 1


def test_edit_is_recorded_in_the_history(client, coordinator, organisations):
    client.force_login(coordinator)
    url = reverse("organisations:update", args=[organisations.pk])
    form = client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and not isinstance(v, list)}
    data.update(city="Solingen-Wald", legal_form="ev", region=organisations.region_id)
    data["languages"] = [lang.pk for lang in organisations.languages.all()]
    assert client.post(url, data).status_code == 302

    detail = client.get(organisations.get_absolute_url())
    entry = detail.context["history"][0]
    assert entry.actor == str(coordinator)
    assert any(c.field == "Ort" and c.after == "Solingen-Wald" for c in entry.changes)
    assert "Solingen-Wald" in detail.content.decode()


def test_second_tab_gets_a_conflict_instead_of_overwriting(client, coordinator, organisations):
    client.force_login(coordinator)
    url = reverse("organisations:update", args=[organisations.pk])
    stale = client.get(url).context["form"]["version"].value()
    base = {"name": organisations.name, "legal_form": "ev", "region": organisations.region_id}

    assert client.post(url, {**base, "city": "Erster Tab", "version": stale}).status_code == 302
    response = client.post(url, {**base, "city": "Zweiter Tab", "version": stale})

    assert response.status_code == 200
    assert "nach dem Öffnen geändert" in response.content.decode()
    organisations.refresh_from_db()
    assert organisations.city == "Erster Tab"


def test_archive_and_restore(client, coordinator, organisations):
    client.force_login(coordinator)
    client.post(reverse("organisations:archive", args=[organisations.pk]))
    assert organisations.name not in rows(client.get(LIST))
    assert rows(client.get(LIST, {"state": "archived"})) == [organisations.name]

    client.post(reverse("organisations:archive", args=[organisations.pk]), {"restore": "1"})
    assert organisations.name in rows(client.get(LIST))


def test_contact_persons_are_added_edited_and_removed(client, coordinator, organisations):
    client.force_login(coordinator)
    client.post(
        reverse("organisations:organisation-contact-create", args=[organisations.pk]),
        {"name": "Demo Kontakt", "position": "Vorstand", "email": "kontakt@example.org"},
    )
    person = ContactPerson.objects.get(organisation=organisations)
    client.post(
        reverse("organisations:contact-update", args=[person.pk]),
        {"name": "Demo Kontakt", "position": "Vorsitz", "version": person.updated_at.isoformat()},
    )
    person.refresh_from_db()
    assert person.position == "Vorsitz"

    client.post(reverse("organisations:contact-delete", args=[person.pk]))
    assert not ContactPerson.objects.filter(pk=person.pk).exists()
    assert LogEntry.objects.get_for_object(person).count() >= 2


def test_invalid_contact_email_is_a_field_error(client, coordinator, organisations):
    client.force_login(coordinator)
    response = client.post(
        reverse("organisations:organisation-contact-create", args=[organisations.pk]),
        {"name": "Demo", "email": "keine-adresse"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["email"]
    assert not ContactPerson.objects.exists()


def test_filter_organisations_without_contact_person(client, coordinator, organisations):
    ContactPersonFactory(organisation=organisations)
    client.force_login(coordinator)
    assert rows(client.get(LIST, {"contact": "none"})) == ["Vatanspor e.V."]
    assert rows(client.get(LIST, {"contact": "some"})) == [organisations.name]


def test_region_filter_escapes_region_names(client, admin_user, db):
    from tests.factories import RegionFactory

    RegionFactory(name='<b>Köln & "Bonn"</b>', slug="koeln-bonn")
    client.force_login(admin_user)
    html = client.get(LIST).content.decode()
    assert "&lt;b&gt;Köln &amp; &quot;Bonn&quot;&lt;/b&gt;" in html
    assert "<b>Köln" not in html
