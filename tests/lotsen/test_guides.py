"""Coordinators manage the guides of their regions: list, page, forms, status, invitation,
referral search; the Landeskoordination confirms deletion requests."""

import csv
import datetime
import io
import re

import openpyxl
import pytest
from allauth.account.models import EmailAddress
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from lotsen.core.roles import Role
from lotsen.guides.services import set_guide_status
from lotsen.models.accounts import User
from lotsen.models.guides import (
    CompletedTraining,
    ExpertiseArea,
    Guide,
    GuideLanguage,
    GuideStatus,
    GuideStatusChange,
)
from tests.factories import (
    EventFactory,
    GuideFactory,
    LanguageFactory,
    OrganisationFactory,
    RegionFactory,
    UserFactory,
)

LIST = reverse("guides:list")
SEARCH = reverse("guides:search")
LONG_AGO = datetime.date(2014, 1, 27)


@pytest.fixture
def arabic(db):
    return LanguageFactory(name="Arabisch", name_en="Arabic")


@pytest.fixture
def turkish(db):
    return LanguageFactory(name="Türkisch", name_en="Turkish")


@pytest.fixture
def recognition(db):
    return ExpertiseArea.objects.create(
        name="Anerkennung ausländischer Abschlüsse", name_en="Recognition of qualifications"
    )


@pytest.fixture
def hagen(region):
    return OrganisationFactory(name="Deutsch-Arabischer Verein Hagen e.V.", region=region)


@pytest.fixture
def guides(region, other_region, arabic, turkish, recognition, hagen):
    """Amira (Arabic C1, recognition, active, Hagen), Deniz (Turkish native, Arabic A1,
    interested), and Jana in the other region (Arabic native)."""
    amira = GuideFactory(first_name="Amira", last_name="Haddad", region=region, email="a@x.org")
    amira.languages.create(language=arabic, level="C1")
    amira.expertise.add(recognition)
    amira.organisations.add(hagen)
    set_guide_status(guide=amira, status=GuideStatus.ACTIVE, valid_from=LONG_AGO)
    deniz = GuideFactory(first_name="Deniz", last_name="Yilmaz", region=region)
    deniz.languages.create(language=turkish, level="native")
    deniz.languages.create(language=arabic, level="A1")
    set_guide_status(guide=deniz, status=GuideStatus.INTERESTED, valid_from=LONG_AGO)
    jana = GuideFactory(first_name="Jana", last_name="Nasser", region=other_region, email="j@x.org")
    jana.languages.create(language=arabic, level="native")
    set_guide_status(guide=jana, status=GuideStatus.ACTIVE, valid_from=LONG_AGO)
    return {"amira": amira, "deniz": deniz, "jana": jana}


def names(response) -> list[str]:
    return [guide.first_name for guide in response.context["object_list"]]


