"""Every URL of the portal for every role: allowed or denied as intended.

For each URL name the matrix says what each persona gets for GET and for POST:
``OK`` (the page, or the redirect after a successful POST), ``LOGIN`` (sent to log in),
``DENIED`` (403) or ``HIDDEN`` (404: the object does not exist for this user). After every
denied POST the database is unchanged. A URL that is in neither the matrix nor ``PUBLIC``
fails ``test_every_url_is_decided``: a new view cannot slip in unchecked.
"""

from dataclasses import dataclass, field

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.factories import ContactPersonFactory, OrganisationFactory

OK, LOGIN, DENIED, HIDDEN = "ok", "login", "denied", "hidden"
PERSONAS = ["anonymous", "guide", "other_guide", "other_coordinator", "coordinator", "admin"]

# Public pages and the pages of allauth and of Django's admin (tested in test_admin.py and
# tests/lotsen/test_accounts.py); everything else must have a row in MATRIX.
PUBLIC = {"home", "healthz", "set_language"}
PUBLIC_PREFIXES = ("account_", "admin:")


def expect(anonymous=LOGIN, guide=DENIED, other_guide=DENIED, other_coordinator=DENIED,
           coordinator=OK, admin=OK) -> dict[str, str]:  # fmt: skip
    return {
        "anonymous": anonymous,
        "guide": guide,
        "other_guide": other_guide,
        "other_coordinator": other_coordinator,
        "coordinator": coordinator,
        "admin": admin,
    }


WORKSPACE = expect(other_coordinator=OK)  # any coordinator and the Landeskoordination
IN_REGION = expect(other_coordinator=HIDDEN)  # an object of the coordinator's region


@dataclass
class Row:
    args: str | None = None  # key of the object in the ``world`` fixture whose pk is the arg
    get: dict[str, str] | None = None  # None: the URL takes no GET
    post: dict[str, str] | None = None  # None: the URL takes no POST
    post_data: dict = field(default_factory=dict)


MATRIX: dict[str, Row] = {
    "organisations:list": Row(get=WORKSPACE),
    "organisations:create": Row(get=WORKSPACE, post=WORKSPACE),
    "organisations:detail": Row("organisation", get=IN_REGION),
    "organisations:update": Row("organisation", get=IN_REGION, post=IN_REGION),
    "organisations:archive": Row("organisation", post=IN_REGION),
    "organisations:organisation-contact-create": Row("organisation", get=IN_REGION, post=IN_REGION),
    "organisations:contact-update": Row("contact", get=IN_REGION, post=IN_REGION),
    "organisations:contact-delete": Row("contact", post=IN_REGION),
}


@pytest.fixture
def world(region, guide):
    """One object of each kind in the coordinator's region."""
    organisation = OrganisationFactory(region=region)
    return {
        "organisation": organisation,
        "contact": ContactPersonFactory(organisation=organisation),
        "guide": guide,
    }


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
    """Every row of every project model, to prove a denied POST changed nothing."""
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
    else:
        assert status in ((200,) if method == "get" else (200, 302)), status
        if status == 302:
            assert reverse("account_login") not in response["Location"]


CASES = [
    (name, method, persona)
    for name, row in MATRIX.items()
    for method in ("get", "post")
    if getattr(row, method) is not None
    for persona in PERSONAS
]


@pytest.mark.parametrize(("name", "method", "persona"), CASES)
def test_url(client, world, users, name, method, persona):
    row = MATRIX[name]
    outcome = getattr(row, method)[persona]
    url = reverse(name, args=[world[row.args].pk] if row.args else [])
    if users[persona] is not None:
        client.force_login(users[persona])

    before = snapshot() if outcome != OK else None
    response = getattr(client, method)(url, row.post_data) if method == "post" else client.get(url)

    check(response, outcome, method)
    if before is not None:
        assert snapshot() == before, "a denied request changed the database"


def test_urls_without_a_get_refuse_it(client, world, users):
    client.force_login(users["admin"])
    for name, row in MATRIX.items():
        if row.get is None:
            url = reverse(name, args=[world[row.args].pk] if row.args else [])
            assert client.get(url).status_code == 405, name
