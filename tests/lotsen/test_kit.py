"""The guide's kit: business cards, information sheet, attestation and its public check."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from lotsen.demo.services import load_demo
from lotsen.kit import views as kit_views
from lotsen.models import Attestation, GuideKit, GuideLanguage
from tests.factories import LanguageFactory


@pytest.fixture
def kit_guide(guide, coordinator):
    coordinator.name = "Armin Suceska"
    coordinator.save()
    guide.first_name, guide.last_name = "Amra", "Hodžić"
    guide.phone, guide.email = "+49 2336 987654", "amra.hodzic@example.org"
    guide.save()
    for name in ("Bosnisch", "Türkisch"):
        GuideLanguage.objects.create(guide=guide, language=LanguageFactory(name=name), level="C1")
    return guide


def pages_of(response) -> list[str]:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def assert_tagged(response) -> None:
    root = PdfReader(io.BytesIO(response.content)).trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/MarkInfo"]["/Marked"]


def test_cards_print_ten_cards_and_only_the_coordination_by_default(client, kit_guide):
    client.force_login(kit_guide.user)

    response = client.get(reverse("kit:cards", args=[kit_guide.pk]))

    pages = pages_of(response)
    assert len(pages) == 1
    assert pages[0].count("Amra Hodžić") == 10
    assert pages[0].count("Arbeitsmarktlotsin/-lotse") == 10
    assert pages[0].count("Bosnisch, Türkisch") == 10
    assert "koordination@example.org" in pages[0]
    assert "987654" not in pages[0] and "amra.hodzic@example.org" not in pages[0]
    assert_tagged(response)


def test_cards_print_only_the_contact_the_guide_chose(client, kit_guide):
    client.force_login(kit_guide.user)
    response = client.post(
        reverse("kit:own"), {"title_form": "lotsin", "contact": "phone", "sheet_language": ""}
    )
    assert response.status_code == 302

    text = pages_of(client.get(reverse("kit:cards", args=[kit_guide.pk])))[0]

    assert text.count("+49 2336 987654") == 10
    assert "Arbeitsmarktlotsin " in text and "/-lotse" not in text
    assert "amra.hodzic@example.org" not in text
    assert "koordination@example.org" not in text


def test_information_sheet_is_one_page_per_language(client, kit_guide):
    client.force_login(kit_guide.user)
    url = reverse("kit:info-sheet", args=[kit_guide.pk])

    german = client.get(url)
    (page,) = pages_of(german)
    assert "Was Lotsinnen und Lotsen nicht dürfen" in page
    assert "Amra Hodžić" in page and "Regionalkoordination" in page
    assert "987654" not in page
    assert_tagged(german)

    GuideKit.objects.create(guide=kit_guide, sheet_language="en", contact="email")
    bilingual = pages_of(client.get(url))
    assert len(bilingual) == 2
    assert "What a guide may not do" in bilingual[1]
    assert all("amra.hodzic@example.org" in page for page in bilingual)


def test_kit_page_refuses_a_choice_that_does_not_exist(client, kit_guide):
    client.force_login(kit_guide.user)

    response = client.post(reverse("kit:own"), {"title_form": "captain", "contact": "phone"})

    assert response.status_code == 200
    assert "form-row--error" in response.content.decode()
    assert not GuideKit.objects.exists()


def issue(client, guide, until: datetime.date):
    return client.post(reverse("kit:issue", args=[guide.pk]), {"valid_until": until.isoformat()})


def verify(client, code: str) -> str:
    return client.get(reverse("kit:verify"), {"code": code}).content.decode()


def test_coordinator_issues_an_attestation_that_an_office_can_check(client, kit_guide, coordinator):
    client.force_login(coordinator)
    until = timezone.localdate() + datetime.timedelta(days=200)
    assert issue(client, kit_guide, until).status_code == 302
    attestation = Attestation.objects.get()

    response = client.get(reverse("kit:attestation", args=[attestation.pk]))
    (text,) = pages_of(response)
    assert attestation.printed_code in text and "Amra Hodžić" in text
    assert "Bescheinigung Begleitperson" in text and "Armin Suceska" in text
    assert_tagged(response)

    client.logout()
    # Typed from paper: lower case, spaces, an O for the zero.
    typed = attestation.printed_code.lower().replace("0", "o").replace("-", " ")
    page = verify(client, typed)
    assert "Gültig." in page
    assert "Hodžić" not in page and "Suceska" not in page


def test_verification_page_shows_revoked_and_expired(client, kit_guide, coordinator):
    client.force_login(coordinator)
    issue(client, kit_guide, timezone.localdate() + datetime.timedelta(days=10))
    attestation = Attestation.objects.get()
    old = Attestation.objects.create(
        guide=kit_guide,
        region=kit_guide.region,
        issued_by=coordinator,
        valid_from=timezone.localdate() - datetime.timedelta(days=400),
        valid_until=timezone.localdate() - datetime.timedelta(days=1),
    )

    assert client.post(reverse("kit:revoke", args=[attestation.pk])).status_code == 302
    client.logout()

    assert "Widerrufen." in verify(client, attestation.code)
    assert "Abgelaufen." in verify(client, old.code)
    assert "Keine Bescheinigung hat diesen Code" in verify(client, "ABCD-EFGH-JKMN")


def test_a_double_submission_issues_one_attestation(client, kit_guide, coordinator):
    client.force_login(coordinator)
    until = timezone.localdate() + datetime.timedelta(days=90)
    issue(client, kit_guide, until)
    issue(client, kit_guide, until)
    assert Attestation.objects.count() == 1
    # A different validity is a deliberate new paper.
    issue(client, kit_guide, until + datetime.timedelta(days=30))
    assert Attestation.objects.count() == 2


def test_a_revoked_or_expired_attestation_is_not_printed_again(client, kit_guide, coordinator):
    client.force_login(coordinator)
    issue(client, kit_guide, timezone.localdate() + datetime.timedelta(days=10))
    attestation = Attestation.objects.get()
    client.post(reverse("kit:revoke", args=[attestation.pk]))
    expired = Attestation.objects.create(
        guide=kit_guide,
        region=kit_guide.region,
        issued_by=coordinator,
        valid_from=timezone.localdate() - datetime.timedelta(days=400),
        valid_until=timezone.localdate() - datetime.timedelta(days=1),
    )
    for gone in (attestation, expired):
        assert client.get(reverse("kit:attestation", args=[gone.pk])).status_code == 404


def test_verification_page_is_rate_limited(client, db, monkeypatch):
    monkeypatch.setattr(kit_views, "VERIFY_LIMIT", 3)
    for _ in range(3):
        assert client.get(reverse("kit:verify"), {"code": "X"}).status_code == 200

    response = client.get(reverse("kit:verify"), {"code": "X"})

    assert response.status_code == 429
    assert "Zu viele Prüfungen" in response.content.decode()


def test_attestation_cannot_be_issued_for_the_past_or_too_long(client, kit_guide, coordinator):
    client.force_login(coordinator)
    today = timezone.localdate()

    past = issue(client, kit_guide, today - datetime.timedelta(days=1))
    long = issue(client, kit_guide, today + datetime.timedelta(days=800))

    assert "mindestens bis heute gültig" in past.content.decode()
    assert "höchstens zwei Jahre" in long.content.decode()
    assert not Attestation.objects.exists()


def test_landeskoordination_may_revoke_but_not_issue(client, kit_guide, admin_user, coordinator):
    client.force_login(admin_user)
    assert issue(client, kit_guide, timezone.localdate()).status_code == 403
    page = client.get(reverse("kit:guide", args=[kit_guide.pk])).content.decode()
    assert "Bescheinigung ausstellen" not in page


def test_guide_and_coordinator_reach_the_kit_from_their_pages(client, kit_guide, coordinator):
    client.force_login(kit_guide.user)
    assert reverse("kit:own") in client.get(reverse("guides:profile")).content.decode()
    own = client.get(reverse("kit:own")).content.decode()
    assert reverse("kit:cards", args=[kit_guide.pk]) in own

    client.force_login(coordinator)
    detail = client.get(reverse("guides:detail", args=[kit_guide.pk])).content.decode()
    assert reverse("kit:guide", args=[kit_guide.pk]) in detail


def test_cards_name_the_coordination_when_the_chosen_number_is_missing(client, kit_guide):
    kit_guide.phone = ""
    kit_guide.save()
    GuideKit.objects.create(guide=kit_guide, contact="phone")
    client.force_login(kit_guide.user)

    text = pages_of(client.get(reverse("kit:cards", args=[kit_guide.pk])))[0]

    assert text.count("koordination@example.org") == 10
    assert "amra.hodzic@example.org" not in text


def test_verification_answers_with_one_query_and_says_nothing_else(
    client, kit_guide, coordinator, django_assert_num_queries
):
    attestation = Attestation.objects.create(
        guide=kit_guide,
        region=kit_guide.region,
        issued_by=coordinator,
        valid_until=timezone.localdate() + datetime.timedelta(days=1),
    )

    with django_assert_num_queries(1):
        page = verify(client, attestation.code)

    assert "Gültig." in page
    for private in ("Hodžić", "Amra", "Suceska", "Mittleres Ruhrgebiet", "koordination@"):
        assert private not in page


def test_kit_page_tells_the_guide_when_the_chosen_contact_is_missing(client, kit_guide):
    kit_guide.phone = ""
    kit_guide.save()
    client.force_login(kit_guide.user)
    client.post(reverse("kit:own"), {"title_form": "lotse", "contact": "phone"})

    page = client.get(reverse("kit:own")).content.decode()

    assert "fehlt noch in Ihrem Profil" in page


def test_demo_guide_has_a_kit_and_keeps_one_valid_attestation(client, db):
    load_demo()
    load_demo()

    attestation = Attestation.objects.get()
    assert attestation.guide.user.email == "lotse@demo.lotsen.de"
    assert attestation.issued_by.email == "koordination@demo.lotsen.de"
    assert "Gültig." in verify(client, attestation.code)
