"""The public pages: the network, region pages, the directory and the guide finder.

Nothing here needs a login, and nothing shows what was not published: organisations only when
listed, guides only with a public profile, and of a guide only the fields set to "public".
"""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from lotsen.core.visibility import Visibility
from lotsen.guides.services import set_guide_status
from lotsen.models.guides import PROFILE_PARTS, ExpertiseArea, GuideLanguage
from lotsen.public.selectors import PublicGuide, guide_finder
from organisations.models import AgencyKind, Community, ThematicField
from regions.workspace.services import set_cooperation_status
from tests.factories import (
    AgencyFactory,
    ContactPersonFactory,
    EventFactory,
    GuideFactory,
    LanguageFactory,
    OrganisationFactory,
    RegionFactory,
)

HOME = reverse("home")
DIRECTORY = reverse("public:directory")
FINDER = reverse("public:guide-finder")
PARTS = PROFILE_PARTS
LONG_AGO = datetime.date(2014, 1, 1)


@pytest.fixture
def tamil(db):
    return LanguageFactory(name="Tamil", name_en="Tamil")


@pytest.fixture
def arabic(db):
    return LanguageFactory(name="Arabisch", name_en="Arabic")


@pytest.fixture
def recognition(db):
    return ExpertiseArea.objects.create(name="Anerkennung", name_en="Recognition")


@pytest.fixture
def solingen_club(region, tamil):
    club = OrganisationFactory(
        name="Tamilischer Kultur-Sportverein Solingen e.V.",
        region=region,
        city="Solingen",
        listed_publicly=True,
        website="https://tamil-solingen.example.org/",
        email="vorstand@tamil-solingen.example.org",
        phone="0212 123456",
        street="Kölner Straße 1",
    )
    club.languages.add(tamil)
    return club


def make_guide(region, *, status="active", organisations=(), languages=(), expertise=(), **kw):
    """A guide with a public profile and everything public unless ``kw`` says otherwise."""
    fields = {
        "first_name": "Kavitha",
        "last_name": "Selvarajah",
        "email": "kavitha@example.org",
        "phone": "0170 5550101",
        "public_profile": True,
        **{f"{part}_visibility": Visibility.PUBLIC for part in PARTS},
        "photo": "guides/photos/0123456789abcdef.jpg",
        **kw,
    }
    guide = GuideFactory(region=region, **fields)
    guide.organisations.set(organisations)
    for language, level in languages:
        GuideLanguage.objects.create(guide=guide, language=language, level=level)
    guide.expertise.set(expertise)
    if status:
        set_guide_status(guide=guide, status=status, valid_from=LONG_AGO)
    return guide


def html_of(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def cards(response) -> list[PublicGuide]:
    return list(response.context["guides"])


def labels(response) -> list[str]:
    return [card.label for card in cards(response)]


def count_queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params or {}).status_code == 200
    return len(queries)


# --- The network overview -------------------------------------------------------------------


def test_home_shows_every_region_with_status_link_and_listed_organisations(
    client, region, other_region, solingen_club
):
    set_cooperation_status(region=region, status="binding", valid_from=LONG_AGO)
    OrganisationFactory(region=region, listed_publicly=False)
    OrganisationFactory(region=region, listed_publicly=True, archived_at=timezone.now())

    response = client.get(HOME)
    html = html_of(response)

    assert [r.name for r in response.context["regions"]] == ["Mittleres Ruhrgebiet", "Münsterland"]
    assert f'href="{reverse("public:region", args=[region.slug])}"' in html
    assert f'href="{reverse("public:region", args=[other_region.slug])}"' in html
    assert "verbindliche Kooperation" in html
    by_name = {r.name: r for r in response.context["regions"]}
    assert by_name["Mittleres Ruhrgebiet"].organisation_count == 1
    assert by_name["Münsterland"].status is None
    assert ("binding", 1) in [
        (value, count) for value, _label, count in response.context["summary"]
    ]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="German collation needs ICU")
def test_home_sorts_regions_as_a_german_reader_expects(client, db):
    for name in ("MEO", "Märkische Region", "Mittleres Ruhrgebiet"):
        RegionFactory(name=name)
    names = [r.name for r in client.get(HOME).context["regions"]]
    assert names == ["Märkische Region", "MEO", "Mittleres Ruhrgebiet"]


