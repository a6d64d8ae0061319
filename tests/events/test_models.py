import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from events.models import Event
from tests.factories import EventFactory


def test_event_cannot_end_before_it_starts(region):
    event = EventFactory.build(region=region)
    event.ends_at = event.starts_at - datetime.timedelta(minutes=1)
    with pytest.raises(ValidationError, match="nicht vor ihrem Beginn enden"):
        event.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        event.save()
    assert not Event.objects.exists()


def test_same_title_at_the_same_time_is_one_event(region):
    first = EventFactory(region=region)
    with pytest.raises(IntegrityError):
        EventFactory(region=None, title=first.title, starts_at=first.starts_at)


def test_statewide_event_has_no_region(db):
    assert EventFactory(region=None).region is None
