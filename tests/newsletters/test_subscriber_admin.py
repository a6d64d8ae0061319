"""The Landeskoordination's subscriber list: filters, counts, exports, a person's data and
their erasure; the Django admin of subscribers and the suppression list."""

import csv
import io
import json

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from openpyxl import load_workbook

from newsletters.models import Subscriber, Suppression
from newsletters.models.subscribers import email_digest
from tests.factories import SubscriberFactory

LIST = reverse("subscriptions:list")


@pytest.fixture
def subscribers(db):
    return {
        "anna": SubscriberFactory(
            email="anna@ki-hagen.de", name="Anna Beispiel", organisation="KI Hagen"
        ),
        "berta": SubscriberFactory(
            email="berta@ihk.de", name="Berta Muster", organisation="IHK", language="en"
        ),
        "carl": SubscriberFactory(email="carl@example.org", name="Carl", state="pending"),
        "dora": SubscriberFactory(email="dora@example.org", state="unsubscribed"),
    }


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    client.cookies["django_language"] = "en"
    return client


def emails_on(response) -> list[str]:
    return [subscriber.email for subscriber in response.context["object_list"]]


def test_list_counts_every_state(admin_client, subscribers):
    response = admin_client.get(LIST)

    assert response.status_code == 200
    counts = {value: count for value, _label, count in response.context["state_counts"]}
    assert counts == {"pending": 1, "confirmed": 2, "unsubscribed": 1, "bounced": 0}
    assert emails_on(response) == [
        "anna@ki-hagen.de", "berta@ihk.de", "carl@example.org", "dora@example.org"
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"state": "confirmed"}, ["anna@ki-hagen.de", "berta@ihk.de"]),
        ({"state": "pending"}, ["carl@example.org"]),
        ({"language": "en"}, ["berta@ihk.de"]),
        ({"q": "ihk"}, ["berta@ihk.de"]),
        ({"q": "Hagen"}, ["anna@ki-hagen.de"]),
        ({"q": "Muster"}, ["berta@ihk.de"]),
        ({"state": "confirmed", "language": "de"}, ["anna@ki-hagen.de"]),
        ({"state": "nonsense"}, []),
        ({"order": "-email"}, ["dora@example.org", "carl@example.org", "berta@ihk.de",
                               "anna@ki-hagen.de"]),
    ],
)  # fmt: skip
def test_list_filters(admin_client, subscribers, query, expected):
    response = admin_client.get(LIST, query)

    assert response.status_code == 200
    assert emails_on(response) == expected


def test_list_needs_the_same_queries_for_many_subscribers(
    admin_client, subscribers, django_assert_num_queries
):
    admin_client.get(LIST)  # warm-up: session and user
    with django_assert_num_queries(5) as few:  # session, user, count, page, states
        admin_client.get(LIST)
    SubscriberFactory.create_batch(40)
    with django_assert_num_queries(len(few.captured_queries)):
        response = admin_client.get(LIST)
    assert len(response.context["object_list"]) == 44


def test_csv_export_has_the_filtered_rows(admin_client, subscribers):
    response = admin_client.get(LIST, {"state": "confirmed", "export": "csv"})

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="newsletter-abonnements.csv"'
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")),
                           delimiter=";"))  # fmt: skip
    assert rows[0][:5] == ["Email address", "Name", "Organisation", "Language", "State"]
    assert [row[0] for row in rows[1:]] == ["anna@ki-hagen.de", "berta@ihk.de"]
    assert rows[2][3:5] == ["English", "confirmed"]


def test_xlsx_export(admin_client, subscribers):
    response = admin_client.get(LIST, {"q": "ihk", "export": "xlsx"})

    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert [row[0] for row in values] == ["Email address", "berta@ihk.de"]