def test_home_counts_listed_organisations_active_guides_and_upcoming_public_events(
    client, region, solingen_club
):
    OrganisationFactory(region=region, listed_publicly=False)
    make_guide(region, public_profile=False)  # active guides count, public or not
    make_guide(region, email="", status="paused")
    make_guide(region, email="")
    EventFactory(region=region, is_public=True)
    EventFactory(region=None, is_public=True)  # statewide
    EventFactory(region=region, is_public=False)
    past = timezone.now() - datetime.timedelta(days=30)
    EventFactory(region=region, is_public=True, starts_at=past, ends_at=past)

    response = client.get(HOME)

    context = response.context
    assert (context["organisation_count"], context["guide_count"], context["event_count"]) == (
        1,
        2,
        2,
    )
    assert context["public_guide_count"] == 1
    html = html_of(response)
    assert re.search(r'id="figure-guides"><span class="figures__count">2<', html)


def test_home_queries_do_not_grow_with_regions(client, db):
    RegionFactory.create_batch(2)
    few = count_queries(client, HOME)
    for region in RegionFactory.create_batch(30):
        set_cooperation_status(region=region, status="interested", valid_from=LONG_AGO)
        OrganisationFactory.create_batch(2, region=region, listed_publicly=True)
    assert count_queries(client, HOME) == few <= 12


# --- Region pages ---------------------------------------------------------------------------


def test_region_page_shows_partners_listed_organisations_and_public_events_only(
    client, region, other_region, solingen_club, coordinator
):
    set_cooperation_status(region=region, status="interested", valid_from=LONG_AGO)
    AgencyFactory(name="Regionalagentur MEO", kind=AgencyKind.REGIONAL_AGENCY, regions=[region])
    AgencyFactory(name="Jobcenter Alt", regions=[region], archived_at=timezone.now())
    AgencyFactory(name="Jobcenter Münster", regions=[other_region])
    ContactPersonFactory(organisation=solingen_club, name="Vorsitzende Selvi Raman")
    OrganisationFactory(name="Nicht gelistet e.V.", region=region)
    OrganisationFactory(
        name="Archiv e.V.", region=region, listed_publicly=True, archived_at=timezone.now()
    )
    OrganisationFactory(name="Münster e.V.", region=other_region, listed_publicly=True)
    EventFactory(title="Infoabend Anerkennung", region=region, is_public=True, venue="Rathaus")
    EventFactory(title="Internes Koordinationstreffen", region=region, is_public=False)
    EventFactory(title="Infoabend Münster", region=other_region, is_public=True)
    past = timezone.now() - datetime.timedelta(days=30)
    EventFactory(
        title="Vergangene Tagung", region=region, is_public=True, starts_at=past, ends_at=past
    )

    html = html_of(client.get(reverse("public:region", args=[region.slug])))

    assert "<h1>Mittleres Ruhrgebiet</h1>" in html
    assert "status--interested" in html
    assert "Regionalagentur MEO" in html
    assert solingen_club.name in html
    assert reverse("public:organisation", args=[solingen_club.pk]) in html
    assert "Infoabend Anerkennung" in html and "Rathaus" in html
    for hidden in (
        "Jobcenter Alt",
        "Jobcenter Münster",
        "Selvi Raman",
        "Nicht gelistet",
        "Archiv e.V.",
        "Münster e.V.",
        "Internes Koordinationstreffen",
        "Infoabend Münster",
        "Vergangene Tagung",
        coordinator.email,
        coordinator.name,
    ):
        assert hidden not in html, hidden


def test_region_page_counts_public_guides_and_links_the_finder(client, region, other_region):
    make_guide(region)
    make_guide(region, email="", public_profile=False)
    make_guide(region, email="", status="paused")
    make_guide(region, email="", **{f"{part}_visibility": Visibility.NOBODY for part in PARTS})
    make_guide(other_region, email="")

    response = client.get(reverse("public:region", args=[region.slug]))

    assert response.context["guide_count"] == 1
    assert f'href="{FINDER}?region={region.slug}"' in html_of(response)


def test_unknown_region_is_404(client, db):
    assert client.get(reverse("public:region", args=["gibt-es-nicht"])).status_code == 404


def test_region_page_queries_are_constant(client, region):
    url = reverse("public:region", args=[region.slug])
    few = count_queries(client, url)
    AgencyFactory.create_batch(5, regions=[region])
    OrganisationFactory.create_batch(10, region=region, listed_publicly=True)
    for _ in range(5):
        EventFactory(region=region, is_public=True)
    assert count_queries(client, url) == few <= 12


