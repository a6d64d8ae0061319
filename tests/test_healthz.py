import pytest
from django.db import OperationalError
from django.urls import reverse


def test_healthy(client, db, settings):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] == "ok"
    assert body["broker"] == "ok"


@pytest.mark.logs_errors
def test_broker_down_is_503(client, db, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "ok", "broker": "unavailable"}


@pytest.mark.logs_errors
def test_embedded_broker_down_is_503(client, db, settings):
    settings.REDIS_URL = ""
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {}
    settings.CELERY_BROKER_URL = "sqla+sqlite:////nonexistent-folder/broker.sqlite3"
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "ok", "broker": "unavailable"}


@pytest.mark.logs_errors
def test_database_down_is_503(client, db, monkeypatch):
    class UnreachableDatabase:
        def cursor(self):
            raise OperationalError("connection refused")

    monkeypatch.setattr("lotsen.core.health.connection", UnreachableDatabase())
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


@pytest.mark.redis
def test_broker_up_with_real_redis(client, db, settings):
    if not settings.REDIS_URL:
        pytest.skip("REDIS_URL is not set")
    assert client.get(reverse("healthz")).json()["broker"] == "ok"
