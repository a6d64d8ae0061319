"""A real Celery worker, fed through Redis, sends a mail to a real SMTP server."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from lotsen.celery import app as celery_app

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]

PROJECT = Path(__file__).resolve().parent.parent


@pytest.fixture
def worker(smtp_server):
    if not settings.REDIS_URL:
        pytest.skip("REDIS_URL is not set: the embedded default runs tasks in-process")
    port, inbox = smtp_server
    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lotsen.settings",
        "REDIS_URL": settings.REDIS_URL,
        "EMAIL_URL": f"smtp://127.0.0.1:{port}",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "lotsen", "worker", "--pool=solo",
         "--without-gossip", "--without-mingle", "--loglevel=WARNING"],
        cwd=PROJECT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        yield inbox
    finally:
        celery_app.conf.task_always_eager = eager
        process.terminate()
        output, _ = process.communicate(timeout=30)
        print(output)


def wait_for(inbox, count: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while len(inbox.messages) < count and time.monotonic() < deadline:
        time.sleep(0.2)


def test_password_reset_mail_is_sent_by_the_worker(client, coordinator, worker):
    response = client.post(reverse("account_reset_password"), {"email": coordinator.email})
    assert response.status_code == 302

    wait_for(worker, 1)

    assert len(worker.messages) == 1
    message = worker.messages[0]
    assert message["To"] == coordinator.email
    assert "/accounts/password/reset/key/" in message.get_body(("plain",)).get_content()
