"""Every list of the API takes the same number of queries for few and for many rows."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lotsen.core.visibility import Visibility
from lotsen.guides.services import set_guide_status
from lotsen.models.guides import PROFILE_PARTS, GuideLanguage
from tests.api.conftest import bearer
from tests.factories import (
    EventFactory,
    EventReportFactory,
    GuideFactory,
    LanguageFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.django_db

LISTS = [
    ("api:regions", None),
    ("api:events", None),
    ("api:organisations", None),
    ("api:guides", None),
    ("api:workspace-events", "coordinator"),
    ("api:workspace-organisations", "coordinator"),
    ("api:workspace-guides", "coordinator"),
    ("api:workspace-events", "admin"),
]


def add_rows(region, count: int) -> None:
    language = LanguageFactory()
    for _ in range(count):
        started = timezone.now() - datetime.timedelta(days=3)
        event = EventFactory(
            region=region,
            is_public=True,
            starts_at=started,
            ends_at=started + datetime.timedelta(hours=2),
        )
        EventReportFactory(event=event)
        organisation = OrganisationFactory(region=region, listed_publicly=True)
        organisation.languages.add(language)
        event.organising_organisations.add(organisation)
        guide = GuideFactory(
            region=region,
            public_profile=True,
            **{f"{part}_visibility": Visibility.PUBLIC for part in PROFILE_PARTS},
        )
        guide.organisations.add(organisation)
        GuideLanguage.objects.create(guide=guide, language=language, level="C1")
        set_guide_status(guide=guide, status="active", valid_from=datetime.date(2014, 1, 1))


@pytest.mark.parametrize(("name", "who"), LISTS)
def test_constant_queries(client, region, tokens, django_assert_num_queries, name, who):
    headers = bearer(tokens[who]) if who else {}
    add_rows(region, 2)
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse(name), **headers).status_code == 200
    add_rows(region, 15)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(reverse(name), **headers)
    assert response.status_code == 200
    assert len(response.json()["results"]) >= 15 or name == "api:regions"
