"""Registrations, signature list and attendance of an event; a guide's certificate."""

import datetime

from django.utils import timezone

from events.models import EventKind
from lotsen.models.guides import CompletedTraining
from tests.factories import EventFactory, RegistrationFactory
from tests.matrix import HIDDEN, IN_REGION, LOGIN, OK, Row

# A certificate is the guide's own and their coordination's: a 404 for every other account.
OWN_CERTIFICATE = {
    "anonymous": LOGIN,
    "guide": OK,
    "other_guide": HIDDEN,
    "other_coordinator": HIDDEN,
    "coordinator": OK,
    "admin": OK,
}

ROWS = {
    "events:registrations": Row("attendance_event", get=IN_REGION),
    "events:signature-list": Row("attendance_event", get=IN_REGION),
    "events:attendance": Row("attendance_event", get=IN_REGION, post=IN_REGION),
    "guides:certificate": Row("attendance_certificate", get=OWN_CERTIFICATE),
}


def world(region, guide) -> dict:
    # A training that took place yesterday, with a registration and the guide's certificate.
    starts_at = timezone.now() - datetime.timedelta(days=1)
    event = EventFactory(
        region=region,
        kind=EventKind.TRAINING,
        title="Basisqualifizierung Arbeitsmarktlotsen",
        is_public=True,
        takes_registrations=True,
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=6),
    )
    RegistrationFactory(event=event, name="Aylin Demir")
    training = CompletedTraining.objects.create(
        guide=guide, event=event, title=event.title, completed_on=timezone.localdate(starts_at)
    )
    return {"attendance_event": event, "attendance_certificate": training}
