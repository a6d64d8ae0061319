"""Support measures in the workspace, the needs → measures → follow-ups timeline, and the
organisation's own description on the public directory page."""

import datetime

import pytest
from django.urls import reverse

from organisations.models import ProfessionalisationTopic, SupportKind, SupportMeasure
from organisations.support.selectors import support_timeline
from tests.factories import OrganisationFactory


@pytest.fixture
def topics(db):
    return {
        "law": ProfessionalisationTopic.objects.create(name="Vereinsrecht"),
        "pr": ProfessionalisationTopic.objects.create(name="Öffentlichkeitsarbeit"),
        "projects": ProfessionalisationTopic.objects.create(name="Projektmanagement"),
    }


@pytest.fixture
def tamil(region, topics):
    organisation = OrganisationFactory(
        region=region, name="Tamilischer Kultur-Sportverein Solingen e.V."
    )
    organisation.professionalisation_needs.set([topics["projects"], topics["pr"]])
    return organisation


@pytest.fixture
def mentor(region):
    return OrganisationFactory(region=region, name="Internationales Frauenzentrum Solingen e.V.")


def form_data(**overrides):
    data = {
        "kind": SupportKind.TANDEM,
        "received_on": "2014-02-22",
        "ends_on": "2014-08-31",
        "topics": [],
        "providing_organisation": "",
        "expert": "",
        "provider": "",
        "note": "Monthly meetings of both boards.",
        "follow_up_on": "2014-09-15",
        "follow_up_note": "",
    }
    data.update(overrides)
    return data


def test_coordinator_records_a_tandem_with_a_linked_partner(
    client, coordinator, tamil, mentor, topics
):
    client.force_login(coordinator)
    url = reverse("organisations:support-create", args=[tamil.pk])
    assert client.get(url).status_code == 200

    response = client.post(
        url, form_data(providing_organisation=mentor.pk, topics=[topics["projects"].pk])
    )

    assert response.status_code == 302
    measure = SupportMeasure.objects.get(organisation=tamil)
    assert measure.providing_organisation == mentor
    assert measure.provider == ""
    assert list(measure.topics.all()) == [topics["projects"]]
    assert measure.follow_up_on == datetime.date(2014, 9, 15)
    assert list(mentor.support_given.all()) == [measure]

    page = client.get(tamil.get_absolute_url()).content.decode()
    assert "Internationales Frauenzentrum Solingen e.V." in page
    assert 'id="support-timeline"' in page


def test_a_measure_needs_a_provider_and_only_one_linked(client, coordinator, tamil, mentor):
    from organisations.models import Expert

    expert = Expert.objects.create(name="Dr. Selma Yıldız")
    client.force_login(coordinator)
    url = reverse("organisations:support-create", args=[tamil.pk])

    nobody = client.post(url, form_data())
    both = client.post(url, form_data(providing_organisation=mentor.pk, expert=expert.pk))

    assert nobody.status_code == 200 and both.status_code == 200
    assert nobody.context["form"].errors["providing_organisation"]
    assert both.context["form"].errors["expert"]
    assert not SupportMeasure.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [("ends_on", "2014-01-01"), ("follow_up_on", "2014-01-01"), ("received_on", "31.02.2014")],
)
def test_impossible_dates_are_refused_with_a_message(client, coordinator, tamil, field, value):
    client.force_login(coordinator)
    response = client.post(
        reverse("organisations:support-create", args=[tamil.pk]),
        form_data(provider="MOZAIK gGmbH", **{field: value}),
    )
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert not SupportMeasure.objects.exists()


def test_other_regions_organisations_are_not_offered_as_partners(
    client, coordinator, tamil, other_region
):
    hidden = OrganisationFactory(region=other_region, name="Verborgener Verein")
    listed = OrganisationFactory(
        region=other_region, name="Gelisteter Verein", listed_publicly=True
    )
    client.force_login(coordinator)
    url = reverse("organisations:support-create", args=[tamil.pk])

    page = client.get(url).content.decode()
    assert "Gelisteter Verein" in page and "Verborgener Verein" not in page
    response = client.post(url, form_data(providing_organisation=hidden.pk))
    assert response.context["form"].errors["providing_organisation"]
    assert client.post(url, form_data(providing_organisation=listed.pk)).status_code == 302


def test_an_organisation_cannot_support_itself(client, coordinator, tamil):
    client.force_login(coordinator)
    response = client.post(
        reverse("organisations:support-create", args=[tamil.pk]),
        form_data(providing_organisation=tamil.pk),
    )
    assert response.context["form"].errors["providing_organisation"]


def test_other_coordinators_neither_see_nor_record(client, other_coordinator, tamil):
    measure = SupportMeasure.objects.create(
        organisation=tamil, kind="coaching", received_on=datetime.date(2014, 2, 1), provider="X"
    )
    client.force_login(other_coordinator)
    assert client.get(reverse("organisations:support-create", args=[tamil.pk])).status_code == 404
    assert client.get(reverse("organisations:support-update", args=[measure.pk])).status_code == 404
    assert (
        client.post(reverse("organisations:support-delete", args=[measure.pk])).status_code == 404
    )
    assert SupportMeasure.objects.filter(pk=measure.pk).exists()


