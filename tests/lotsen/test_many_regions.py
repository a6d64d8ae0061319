"""A network with more regions than a select can carry: the region is typed, not picked.

At a thousand times the demo's size there are 16,016 regions; every page with a region filter
or field would carry 1.5 MB of options. Beyond a limit (lowered to 3 here) the filters and
fields take a region's name, or part of it, and still take the keys that links carry.
"""

import uuid

import pytest
from django import forms
from django.urls import reverse

from lotsen.core import filters
from lotsen.core.forms import NameOrChoiceField
from lotsen.models.guides import ExpertiseArea
from lotsen.models.referrals import ReferralRequest
from regions.models import Region
from regions.scope.fields import RegionField
from tests.factories import AgencyFactory, LanguageFactory, OrganisationFactory, RegionFactory

DIRECTORY = reverse("public:directory")
REQUEST_FORM = reverse("referrals:request")


@pytest.fixture
def few(db):
    return {
        "muensterland": RegionFactory(name="Münsterland", slug="muensterland"),
        "hagen": RegionFactory(name="Hagen", slug="hagen"),
    }


@pytest.fixture
def many(few, monkeypatch):
    monkeypatch.setattr(filters, "MANY_REGIONS", 3)
    monkeypatch.setattr(NameOrChoiceField, "many", 3)
    return {
        **few,
        "muenster": RegionFactory(name="Münster Stadt", slug="muenster-stadt"),
        "koeln": RegionFactory(name="Köln", slug="koeln"),
    }


def listed_club(region, name):
    return OrganisationFactory(name=name, region=region, listed_publicly=True, city="Ort")


def test_few_regions_are_picked_from_a_select(client, few):
    html = client.get(DIRECTORY).content.decode()
    assert '<select name="region"' in html
    assert '<option value="hagen">Hagen</option>' in html


def test_many_regions_are_typed_and_no_page_lists_them(client, many):
    html = client.get(DIRECTORY).content.decode()
    assert '<select name="region"' not in html
    assert 'type="search" name="region"' in html
    assert ">Hagen</option>" not in html
    assert "Name der Region oder ein Teil davon." in html


def test_a_typed_part_finds_every_region_holding_it_and_a_slug_its_region(client, many):
    listed_club(many["muensterland"], "Verein Münsterland")
    listed_club(many["muenster"], "Verein Münster")
    listed_club(many["hagen"], "Verein Hagen")

    def names(query):
        page = client.get(DIRECTORY, {"region": query})
        return sorted(o.name for o in page.context["organisations"])

    assert names("münster") == ["Verein Münster", "Verein Münsterland"]
    # The region pages link with the slug: it still means that one region.
    assert names("hagen") == ["Verein Hagen"]
    assert names("Berlin") == []


def test_the_calendar_offers_the_feed_of_a_region_named_by_its_slug(client, many):
    page = client.get(reverse("calendar:list"), {"region": "koeln"})
    labels = [feed["label"] for feed in page.context["feeds"]]
    assert any("Köln" in label for label in labels)
    # A part of two names is no single region: no region feed, the list holds both.
    page = client.get(reverse("calendar:list"), {"region": "Münster"})
    assert len(page.context["feeds"]) == 1


def test_an_agency_of_two_matching_regions_is_listed_once(client, admin_user, many):
    AgencyFactory(name="Jobcenter Münster", regions=[many["muenster"], many["muensterland"]])
    AgencyFactory(name="Jobcenter Hagen", regions=[many["hagen"]])
    client.force_login(admin_user)
    page = client.get(reverse("organisations:agency-list"), {"region": "Münster"})
    assert [agency.name for agency in page.context["object_list"]] == ["Jobcenter Münster"]
    # The workspace's links carry the primary key.
    page = client.get(reverse("organisations:agency-list"), {"region": many["hagen"].pk})
    assert [agency.name for agency in page.context["object_list"]] == ["Jobcenter Hagen"]


@pytest.fixture
def request_data(many):
    language = LanguageFactory(name="Arabisch", name_en="Arabic")
    topic = ExpertiseArea.objects.create(name="Anerkennung", name_en="Recognition")

    def data(region: str) -> dict:
        return {
            "submission_key": str(uuid.uuid4()),
            "organisation": "Jobcenter Hagen",
            "contact_name": "Petra Sommer",
            "email": "sommer@jobcenter.example.org",
            "languages": [language.pk],
            "topics": [topic.pk],
            "region": region,
            "time_frame": "Termin am 12. März",
            "consent": "on",
        }

    return data


def test_a_request_names_its_region_by_name(client, many, request_data):
    assert client.post(REQUEST_FORM, request_data("köln")).status_code == 302
    assert ReferralRequest.objects.get().region == many["koeln"]


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("Münster", "“Münster” is part of several regions' names: Münster Stadt, Münsterland."),
        ("Berlin", "No region is called “Berlin”."),
    ],
)
def test_a_name_that_is_no_single_region_is_refused(client, many, request_data, typed, message):
    client.cookies["django_language"] = "en"
    response = client.post(REQUEST_FORM, request_data(typed))
    assert response.status_code == 200
    assert message in response.content.decode().replace("&#x27;", "'")
    assert not ReferralRequest.objects.exists()


def test_a_saved_region_shows_as_its_name(many, django_assert_num_queries):
    class Form(forms.Form):
        region = RegionField(queryset=Region.objects.all())

    form = Form(initial={"region": many["muensterland"].pk})
    with django_assert_num_queries(2):  # the first rows, then the saved region's name
        html = str(form["region"])
    assert 'value="Münsterland"' in html
    assert "<option" not in html