# --- Directory of migrant organisations -----------------------------------------------------


def names(response) -> list[str]:
    return [organisation.name for organisation in response.context["organisations"]]


def test_directory_lists_only_listed_active_organisations(client, region, solingen_club):
    OrganisationFactory(name="Nicht gelistet e.V.", region=region)
    OrganisationFactory(
        name="Archiv e.V.", region=region, listed_publicly=True, archived_at=timezone.now()
    )
    response = client.get(DIRECTORY)
    assert names(response) == [solingen_club.name]
    html = html_of(response)
    assert "Nicht gelistet" not in html and "Archiv e.V." not in html


def test_directory_shows_no_address_email_or_phone(client, solingen_club):
    html = html_of(client.get(DIRECTORY))
    assert solingen_club.name in html
    for private in (solingen_club.email, solingen_club.phone, solingen_club.street):
        assert private not in html


def test_directory_filters(client, region, other_region, solingen_club, tamil, arabic):
    tamil_community = Community.objects.create(name="tamilisch")
    sport = ThematicField.objects.create(name="Sport")
    solingen_club.communities.add(tamil_community)
    solingen_club.thematic_fields.add(sport)
    hagen = OrganisationFactory(
        name="Arabischer Elternverein Hagen e.V.",
        region=other_region,
        city="Hagen",
        listed_publicly=True,
    )
    hagen.languages.add(arabic)

    assert names(client.get(DIRECTORY)) == [hagen.name, solingen_club.name]
    assert names(client.get(DIRECTORY, {"region": region.slug})) == [solingen_club.name]
    assert names(client.get(DIRECTORY, {"communities": tamil_community.pk})) == [solingen_club.name]
    assert names(client.get(DIRECTORY, {"languages": arabic.pk})) == [hagen.name]
    assert names(client.get(DIRECTORY, {"thematic_fields": sport.pk})) == [solingen_club.name]
    assert names(client.get(DIRECTORY, {"city": "Hagen"})) == [hagen.name]
    assert names(client.get(DIRECTORY, {"q": "tamil"})) == [solingen_club.name]
    assert names(client.get(DIRECTORY, {"q": "gibt es nicht"})) == []


def test_directory_city_choices_come_from_listed_organisations_only(client, region, solingen_club):
    OrganisationFactory(region=region, city="Geheimstadt")
    form = client.get(DIRECTORY).context["filter"].form
    assert [value for value, _label in form.fields["city"].choices if value] == ["Solingen"]


def test_directory_odd_parameters_are_a_message_not_an_error(client, solingen_club):
    response = client.get(
        DIRECTORY, {"region": "abc", "languages": "999999", "city": "x", "page": "999"}
    )
    assert response.status_code == 200
    assert set(response.context["filter"].errors) == {"region", "languages", "city"}
    assert client.get(DIRECTORY, {"page": "999"}).context["organisations"][0] == solingen_club
    assert client.get(DIRECTORY, {"page": "abc", "q": "\x00%"}).status_code == 200


def test_directory_paginates(client, region):
    OrganisationFactory.create_batch(25, region=region, listed_publicly=True)
    first, second = client.get(DIRECTORY), client.get(DIRECTORY, {"page": 2})
    assert len(names(first)) == 20 and len(names(second)) == 5
    assert 'rel="next"' in html_of(first)


def test_directory_queries_do_not_grow_with_rows(client, region, tamil):
    OrganisationFactory.create_batch(3, region=region, listed_publicly=True)
    few = count_queries(client, DIRECTORY)
    community = Community.objects.create(name="tamilisch")
    for organisation in OrganisationFactory.create_batch(40, region=region, listed_publicly=True):
        organisation.languages.add(tamil)
        organisation.communities.add(community)
    assert count_queries(client, DIRECTORY) == few <= 12
    filtered = {"region": region.slug, "languages": tamil.pk, "communities": community.pk}
    assert count_queries(client, DIRECTORY, filtered) <= 12


def test_organisation_page_shows_public_facts_only(client, solingen_club, tamil):
    ContactPersonFactory(organisation=solingen_club, name="Selvi Raman", email="selvi@x.org")
    html = html_of(client.get(reverse("public:organisation", args=[solingen_club.pk])))
    assert f"<h1>{solingen_club.name}</h1>" in html
    assert solingen_club.website in html and "Tamil" in html and "Solingen" in html
    for private in (
        "Selvi Raman",
        "selvi@x.org",
        solingen_club.email,
        solingen_club.phone,
        solingen_club.street,
    ):
        assert private not in html


