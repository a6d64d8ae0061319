"""Beat reminds the coordinators of a support measure's follow-up, once per date."""

import datetime
import threading

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection

from organisations.models import SupportMeasure
from organisations.support.services import send_follow_up_reminders
from organisations.support.tasks import remind_support_follow_ups
from tests.factories import OrganisationFactory

TODAY = datetime.date(2014, 9, 15)


def measure(region, **fields):
    values = {
        "kind": "coaching",
        "received_on": datetime.date(2014, 2, 15),
        "provider": "MOZAIK gGmbH",
        "follow_up_on": TODAY,
    }
    values.update(fields)
    values.setdefault("organisation", OrganisationFactory(region=region))
    return SupportMeasure.objects.create(**values)


def test_coordinators_hear_on_the_follow_up_day_once(
    django_capture_on_commit_callbacks, coordinator, other_coordinator, region
):
    due = measure(
        region,
        organisation=OrganisationFactory(region=region, name="Bosnische Gemeinde Witten e.V."),
    )
    measure(region, follow_up_on=TODAY + datetime.timedelta(days=1))  # not yet
    measure(region, follow_up_note="Done by phone.")  # already followed up

    assert send_follow_up_reminders(today=TODAY - datetime.timedelta(days=1)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert send_follow_up_reminders(today=TODAY) == 1
    assert [m.to for m in mail.outbox] == [[coordinator.email]]
    assert "Bosnische Gemeinde Witten e.V." in mail.outbox[0].subject
    assert f"/workspace/organisations/{due.organisation_id}/" in mail.outbox[0].body

    with django_capture_on_commit_callbacks(execute=True):
        assert send_follow_up_reminders(today=TODAY) == 0
        assert send_follow_up_reminders(today=TODAY + datetime.timedelta(days=3)) == 1
    assert len(mail.outbox) == 2  # the second is the measure due a day later


def test_without_a_coordinator_the_landeskoordination_hears(
    django_capture_on_commit_callbacks, admin_user, region
):
    measure(region)
    with django_capture_on_commit_callbacks(execute=True):
        assert remind_support_follow_ups.apply().get() == 1
    assert [m.to for m in mail.outbox] == [[admin_user.email]]


def test_the_reminder_runs_daily_at_half_past_seven_under_its_name():
    (job,) = [
        job
        for job in settings.CELERY_BEAT_SCHEDULE.values()
        if job["task"] == remind_support_follow_ups.name
    ]
    assert remind_support_follow_ups.name == "organisations.support.tasks.remind_support_follow_ups"
    assert job["schedule"].hour == {7} and job["schedule"].minute == {30}


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    "postgresql" not in settings.DATABASES["default"]["ENGINE"],
    reason="needs PostgreSQL: SQLite has no row locks and serialises all writers",
)
def test_two_runs_at_once_send_each_reminder_once(coordinator, region):
    for number in range(5):
        measure(region, organisation=OrganisationFactory(region=region, name=f"Verein {number}"))
    barrier = threading.Barrier(2)
    counts: list[int] = []

    def run():
        try:
            barrier.wait(timeout=30)
            counts.append(send_follow_up_reminders(today=TODAY))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sum(counts) == 5
    assert len(mail.outbox) == 5
    assert SupportMeasure.objects.filter(follow_up_reminded_at__isnull=True).count() == 0
