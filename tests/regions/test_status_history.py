import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from regions.models import CooperationStatus, Region, RegionStatusChange
from regions.workspace.services import set_cooperation_status
from tests.factories import RegionFactory

D = datetime.date


@pytest.fixture
def three_regions(db):
    hagen, bonn, aachen = (RegionFactory() for _ in range(3))
    set_cooperation_status(region=hagen, status="contacted", valid_from=D(2013, 6, 1))
    set_cooperation_status(region=hagen, status="binding", valid_from=D(2013, 10, 30))
    set_cooperation_status(region=bonn, status="contacted", valid_from=D(2013, 9, 1))
    set_cooperation_status(region=bonn, status="interested", valid_from=D(2014, 2, 1))
    set_cooperation_status(region=bonn, status="binding", valid_from=D(2014, 6, 1))
    set_cooperation_status(region=aachen, status="in_talks", valid_from=D(2014, 2, 14))
    return hagen, bonn, aachen


def test_status_on_a_past_day_comes_from_the_history(three_regions):
    hagen, bonn, aachen = three_regions
    regions = {r.pk: r for r in Region.objects.with_status(D(2014, 3, 1))}

    assert regions[hagen.pk].status == "binding"
    assert regions[bonn.pk].status == "interested"
    assert regions[bonn.pk].status_since == D(2014, 2, 1)
    assert regions[aachen.pk].status == "in_talks"


def test_region_without_entry_yet_has_no_status(three_regions):
    _hagen, _bonn, aachen = three_regions
    assert Region.objects.with_status(D(2014, 1, 1)).get(pk=aachen.pk).status is None
    assert aachen.status_on(D(2014, 1, 1)) is None


def test_status_counts_for_a_day_take_one_query(three_regions, django_assert_num_queries):
    with django_assert_num_queries(1):
        counts = Region.objects.status_counts(on=D(2014, 3, 1))
    assert counts == {"binding": 1, "interested": 1, "in_talks": 1}


def test_a_later_change_leaves_an_earlier_day_unchanged(three_regions):
    before = Region.objects.status_counts(on=D(2014, 3, 1))
    set_cooperation_status(region=three_regions[2], status="ended", valid_from=timezone.localdate())
    assert Region.objects.status_counts(on=D(2014, 3, 1)) == before
    assert Region.objects.status_counts()["ended"] == 1


def test_today_is_the_default_day(three_regions):
    hagen = three_regions[0]
    assert Region.objects.with_status().get(pk=hagen.pk).status_label == "verbindliche Kooperation"


def test_second_change_on_the_same_day_replaces_the_first(db):
    region = RegionFactory()
    set_cooperation_status(region=region, status="contacted", valid_from=D(2014, 1, 1))
    set_cooperation_status(region=region, status="in_talks", valid_from=D(2014, 1, 1), note="Call")

    entry = RegionStatusChange.objects.get(region=region)
    assert (entry.status, entry.note) == ("in_talks", "Call")


def test_future_dates_are_refused_and_nothing_is_saved(db):
    region = RegionFactory()
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError, match="nicht in der Zukunft") as error:
        set_cooperation_status(region=region, status="binding", valid_from=tomorrow)
    assert error.value.code == "future_status_change"
    assert not RegionStatusChange.objects.exists()


def test_unknown_status_is_refused(db):
    with pytest.raises(ValueError):
        set_cooperation_status(region=RegionFactory(), status="friendly", valid_from=D(2014, 1, 1))


def test_database_keeps_one_entry_per_region_and_day(db):
    region = RegionFactory()
    RegionStatusChange.objects.create(region=region, status="contacted", valid_from=D(2014, 1, 1))
    with pytest.raises(IntegrityError):
        RegionStatusChange.objects.create(
            region=region, status=CooperationStatus.BINDING, valid_from=D(2014, 1, 1)
        )


def test_region_names_and_slugs_are_unique(db):
    RegionFactory(name="Köln", slug="koeln")
    with pytest.raises(IntegrityError):
        RegionFactory(name="Köln", slug="koeln-2")
