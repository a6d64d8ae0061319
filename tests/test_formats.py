"""Dates and times as readers of each language expect them: German on German pages, day-first
British order with 24-hour times on English ones (never the US order 03/02/2014)."""

import datetime
import zoneinfo

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import EventFactory

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


@pytest.fixture
def event(region):
    return EventFactory(
        region=region,
        is_public=True,
        title="Lotsentreffen",
        starts_at=datetime.datetime(2030, 3, 2, 18, 0, tzinfo=BERLIN),
        ends_at=datetime.datetime(2030, 3, 2, 20, 30, tzinfo=BERLIN),
    )


def test_german_pages_show_german_dates(client, event):
    page = client.get(reverse("calendar:event", args=[event.pk])).content.decode()
    assert "2. März 2030" in page and "18:00" in page


def test_english_pages_show_the_day_first_and_24_hour_times(client, event, coordinator):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("calendar:event", args=[event.pk])).content.decode()
    assert "2 March 2030" in page and "18:00" in page
    assert "p.m." not in page and "March 2, 2030" not in page

    client.force_login(coordinator)
    workspace = client.get(reverse("events:list")).content.decode()
    assert "02/03/2030 18:00" in workspace
    assert "03/02/2030" not in workspace and "02.03.2030" not in workspace
