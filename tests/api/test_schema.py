"""The OpenAPI schema: valid, and complete (an endpoint missing from it fails here)."""

import re

import pytest
from django.urls import resolve, reverse
from drf_spectacular.generators import SchemaGenerator
from openapi_spec_validator import validate

from tests.test_url_matrix import url_names

pytestmark = pytest.mark.django_db

# Not part of the API itself: the schema and its documentation page.
NOT_ENDPOINTS = {"api:schema", "api:docs"}


def schema() -> dict:
    return SchemaGenerator().get_schema(request=None, public=True)


def test_schema_is_valid_openapi(client):
    response = client.get(reverse("api:schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    validate(response.json())
    validate(schema())


def _url_of_schema_path(path: str) -> str:
    """The schema's path with a sample value in each parameter (``{slug}`` -> ``x``)."""
    return re.sub(r"\{[^}]+\}", lambda m: "x" if "slug" in m.group() else "1", path)


def test_every_endpoint_is_in_the_schema():
    documented = {resolve(_url_of_schema_path(path)).view_name for path in schema()["paths"]}
    endpoints = {name for name in url_names() if name.startswith("api:")} - NOT_ENDPOINTS
    missing = sorted(endpoints - documented)
    assert not missing, f"API endpoints missing from the schema: {missing}"


def test_public_endpoints_need_no_token_in_the_schema():
    for path, item in schema()["paths"].items():
        for operation in item.values():
            anonymous = {} in operation.get("security", [])
            assert anonymous == (not path.startswith("/api/v1/workspace/")), path


def test_docs_page_lists_every_endpoint(client):
    page = client.get(reverse("api:docs")).content.decode()
    for path in schema()["paths"]:
        assert path in page
