"""The members' area: where a guide lands, what the start page offers, and the directory that
gives each guide's "network only" consent its meaning."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from lotsen.core.roles import Role
from lotsen.core.visibility import Visibility
from lotsen.guides.services import set_guide_status
from lotsen.models.accompaniments import Accompaniment, AccompanimentKind
from lotsen.models.documents import Document, DocumentAudience, DocumentCategory
from lotsen.models.groups import WorkingGroup
from lotsen.models.guides import PROFILE_PARTS, ExpertiseArea, GuideLanguage
from lotsen.models.referrals import ProposalState, ReferralProposal, ReferralRequest
from tests.factories import (
    PASSWORD,
    EventFactory,
    GuideFactory,
    LanguageFactory,
    OrganisationFactory,
    RegionFactory,
    UserFactory,
)

START = reverse("members:start")
DIRECTORY = reverse("members:directory")
COORDINATORS = reverse("members:coordinators")
LONG_AGO = datetime.date(2014, 1, 1)


@pytest.fixture
def tamil(db):
    return LanguageFactory(name="Tamil", name_en="Tamil")


@pytest.fixture
def recognition(db):
    return ExpertiseArea.objects.create(name="Anerkennung", name_en="Recognition")


def member_guide(
    region, *, status="active", languages=(), expertise=(), organisations=(), **fields
):
    """A guide who shares everything with the network (not the public) unless told otherwise."""
    values = {
        "first_name": "Kavitha",
        "last_name": "Selvarajah",
        "email": f"{fields.get('last_name', 'selvarajah').lower()}@example.org",
        "phone": "0170 5550101",
        **{f"{part}_visibility": Visibility.NETWORK for part in PROFILE_PARTS},
        **fields,
    }
    guide = GuideFactory(region=region, **values)
    for language, level in languages:
        GuideLanguage.objects.create(guide=guide, language=language, level=level)
    guide.expertise.set(expertise)
    guide.organisations.set(organisations)
    if status:
        set_guide_status(guide=guide, status=status, valid_from=LONG_AGO)
    return guide


# --- Landing and start page -----------------------------------------------------------------


def test_a_guide_lands_on_the_start_page_after_login(client, guide):
    response = client.post(
        reverse("account_login"), {"login": guide.user.email, "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == START
    assert response.status_code == 200
    html = response.content.decode()
    assert f'href="{START}" aria-current="page"' in html  # the navigation shows it


def test_start_page_shows_next_events_requests_and_reminders(client, guide, region, tamil):
    soon = timezone.now() + datetime.timedelta(days=2)
    EventFactory(title="Öffentlicher Abend", region=region, is_public=True, starts_at=soon,
                 ends_at=soon + datetime.timedelta(hours=2))  # fmt: skip
    EventFactory(title="Internes Lotsentreffen", region=region, starts_at=soon,
                 ends_at=soon + datetime.timedelta(hours=2))  # fmt: skip
    EventFactory(title="Fremdes internes Treffen", starts_at=soon,
                 ends_at=soon + datetime.timedelta(hours=2))  # fmt: skip
    request = ReferralRequest.objects.create(
        organisation="Jobcenter Hagen", contact_name="Frau Berger", email="berger@example.org",
        time_frame="nächste Woche", region=region, state="proposed",
    )  # fmt: skip
    request.languages.add(tamil)
    proposal = ReferralProposal.objects.create(request=request, guide=guide)
    declined_request = ReferralRequest.objects.create(
        organisation="IHK", contact_name="Herr Kurt", email="k@example.org", time_frame="bald",
        region=region, state="proposed",
    )  # fmt: skip
    ReferralProposal.objects.create(
        request=declined_request, guide=guide, state=ProposalState.DECLINED
    )
    Accompaniment.objects.create(
        guide=guide, region=region, kind=AccompanimentKind.JOBCENTER,
        date=timezone.localdate() - datetime.timedelta(days=45),
    )  # fmt: skip
    type(guide).objects.filter(pk=guide.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=400)
    )

    client.force_login(guide.user)
    response = client.get(START)
    html = response.content.decode().replace("\u00ad", "")  # as read: without soft hyphens
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "Öffentlicher Abend" in html and "Internes Lotsentreffen" in html
    assert "Fremdes internes Treffen" not in html
    assert reverse("referrals:proposal", args=[proposal.token]) in html
    assert request.reference in html and declined_request.reference not in html
    assert 'id="reminder-profile"' in html
    assert 'id="reminder-accompaniments"' in html
    assert 'id="reminder-languages"' in html


def test_start_page_empty_states_say_what_to_do(client, guide, tamil):
    GuideLanguage.objects.create(guide=guide, language=tamil, level="C1")
    client.force_login(guide.user)
    html = client.get(START).content.decode()
    assert 'id="reminder-' not in html
    assert reverse("calendar:archive") in html  # no event: look back at past ones
    assert reverse("guides:profile-edit") in html  # no request: keep the profile current
    assert reverse("accompaniments:create") in html  # nothing to do: record an accompaniment
    assert reverse("calendar:member-feed-settings") in html


def test_start_page_is_for_members_only(client, coordinator):
    response = client.get(START)
    assert response.status_code == 302 and reverse("account_login") in response["Location"]
    client.force_login(coordinator)
    assert client.get(START).status_code == 200


# --- Directory ------------------------------------------------------------------------------


def test_directory_shows_network_only_parts_to_members_and_nothing_to_anonymous(
    client, region, guide
):
    shared = member_guide(
        region,
        contact_visibility=Visibility.NETWORK,
        photo_visibility=Visibility.NOBODY,
        first_name="Kavitha",
        last_name="Netzwerkname",
        email="nur-netzwerk@example.org",
    )
    response = client.get(DIRECTORY)
    assert response.status_code == 302 and reverse("account_login") in response["Location"]
    for secret in ("Netzwerkname", "nur-netzwerk@example.org", "0170 5550101"):
        assert secret not in response.content.decode()

    client.force_login(guide.user)
    response = client.get(DIRECTORY)
    html = response.content.decode()
    assert "Kavitha Netzwerkname" in html and "nur-netzwerk@example.org" in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert reverse("guides:photo", args=[shared.pk]) not in html


def test_directory_never_shows_a_part_kept_to_oneself_not_even_in_the_source(
    client, region, guide, tamil, recognition
):
    member_guide(
        region,
        first_name="Geheim",
        last_name="Vertraulich",
        email="geheim@example.org",
        phone="0999 123456",
        name_visibility=Visibility.NOBODY,
        contact_visibility=Visibility.NOBODY,
        languages=[(tamil, "C1")],
        expertise=[recognition],
        expertise_visibility=Visibility.NOBODY,
        organisations=[],
    )
    client.force_login(guide.user)
    response = client.get(DIRECTORY)
    html = response.content.decode()
    assert "Tamil" in html  # the languages are shared ...
    for secret in ("Geheim", "Vertraulich", "geheim@example.org", "0999 123456"):
        assert secret not in html  # ... name and contact are not
    assert "Anerkennung" not in html.split('id="results"')[1]
    # Filtering by a hidden part must not reveal it either.
    response = client.get(DIRECTORY, {"expertise": recognition.pk})
    assert response.context["paginator"].count == 0


def test_directory_lists_only_guides_working_in_the_network(client, region, guide):
    member_guide(region, last_name="Aktiv")
    member_guide(region, last_name="Ausgeschieden", status="left")
    member_guide(region, last_name="Interessiert", status="interested")
    member_guide(region, last_name="Loeschwunsch", deletion_requested_at=timezone.now())
    member_guide(
        region,
        last_name="Niemandem",
        **{f"{part}_visibility": Visibility.NOBODY for part in PROFILE_PARTS},
    )
    client.force_login(guide.user)
    html = client.get(DIRECTORY).content.decode()
    assert "Aktiv" in html
    for hidden in ("Ausgeschieden", "Interessiert", "Loeschwunsch", "Niemandem"):
        assert hidden not in html


def test_directory_filters_by_region_language_and_expertise(
    client, region, other_region, guide, tamil, recognition
):
    member_guide(region, last_name="Hagener", languages=[(tamil, "C1")], expertise=[recognition])
    member_guide(other_region, last_name="Muensteraner")
    client.force_login(guide.user)
    for params in ({"region": region.slug}, {"language": tamil.pk}, {"expertise": recognition.pk}):
        names = [entry.label for entry in client.get(DIRECTORY, params).context["guides"]]
        assert names == ["Kavitha Hagener"], params
    response = client.get(DIRECTORY, {"region": "gibt-es-nicht"})
    assert response.status_code == 200


def test_coordinators_are_listed_with_their_regions_and_work_address(
    client, guide, coordinator, other_coordinator, admin_user, region, other_region
):
    client.force_login(guide.user)
    response = client.get(COORDINATORS)
    html = response.content.decode()
    assert coordinator.email in html and other_coordinator.email in html
    assert region.name in html and other_region.name in html
    filtered = client.get(COORDINATORS, {"region": other_region.slug}).context["coordinators"]
    assert [person.email for person in filtered] == [other_coordinator.email]
    assert client.logout() is None
    assert client.get(COORDINATORS).status_code == 302


def test_directory_queries_do_not_grow_with_rows(
    client, region, guide, coordinator, tamil, recognition, django_assert_num_queries
):
    club = OrganisationFactory(region=region, listed_publicly=True)
    member_guide(region, languages=[(tamil, "C1")], expertise=[recognition], organisations=[club])
    client.force_login(guide.user)

    def count(url, params=None) -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get(url, params or {}).status_code == 200
        return len(queries)

    few, few_coordinators = count(DIRECTORY), count(COORDINATORS)
    for n in range(40):
        regional = RegionFactory()
        other_club = OrganisationFactory(region=regional, listed_publicly=True)
        person = member_guide(
            regional,
            email=f"lotse{n}@example.org",
            languages=[(tamil, "C1")],
            expertise=[recognition],
        )
        person.organisations.set([club, other_club])
        staff = UserFactory(role=Role.COORDINATOR)
        regional.coordinators.add(staff)
    with django_assert_num_queries(few):
        assert client.get(DIRECTORY).status_code == 200
    with django_assert_num_queries(few_coordinators):
        assert client.get(COORDINATORS).status_code == 200
    assert few <= 14
    filtered = {"region": region.slug, "language": tamil.pk, "expertise": recognition.pk}
    with django_assert_num_queries(few):
        assert client.get(DIRECTORY, filtered).status_code == 200


def test_robots_keep_crawlers_out_of_the_members_area(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    for path in (START, reverse("calendar:member-feed-settings")):
        assert f"Disallow: {path}" in body


def test_directory_names_only_publicly_listed_organisations(client, region, guide):
    listed = OrganisationFactory(region=region, name="Gelisteter Verein e.V.", listed_publicly=True)
    unlisted = OrganisationFactory(region=region, name="Ungelisteter Verein e.V.")
    member_guide(region, organisations=[listed, unlisted])
    client.force_login(guide.user)
    html = client.get(DIRECTORY).content.decode()
    assert "Gelisteter Verein e.V." in html and "Ungelisteter Verein e.V." not in html


def test_start_page_shows_new_documents_and_own_working_groups(
    client, guide, other_guide, coordinator
):
    mine = WorkingGroup.objects.create(name="Facharbeitskreis Anerkennung")
    mine.members.add(guide.user)
    WorkingGroup.objects.create(name="Facharbeitskreis Gründung").members.add(other_guide.user)
    shared = Document.objects.create(
        title="Protokoll Lotsentreffen",
        audience=DocumentAudience.MEMBERS,
        category=DocumentCategory.MINUTES,
        created_by=coordinator,
    )
    Document.objects.create(
        title="Nur Koordination",
        audience=DocumentAudience.COORDINATORS,
        category=DocumentCategory.MINUTES,
        created_by=coordinator,
    )
    client.force_login(guide.user)
    page = client.get(reverse("members:start")).content.decode()
    assert "Facharbeitskreis Anerkennung" in page and "Gründung" not in page
    assert shared.title in page and "Nur Koordination" not in page


def test_start_page_without_documents_or_groups_says_what_happens_next(client, guide):
    client.force_login(guide.user)
    page = client.get(reverse("members:start")).content.decode()
    assert 'id="new-documents"' in page and 'id="working-groups"' in page
