"""Personal tokens: created on the account page, shown once, stored hashed, scoped, revoked."""

import hashlib
import json

import pytest
from django.urls import reverse

from events.models import Event
from lotsen.models.api_tokens import ApiToken
from tests.api.conftest import bearer
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db


def test_a_token_is_shown_once_and_stored_hashed(client, coordinator):
    client.force_login(coordinator)
    created = client.post(reverse("tokens:list"), {"name": "Website KI", "scope": "read"})
    assert created.status_code == 200
    token = ApiToken.objects.get(user=coordinator)
    key = created.context["created"].key
    assert key in created.content.decode()
    assert token.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert key not in str(ApiToken.objects.values_list())
    assert "no-cache" in created["Cache-Control"] or "no-store" in created["Cache-Control"]

    listed = client.get(reverse("tokens:list")).content.decode()
    assert "Website KI" in listed and token.prefix in listed and key not in listed


def test_a_revoked_token_stops_working_at_once(client, coordinator):
    client.force_login(coordinator)
    key = (
        client.post(reverse("tokens:list"), {"name": "CRM", "scope": "read"}).context["created"].key
    )
    url = reverse("api:workspace-events")
    assert client.get(url, **bearer(key)).status_code == 200

    token = ApiToken.objects.get(user=coordinator)
    client.post(reverse("tokens:revoke", args=[token.pk]))

    refused = client.get(url, **bearer(key))
    assert refused.status_code == 401
    assert refused["Content-Type"] == "application/problem+json"
    assert refused["WWW-Authenticate"].startswith("Bearer")


def test_a_coordinator_changes_an_event_through_the_form_rules(client, region, tokens):
    event = EventFactory(region=region, title="Alt")
    url = reverse("api:workspace-event", args=[event.pk])

    def patch(data, who="coordinator"):
        return client.patch(
            url, json.dumps(data), content_type="application/json", **bearer(tokens[who])
        )

    changed = patch({"title": "Netzwerktreffen Hagen"})
    assert changed.status_code == 200, changed.content
    assert changed.json()["title"] == "Netzwerktreffen Hagen"
    event.refresh_from_db()
    assert event.title == "Netzwerktreffen Hagen"

    # The edit page's validation: an event cannot end before it starts; nothing is saved.
    invalid = patch({"title": "Nie", "ends_at": "2000-01-01T10:00:00+01:00"})
    assert invalid.status_code == 400
    assert invalid["Content-Type"] == "application/problem+json"
    assert "ends_at" in invalid.json()["errors"]
    assert Event.objects.get(pk=event.pk).title == "Netzwerktreffen Hagen"

    # A stale version is refused instead of overwriting a newer change.
    stale = patch({"title": "Veraltet", "version": "2001-01-01T00:00:00+00:00"})
    assert stale.status_code == 409
    assert stale["Content-Type"] == "application/problem+json"
    assert Event.objects.get(pk=event.pk).title == "Netzwerktreffen Hagen"

    # A read-only token may not write, whatever it sends.
    refused = patch({"title": "Lesend"}, who="read_only")
    assert refused.status_code == 403
    assert Event.objects.get(pk=event.pk).title == "Netzwerktreffen Hagen"
