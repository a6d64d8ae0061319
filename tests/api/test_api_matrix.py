"""Every API endpoint for every caller (tests/matrix/api.py): allowed, or refused with a
problem-details answer and the database unchanged."""

import json

import pytest
from django.urls import reverse

import tests.matrix.api as api
from tests.api.conftest import bearer
from tests.matrix.api import AUTH, DENIED, HIDDEN, OK
from tests.test_url_matrix import snapshot, world  # noqa: F401 (fixture)

STATUS = {OK: 200, AUTH: 401, DENIED: 403, HIDDEN: 404}

CASES = [
    (name, method, persona)
    for name, row in api.ROWS.items()
    for method in ("get", "patch")
    if getattr(row, method) is not None
    for persona in api.API_PERSONAS
]


def url_of(name: str, world: dict) -> str:  # noqa: F811
    row = api.ROWS[name]
    if not row.args:
        return reverse(name)
    return reverse(name, args=[getattr(world[row.args], row.arg_field)])


@pytest.mark.parametrize(("name", "method", "persona"), CASES)
def test_endpoint(client, world, tokens, name, method, persona):  # noqa: F811
    row = api.ROWS[name]
    outcome = getattr(row, method)[persona]
    before = snapshot() if outcome != OK or method == "get" else None
    url = url_of(name, world)
    headers = bearer(tokens[persona])
    if method == "patch":
        response = client.patch(
            url, json.dumps(row.patch_data), content_type="application/json", **headers
        )
    else:
        response = client.get(url, **headers)

    assert response.status_code == STATUS[outcome], response.content[:300]
    if outcome != OK:
        assert response["Content-Type"] == "application/problem+json"
        problem = response.json()
        assert problem["status"] == STATUS[outcome]
        assert problem["title"] and problem["detail"] and problem["type"]
    if before is not None:
        assert snapshot() == before, "the request changed the database"


def test_every_api_url_has_a_row():
    from tests.test_url_matrix import url_names

    names = {name for name in url_names() if name.startswith("api:")}
    assert names == set(api.ROWS)
