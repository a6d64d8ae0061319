import datetime
import re

import pytest
from django.urls import reverse

from regions.workspace.services import set_cooperation_status
from tests.factories import RegionFactory


def test_start_page_shows_each_region_with_todays_status(client, db):
    set_cooperation_status(
        region=RegionFactory(name="Münsterland"),
        status="binding",
        valid_from=datetime.date(2014, 1, 1),
    )
    RegionFactory(name="Köln")

    response = client.get(reverse("home"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Münsterland" in html and "Köln" in html
    assert "verbindliche Kooperation" in html  # German by default


def test_start_page_in_english(client, db):
    set_cooperation_status(
        region=RegionFactory(), status="in_talks", valid_from=datetime.date(2014, 1, 1)
    )
    switch = client.get(reverse("home")).content.decode()
    link = re.search(r'<a href="(/sprache/en/[^"]*)"[^>]*>English</a>', switch).group(1)
    assert client.get(link.replace("&amp;", "&")).url == "/"
    html = client.get(reverse("home")).content.decode()
    assert '<html lang="en">' in html
    assert "in talks" in html
    # Back to German by the other link: the current language is no link.
    assert ">English</span>" in html and 'hreflang="de"' in html


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/sprache/en/?next=/termine/", "/termine/"),
        ("/sprache/en/?next=https://evil.example/", "/"),
        ("/sprache/en/?next=//evil.example/", "/"),
        ("/sprache/en/", "/"),
    ],
)
def test_language_links_go_back_on_this_site_only(client, db, path, expected):
    response = client.get(path)
    assert response.status_code == 302 and response.url == expected
    assert response.cookies["django_language"].value == "en"


def test_language_links_refuse_unknown_languages_and_posts(client, db):
    assert client.get("/sprache/fr/?next=/").status_code == 404
    assert client.post("/sprache/en/").status_code == 405


def test_unknown_page_is_a_friendly_404(client, db):
    response = client.get("/gibt-es-nicht/")
    assert response.status_code == 404
    assert "Seite nicht gefunden" in response.content.decode()


@pytest.mark.parametrize("url", ["/", "/accounts/login/"])
def test_security_headers(client, db, url):
    response = client.get(url)
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"


def test_media_files_are_not_served(client, db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "foto.jpg").write_bytes(b"private")
    assert client.get("/media/foto.jpg").status_code == 404


def test_german_even_for_a_browser_set_to_english(client, db):
    html = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="de">' in html
    assert "Stand der Kooperation" in html


def test_login_page_offers_no_sign_up(client, db):
    html = client.get(reverse("account_login")).content.decode()
    assert reverse("account_signup") not in html
    assert reverse("account_reset_password") in html
    assert '<label for="id_login"' in html


def test_start_page_pages_through_a_large_network(client, db):
    RegionFactory.create_batch(60)
    first = client.get(reverse("home"))
    assert len(first.context["regions"]) == 50
    assert 'rel="next"' in first.content.decode()
    assert len(client.get(reverse("home"), {"page": 2}).context["regions"]) == 10