def test_unlisted_or_archived_organisation_page_is_404(client, region):
    unlisted = OrganisationFactory(region=region)
    archived = OrganisationFactory(region=region, listed_publicly=True, archived_at=timezone.now())
    for organisation in (unlisted, archived):
        url = reverse("public:organisation", args=[organisation.pk])
        assert client.get(url).status_code == 404
    for pk in (999999, 10**25):
        assert client.get(reverse("public:organisation", args=[pk])).status_code == 404


# --- Guide finder ---------------------------------------------------------------------------


def test_finder_lists_only_active_guides_with_a_public_profile(client, region):
    make_guide(region, first_name="Kavitha")
    make_guide(region, first_name="Privat", email="", public_profile=False)
    make_guide(
        region,
        first_name="Niemand",
        email="",
        **{f"{part}_visibility": Visibility.NOBODY for part in PARTS},
    )
    make_guide(
        region,
        first_name="Nurintern",
        email="",
        **{f"{part}_visibility": Visibility.NETWORK for part in PARTS},
    )
    make_guide(region, first_name="Pausiert", email="", status="paused")
    make_guide(region, first_name="Neuling", email="", status=None)
    make_guide(region, first_name="Geht", email="", deletion_requested_at=timezone.now())

    response = client.get(FINDER)

    assert labels(response) == ["Kavitha Selvarajah"]
    html = html_of(response)
    for hidden in ("Privat", "Niemand", "Nurintern", "Pausiert", "Neuling", "Geht"):
        assert hidden not in html


@pytest.mark.parametrize("public_profile", [True, False])
def test_a_guide_with_everything_nowhere_never_appears_even_when_filtered_for(
    client, region, solingen_club, tamil, recognition, public_profile
):
    guide = make_guide(
        region,
        public_profile=public_profile,
        organisations=[solingen_club],
        languages=[(tamil, "native")],
        expertise=[recognition],
        **{f"{part}_visibility": Visibility.NOBODY for part in PARTS},
    )
    for params in (
        {},
        {"language": tamil.pk},
        {"expertise": recognition.pk},
        {"region": region.slug},
        {"city": "Solingen"},
    ):
        response = client.get(FINDER, params)
        assert cards(response) == []
        assert guide.last_name not in html_of(response)


@pytest.fixture
def everything(region, solingen_club, tamil, recognition):
    """What a fully public guide of the Solingen club shows."""
    return {
        "region": region,
        "organisations": [solingen_club],
        "languages": [(tamil, "C1")],
        "expertise": [recognition],
    }


def shown(client, guide) -> tuple[str, PublicGuide]:
    """The one card on the finder, and its HTML (without the filter form's vocabularies)."""
    response = client.get(FINDER)
    (card,) = cards(response)
    assert card.pk == guide.pk
    results = html_of(response).split('id="results"')[1].split("</ul>")[0]
    return results, card


@pytest.mark.parametrize("visibility", [Visibility.NETWORK, Visibility.NOBODY])
def test_name_appears_only_when_public(client, everything, visibility):
    public_html, public_card = shown(client, make_guide(**everything))
    assert "Kavitha Selvarajah" in public_html and public_card.name == "Kavitha Selvarajah"

    GuideLanguage.objects.all().delete()
    guide = make_guide(
        **everything,
        first_name="Verborgen",
        last_name="Namenlos",
        email="",
        public_profile=True,
        name_visibility=visibility,
    )
    public_guide = everything["region"].guides.get(first_name="Kavitha")
    public_guide.public_profile = False
    public_guide.save()
    html, card = shown(client, guide)
    assert "Verborgen" not in html and "Namenlos" not in html
    assert card.name == ""
    assert "Tamilischer Kultur-Sportverein Solingen e.V." in card.label


