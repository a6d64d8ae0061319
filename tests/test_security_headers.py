"""Headers of every response: a restrictive Permissions-Policy, and no server banner in
production (gunicorn as the Dockerfile starts it)."""

import http.client
import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from lotsen.bench.management.commands.bench import free_port, wait_until_up
from lotsen.core.middleware import PERMISSIONS_POLICY

PROJECT = Path(__file__).resolve().parent.parent
DENIED = ("camera", "microphone", "geolocation", "payment", "usb", "browsing-topics")


def test_policy_denies_the_features_no_page_uses():
    features = dict(item.split("=") for item in PERMISSIONS_POLICY.split(", "))
    assert all(features[feature] == "()" for feature in DENIED)
    # Only passkeys (two-factor login) stay allowed, for the portal's own pages.
    assert {f: v for f, v in features.items() if v != "()"} == {
        "publickey-credentials-get": "(self)"
    }


@pytest.mark.parametrize(
    ("path", "user", "status"),
    [
        ("/", None, 200),  # public home page
        (reverse("dashboard"), "coordinator", 200),  # workspace
        (reverse("dashboard"), None, 302),  # workspace, to the login
        ("/static/css/print.css", None, 200),  # WhiteNoise answers before Django's views
        ("/does-not-exist/", None, 404),
        (reverse("healthz"), None, None),
    ],
)
def test_every_response_carries_the_permissions_policy(client, coordinator, path, user, status):
    if user:
        client.force_login(coordinator)

    response = client.get(path)

    if status is not None:
        assert response.status_code == status
    assert response["Permissions-Policy"] == PERMISSIONS_POLICY


# --- gunicorn --------------------------------------------------------------------------------


def production_command() -> list[str]:
    """The web server's command line of the Docker image."""
    dockerfile = (PROJECT / "Dockerfile").read_text()
    (cmd,) = re.findall(r"^CMD (\[.*\])$", dockerfile, flags=re.MULTILINE)
    return json.loads(cmd)


def test_docker_compose_starts_gunicorn_with_the_same_config():
    command = production_command()
    config = command[command.index("--config") + 1]
    compose = (PROJECT / "docker-compose.yml").read_text()
    assert f"gunicorn lotsen.wsgi:application --config {config}" in " ".join(compose.split())


def response_headers(port: int, path: str) -> tuple[int, list[tuple[str, str]]]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        return response.status, response.getheaders()
    finally:
        connection.close()


def test_gunicorn_in_production_sends_no_server_banner(tmp_path):
    port = free_port()
    command = production_command()
    assert command[0] == "gunicorn"
    command[command.index("--bind") + 1] = f"127.0.0.1:{port}"
    command[command.index("--workers") + 1] = "1"
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
        "DJANGO_SETTINGS_MODULE": "lotsen.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "LOTSEN_VAR_DIR": str(tmp_path),
    }
    # As the image is built: the static files collected, for the hashed names pages link to.
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=PROJECT, env=env, check=True, timeout=120,
    )  # fmt: skip
    log = tmp_path / "gunicorn.log"
    with log.open("w") as log_file:
        server = subprocess.Popen(
            [sys.executable, "-m", *command],
            cwd=PROJECT, env=env, stdout=log_file, stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        wait_until_up(server, port, log)
        answers = [
            response_headers(port, path)
            for path in ("/healthz", "/nowhere/", "/static/css/print.css")
        ]
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()

    statuses = [status for status, _headers in answers]
    assert statuses[1:] == [404, 200], log.read_text()[-2000:]
    for _status, headers in answers:
        names = {name.lower(): value for name, value in headers}
        assert "server" not in names, names["server"]
        assert names["permissions-policy"] == PERMISSIONS_POLICY
        assert "date" in names and "connection" in names  # gunicorn's other headers stay