def test_detail_shows_the_proof_of_consent(admin_client, subscribers):
    anna = subscribers["anna"]

    response = admin_client.get(reverse("subscriptions:detail", args=[anna.pk]))

    page = response.content.decode()
    assert "192.0.2.10" in page
    assert "2026-11" in page
    assert "I would like to receive the newsletter" in page  # the text version 2026-11 showed
    assert reverse("subscriptions:export", args=[anna.pk]) in page
    assert reverse("subscriptions:erase", args=[anna.pk]) in page


def test_unknown_subscriber_is_not_found(admin_client, db):
    for name in ("subscriptions:detail", "subscriptions:export", "subscriptions:erase"):
        assert admin_client.get(reverse(name, args=[404])).status_code == 404
    assert admin_client.post(reverse("subscriptions:erase", args=[404])).status_code == 404


def test_export_of_a_persons_data(admin_client, subscribers):
    anna = subscribers["anna"]

    response = admin_client.get(reverse("subscriptions:export", args=[anna.pk]))

    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert (data["email"], data["name"], data["organisation"]) == (
        "anna@ki-hagen.de",
        "Anna Beispiel",
        "KI Hagen",
    )
    assert data["consent"]["ip_address"] == "192.0.2.10"
    assert data["consent"]["text_version"] == "2026-11"
    assert data["consent"]["text"].startswith("I would like")
    assert data["consent"]["confirmed_at"]


def test_erase_asks_first_then_keeps_only_the_hash(admin_client, subscribers):
    anna = subscribers["anna"]
    url = reverse("subscriptions:erase", args=[anna.pk])

    assert admin_client.get(url).status_code == 200
    assert Subscriber.objects.filter(pk=anna.pk).exists()

    response = admin_client.post(url, follow=True)

    assert response.redirect_chain[-1][0] == LIST
    assert not Subscriber.objects.filter(pk=anna.pk).exists()
    assert list(Suppression.objects.values_list("digest", flat=True)) == [
        email_digest("anna@ki-hagen.de")
    ]
    assert "anna@ki-hagen.de" not in response.content.decode()
    assert not LogEntry.objects.filter(changes_text__icontains="anna").exists()
    assert not LogEntry.objects.filter(object_repr__icontains="anna").exists()


def test_coordinator_cannot_erase(client, coordinator, subscribers):
    client.force_login(coordinator)

    response = client.post(reverse("subscriptions:erase", args=[subscribers["anna"].pk]))

    assert response.status_code == 403
    assert Subscriber.objects.count() == 4
    assert not Suppression.objects.exists()


def test_dashboard_links_the_list_for_the_landeskoordination_only(client, admin_user, coordinator):
    client.force_login(admin_user)
    assert LIST in client.get(reverse("dashboard")).content.decode()
    client.force_login(coordinator)
    assert LIST not in client.get(reverse("dashboard")).content.decode()


# --- Django admin ---------------------------------------------------------------------------


def test_admin_shows_consent_read_only_and_adds_nobody(admin_client, subscribers):
    anna = subscribers["anna"]
    response = admin_client.get(reverse("admin:newsletters_subscriber_change", args=[anna.pk]))

    assert response.status_code == 200
    form_fields = response.context["adminform"].form.fields
    assert set(form_fields) == {"name", "organisation", "language"}
    assert admin_client.get(reverse("admin:newsletters_subscriber_add")).status_code == 403


def test_deleting_in_the_admin_suppresses_the_address(admin_client, subscribers):
    berta = subscribers["berta"]

    response = admin_client.post(
        reverse("admin:newsletters_subscriber_delete", args=[berta.pk]), {"post": "yes"}
    )

    assert response.status_code == 302
    assert not Subscriber.objects.filter(pk=berta.pk).exists()
    assert Suppression.objects.filter(digest=email_digest("berta@ihk.de")).exists()


def test_suppression_list_can_be_searched_by_address(admin_client, db):
    Suppression.objects.create(digest=email_digest("geloescht@example.org"))
    Suppression.objects.create(digest=email_digest("andere@example.org"))

    response = admin_client.get(
        reverse("admin:newsletters_suppression_changelist"), {"q": "Geloescht@example.org "}
    )

    assert response.context["cl"].result_count == 1
