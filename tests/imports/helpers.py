"""Sample files built in the tests, and uploading them as a browser does."""

import csv
import io
from urllib.parse import parse_qs, urlparse

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse


def csv_bytes(rows: list[list[str]], delimiter: str = ";", encoding: str = "utf-8-sig") -> bytes:
    text = io.StringIO()
    csv.writer(text, delimiter=delimiter).writerows(rows)
    return text.getvalue().encode(encoding)


def xlsx_bytes(rows: list[list]) -> bytes:
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def upload(client, content: bytes, *, kind: str, name: str = "liste.csv", region=None):
    """POST the upload form; returns the response (a redirect to the preview when valid)."""
    data = {"kind": kind, "file": SimpleUploadedFile(name, content)}
    if region is not None:
        data["region"] = region.pk
    return client.post(reverse("imports:upload"), data)


def token_of(response) -> str:
    assert response.status_code == 302, response.context["form"].errors
    return parse_qs(urlparse(response["Location"]).query)["token"][0]
