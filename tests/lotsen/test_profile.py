"""A guide keeps their own profile: languages, expertise, contact, consent per field; they see
their trainings and events, download their data and can ask for its deletion."""

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from lotsen.core.visibility import Visibility
from lotsen.guides.services import set_guide_status
from lotsen.models.guides import CompletedTraining, ExpertiseArea, GuideStatus
from tests.factories import EventFactory, LanguageFactory, OrganisationFactory

PROFILE = reverse("guides:profile")
EDIT = reverse("guides:profile-edit")
EXPORT = reverse("guides:profile-export")
DELETE = reverse("guides:profile-delete-request")


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def arabic(db):
    return LanguageFactory(name="Arabisch", name_en="Arabic")


@pytest.fixture
def jobcentre(db):
    return ExpertiseArea.objects.create(name="Jobcenter-Begleitung")


def profile_data(guide, *rows, **changes) -> dict:
    """The edit form as the guide sends it: current values, ``rows`` of languages, changes."""
    data = {
        "version": guide.updated_at.isoformat(),
        "email": guide.email,
        "phone": guide.phone,
        "contact_preference": guide.contact_preference,
        "availability": guide.availability,
        "name_visibility": guide.name_visibility,
        "photo_visibility": guide.photo_visibility,
        "contact_visibility": guide.contact_visibility,
        "languages_visibility": guide.languages_visibility,
        "expertise_visibility": guide.expertise_visibility,
        "languages-TOTAL_FORMS": str(max(len(rows), 3)),
        "languages-INITIAL_FORMS": "0",
        "languages-MIN_NUM_FORMS": "0",
        "languages-MAX_NUM_FORMS": "1000",
    }
    if guide.public_profile:
        data["public_profile"] = "on"
    for number, row in enumerate(rows):
        for key, value in row.items():
            data[f"languages-{number}-{key}"] = value
    data.update(changes)
    return data


def test_guide_sees_their_profile_with_trainings_events_and_status(client, guide, region):
    event = EventFactory(region=region, title="Austauschworkshop Bochum")
    event.attending_guides.add(guide)
    CompletedTraining.objects.create(guide=guide, title="Modul 1", completed_on="2014-02-03")
    set_guide_status(guide=guide, status=GuideStatus.IN_TRAINING, valid_from=timezone.localdate())
    client.force_login(guide.user)
    response = client.get(PROFILE)
    page = response.content.decode()
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert guide.full_name in page
    assert "Austauschworkshop Bochum" in page
    assert "Modul 1" in page
    assert "in Qualifizierung" in page


def test_profile_pages_are_for_the_guide_only(client, coordinator, admin_user, guide):
    assert client.get(PROFILE).status_code == 302
    for user in (coordinator, admin_user):
        client.force_login(user)
        assert client.get(PROFILE).status_code == 403
        assert client.get(EDIT).status_code == 403
        assert client.post(DELETE).status_code == 403


def test_consent_defaults_to_nowhere(client, guide):
    client.force_login(guide.user)
    form = client.get(EDIT).context["form"]
    for part in ("name", "photo", "contact", "languages", "expertise"):
        assert form[f"{part}_visibility"].value() == Visibility.NOBODY
    assert form["public_profile"].value() is False


def test_guide_edits_languages_expertise_contact_and_consent(client, guide, arabic, jobcentre):
    client.force_login(guide.user)
    data = profile_data(
        guide,
        {"language": arabic.pk, "level": "native"},
        phone="0234 123456",
        availability="dienstags",
        contact_preference="phone",
        expertise=[jobcentre.pk],
        public_profile="on",
        languages_visibility="public",
        contact_visibility="network",
    )
    response = client.post(EDIT, data)

    assert response.status_code == 302
    assert response.url == PROFILE
    guide.refresh_from_db()
    assert [str(entry) for entry in guide.languages.all()] == ["Arabisch (Muttersprache)"]
    assert list(guide.expertise.all()) == [jobcentre]
    assert (guide.phone, guide.availability, guide.contact_preference) == (
        "0234 123456",
        "dienstags",
        "phone",
    )
    assert guide.public_profile
    assert guide.audience("languages") == Visibility.PUBLIC
    assert guide.audience("contact") == Visibility.NETWORK
    assert guide.audience("name") == Visibility.NOBODY
    assert guide.profile_confirmed_at is not None  # saving confirms the profile