@pytest.mark.parametrize("part", ["contact", "languages", "expertise"])
@pytest.mark.parametrize("visibility", [Visibility.PUBLIC, Visibility.NETWORK, Visibility.NOBODY])
def test_each_part_appears_only_when_public(client, everything, part, visibility):
    guide = make_guide(**everything, **{f"{part}_visibility": visibility})
    html, card = shown(client, guide)
    values = {
        "contact": ["kavitha@example.org", "0170 5550101"],
        "languages": ["Tamil (C1)"],
        "expertise": ["Anerkennung"],
    }[part]
    in_card = {
        "contact": [card.email, card.phone],
        "languages": [f"{language} ({level})" for language, level in card.languages],
        "expertise": card.expertise,
    }[part]
    if visibility == Visibility.PUBLIC:
        assert all(value in html for value in values)
        assert in_card == values
    else:
        assert not any(value in html for value in values)
        assert not any(in_card)


@pytest.mark.parametrize("visibility", [Visibility.PUBLIC, Visibility.NETWORK, Visibility.NOBODY])
def test_photo_appears_only_when_public(client, everything, visibility):
    guide = make_guide(**everything, photo_visibility=visibility)
    html, card = shown(client, guide)
    assert card.has_photo is (visibility == Visibility.PUBLIC)
    try:
        photo_url = reverse("guides:photo", args=[guide.pk])
    except NoReverseMatch:  # the photo view comes with the guides' own pages
        assert "<img" not in html
        return
    assert (photo_url in html) is (visibility == Visibility.PUBLIC)


def test_guide_without_photo_shows_none(client, everything):
    html, card = shown(client, make_guide(**everything, photo=""))
    assert card.has_photo is False and "<img" not in html


@pytest.mark.parametrize("part", PARTS)
def test_one_published_part_is_enough_to_appear(client, everything, part):
    hidden = {f"{other}_visibility": Visibility.NETWORK for other in PARTS if other != part}
    guide = make_guide(**everything, **hidden)
    _html, card = shown(client, guide)
    assert bool(card.name) is (part == "name")
    assert bool(card.languages) is (part == "languages")


def test_hidden_fields_are_not_even_fetched(everything):
    make_guide(
        **everything, name_visibility=Visibility.NETWORK, contact_visibility=Visibility.NOBODY
    )
    guide = guide_finder().get()
    assert {"first_name", "last_name", "email", "phone", "photo"} <= guide.get_deferred_fields()
    assert (guide.public_first_name, guide.public_last_name) == (None, None)
    assert (guide.public_email, guide.public_phone) == (None, None)


def test_only_public_cards_reach_the_template(client, everything):
    make_guide(**everything)
    response = client.get(FINDER)
    assert all(isinstance(card, PublicGuide) for card in response.context["object_list"])
    assert all(isinstance(card, PublicGuide) for card in response.context["page_obj"])


def test_hidden_contact_points_to_the_regional_coordination_not_a_person(
    client, everything, region, coordinator
):
    AgencyFactory(name="Jobcenter EN", regions=[region])
    AgencyFactory(name="KI Ennepe-Ruhr-Kreis", kind=AgencyKind.INTEGRATION_CENTRE, regions=[region])
    agency = AgencyFactory(
        name="Regionalagentur MEO", kind=AgencyKind.REGIONAL_AGENCY, regions=[region]
    )
    ContactPersonFactory(
        organisation=None, agency=agency, name="Petra Koordinatorin", email="petra@meo.example.org"
    )

    html, card = shown(client, make_guide(**everything, contact_visibility=Visibility.NETWORK))

    assert card.coordination == "Regionalagentur MEO"
    assert "Regionalagentur MEO" in html
    for personal in ("Petra", "petra@meo.example.org", coordinator.email, coordinator.name):
        assert personal not in html


def test_coordination_falls_back_to_the_region(client, everything):
    _html, card = shown(client, make_guide(**everything, contact_visibility=Visibility.NOBODY))
    assert card.coordination == "Mittleres Ruhrgebiet"


def test_neutral_label_names_region_without_listed_organisation(client, region):
    unlisted = OrganisationFactory(name="Ungelisteter Verein e.V.", region=region)
    guide = make_guide(region, organisations=[unlisted], name_visibility=Visibility.NOBODY)
    html, card = shown(client, guide)
    assert "Mittleres Ruhrgebiet" in card.label
    assert card.organisations == []
    assert "Ungelisteter Verein" not in html


def test_filter_by_language_matches_only_public_languages(client, region, tamil, arabic):
    shows = make_guide(region, first_name="Zeigt", languages=[(tamil, "B2")])
    make_guide(
        region,
        first_name="Versteckt",
        email="",
        languages=[(tamil, "native")],
        languages_visibility=Visibility.NETWORK,
    )
    make_guide(region, first_name="Arabisch", email="", languages=[(arabic, "C2")])
    assert [c.pk for c in cards(client.get(FINDER, {"language": tamil.pk}))] == [shows.pk]


