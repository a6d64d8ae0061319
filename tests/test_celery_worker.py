"""Tasks run as in production: queued by the web side into a broker, run by a real Celery
worker process, and beat's jobs fire in it. The suite's broker is Redis with REDIS_URL;
without, it is the embedded default's (kombu's SQLAlchemy transport on a SQLite file in the
test run's var dir), the worker sharing the SQLite test database, a file beside it.
"""

import datetime
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from newsletters.issues.services import schedule
from newsletters.models import Issue, IssueState
from tests.conftest import broker_message_count, wait_until
from tests.factories import SubscriberFactory
from tests.newsletters.test_sending import SUBJECTS, rendered_issue

PROJECT = Path(__file__).resolve().parent.parent

SETTINGS = """
import json
from django.conf import settings
from lotsen.celery import app
print(json.dumps({
    "broker": app.conf.broker_url,
    "options": {k: str(v) for k, v in app.conf.broker_transport_options.items()},
    "eager": app.conf.task_always_eager,
    "schedule": app.conf.beat_schedule_filename,
    "cache": settings.CACHES["default"]["BACKEND"],
}))
"""


def portal_settings(**env: str) -> dict:
    """The Celery settings of ``lotsen.settings`` in a fresh process with only ``env`` set."""
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"REDIS_URL", "DATABASE_URL", "LOTSEN_VAR_DIR"} and not k.startswith("DJANGO_")
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-v0", "-c", SETTINGS],
        cwd=PROJECT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "lotsen.settings", "REDIS_URL": "", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_without_redis_tasks_go_to_the_embedded_broker_in_the_var_dir(tmp_path):
    config = portal_settings(LOTSEN_VAR_DIR=str(tmp_path))

    assert config["broker"] == f"sqla+sqlite:///{tmp_path / 'celery-broker.sqlite3'}"
    assert config["eager"] is False
    assert config["schedule"] == str(tmp_path / "celerybeat-schedule")


def test_with_redis_the_broker_settings_stay_as_in_production(tmp_path):
    config = portal_settings(REDIS_URL="redis://127.0.0.1:6379/9", LOTSEN_VAR_DIR=str(tmp_path))

    assert config == {
        "broker": "redis://127.0.0.1:6379/9",
        "options": {"visibility_timeout": "3600"},
        "eager": False,
        "schedule": "celerybeat-schedule",
        "cache": "django.core.cache.backends.redis.RedisCache",
    }


@pytest.mark.django_db(transaction=True)
def test_a_mail_queued_by_a_request_is_sent_by_the_worker_not_in_the_request(
    client, coordinator, celery_worker_factory, smtp_server
):
    inbox = smtp_server[1]
    response = client.post(reverse("account_reset_password"), {"email": coordinator.email})
    assert response.status_code == 302

    # The request has answered; its task waits in the broker, as no worker runs yet.
    assert broker_message_count() == 1
    assert inbox.messages == []

    worker = celery_worker_factory(loglevel="INFO")
    wait_until(lambda: inbox.messages, what="the worker to send the mail")

    (message,) = inbox.messages
    assert message["To"] == coordinator.email
    assert "/accounts/password/reset/key/" in message.get_body(("plain",)).get_content()
    wait_until(lambda: "lotsen.tasks.send_email[" in worker.log(), what="the worker's log")
    assert broker_message_count() == 0


@pytest.mark.django_db(transaction=True)
def test_beat_sends_a_scheduled_issue_through_the_worker(
    settings, celery_worker_factory, smtp_server, admin_user
):
    settings.LANGUAGE_CODE = "en"
    inbox = smtp_server[1]
    subscribers = SubscriberFactory.create_batch(3)
    issue = rendered_issue()
    schedule(issue, timezone.now() + datetime.timedelta(seconds=1), user=admin_user)

    worker = celery_worker_factory(beat={"send-due-newsletter-issues": 1}, loglevel="INFO")
    wait_until(
        lambda: Issue.objects.get(pk=issue.pk).state == IssueState.SENT,
        what="beat to start the issue and the worker to send it",
    )

    sent = Counter(m["To"] for m in inbox.messages if m["Subject"] in SUBJECTS.values())
    assert sent == Counter({subscriber.email: 1 for subscriber in subscribers})
    assert "Sending due task send-due-newsletter-issues" in worker.log()