def test_public_needs_the_master_switch(client, guide):
    client.force_login(guide.user)
    client.post(EDIT, profile_data(guide, name_visibility="public"))
    guide.refresh_from_db()
    assert guide.name_visibility == Visibility.PUBLIC
    assert guide.audience("name") == Visibility.NETWORK


def test_duplicate_language_is_a_message_and_nothing_saved(client, guide, arabic):
    client.force_login(guide.user)
    data = profile_data(
        guide,
        {"language": arabic.pk, "level": "B1"},
        {"language": arabic.pk, "level": "C2"},
        availability="geändert",
    )
    response = client.post(EDIT, data)
    assert response.status_code == 200
    assert response.context["formset"].non_form_errors()
    guide.refresh_from_db()
    assert guide.availability == ""
    assert not guide.languages.exists()


def test_invalid_choice_and_email_are_field_errors(client, guide):
    client.force_login(guide.user)
    response = client.post(EDIT, profile_data(guide, email="kein-at", name_visibility="alle"))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) == {"email", "name_visibility"}
    assert 'id="error-summary"' in response.content.decode()


def test_garbage_post_is_a_form_error_not_a_500(client, guide):
    client.force_login(guide.user)
    response = client.post(EDIT, {"languages-TOTAL_FORMS": "x", "version": "gestern"})
    assert response.status_code == 200


def test_guide_cannot_overwrite_a_coordinators_newer_edit(client, guide):
    client.force_login(guide.user)
    opened = profile_data(guide)
    guide.availability = "von der Koordination geändert"
    guide.save()
    response = client.post(EDIT, {**opened, "availability": "vom Lotsen"})
    assert response.status_code == 200
    assert "nach dem Öffnen geändert" in response.content.decode()
    guide.refresh_from_db()
    assert guide.availability == "von der Koordination geändert"


def test_guide_cannot_change_what_the_coordination_keeps(client, guide, other_region):
    client.force_login(guide.user)
    data = profile_data(guide, first_name="Anders", region=other_region.pk)
    assert client.post(EDIT, data).status_code == 302
    guide.refresh_from_db()
    assert guide.first_name != "Anders"
    assert guide.region != other_region


def test_export_holds_all_data_about_the_guide_and_nobody_else(
    client, guide, other_guide, arabic, region
):
    guide.languages.create(language=arabic, level="B2")
    guide.organisations.add(OrganisationFactory(region=region, name="Vatanspor e.V."))
    other_guide.last_name = "Unbeteiligt-Nachbar"  # a random name could occur in other text
    other_guide.save()
    set_guide_status(guide=guide, status=GuideStatus.ACTIVE, valid_from=datetime.date(2014, 3, 1))
    CompletedTraining.objects.create(guide=guide, title="Modul 2", completed_on="2014-03-10")
    EventFactory(region=region, title="Netzwerktreffen Witten").attending_guides.add(guide)
    client.force_login(guide.user)
    client.post(EDIT, profile_data(guide, availability="abends"))

    response = client.get(EXPORT)

    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["profile"]["last_name"] == guide.last_name
    assert data["account"]["email"] == guide.user.email
    assert data["languages"] == [{"language": "Arabisch", "level": "B2"}]
    assert data["organisations"][0]["name"] == "Vatanspor e.V."
    assert data["status_history"][0]["status"] == "active"
    assert data["trainings"][0]["title"] == "Modul 2"
    assert data["attended_events"][0]["title"] == "Netzwerktreffen Witten"
    changed = [entry["changes"].get("availability") for entry in data["change_history"]]
    assert ["", "abends"] in changed
    assert other_guide.last_name not in response.content.decode()


def test_deletion_request_is_recorded_and_can_be_withdrawn(client, guide):
    client.force_login(guide.user)
    response = client.post(DELETE, follow=True)
    assert response.status_code == 200
    guide.refresh_from_db()
    requested = guide.deletion_requested_at
    assert requested is not None
    [message] = list(response.context["messages"])
    assert "Landeskoordination" in str(message)

    client.post(DELETE)  # asking again keeps the first date
    guide.refresh_from_db()
    assert guide.deletion_requested_at == requested

    client.post(DELETE, {"withdraw": "1"})
    guide.refresh_from_db()
    assert guide.deletion_requested_at is None


def test_deletion_request_needs_a_post(client, guide):
    client.force_login(guide.user)
    assert client.get(DELETE).status_code == 405
    guide.refresh_from_db()
    assert guide.deletion_requested_at is None


def test_guide_account_without_a_profile_gets_a_404(client, db):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    assert client.get(PROFILE).status_code == 404