def test_filter_by_expertise_matches_only_public_expertise(client, region, recognition):
    shows = make_guide(region, first_name="Zeigt", expertise=[recognition])
    make_guide(
        region,
        first_name="Versteckt",
        email="",
        expertise=[recognition],
        expertise_visibility=Visibility.NOBODY,
    )
    make_guide(region, first_name="Ohne", email="")
    response = client.get(FINDER, {"expertise": recognition.pk})
    assert [c.pk for c in cards(response)] == [shows.pk]


def test_who_speaks_tamil_in_solingen(client, region, other_region, solingen_club, tamil):
    hagen = OrganisationFactory(region=region, city="Hagen", listed_publicly=True)
    hidden_club = OrganisationFactory(region=region, city="Solingen")
    in_solingen = make_guide(region, organisations=[solingen_club], languages=[(tamil, "C1")])
    make_guide(region, email="", organisations=[hagen], languages=[(tamil, "C1")])
    make_guide(region, email="", organisations=[hidden_club], languages=[(tamil, "C1")])
    make_guide(other_region, email="", languages=[(tamil, "C1")])

    response = client.get(FINDER, {"language": tamil.pk, "city": "Solingen"})
    assert [c.pk for c in cards(response)] == [in_solingen.pk]
    response = client.get(FINDER, {"language": tamil.pk, "region": other_region.slug})
    assert len(cards(response)) == 1 and cards(response)[0].region_slug == other_region.slug


def test_finder_odd_parameters_are_a_message_not_an_error(client, everything):
    make_guide(**everything)
    response = client.get(
        FINDER, {"region": "abc", "language": "999999", "expertise": "x", "page": "999"}
    )
    assert response.status_code == 200
    assert set(response.context["filter"].errors) == {"region", "language", "expertise"}
    assert len(cards(client.get(FINDER, {"page": "999"}))) == 1
    assert client.get(FINDER, {"city": ["a", "b"], "page": "-1"}).status_code == 200


def test_finder_queries_do_not_grow_with_guides(
    client, region, solingen_club, tamil, arabic, recognition
):
    AgencyFactory(kind=AgencyKind.REGIONAL_AGENCY, regions=[region])
    make_guide(
        region, organisations=[solingen_club], languages=[(tamil, "C1")], expertise=[recognition]
    )
    few = count_queries(client, FINDER)
    for n in range(30):
        regional = RegionFactory()
        AgencyFactory(kind=AgencyKind.REGIONAL_AGENCY, regions=[regional])
        club = OrganisationFactory(region=regional, city="Solingen", listed_publicly=True)
        make_guide(
            regional,
            email=f"lotse{n}@example.org",
            organisations=[club, solingen_club],
            languages=[(tamil, "C1"), (arabic, "B1")],
            expertise=[recognition],
        )
    assert count_queries(client, FINDER) == few <= 12
    filtered = {
        "language": tamil.pk,
        "expertise": recognition.pk,
        "region": region.slug,
        "city": "Solingen",
    }
    assert count_queries(client, FINDER, filtered) <= 12


# --- Every public page ----------------------------------------------------------------------


@pytest.fixture
def public_urls(region, solingen_club):
    return [
        HOME,
        reverse("public:region", args=[region.slug]),
        DIRECTORY,
        reverse("public:organisation", args=[solingen_club.pk]),
        FINDER,
    ]


def test_public_pages_are_german_with_one_h1_and_landmarks(client, public_urls):
    for url in public_urls:
        html = html_of(client.get(url, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9"))
        assert '<html lang="de">' in html, url
        assert html.count("<h1") == 1, url
        assert '<main id="main"' in html and "<header" in html and "<footer" in html, url


def test_filter_forms_work_without_javascript(client, db):
    for url in (DIRECTORY, FINDER):
        html = html_of(client.get(url))
        assert re.search(r'<form method="get"[^>]*role="search"', html), url
        assert "<script" not in html
        for field in client.get(url).context["filter"].form:
            assert f'<label for="{field.id_for_label}"' in html, (url, field.name)


def test_public_pages_refuse_post(client, public_urls):
    for url in public_urls:
        assert client.post(url).status_code == 405, url
