"""The benchmark's reference page and its table of aims (lotsen.bench)."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings

from lotsen.bench import aims
from tests.factories import GuideFactory

pytestmark = pytest.mark.django_db


@override_settings(ROOT_URLCONF="lotsen.bench.urls")
def test_the_reference_page_shows_fifty_guides_from_one_query(client, django_assert_num_queries):
    GuideFactory.create_batch(55)
    client.get("/bench/reference/")  # the first request of a process fills caches
    with django_assert_num_queries(1):
        response = client.get("/bench/reference/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('<th scope="row">') == 50
    assert 'class="site-header"' in html  # through the portal's base template


def test_the_portal_itself_has_no_reference_page(client):
    assert client.get("/bench/reference/").status_code == 404


def test_the_summary_lists_each_aim_of_the_last_run(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    aims.start_run()
    aims.record("home (public): p99 < 100 ms", "41 ms", True)
    aims.record("interim report: PDF < 10 s", "12.9 s", False)
    out = StringIO()
    call_command("bench_summary", stdout=out)
    lines = out.getvalue().splitlines()
    assert any("home (public)" in line and line.endswith("OK") for line in lines)
    assert any(
        "PDF < 10 s" in line and "12.9 s" in line and line.endswith("MISSED") for line in lines
    )
    assert "1 of 2 aims reached." in lines
    aims.start_run()  # a new run forgets the last one's verdicts
    out = StringIO()
    call_command("bench_summary", stdout=out)
    assert "No benchmark has run yet" in out.getvalue()
