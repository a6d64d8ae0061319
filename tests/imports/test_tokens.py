"""The uploaded file belongs to whoever uploaded it, and lives no longer than needed."""

import datetime
import io
import os
import time

import openpyxl
import pytest
from django.contrib.messages import get_messages
from django.core import signing
from django.db import IntegrityError
from django.urls import reverse

from lotsen.imports import organisations, storage
from organisations.models import MigrantOrganisation
from tests.factories import RegionFactory
from tests.imports.helpers import csv_bytes, token_of, upload

CONTENT = csv_bytes([["Name", "Ort"], ["Neuer Verein e.V.", "Hagen"]])
CONFIRM = reverse("imports:confirm")
PREVIEW = reverse("imports:preview")


@pytest.fixture
def token(client, coordinator, region):
    client.force_login(coordinator)
    return token_of(upload(client, CONTENT, kind="organisations", region=region))


def refused(response) -> bool:
    messages = [m.level_tag for m in get_messages(response.wsgi_request)]
    return (
        response.status_code == 302
        and response["Location"] == reverse("imports:upload")
        and "error" in messages
    )


def tampered(token: str) -> str:
    return token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")


@pytest.mark.parametrize("data", [{}, {"token": ""}, {"token": "nonsense"}])
def test_confirm_without_a_valid_token(client, coordinator, data):
    client.force_login(coordinator)
    assert refused(client.post(CONFIRM, data))
    assert not MigrantOrganisation.objects.exists()


def test_tampered_token_is_refused(client, token):
    assert client.get(PREVIEW, {"token": tampered(token)}).context["problem"]
    assert refused(client.post(CONFIRM, {"token": tampered(token)}))
    assert not MigrantOrganisation.objects.exists()


def test_token_naming_another_file_is_refused(client, coordinator, token, media):
    payload = signing.loads(token, salt=storage.SALT)
    # Even a validly signed token (the secret key leaked) names only files of the upload folder.
    forged = signing.dumps({**payload, "file": "../../etc/passwd"}, salt=storage.SALT)
    assert refused(client.post(CONFIRM, {"token": forged}))
    assert refused(client.post(CONFIRM, {"token": tampered(token)}))


@pytest.mark.parametrize("persona", ["other_coordinator", "admin_user"])
def test_another_users_token_is_refused(client, token, coordinator, persona, request):
    other = request.getfixturevalue(persona)
    client.force_login(other)
    assert client.get(PREVIEW, {"token": token}).context["problem"]
    assert refused(client.post(CONFIRM, {"token": token}))
    assert not MigrantOrganisation.objects.exists()
    # The owner can still import it.
    client.force_login(coordinator)
    assert client.post(CONFIRM, {"token": token}).status_code == 200
    assert MigrantOrganisation.objects.count() == 1


def test_token_older_than_a_day_is_refused(client, token, monkeypatch):
    monkeypatch.setattr(storage, "MAX_AGE", datetime.timedelta(seconds=-1))
    assert refused(client.post(CONFIRM, {"token": token}))
    assert not MigrantOrganisation.objects.exists()


def test_revoked_region_between_preview_and_confirm(client, coordinator, region, token):
    region.coordinators.remove(coordinator)
    # Still a coordinator of another region, so the import itself stays allowed.
    RegionFactory().coordinators.add(coordinator)
    assert refused(client.post(CONFIRM, {"token": token}))
    assert not MigrantOrganisation.objects.exists()


def test_uploads_older_than_a_day_are_removed_on_the_next_upload(client, token, region, media):
    folder = media / "imports"
    old = folder / f"{'0' * 32}.csv"
    old.write_bytes(CONTENT)
    two_days_ago = time.time() - 2 * 24 * 3600
    os.utime(old, (two_days_ago, two_days_ago))
    token_of(upload(client, CONTENT, kind="organisations", region=region))
    assert not old.exists()
    assert len(list(folder.iterdir())) == 2  # the fixture's upload and this one


def test_uploads_are_private_files_with_random_names(token, media):
    (path,) = (media / "imports").iterdir()
    assert path.stat().st_mode & 0o077 == 0
    assert "liste" not in path.name and len(path.stem) == 32


# --- Pages ----------------------------------------------------------------------------------


def test_preview_page_lists_rows_and_offers_confirm(client, token):
    response = client.get(PREVIEW, {"token": token})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert f'value="{token}"' in html
    assert f'action="{CONFIRM}"' in html
    assert "Neuer Verein e.V." in html


def test_preview_without_token_explains(client, coordinator):
    client.force_login(coordinator)
    response = client.get(PREVIEW)
    assert response.status_code == 200
    assert 'id="import-problem"' in response.content.decode()


def test_upload_page_links_the_templates(client, coordinator):
    client.force_login(coordinator)
    html = client.get(reverse("imports:upload")).content.decode()
    for kind in ("organisations", "guides"):
        assert reverse("imports:template", args=[kind]) in html


@pytest.mark.parametrize(
    ("kind", "headings"),
    [
        ("organisations", ["Name", "Region", "Straße", "PLZ", "Ort", "Website", "E-Mail",
                           "Telefon", "Sprachen", "Community", "Themenfelder"]),
        ("guides", ["Vorname", "Nachname", "Region", "E-Mail", "Telefon", "Organisation",
                    "Sprachen", "Fachgebiete", "Status"]),
    ],
)  # fmt: skip
def test_template_has_german_headings_and_reads_back(
    client, coordinator, region, vocabulary, kind, headings
):
    client.force_login(coordinator)
    response = client.get(reverse("imports:template", args=[kind]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert [cell.value for cell in sheet[1]] == headings
    assert sheet.max_row == 2
    # The template itself is a file the import understands.
    token = token_of(upload(client, response.content, kind=kind, name="vorlage.xlsx"))
    plan = client.get(PREVIEW, {"token": token}).context["plan"]
    assert len(plan.rows) == 1 and plan.ignored_columns == []
    assert plan.rows[0].region == region


def test_template_of_an_unknown_kind(client, coordinator):
    client.force_login(coordinator)
    assert client.get(reverse("imports:template", args=["events"])).status_code == 404


def test_failed_import_saves_nothing_and_can_be_confirmed_again(client, token, monkeypatch):
    def clash(rows, **kwargs):
        MigrantOrganisation.objects.create(name="Halb gespeichert", region=rows[0].region)
        raise IntegrityError("duplicate key value violates unique constraint")

    monkeypatch.setattr(organisations, "save_all", clash)
    assert refused(client.post(CONFIRM, {"token": token}))
    assert not MigrantOrganisation.objects.exists()

    monkeypatch.undo()
    assert client.post(CONFIRM, {"token": token}).status_code == 200
    assert list(MigrantOrganisation.objects.values_list("name", flat=True)) == ["Neuer Verein e.V."]
