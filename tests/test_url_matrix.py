"""Every URL of the portal for every role: allowed or denied as intended.

For each URL name the matrix (tests/matrix/) says what each persona gets for GET and POST:
``OK`` (the page, or the redirect after a successful POST), ``LOGIN`` (sent to log in),
``DENIED`` (403), ``HIDDEN`` (404: the object does not exist for this user) or ``REDIRECT``
(sent on elsewhere, not to the login). After every
denied POST the database is unchanged. A URL in neither the matrix nor ``PUBLIC`` fails
``test_every_url_is_decided``: a new view cannot slip in unchecked.
"""

import importlib
import pkgutil

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import tests.matrix
from tests.matrix import DENIED, HIDDEN, LOGIN, OK, PERSONAS, REDIRECT, Row

AREAS = [
    importlib.import_module(f"tests.matrix.{module.name}")
    for module in pkgutil.iter_modules(tests.matrix.__path__)
]
MATRIX = {name: row for area in AREAS for name, row in area.ROWS.items()}

# Pages of allauth (accounts, two-factor login) and of Django's admin are tested in
# tests/lotsen/test_accounts.py, tests/lotsen/test_two_factor.py and
# tests/test_admin.py; every other URL must have a row in the matrix.
PUBLIC = {"healthz", "set_language"}
PUBLIC_PREFIXES = ("account_", "admin:", "mfa_")


@pytest.fixture
def world(region, guide):
    """The objects the rows point at, all in the coordinator's region."""
    objects = {"guide": guide, "region": region}
    for area in AREAS:
        objects.update(area.world(region, guide))
    return objects


@pytest.fixture
def users(admin_user, coordinator, other_coordinator, guide, other_guide):
    return {
        "anonymous": None,
        "guide": guide.user,
        "other_guide": other_guide.user,
        "other_coordinator": other_coordinator,
        "coordinator": coordinator,
        "admin": admin_user,
    }


def url_names(patterns=None, namespace: str = "") -> set[str]:
    names = set()
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


def test_every_url_is_decided():
    undecided = {
        name
        for name in url_names()
        if name not in MATRIX and name not in PUBLIC and not name.startswith(PUBLIC_PREFIXES)
    }
    assert not undecided, f"URLs without a row in the permission matrix: {sorted(undecided)}"


def snapshot() -> dict:
    """Every row of every project model, to prove a denied request changed nothing."""
    return {
        model._meta.label: sorted(model.objects.values_list(), key=str)
        for app in ("lotsen", "regions", "organisations", "events", "newsletters")
        for model in apps.get_app_config(app).get_models()
    }


def check(response, outcome: str, method: str) -> None:
    status = response.status_code
    if outcome == LOGIN:
        assert status == 302 and reverse("account_login") in response["Location"]
    elif outcome == DENIED:
        assert status == 403
    elif outcome == HIDDEN:
        assert status == 404
    elif outcome == REDIRECT:  # e.g. the start page, which sends each role on to its page
        assert status == 302 and reverse("account_login") not in response["Location"]
    else:
        assert status in ((200,) if method == "get" else (200, 302)), status
        if status == 302:
            assert reverse("account_login") not in response["Location"]


def url_of(name: str, world: dict) -> str:
    row = MATRIX[name]
    if not row.args:
        return reverse(name)
    fields = row.arg_field if isinstance(row.arg_field, tuple) else (row.arg_field,)
    return reverse(name, args=[getattr(world[row.args], field) for field in fields])


# The API's rows (tests/matrix/api.py) are run with tokens by tests/api/test_api_matrix.py.
CASES = [
    (name, method, persona)
    for name, row in MATRIX.items()
    if isinstance(row, Row)
    for method in ("get", "post")
    if getattr(row, method) is not None
    for persona in PERSONAS
]


@pytest.mark.parametrize(("name", "method", "persona"), CASES)
def test_url(client, world, users, name, method, persona):
    row = MATRIX[name]
    outcome = getattr(row, method)[persona]
    if users[persona] is not None:
        client.force_login(users[persona])

    before = snapshot() if outcome != OK else None
    url = url_of(name, world)
    response = client.post(url, row.post_data) if method == "post" else client.get(url)

    check(response, outcome, method)
    if before is not None:
        assert snapshot() == before, "a denied request changed the database"


def test_urls_without_a_get_refuse_it(client, world, users):
    client.force_login(users["admin"])
    for name, row in MATRIX.items():
        if isinstance(row, Row) and row.get is None:
            assert client.get(url_of(name, world)).status_code == 405, name