def language_rows(*rows, prefix="languages", initial=0) -> dict:
    """POST data of the language formset: ``rows`` of (language pk, level), three spare rows."""
    data = {
        f"{prefix}-TOTAL_FORMS": str(max(len(rows), 3)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for number, row in enumerate(rows):
        for key, value in row.items():
            data[f"{prefix}-{number}-{key}"] = value
    return data


# --- List -----------------------------------------------------------------------------------


def test_coordinator_lists_only_their_regions_guides(client, coordinator, guides, guide):
    client.force_login(coordinator)
    response = client.get(LIST)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert set(names(response)) == {"Amira", "Deniz", guide.first_name}
    assert "Jana" not in response.content.decode()


def test_landeskoordination_lists_every_region(client, admin_user, guides):
    client.force_login(admin_user)
    assert set(names(client.get(LIST))) == {"Amira", "Deniz", "Jana"}


def test_filter_by_language_with_a_minimum_level(client, coordinator, guides, arabic):
    client.force_login(coordinator)
    assert sorted(names(client.get(LIST, {"language": arabic.pk}))) == ["Amira", "Deniz"]
    # The level applies to the same language: Deniz speaks Arabic A1 (and Turkish natively).
    assert names(client.get(LIST, {"language": arabic.pk, "level": "B2"})) == ["Amira"]
    assert names(client.get(LIST, {"level": "native"})) == ["Deniz"]


def test_filter_by_status_expertise_organisation_and_region(
    client, coordinator, guides, recognition, hagen, region
):
    client.force_login(coordinator)
    assert names(client.get(LIST, {"status": "interested"})) == ["Deniz"]
    assert names(client.get(LIST, {"expertise": recognition.pk})) == ["Amira"]
    assert names(client.get(LIST, {"organisation": hagen.pk})) == ["Amira"]
    assert sorted(names(client.get(LIST, {"region": region.pk}))) == ["Amira", "Deniz"]


def test_status_filter_uses_todays_status(client, coordinator, guides):
    set_guide_status(
        guide=guides["amira"], status=GuideStatus.PAUSED, valid_from=timezone.localdate()
    )
    client.force_login(coordinator)
    assert names(client.get(LIST, {"status": "active"})) == []
    assert names(client.get(LIST, {"status": "paused"})) == ["Amira"]


def test_filter_by_account_and_stale_profiles(client, coordinator, guides, guide):
    old = timezone.now() - datetime.timedelta(days=200)
    Guide.objects.filter(pk=guides["deniz"].pk).update(created_at=old)
    Guide.objects.filter(pk=guides["amira"].pk).update(created_at=old, profile_confirmed_at=old)
    Guide.objects.filter(pk=guide.pk).update(
        created_at=old, profile_confirmed_at=timezone.now() - datetime.timedelta(days=10)
    )
    client.force_login(coordinator)
    assert names(client.get(LIST, {"account": "yes"})) == [guide.first_name]
    assert names(client.get(LIST, {"account": "invited"})) == [guide.first_name]
    assert sorted(names(client.get(LIST, {"account": "no"}))) == ["Amira", "Deniz"]
    assert sorted(names(client.get(LIST, {"confirmed": "stale"}))) == ["Amira", "Deniz"]
    assert names(client.get(LIST, {"confirmed": "fresh"})) == [guide.first_name]


def test_search_by_name_and_sort(client, coordinator, guides):
    client.force_login(coordinator)
    assert names(client.get(LIST, {"q": "hadd"})) == ["Amira"]
    assert names(client.get(LIST, {"q": "Deniz Yilmaz"})) == ["Deniz"]
    assert names(client.get(LIST, {"q": "gibt es nicht"})) == []
    assert names(client.get(LIST, {"order": "-name"}))[0] == "Deniz"
    assert names(client.get(LIST, {"order": "status"})) == ["Amira", "Deniz"]
    for order in ("region", "-region", "-status", "confirmed", "-confirmed"):
        assert client.get(LIST, {"order": order}).status_code == 200


def test_odd_filter_values_are_a_message_not_an_error(client, coordinator, guides):
    client.force_login(coordinator)
    for odd in (
        {"language": "x", "level": "Z9", "status": "?", "order": "nope"},
        {"language": "999999", "account": "maybe", "confirmed": "[]", "q": "'; --"},
        {"organisation": "-1", "expertise": "1e9", "region": "%00"},
    ):
        response = client.get(LIST, odd)
        assert response.status_code == 200
        assert response.context["filter"].errors
        response = client.get(SEARCH, {**odd, "place": "x" * 500})
        assert response.status_code == 200
    assert client.get(LIST, {"page": "zz"}).status_code == 404


def test_csv_export_holds_exactly_the_filtered_rows(client, coordinator, guides, arabic):
    client.force_login(coordinator)
    response = client.get(LIST, {"language": arabic.pk, "level": "B1", "export": "csv"})
    assert "no-store" in response["Cache-Control"]
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert [row[:2] for row in table[1:]] == [["Haddad", "Amira"]]
    assert "Arabisch (C1)" in table[1]
    assert "Anerkennung ausländischer Abschlüsse" in table[1]


def test_xlsx_export_of_the_whole_filtered_list(client, coordinator, region, guides):
    GuideFactory.create_batch(55, region=region)  # more than one page
    client.force_login(coordinator)
    response = client.get(LIST, {"export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 1 + 57
    assert "Nasser" not in [cell.value for cell in sheet["A"]]


def test_list_queries_do_not_grow_with_rows(client, coordinator, region, arabic, hagen):
    client.force_login(coordinator)

    def count_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(LIST).status_code == 200
        return len(queries)

    GuideFactory.create_batch(2, region=region)
    few = count_queries()
    for guide in GuideFactory.create_batch(40, region=region, user=None):
        guide.languages.create(language=arabic, level="B2")
        guide.organisations.add(hagen)
        guide.user = UserFactory()
        guide.save()
        set_guide_status(guide=guide, status=GuideStatus.ACTIVE, valid_from=LONG_AGO)
    assert count_queries() == few
    assert few <= 12


# --- Page -----------------------------------------------------------------------------------


def test_guide_page_shows_everything_about_the_guide(client, coordinator, guides, region):
    amira = guides["amira"]
    event = EventFactory(region=region, title="Auftakt Hagen")
    event.attending_guides.add(amira)
    CompletedTraining.objects.create(
        guide=amira, title="Grundlagen Anerkennung", completed_on=LONG_AGO, event=event
    )
    set_guide_status(
        guide=amira, status=GuideStatus.PAUSED, valid_from=timezone.localdate(), note="Elternzeit"
    )
    client.force_login(coordinator)
    response = client.get(reverse("guides:detail", args=[amira.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    shown = ["Arabisch (C1)", "Deutsch-Arabischer Verein Hagen", "Grundlagen Anerkennung",
             "Auftakt Hagen", "Elternzeit", "Anerkennung ausländischer Abschlüsse"]  # fmt: skip
    assert [text for text in shown if text not in page] == []
    timeline = [entry.status for entry in response.context["status_history"]]
    assert timeline == ["paused", "active"]


def test_other_regions_guide_is_404_on_every_url(client, coordinator, guides):
    jana = guides["jana"]
    client.force_login(coordinator)
    for name in ("detail", "update", "status"):
        assert client.get(reverse(f"guides:{name}", args=[jana.pk])).status_code == 404
    for name in ("update", "status", "invite"):
        assert client.post(reverse(f"guides:{name}", args=[jana.pk])).status_code == 404
    assert not User.objects.filter(email="j@x.org").exists()
    assert GuideStatusChange.objects.filter(guide=jana).count() == 1


# --- Create and edit ------------------------------------------------------------------------


def guide_data(region, **extra) -> dict:
    return {
        "first_name": "Samir",
        "last_name": "Aziz",
        "region": region.pk,
        "contact_preference": "coordination",
        "initial_status": "interested",
        **extra,
    }


def test_coordinator_creates_a_guide_with_languages_and_status(
    client, coordinator, region, arabic, turkish, hagen, recognition
):
    client.force_login(coordinator)
    data = guide_data(region, organisations=[hagen.pk], expertise=[recognition.pk])
    data.update(language_rows({"language": arabic.pk, "level": "native"},
                              {"language": turkish.pk, "level": "B1"}))  # fmt: skip
    response = client.post(reverse("guides:create"), data)

    guide = Guide.objects.get(last_name="Aziz")
    assert response.status_code == 302
    assert response.url == reverse("guides:detail", args=[guide.pk])
    assert sorted(str(entry) for entry in guide.languages.all()) == [
        "Arabisch (Muttersprache)",
        "Türkisch (B1)",
    ]
    assert list(guide.organisations.all()) == [hagen]
    assert guide.status_on(timezone.localdate()) == "interested"


def test_create_form_offers_empty_language_rows_without_javascript(client, coordinator):
    client.force_login(coordinator)
    response = client.get(reverse("guides:create"))
    page = response.content.decode()
    assert 'name="languages-TOTAL_FORMS" value="3"' in page
    assert 'id="id_languages-2-language"' in page
    assert 'for="id_languages-2-level"' in page


def test_duplicate_language_is_refused_and_nothing_saved(client, coordinator, region, arabic):
    client.force_login(coordinator)
    data = guide_data(region)
    data.update(language_rows({"language": arabic.pk, "level": "B1"},
                              {"language": arabic.pk, "level": "C1"}))  # fmt: skip
    response = client.post(reverse("guides:create"), data)
    assert response.status_code == 200
    assert response.context["formset"].non_form_errors()
    assert 'id="error-summary"' in response.content.decode()
    assert not Guide.objects.filter(last_name="Aziz").exists()


def test_language_without_level_is_a_row_error(client, coordinator, region, arabic):
    client.force_login(coordinator)
    data = guide_data(region)
    data.update(language_rows({"language": arabic.pk}))
    response = client.post(reverse("guides:create"), data)
    assert response.status_code == 200
    assert response.context["formset"].forms[0].errors["level"]
    assert not Guide.objects.exists()


def test_bad_management_form_is_an_error_in_the_page(client, coordinator, region):
    client.force_login(coordinator)
    response = client.post(reverse("guides:create"), guide_data(region))
    assert response.status_code == 200
    assert not Guide.objects.exists()


def test_coordinator_cannot_use_another_regions_region_or_organisation(
    client, coordinator, region, other_region
):
    foreign = OrganisationFactory(region=other_region)
    client.force_login(coordinator)
    response = client.post(
        reverse("guides:create"), {**guide_data(other_region), **language_rows()}
    )
    assert "region" in response.context["form"].errors
    response = client.post(
        reverse("guides:create"),
        {**guide_data(region, organisations=[foreign.pk]), **language_rows()},
    )
    assert "organisations" in response.context["form"].errors
    assert not Guide.objects.exists()


def test_future_initial_data_cannot_slip_in(client, coordinator, region):
    client.force_login(coordinator)
    response = client.post(
        reverse("guides:create"), {**guide_data(region, initial_status="boss"), **language_rows()}
    )
    assert "initial_status" in response.context["form"].errors


def edit_data(client, guide) -> dict:
    """What the edit form sends back unchanged."""
    response = client.get(reverse("guides:update", args=[guide.pk]))
    form, formset = response.context["form"], response.context["formset"]
    data = {}
    for name in form.fields:
        value = form[name].value()
        if isinstance(value, list):
            data[name] = [str(v) for v in value]
        elif value is not None:
            data[name] = value
    data["languages-TOTAL_FORMS"] = str(formset.total_form_count())
    data["languages-INITIAL_FORMS"] = str(formset.initial_form_count())
    data["languages-MIN_NUM_FORMS"] = "0"
    data["languages-MAX_NUM_FORMS"] = "1000"
    for row in formset.forms:
        for name in ("id", "language", "level"):
            value = row[name].value()
            if value not in (None, ""):
                data[f"{row.prefix}-{name}"] = value
    return data


def test_edit_is_recorded_in_the_history_with_languages(client, coordinator, guides, turkish):
    amira = guides["amira"]
    client.force_login(coordinator)
    data = edit_data(client, amira)
    data["availability"] = "samstags"
    data["languages-0-level"] = "C2"
    data["languages-1-language"] = turkish.pk
    data["languages-1-level"] = "A2"
    response = client.post(reverse("guides:update", args=[amira.pk]), data)
    assert response.status_code == 302

    assert {str(entry) for entry in amira.languages.all()} == {"Arabisch (C2)", "Türkisch (A2)"}
    detail = client.get(reverse("guides:detail", args=[amira.pk]))
    history = detail.context["history"]
    changes = [(c.field, c.after) for entry in history for c in entry.changes]
    assert ("Verfügbarkeit", "samstags") in changes
    assert ("Niveau", "C2") in changes
    assert history[0].actor == str(coordinator)


def test_removing_a_language_by_ticking_remove(client, coordinator, guides):
    deniz = guides["deniz"]
    client.force_login(coordinator)
    data = edit_data(client, deniz)
    data["languages-0-DELETE"] = "on"
    removed = str(deniz.languages.first().language)
    assert client.post(reverse("guides:update", args=[deniz.pk]), data).status_code == 302
    assert deniz.languages.count() == 1
    history = client.get(reverse("guides:detail", args=[deniz.pk])).context["history"]
    assert ("Sprache", removed, "") in [(c.field, c.before, c.after) for c in history[0].changes]


def test_second_tab_gets_a_conflict_instead_of_overwriting(client, coordinator, guides):
    amira = guides["amira"]
    client.force_login(coordinator)
    stale = edit_data(client, amira)
    url = reverse("guides:update", args=[amira.pk])
    assert client.post(url, {**stale, "availability": "Erster Tab"}).status_code == 302
    response = client.post(url, {**stale, "availability": "Zweiter Tab"})

    assert response.status_code == 200
    assert "nach dem Öffnen geändert" in response.content.decode()
    amira.refresh_from_db()
    assert amira.availability == "Erster Tab"


def test_coordinator_form_does_not_touch_the_guides_consent(client, coordinator, guides):
    amira = guides["amira"]
    client.force_login(coordinator)
    data = edit_data(client, amira)
    data.update(public_profile="on", name_visibility="public")
    client.post(reverse("guides:update", args=[amira.pk]), data)
    amira.refresh_from_db()
    assert (amira.public_profile, amira.name_visibility) == (False, "nobody")


# --- Status ---------------------------------------------------------------------------------


def test_status_change_is_recorded_with_date_and_note(client, coordinator, guides):
    amira = guides["amira"]
    client.force_login(coordinator)
    url = reverse("guides:status", args=[amira.pk])
    assert client.get(url).status_code == 200
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    response = client.post(url, {"status": "paused", "valid_from": yesterday, "note": "Umzug"})
    assert response.status_code == 302
    entry = amira.status_changes.get(valid_from=yesterday)
    assert (entry.status, entry.note, entry.recorded_by) == ("paused", "Umzug", coordinator)


def test_status_change_in_the_future_is_refused(client, coordinator, guides):
    amira = guides["amira"]
    client.force_login(coordinator)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client.post(
        reverse("guides:status", args=[amira.pk]), {"status": "left", "valid_from": tomorrow}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["valid_from"]
    assert amira.status_changes.count() == 1


# --- Invitation -----------------------------------------------------------------------------


def invitation_link(message) -> str:
    return re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+)", message.body).group(1)


def test_invitation_creates_an_account_and_sends_a_link(
    client, coordinator, guides, django_capture_on_commit_callbacks
):
    amira = guides["amira"]
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("guides:invite", args=[amira.pk]))

    assert response.status_code == 302
    amira.refresh_from_db()
    user = amira.user
    assert (user.email, user.role, user.has_usable_password()) == ("a@x.org", Role.GUIDE, False)
    assert EmailAddress.objects.filter(user=user, verified=True, primary=True).count() == 1
    assert amira.invited_at is not None
    [message] = mail.outbox
    assert message.to == ["a@x.org"]
    assert "Lotsen-Portal" in message.subject
    assert coordinator.name in message.body
    assert invitation_link(message)


def test_invited_guide_sets_a_password_and_lands_on_their_profile(
    client, coordinator, guides, django_capture_on_commit_callbacks
):
    amira = guides["amira"]
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("guides:invite", args=[amira.pk]))
    client.logout()

    page = client.get(invitation_link(mail.outbox[0]), follow=True)
    assert page.status_code == 200
    password = "mein-neues-lotsen-passwort"
    response = client.post(
        page.redirect_chain[-1][0], {"password1": password, "password2": password}
    )
    assert response.status_code == 302
    amira.refresh_from_db()
    assert amira.user.check_password(password)

    response = client.post(
        reverse("account_login"), {"login": "a@x.org", "password": password}, follow=True
    )
    assert response.context["user"] == amira.user
    try:
        reverse("start")
    except NoReverseMatch:
        pytest.skip("the start page (LOGIN_REDIRECT_URL) is built elsewhere")
    assert response.redirect_chain[-1][0] == reverse("members:start")


def test_inviting_twice_resends_but_never_makes_a_second_account(
    client, coordinator, guides, django_capture_on_commit_callbacks
):
    amira = guides["amira"]
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("guides:invite", args=[amira.pk]))
        client.post(reverse("guides:invite", args=[amira.pk]))
    assert User.objects.filter(email="a@x.org").count() == 1
    assert EmailAddress.objects.filter(email__iexact="a@x.org").count() == 1
    assert [m.to for m in mail.outbox] == [["a@x.org"], ["a@x.org"]]


def test_guide_without_email_gets_a_clear_message(
    client, coordinator, guides, django_capture_on_commit_callbacks
):
    deniz = guides["deniz"]
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("guides:invite", args=[deniz.pk]), follow=True)
    assert response.status_code == 200
    [message] = list(response.context["messages"])
    assert message.level_tag == "error"
    assert "Deniz Yilmaz" in message.message
    deniz.refresh_from_db()
    assert deniz.user is None
    assert mail.outbox == []


def test_address_of_another_account_is_not_taken_over(
    client, coordinator, guides, django_capture_on_commit_callbacks
):
    amira = guides["amira"]
    Guide.objects.filter(pk=amira.pk).update(email=coordinator.email)
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("guides:invite", args=[amira.pk]))
    amira.refresh_from_db()
    assert amira.user is None
    assert mail.outbox == []
    coordinator.refresh_from_db()
    assert coordinator.role == Role.COORDINATOR


# --- Referral search ------------------------------------------------------------------------


def test_referral_search_finds_arabic_and_recognition_near_hagen(
    client, coordinator, guides, arabic, recognition
):
    client.force_login(coordinator)
    response = client.get(
        SEARCH,
        {"language": arabic.pk, "level": "B2", "expertise": recognition.pk, "place": "Hagen"},
    )
    assert response.status_code == 200
    assert names(response) == ["Amira"]
    assert "a@x.org" in response.content.decode()  # contact details for the referral


def test_referral_search_defaults_to_active_guides(client, coordinator, guides, arabic):
    client.force_login(coordinator)
    response = client.get(SEARCH, {"language": arabic.pk})
    assert names(response) == ["Amira"]
    assert response.context["filter"].form["status"].value() == "active"
    assert sorted(names(client.get(SEARCH, {"language": arabic.pk, "status": "any"}))) == [
        "Amira",
        "Deniz",
    ]


def test_referral_search_covers_all_of_the_coordinators_regions(
    client, coordinator, guides, arabic, other_region
):
    third = RegionFactory(name="Bergisches Städtedreieck")
    third.coordinators.add(coordinator)
    karim = GuideFactory(first_name="Karim", region=third)
    karim.languages.create(language=arabic, level="B2")
    set_guide_status(guide=karim, status=GuideStatus.ACTIVE, valid_from=LONG_AGO)
    client.force_login(coordinator)
    found = names(client.get(SEARCH, {"language": arabic.pk}))
    assert sorted(found) == ["Amira", "Karim"]  # not Jana of the other region
    assert names(client.get(SEARCH, {"language": arabic.pk, "region": other_region.pk})) == []


def test_referral_search_for_the_landeskoordination_spans_every_region(
    client, admin_user, guides, arabic
):
    client.force_login(admin_user)
    assert sorted(names(client.get(SEARCH, {"language": arabic.pk}))) == ["Amira", "Jana"]


def test_referral_search_queries_do_not_grow_with_rows(
    client, coordinator, region, arabic, recognition, hagen
):
    client.force_login(coordinator)

    def count_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(SEARCH, {"language": arabic.pk, "place": "Hagen"})
            assert response.status_code == 200
        return len(queries)

    def add(count):
        for guide in GuideFactory.create_batch(count, region=region):
            guide.languages.create(language=arabic, level="B2")
            guide.organisations.add(hagen)
            guide.expertise.add(recognition)
            set_guide_status(guide=guide, status=GuideStatus.ACTIVE, valid_from=LONG_AGO)

    add(2)
    few = count_queries()
    add(30)
    assert count_queries() == few
    assert few <= 12


# --- Deletion on request --------------------------------------------------------------------


@pytest.fixture
def leaving(region, arabic, hagen, coordinator):
    """A guide with an account, history, training and an event, who asked for deletion."""
    guide = GuideFactory(
        first_name="Leyla", last_name="Demir", region=region, user=UserFactory(email="l@x.org")
    )
    guide.languages.create(language=arabic, level="B1")
    guide.organisations.add(hagen)
    set_guide_status(guide=guide, status=GuideStatus.ACTIVE, valid_from=LONG_AGO)
    CompletedTraining.objects.create(guide=guide, title="Grundlagen", completed_on=LONG_AGO)
    event = EventFactory(region=region)
    event.attending_guides.add(guide)
    guide.deletion_requested_at = timezone.now()
    guide.save()
    return guide


def test_landeskoordination_sees_and_confirms_deletion_requests(
    client, admin_user, leaving, guides, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    leaving.photo.save("leyla.jpg", ContentFile(b"\xff\xd8 pretend jpeg"))
    photo = tmp_path / leaving.photo.name
    assert photo.exists()
    client.force_login(admin_user)
    response = client.get(reverse("guides:deletion-requests"))
    assert [g.pk for g in response.context["guides"]] == [leaving.pk]

    user_pk = leaving.user_id
    event = leaving.attended_events.get()
    language_pks = [str(pk) for pk in leaving.languages.values_list("pk", flat=True)]
    language_type = ContentType.objects.get_for_model(GuideLanguage)
    language_history = LogEntry.objects.filter(
        content_type=language_type, object_pk__in=language_pks
    )
    assert language_history.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("guides:confirm-deletion", args=[leaving.pk]))

    assert response.status_code == 302
    assert not Guide.objects.filter(pk=leaving.pk).exists()
    assert not photo.exists()
    assert not User.objects.filter(pk=user_pk).exists()
    assert not EmailAddress.objects.filter(email="l@x.org").exists()
    assert not GuideLanguage.objects.filter(pk__in=language_pks).exists()
    assert not CompletedTraining.objects.filter(title="Grundlagen").exists()
    # Nothing personal stays behind in the change history.
    leftovers = [
        entry
        for entry in LogEntry.objects.all()
        if "Leyla" in str(entry.changes) + entry.object_repr + str(entry.actor_email)
        or "Demir" in str(entry.changes) + entry.object_repr
        or "l@x.org" in str(entry.changes) + str(entry.actor_email)
    ]
    assert leftovers == []
    assert not language_history.exists()
    assert LogEntry.objects.get_for_object(event).exists()  # the event's own history stays
    assert Guide.objects.filter(pk=guides["amira"].pk).exists()


def test_only_requested_deletions_can_be_confirmed(client, admin_user, guides):
    client.force_login(admin_user)
    response = client.post(reverse("guides:confirm-deletion", args=[guides["amira"].pk]))
    assert response.status_code == 404
    assert Guide.objects.filter(pk=guides["amira"].pk).exists()


def test_coordinators_cannot_confirm_deletions(client, coordinator, leaving):
    client.force_login(coordinator)
    assert client.get(reverse("guides:deletion-requests")).status_code == 403
    response = client.post(reverse("guides:confirm-deletion", args=[leaving.pk]))
    assert response.status_code == 403
    assert Guide.objects.filter(pk=leaving.pk).exists()


def test_landeskoordination_picks_organisations_by_region(
    client, admin_user, guides, hagen, region
):
    client.force_login(admin_user)
    unfiltered = client.get(LIST).context["filter"].form.fields["organisation"]
    assert list(unfiltered.queryset) == []  # not every organisation of the state at once
    response = client.get(LIST, {"region": region.pk, "organisation": hagen.pk})
    assert names(response) == ["Amira"]
    assert names(client.get(LIST, {"organisation": hagen.pk})) == ["Amira"]  # bookmarked link


def test_email_of_another_guide_is_refused(client, coordinator, region, guides):
    client.force_login(coordinator)
    response = client.post(
        reverse("guides:create"), {**guide_data(region, email="A@X.org"), **language_rows()}
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert Guide.objects.filter(email__iexact="a@x.org").count() == 1
