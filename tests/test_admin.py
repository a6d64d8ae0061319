"""The Landeskoordination's admin: every page of every model opens, search and filters work."""

import pytest
from django.contrib import admin
from django.urls import reverse

from events.models import EventReport
from lotsen.models.guides import CompletedTraining, ExpertiseArea, GuideLanguage
from organisations.models import (
    Community,
    OrganisationRole,
    ProfessionalisationTopic,
    SupportMeasure,
    ThematicField,
)
from regions.models import RegionStatusChange
from regions.workspace.services import set_cooperation_status
from tests.factories import (
    AgencyFactory,
    ContactPersonFactory,
    EventFactory,
    GuideFactory,
    LanguageFactory,
    OrganisationFactory,
)

MODEL_ADMINS = sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)


@pytest.fixture
def network(region, guide):
    import datetime

    set_cooperation_status(region=region, status="binding", valid_from=datetime.date(2014, 1, 1))
    organisation = OrganisationFactory(region=region)
    organisation.communities.add(Community.objects.create(name="bosnisch"))
    organisation.thematic_fields.add(ThematicField.objects.create(name="Sport"))
    OrganisationRole.objects.create(name="Informationsvermittler")
    topic = ProfessionalisationTopic.objects.create(name="Vereinsrecht")
    support = SupportMeasure.objects.create(
        organisation=organisation, kind="coaching", received_on=datetime.date.today()
    )
    support.topics.add(topic)
    ContactPersonFactory(organisation=organisation)
    AgencyFactory(regions=[region])
    GuideLanguage.objects.create(guide=guide, language=LanguageFactory(), level="B2")
    guide.expertise.add(ExpertiseArea.objects.create(name="Anerkennung"))
    event = EventFactory(region=region)
    EventReport.objects.create(event=event, headline="Auftakt", dateline="Hagen", teaser="Text")
    CompletedTraining.objects.create(
        guide=guide, title="Grundlagen", completed_on=datetime.date.today(), event=event
    )
    GuideFactory(region=region)


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.mark.parametrize(
    ("model", "model_admin"), MODEL_ADMINS, ids=lambda v: getattr(v, "__name__", "")
)
def test_every_admin_page_opens(client, rf, admin_user, network, model, model_admin):
    client.force_login(admin_user)
    request = rf.get("/")
    request.user = admin_user

    assert client.get(admin_url(model, "changelist")).status_code == 200
    if model_admin.search_fields:
        assert client.get(admin_url(model, "changelist"), {"q": "a"}).status_code == 200
    if model_admin.has_add_permission(request):  # the change history is read-only
        assert client.get(admin_url(model, "add")).status_code == 200
    obj = model.objects.first()
    if obj is not None:
        assert client.get(admin_url(model, "change", obj.pk)).status_code == 200


def test_coordinator_cannot_open_the_admin(client, coordinator, network):
    from regions.models import Region

    client.force_login(coordinator)
    response = client.get(admin_url(Region, "changelist"))
    assert response.status_code in (302, 403)
    assert "Mittleres Ruhrgebiet" not in response.content.decode()


def test_status_entered_in_the_admin_records_who_entered_it(client, admin_user, db):
    from regions.models import Region

    client.force_login(admin_user)
    response = client.post(
        admin_url(Region, "add"),
        {
            "name": "Köln",
            "slug": "koeln",
            "federal_state": "NW",
            "kind": "labour_market_region",
            "status_changes-TOTAL_FORMS": "1",
            "status_changes-INITIAL_FORMS": "0",
            "status_changes-0-valid_from": "01.02.2014",
            "status_changes-0-status": "in_talks",
            "status_changes-0-note": "Erstes Gespräch",
        },
    )
    assert response.status_code == 302, response.context["errors"]
    entry = RegionStatusChange.objects.get(region__slug="koeln")
    assert (entry.status, entry.recorded_by) == ("in_talks", admin_user)