def test_the_landeskoordination_removes_a_measure(client, admin_user, tamil):
    measure = SupportMeasure.objects.create(
        organisation=tamil, kind="coaching", received_on=datetime.date(2014, 2, 1), provider="X"
    )
    client.force_login(admin_user)
    response = client.post(reverse("organisations:support-delete", args=[measure.pk]))
    assert response.status_code == 302
    assert not SupportMeasure.objects.exists()


def test_changing_the_follow_up_date_reminds_again(client, coordinator, tamil):
    from django.utils import timezone

    measure = SupportMeasure.objects.create(
        organisation=tamil,
        kind="coaching",
        received_on=datetime.date(2014, 2, 1),
        provider="X",
        follow_up_on=datetime.date(2014, 3, 1),
        follow_up_reminded_at=timezone.now(),
    )
    client.force_login(coordinator)
    url = reverse("organisations:support-update", args=[measure.pk])
    data = form_data(
        kind="coaching", received_on="2014-02-01", ends_on="", provider="X",
        follow_up_on="2014-04-01", version=measure.updated_at.isoformat(),
    )  # fmt: skip
    assert client.post(url, data).status_code == 302
    measure.refresh_from_db()
    assert measure.follow_up_on == datetime.date(2014, 4, 1)
    assert measure.follow_up_reminded_at is None


def test_timeline_orders_needs_measures_and_follow_ups(tamil, mentor, topics):
    early = SupportMeasure.objects.create(
        organisation=tamil, kind=SupportKind.TRAINING, received_on=datetime.date(2014, 1, 10),
        provider="MOZAIK gGmbH", follow_up_on=datetime.date(2014, 3, 1),
        follow_up_note="Went well.",
    )  # fmt: skip
    early.topics.set([topics["pr"]])
    tandem = SupportMeasure.objects.create(
        organisation=tamil, kind=SupportKind.TANDEM, received_on=datetime.date(2014, 2, 22),
        providing_organisation=mentor, follow_up_on=datetime.date(2014, 9, 15),
    )  # fmt: skip
    tandem.topics.set([topics["projects"], topics["law"]])

    timeline = support_timeline(tamil, today=datetime.date(2014, 5, 1))

    assert {(n.topic.name, n.measure_count) for n in timeline.needs} == {
        ("Projektmanagement", 1),
        ("Öffentlichkeitsarbeit", 1),
    }
    assert [(e.date, e.kind, e.state) for e in timeline.entries] == [
        (datetime.date(2014, 1, 10), "measure", ""),
        (datetime.date(2014, 2, 22), "measure", ""),
        (datetime.date(2014, 3, 1), "follow_up", "done"),
        (datetime.date(2014, 9, 15), "follow_up", "planned"),
    ]
    assert [t.name for t in timeline.other_topics] == ["Vereinsrecht"]


def test_measures_go_with_their_organisation(tamil):
    SupportMeasure.objects.create(
        organisation=tamil, kind="coaching", received_on=datetime.date(2014, 2, 1), provider="X"
    )
    tamil.delete()
    assert not SupportMeasure.objects.exists()


# --- The organisation's own description ------------------------------------------------------


def test_coordinator_describes_the_organisation_for_the_public_page(client, coordinator, tamil):
    client.force_login(coordinator)
    form = client.get(reverse("organisations:update", args=[tamil.pk])).context["form"]
    data = {
        name: field.value()
        if not hasattr(field.value(), "__iter__") or isinstance(field.value(), str)
        else [str(v) for v in field.value()]
        for name, field in ((n, form[n]) for n in form.fields)
    }
    data = {k: v for k, v in data.items() if v not in (None, False)}
    data.update(
        activities="Sport, Kultur und Hausaufgabenhilfe für tamilische Familien.",
        audience="Kinder, Jugendliche und ihre Eltern",
        listed_publicly="on",
    )
    response = client.post(reverse("organisations:update", args=[tamil.pk]), data)
    assert response.status_code == 302, response.context["form"].errors

    page = client.get(reverse("public:organisation", args=[tamil.pk])).content.decode()
    assert "Hausaufgabenhilfe für tamilische Familien" in page
    assert "Kinder, Jugendliche und ihre Eltern" in page


def test_description_of_an_unlisted_organisation_stays_private(client, tamil):
    tamil.activities = "Geheim"
    tamil.save()
    assert client.get(reverse("public:organisation", args=[tamil.pk])).status_code == 404


def test_overlong_description_is_refused(client, coordinator, tamil):
    client.force_login(coordinator)
    response = client.post(
        reverse("organisations:update", args=[tamil.pk]),
        {"name": tamil.name, "legal_form": "ev", "region": tamil.region_id, "city": "Solingen",
         "activities": "x" * 2001},
    )  # fmt: skip
    assert response.status_code == 200
    assert response.context["form"].errors["activities"]
    tamil.refresh_from_db()
    assert tamil.activities == ""
