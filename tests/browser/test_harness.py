"""The checks every browser test relies on do catch what they are there for."""

import pytest
from django.http import HttpResponse
from django.template import engines
from django.urls import include, path

from tests.browser.conftest import BROWSER

pytestmark = BROWSER


def unknown_variable(request):
    template = engines["django"].from_string('<html lang="de"><p>{{ missing }}</p></html>')
    return HttpResponse(template.render({}, request))


# The portal's pages and one that renders a template with an unknown variable.
urlpatterns = [
    path("__tests__/unknown-variable/", unknown_variable),
    path("", include("lotsen.urls")),
]


@pytest.fixture
def serve(page, live_server):
    """Open ``body`` in ``page`` as an HTML page of the live server, under the portal's CSP."""

    def serve(body: str) -> None:
        url = f"{live_server.url}/__tests__/page/"
        page.route(
            url,
            lambda route: route.fulfill(
                body=f"<!DOCTYPE html>{body}",
                content_type="text/html",
                headers={"Content-Security-Policy": "default-src 'self'"},
            ),
        )
        page.goto(url)

    return serve


def test_axe_check_fails_on_serious_violations(page, serve, axe_check):
    serve('<html><title>Kaputt</title><main><img src="/static/nowhere.png"></main></html>')
    with pytest.raises(AssertionError) as failure:
        axe_check(page)
    assert "image-alt" in str(failure.value) and "html-has-lang" in str(failure.value)


def test_csp_violations_are_caught(page, serve, axe_check):
    serve('<html lang="de"><title>Inline</title><main><p style="color: red">x</p></main></html>')
    axe_check(page)
    assert any("Content Security Policy" in problem for problem in page.visits.problems)
    page.visits.problems.clear()  # seen; the page fixture would fail the test on it


def test_every_visited_page_needs_an_axe_check(page, live_server):
    page.goto("/")
    assert page.visits.visited == [f"{live_server.url}/"]
    assert not page.visits.checked
    page.visits.visited.clear()  # the page fixture would fail the test on it


def test_unknown_template_variables_on_the_live_server_are_caught(page, settings):
    settings.ROOT_URLCONF = __name__
    page.goto("/__tests__/unknown-variable/")
    assert [p for p in page.visits.problems if p.startswith("Live server crashed")] == [
        "Live server crashed on GET /__tests__/unknown-variable/: "
        "Failed: Undefined template variable 'missing' in '<unknown source>'"
    ]
    page.visits.problems.clear()  # seen; the page fixture would fail the test on it
    page.visits.visited.clear()  # a server error page, nothing for axe
