"""Today's status kept on guides and regions (lotsen.core.status_history.CurrentStatus): always
what the history says for today, whichever way the history or its owner changes."""

import datetime

import pytest
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from lotsen.core.status_history import refresh_all_current_statuses
from lotsen.core.tasks import refresh_current_statuses
from lotsen.demo.scale import scale_up
from lotsen.demo.services import load_demo
from lotsen.guides.services import set_guide_status
from lotsen.models.guides import Guide, GuideStatusChange
from regions.models import Region, RegionStatusChange
from regions.workspace.services import set_cooperation_status
from tests.factories import GuideFactory, RegionFactory

pytestmark = pytest.mark.django_db

DAY = datetime.date(2014, 3, 1)


def from_history(model, history, owner) -> dict[int, tuple]:
    """(status, since) of every owner read from its history, as before the kept value."""
    latest = history.objects.filter(
        **{owner: OuterRef("pk")}, valid_from__lte=timezone.localdate()
    ).order_by("-valid_from", "-pk")
    rows = model.objects.annotate(
        history_status=Subquery(latest.values("status")[:1]),
        history_since=Subquery(latest.values("valid_from")[:1]),
    ).values_list("pk", "history_status", "history_since")
    return {pk: (status, since) for pk, status, since in rows}


def kept(model) -> dict[int, tuple]:
    rows = model.objects.values_list("pk", "current_status", "current_status_since")
    return {pk: (status, since) for pk, status, since in rows}


def test_a_status_change_is_today_status_at_once(region):
    guide = GuideFactory(region=region)
    assert Guide.objects.with_status().get(pk=guide.pk).status is None
    set_guide_status(guide=guide, status="active", valid_from=DAY)
    found = Guide.objects.with_status().get(pk=guide.pk)
    assert (found.status, found.status_since) == ("active", DAY)


def test_saving_an_old_copy_of_the_guide_keeps_the_new_status(region):
    guide = GuideFactory(region=region)
    old_copy = Guide.objects.get(pk=guide.pk)
    set_guide_status(guide=guide, status="paused", valid_from=DAY)
    old_copy.phone = "0201 123456"
    old_copy.save()  # its current_status is from before the change
    assert Guide.objects.with_status().get(pk=guide.pk).status == "paused"


def test_removing_the_newest_entry_brings_back_the_one_before(region):
    guide = GuideFactory(region=region)
    set_guide_status(guide=guide, status="active", valid_from=DAY)
    newest = set_guide_status(guide=guide, status="left", valid_from=DAY.replace(year=2015))
    assert Guide.objects.with_status().get(pk=guide.pk).status == "left"
    newest.delete()
    assert Guide.objects.with_status().get(pk=guide.pk).status == "active"


def test_a_region_status_written_directly_counts_today():
    region = RegionFactory()
    RegionStatusChange.objects.create(region=region, status="interested", valid_from=DAY)
    assert Region.objects.filter(pk=region.pk).status_counts() == {"interested": 1}


def test_another_day_still_reads_the_history(region):
    guide = GuideFactory(region=region)
    set_guide_status(guide=guide, status="active", valid_from=DAY)
    before = Guide.objects.with_status(on=DAY - datetime.timedelta(days=1)).get(pk=guide.pk)
    assert before.status is None
    today = Guide.objects.with_status()
    # Today's status is a column, not a subquery per guide.
    assert "statuschange" not in str(today.query).lower()
    assert "statuschange" in str(Guide.objects.with_status(on=DAY).query).lower()


def test_an_entry_dated_after_its_writing_day_becomes_today_status_that_night(region):
    guide = GuideFactory(region=region)
    set_guide_status(guide=guide, status="active", valid_from=DAY)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    # The service refuses it; the admin or a script might not.
    GuideStatusChange.objects.create(guide=guide, status="paused", valid_from=tomorrow)
    assert Guide.objects.with_status().get(pk=guide.pk).status == "active"
    Guide.objects.filter(pk=guide.pk).update(current_status="left")  # however it went wrong
    refresh_current_statuses.apply()
    assert Guide.objects.with_status().get(pk=guide.pk).status == "active"


def test_the_demo_and_its_hundredfold_copy_keep_every_status_right():
    """seed_demo writes through services, --scale with bulk inserts; both must agree."""
    load_demo()
    scale_up(units=2)
    assert Guide.objects.exclude(current_status=None).count() > 100
    assert kept(Guide) == from_history(Guide, GuideStatusChange, "guide")
    assert kept(Region) == from_history(Region, RegionStatusChange, "region")
    assert refresh_all_current_statuses() == Guide.objects.count() + Region.objects.count()


def test_the_region_service_keeps_the_status_too():
    region = RegionFactory()
    set_cooperation_status(region=region, status="binding", valid_from=DAY)
    assert kept(Region)[region.pk] == ("binding", DAY)
