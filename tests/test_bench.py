"""The benchmark's reference page and its table of aims (lotsen.bench)."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings

from lotsen.bench import aims, load
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


WRK_OUTPUT = """Running 1m test @ http://127.0.0.1:8000/
  2 threads and 32 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   133.29ms   92.22ms   1.50s    89.62%
    Req/Sec    37.00     13.70    60.00     69.57%
  Latency Distribution
     50%  103.99ms
     75%  142.51ms
     90%  245.60ms
     99%    1.21s
  14096 requests in 1.00m, 104.85MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 4
Requests/sec:    234.60
Transfer/sec:      1.75MB
"""


def test_wrk_figures_are_read_with_their_units():
    result = load.parse(WRK_OUTPUT)
    assert result.requests == 14096
    assert result.throughput == 234.6
    assert result.p50_ms == pytest.approx(103.99)
    assert result.p99_ms == pytest.approx(1210)
    assert result.errors == 7  # socket errors and answers that are not 2xx or 3xx


@pytest.mark.skipif(not load.available(), reason="wrk is not installed")
def test_wrk_requests_every_page_of_the_mix(live_server):
    result = load.run(
        live_server.url,
        [("/healthz", ""), ("/no-such-page/", "")],
        seconds=1,
        connections=2,
        threads=1,
    )
    assert result.requests > 0
    assert result.errors >= result.requests // 2  # every second request is a 404
