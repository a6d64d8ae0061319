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


def test_a_changed_schedule_is_a_new_calendar_revision_with_the_same_uid(db):
    event = EventFactory()
    uid = event.uid

    event.description = "Mit Imbiss"
    event.save()
    assert event.sequence == 0  # calendars need no update for the description alone

    event.starts_at += datetime.timedelta(hours=1)
    event.save()
    event.refresh_from_db()
    assert (event.uid, event.sequence) == (uid, 1)

    reloaded = Event.objects.get(pk=event.pk)
    reloaded.city = "Bochum"
    reloaded.save(update_fields=["city"])
    reloaded.refresh_from_db()
    assert reloaded.sequence == 2


def test_every_event_has_its_own_calendar_uid(db):
    assert EventFactory().uid != EventFactory().uid


def test_registration_closes_at_the_deadline_and_never_after_the_start(db):
    event = EventFactory(is_public=True, takes_registrations=True)
    assert event.registration_closes_at == event.starts_at

    event.registration_deadline = event.starts_at - datetime.timedelta(days=2)
    assert event.registration_closes_at == event.registration_deadline
    assert event.registration_is_open(now=event.registration_deadline - datetime.timedelta(1))
    assert not event.registration_is_open(now=event.registration_deadline)

    event.registration_deadline = event.starts_at + datetime.timedelta(days=1)
    assert event.registration_closes_at == event.starts_at

    event.is_public = False
    assert not event.registration_is_open(now=event.starts_at - datetime.timedelta(days=3))
