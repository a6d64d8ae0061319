"""Visitors register for public events: seats, waiting list, cancelling, mails and reminders.

Pages are requested in English (the source language), so the assertions on texts do not depend
on the German catalogue.
"""

import datetime
import json
import re

import icalendar
import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from events.models import Event, Registration, RegistrationStatus
from events.registrations import views as registration_views
from events.registrations.selectors import with_seat_counts
from events.registrations.services import (
    RegistrationError,
    cancel,
    fill_free_seats,
    register,
    send_reminders,
)
from events.registrations.tasks import remind_participants
from tests.conftest import wait_until
from tests.factories import EventFactory, RegistrationFactory

HOUR = datetime.timedelta(hours=1)
DAY = datetime.timedelta(days=1)
CONFIRMED, WAITING, CANCELLED = (
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.WAITING,
    RegistrationStatus.CANCELLED,
)


@pytest.fixture
def client(client):
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def event(region):
    return EventFactory(
        title="Austauschworkshop Hagen",
        region=region,
        is_public=True,
        takes_registrations=True,
        capacity=2,
        venue="Stadtteilzentrum",
        city="Hagen",
    )


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Runs the after-commit callbacks (the mails) of what happens inside it."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def form_data(**changes) -> dict:
    return {
        "name": "Amina Yilmaz",
        "email": "amina@example.org",
        "organisation": "Bosnische Gemeinde Witten e.V.",
        "interpreting": "Arabic",
        "accessibility": "Step-free access",
        "consent": "on",
        **changes,
    }


def register_url(event) -> str:
    return reverse("calendar:register", args=[event.pk])


def sign_up(event, n: int, **kwargs) -> Registration:
    return register(event=event, name=f"Person {n}", email=f"person{n}@example.org", **kwargs)


def statuses(event) -> list[tuple[str, str]]:
    return list(
        Registration.objects.filter(event=event)
        .order_by("created_at", "pk")
        .values_list("email", "status")
    )


def page_text(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


# --- Registering through the form ----------------------------------------------------------


def test_visitor_registers_and_lands_on_their_own_page(client, event, on_commit):
    with on_commit():
        response = client.post(register_url(event), form_data(), follow=True)

    registration = Registration.objects.get(event=event)
    assert response.redirect_chain == [
        (reverse("calendar:registration", args=[registration.token]), 302)
    ]
    text = page_text(response)
    assert "Thank you: you are registered. We have sent a confirmation to amina@example.org." in (
        text
    )
    assert "Registered: your place is confirmed." in text
    assert (registration.status, registration.name, registration.language) == (
        CONFIRMED,
        "Amina Yilmaz",
        "en",
    )
    assert (registration.organisation, registration.interpreting, registration.accessibility) == (
        "Bosnische Gemeinde Witten e.V.",
        "Arabic",
        "Step-free access",
    )
    [message] = mail.outbox
    assert message.to == ["amina@example.org"]
    assert message.subject == "Registration confirmed: Austauschworkshop Hagen"
    assert "Interpreting needed into: Arabic" in message.body
    assert "/anmeldung/" + registration.token + "/" in message.body
    [(filename, content, mimetype)] = message.attachments
    assert (filename, mimetype) == ("austauschworkshop-hagen.ics", "text/calendar; method=PUBLISH")
    assert icalendar.Calendar.from_ical(content).walk("VEVENT")[0]["SUMMARY"] == event.title


def test_the_form_page_shows_places_left_and_the_required_consent(client, event):
    RegistrationFactory(event=event)

    text = page_text(client.get(register_url(event)))

    assert "Register for Austauschworkshop Hagen" in text
    assert "1 of 2 places left." in text
    assert "I agree that my details are used to organise this event." in text


def test_a_full_event_puts_the_next_one_on_the_waiting_list(client, event, on_commit):
    RegistrationFactory.create_batch(2, event=event)

    assert "All places are taken: you can join the waiting list." in page_text(
        client.get(register_url(event))
    )
    with on_commit():
        response = client.post(register_url(event), form_data(), follow=True)

    registration = Registration.objects.get(email="amina@example.org")
    assert registration.status == WAITING
    text = page_text(response)
    assert "All places are taken, so you are on the waiting list." in text
    assert "On the waiting list, in place 1." in text
    [message] = mail.outbox
    assert message.subject == "Waiting list: Austauschworkshop Hagen"
    assert "in place 1:" in message.body
    assert message.attachments == []  # a calendar entry only once there is a place


def test_without_a_capacity_everyone_gets_a_place(event):
    Event.objects.filter(pk=event.pk).update(capacity=None)
    event.refresh_from_db()

    for n in range(5):
        sign_up(event, n)

    assert {status for _email, status in statuses(event)} == {CONFIRMED}


@pytest.mark.parametrize("email", ["AMINA@Example.org", " amina@example.org "])
def test_the_same_address_twice_gets_a_message_and_one_row(client, event, email):
    client.post(register_url(event), form_data())

    response = client.post(register_url(event), form_data(email=email, name="Amina Y."))

    assert response.status_code == 200
    assert "is already registered for this event." in page_text(response)
    assert Registration.objects.filter(event=event).count() == 1


def test_the_service_refuses_a_second_registration_even_on_the_waiting_list(event):
    RegistrationFactory.create_batch(2, event=event)
    sign_up(event, 1)

    with pytest.raises(RegistrationError) as error:
        register(event=event, name="Again", email="PERSON1@example.org")

    assert error.value.code == "duplicate"
    assert Registration.objects.filter(email__iexact="person1@example.org").count() == 1


def test_after_cancelling_one_may_register_again(event):
    first = sign_up(event, 1)
    cancel(registration=first)

    again = sign_up(event, 1)

    assert again.pk != first.pk and again.status == CONFIRMED


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("amina@", "Enter a valid email address."),
        ("amina example.org", "Enter a valid email address."),
        ("", "This field is required."),
    ],
)
def test_an_invalid_address_gets_a_message_and_nothing_is_saved(client, event, email, message):
    response = client.post(register_url(event), form_data(email=email))

    assert response.status_code == 200
    assert message in page_text(response)
    assert not Registration.objects.exists()
    assert mail.outbox == []


def test_the_service_checks_the_address_too(event):
    with pytest.raises(RegistrationError) as error:
        register(event=event, name="X", email="not-an-address")
    assert error.value.code == "invalid_email"
    assert not Registration.objects.exists()


@pytest.mark.parametrize("field", ["name", "email", "organisation", "accessibility"])
def test_a_nul_byte_gets_a_message_not_an_error(client, event, field):
    response = client.post(register_url(event), form_data(**{field: "Amina\x00"}))

    assert response.status_code == 200
    assert "Null characters are not allowed." in page_text(response)
    assert not Registration.objects.exists()


def test_without_consent_nobody_is_registered(client, event):
    data = form_data()
    del data["consent"]

    response = client.post(register_url(event), data)

    assert "Please agree to the use of your details" in page_text(response)
    assert not Registration.objects.exists()


def test_the_robot_trap_saves_nothing(client, event):
    response = client.post(register_url(event), form_data(website="http://spam.example"))

    assert "Your registration could not be sent." in page_text(response)
    assert not Registration.objects.exists()
    assert mail.outbox == []


def test_the_robot_trap_is_hidden_by_a_class_not_an_inline_style(client, event):
    html = client.get(register_url(event)).content.decode()

    assert re.search(r'<div class="registration-trap">\s*<label for="id_website"', html)
    assert "style=" not in html


def test_too_many_attempts_from_one_address_are_refused(client, event, monkeypatch):
    monkeypatch.setattr(registration_views, "RATE_LIMIT", 3)
    for n in range(3):
        client.post(register_url(event), form_data(email=f"p{n}@example.org"))

    response = client.post(register_url(event), form_data(email="p3@example.org"))

    assert response.status_code == 429
    assert "Too many registrations from your connection." in page_text(response)
    assert Registration.objects.filter(event=event).count() == 3
    other_address = client.post(
        register_url(event), form_data(email="p4@example.org"), REMOTE_ADDR="192.0.2.7"
    )
    assert other_address.status_code == 302


# --- Closed registration ------------------------------------------------------------------


def test_after_the_deadline_the_page_says_so_and_a_post_saves_nothing(client, event):
    deadline = timezone.now() - HOUR
    Event.objects.filter(pk=event.pk).update(registration_deadline=deadline)

    page = page_text(client.get(register_url(event)))
    response = client.post(register_url(event), form_data())

    assert "Registration closed on" in page
    assert 'name="email"' not in client.get(register_url(event)).content.decode()
    assert "Registration closed on" in page_text(response)
    assert not Registration.objects.exists()


def test_a_started_or_past_event_takes_no_registration(client, event):
    Event.objects.filter(pk=event.pk).update(
        starts_at=timezone.now() - DAY, ends_at=timezone.now() - DAY + 2 * HOUR
    )

    response = client.post(register_url(event), form_data())

    assert "Registration is closed: the event has begun." in page_text(response)
    assert not Registration.objects.exists()


def test_an_event_without_registration_says_so(client, event):
    Event.objects.filter(pk=event.pk).update(takes_registrations=False)

    response = client.post(register_url(event), form_data())

    assert response.status_code == 200
    assert "This event does not take registrations." in page_text(response)
    assert not Registration.objects.exists()


def test_an_internal_event_has_no_registration_page(client, event):
    Event.objects.filter(pk=event.pk).update(is_public=False)

    assert client.get(register_url(event)).status_code == 404
    assert client.post(register_url(event), form_data()).status_code == 404
    assert client.get(reverse("calendar:register", args=[99999])).status_code == 404
    assert client.get("/termine/99999999999999999999999/anmelden/").status_code == 404
    assert not Registration.objects.exists()


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"is_public": False}, "not_taking"),
        ({"takes_registrations": False}, "not_taking"),
        ({"registration_deadline": -HOUR}, "deadline"),
        ({"starts_at": -HOUR}, "started"),
    ],
)
def test_the_service_refuses_closed_registration(event, changes, code):
    now = timezone.now()
    values = {k: now + v if isinstance(v, datetime.timedelta) else v for k, v in changes.items()}
    Event.objects.filter(pk=event.pk).update(**values)

    with pytest.raises(RegistrationError) as error:
        sign_up(event, 1)

    assert error.value.code == code
    assert not Registration.objects.exists()


# --- Cancelling and moving up ---------------------------------------------------------------


def test_cancelling_a_seat_moves_the_first_waiting_up_and_mails_them(event, on_commit):
    with on_commit():
        seated = [sign_up(event, n, language="en") for n in (1, 2)]
        first, second = sign_up(event, 3, language="en"), sign_up(event, 4, language="en")
    assert (first.status, second.status) == (WAITING, WAITING)
    mail.outbox.clear()

    with on_commit():
        cancel(registration=seated[0])

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (CONFIRMED, WAITING)
    assert first.promoted_at is not None
    assert Registration.objects.filter(event=event, status=CONFIRMED).count() == 2
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert set(by_recipient) == {"person1@example.org", "person3@example.org"}
    assert by_recipient["person1@example.org"].subject == (
        "Registration cancelled: Austauschworkshop Hagen"
    )
    moved_up = by_recipient["person3@example.org"]
    assert moved_up.subject == (
        "A place became free: you are registered for Austauschworkshop Hagen"
    )
    assert moved_up.attachments[0][2] == "text/calendar; method=PUBLISH"
    assert f"/anmeldung/{first.token}/" in moved_up.body


def test_leaving_the_waiting_list_moves_nobody_up(event):
    seated = [sign_up(event, n) for n in (1, 2)]
    waiting = [sign_up(event, n) for n in (3, 4)]

    cancel(registration=waiting[0])

    pks = [registration.pk for registration in [*seated, *waiting]]
    assert [r.status for r in Registration.objects.filter(pk__in=pks)] == [
        CONFIRMED,
        CONFIRMED,
        CANCELLED,
        WAITING,
    ]


def test_raising_the_capacity_fills_the_new_seats(event):
    for n in range(5):
        sign_up(event, n)
    Event.objects.filter(pk=event.pk).update(capacity=4)

    moved_up = fill_free_seats(event=event)

    assert [r.email for r in moved_up] == ["person2@example.org", "person3@example.org"]
    assert [status for _email, status in statuses(event)] == [CONFIRMED] * 4 + [WAITING]


def test_a_cancelled_registration_cannot_be_cancelled_again(event):
    registration = sign_up(event, 1)
    cancel(registration=registration)

    with pytest.raises(RegistrationError) as error:
        cancel(registration=registration)

    assert error.value.code == "already_cancelled"


# --- The personal page ----------------------------------------------------------------------


def manage_url(registration) -> str:
    return reverse("calendar:registration", args=[registration.token])


def test_opening_the_link_cancels_nothing(client, event):
    registration = RegistrationFactory(event=event, name="Amina Yilmaz")

    response = client.get(manage_url(registration))

    registration.refresh_from_db()
    assert registration.status == CONFIRMED
    text = page_text(response)
    assert "Your registration" in text and "Amina Yilmaz" in text
    assert "Cancel my registration" in text
    assert "no-store" in response["Cache-Control"]


def test_the_cancel_button_cancels_and_the_page_says_so(client, event, on_commit):
    registration = RegistrationFactory(event=event, email="amina@example.org", language="en")

    with on_commit():
        response = client.post(manage_url(registration), follow=True)

    registration.refresh_from_db()
    assert registration.status == CANCELLED and registration.cancelled_at is not None
    text = page_text(response)
    assert "Your registration is cancelled." in text
    assert "This registration has been cancelled." in text
    assert "Cancel my registration" not in text
    assert [m.subject for m in mail.outbox] == ["Registration cancelled: Austauschworkshop Hagen"]


def test_cancelling_twice_gives_a_clear_message(client, event):
    registration = RegistrationFactory(event=event)
    client.post(manage_url(registration))

    response = client.post(manage_url(registration), follow=True)

    assert "This registration has already been cancelled." in page_text(response)


def test_a_registration_for_a_begun_event_cannot_be_cancelled(client, event):
    registration = RegistrationFactory(event=event)
    Event.objects.filter(pk=event.pk).update(starts_at=timezone.now() - HOUR)

    page = page_text(client.get(manage_url(registration)))
    response = client.post(manage_url(registration), follow=True)

    assert "the registration can no longer be cancelled." in page
    assert "Cancel my registration" not in page
    assert "the registration can no longer be cancelled." in page_text(response)
    registration.refresh_from_db()
    assert registration.status == CONFIRMED


@pytest.mark.parametrize("token", ["unknown", "x" * 200, "%00", "a%00b", "%C3%A4", "a.b"])
def test_an_unknown_link_is_not_found(client, event, token):
    RegistrationFactory(event=event)
    assert client.get(f"/anmeldung/{token}/").status_code == 404
    assert client.post(f"/anmeldung/{token}/").status_code == 404


# --- The box on the event page --------------------------------------------------------------


def render_box(event) -> str:
    with translation.override("en"):
        return " ".join(
            render_to_string("events/public/_registration.html", {"event": event}).split()
        )


def test_the_box_shows_places_left_and_links_to_the_form(event, django_assert_num_queries):
    RegistrationFactory(event=event)

    with django_assert_num_queries(1):
        html = render_box(event)

    assert "1 of 2 places left." in html
    assert f'href="{register_url(event)}"' in html


def test_the_box_of_a_full_event_offers_the_waiting_list(event):
    RegistrationFactory.create_batch(2, event=event)
    assert "Join the waiting list" in render_box(event)


def test_the_box_says_when_registration_closed_and_vanishes_when_it_does_not_apply(event):
    Event.objects.filter(pk=event.pk).update(registration_deadline=timezone.now() - HOUR)
    event.refresh_from_db()
    assert "the registration deadline has passed." in render_box(event)

    Event.objects.filter(pk=event.pk).update(takes_registrations=False)
    event.refresh_from_db()
    assert render_box(event) == ""


def test_annotated_events_render_the_box_without_queries(event, django_assert_num_queries):
    RegistrationFactory.create_batch(2, event=event)
    annotated = with_seat_counts(Event.objects.filter(pk=event.pk)).get()

    with django_assert_num_queries(0):
        html = render_box(annotated)

    assert "Join the waiting list" in html


# --- Mails through a real SMTP server -------------------------------------------------------


def plain_text(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content().replace("\r\n", "\n")


def test_the_confirmation_arrives_with_the_event_for_the_calendar(client, smtp, region, on_commit):
    # In summer time (CEST, UTC+2), whatever the time of year the test runs.
    starts_at = datetime.datetime(2030, 4, 2, 10, 0, tzinfo=datetime.UTC)
    event = EventFactory(
        title="Fachtagung Dortmund",
        region=region,
        is_public=True,
        takes_registrations=True,
        starts_at=starts_at,
        ends_at=starts_at + 3 * HOUR,
    )

    with on_commit():
        client.post(register_url(event), form_data(email="Amina@Example.org"))

    [message] = smtp.messages
    assert message["To"] == "Amina@Example.org"
    assert message["Subject"] == "Registration confirmed: Fachtagung Dortmund"
    [attachment] = list(message.iter_attachments())
    assert attachment.get_content_type() == "text/calendar"
    assert attachment.get_param("method") == "PUBLISH"
    assert attachment.get_filename() == "fachtagung-dortmund.ics"
    calendar = icalendar.Calendar.from_ical(attachment.get_payload(decode=True))
    [vevent] = calendar.walk("VEVENT")
    dtstart = vevent.decoded("DTSTART")
    assert dtstart == starts_at
    assert (dtstart.hour, str(dtstart.tzinfo)) == (12, "Europe/Berlin")  # 10:00 UTC, CEST

    # The link in the mail leads to the registration, and its button cancels it.
    body = plain_text(message)
    [link] = re.findall(r"https?://\S+/anmeldung/\S+/", body)
    assert link.startswith(django_settings.PORTAL_URL)
    path = link.removeprefix(django_settings.PORTAL_URL.rstrip("/"))
    assert "Fachtagung Dortmund" in page_text(client.get(path))
    with on_commit():
        client.post(path)
    assert Registration.objects.get().status == CANCELLED
    assert smtp.messages[-1]["Subject"] == "Registration cancelled: Fachtagung Dortmund"


def test_the_attachment_survives_the_json_of_the_task_queue(event, monkeypatch, on_commit):
    from lotsen.core import tasks
    from lotsen.core.mail import build_email

    sent = []
    # What a worker gets: the payload after a round trip through Celery's JSON serialiser.
    monkeypatch.setattr(
        tasks.send_email, "delay", lambda payload: sent.append(json.loads(json.dumps(payload)))
    )
    with on_commit():
        sign_up(event, 1)

    [payload] = sent
    message = build_email(payload)
    [(filename, content, mimetype)] = message.attachments
    assert (filename, mimetype) == ("austauschworkshop-hagen.ics", "text/calendar; method=PUBLISH")
    assert icalendar.Calendar.from_ical(content).walk("VEVENT")[0]["UID"].startswith(str(event.uid))
    assert build_email(payload).attachments == message.attachments  # payload left whole


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_mails_the_confirmation_with_the_ics(
    client, celery_worker_factory, smtp_server, region
):
    inbox = smtp_server[1]
    celery_worker_factory()
    event = EventFactory(
        title="Fachtagung Essen", region=region, is_public=True, takes_registrations=True
    )

    client.post(register_url(event), form_data())
    wait_until(lambda: inbox.messages, what="the worker to send the confirmation")

    [message] = inbox.messages
    [attachment] = list(message.iter_attachments())
    calendar = icalendar.Calendar.from_ical(attachment.get_payload(decode=True))
    assert calendar.walk("VEVENT")[0]["SUMMARY"] == "Fachtagung Essen"


def test_mails_are_written_in_the_registrants_language(smtp, event, on_commit):
    with on_commit():
        register(event=event, name="Amina", email="amina@example.org", language="en")
        register(event=event, name="Jonas", email="jonas@example.org", language="de")

    bodies = {m["To"]: plain_text(m) for m in smtp.messages}
    assert bodies["amina@example.org"].startswith("Hello Amina,")
    assert "Kind regards,\nyour Lotsen portal" in bodies["amina@example.org"]
    assert bodies["jonas@example.org"].startswith("Guten Tag Jonas,")
    assert "Mit freundlichen Grüßen\nIhr Lotsen-Portal" in bodies["jonas@example.org"]


# --- Reminders ------------------------------------------------------------------------------


@pytest.fixture
def soon(region):
    """An event starting in a day, with a confirmed, a waiting and a cancelled registration."""
    event = EventFactory(
        title="Netzwerktreffen Bochum",
        region=region,
        is_public=True,
        takes_registrations=True,
        capacity=1,
        starts_at=timezone.now() + DAY,
        ends_at=timezone.now() + DAY + 2 * HOUR,
    )
    week_ago = timezone.now() - 7 * DAY
    RegistrationFactory(event=event, email="seat@example.org", language="en", created_at=week_ago)
    RegistrationFactory(event=event, email="waiting@example.org", status=WAITING)
    RegistrationFactory(event=event, email="gone@example.org", status=CANCELLED)
    return event


def test_reminders_go_out_once_to_those_with_a_seat(smtp, soon, region, on_commit):
    later = EventFactory(
        region=region, is_public=True, takes_registrations=True,
        starts_at=timezone.now() + 3 * DAY,
    )  # fmt: skip
    RegistrationFactory(event=later, email="later@example.org")
    over = EventFactory(
        region=region, is_public=True, takes_registrations=True,
        starts_at=timezone.now() - HOUR,
    )  # fmt: skip
    RegistrationFactory(event=over, email="over@example.org")

    with on_commit():
        first = remind_participants.apply().get()
    with on_commit():
        second = remind_participants.apply().get()

    assert (first, second) == (1, 0)
    [message] = smtp.messages
    assert message["To"] == "seat@example.org"
    assert message["Subject"].startswith("Reminder: Netzwerktreffen Bochum on ")
    seat = Registration.objects.get(email="seat@example.org")
    assert seat.reminded_at is not None
    assert f"/anmeldung/{seat.token}/" in plain_text(message)


def test_the_reminder_window_is_two_days(soon):
    starts_at = timezone.now() + 2 * DAY + HOUR
    Event.objects.filter(pk=soon.pk).update(starts_at=starts_at, ends_at=starts_at + HOUR)
    assert send_reminders() == 0
    assert send_reminders(now=timezone.now() + 2 * HOUR) == 1


def test_who_registered_or_moved_up_within_two_days_gets_no_reminder(soon):
    Registration.objects.filter(email="seat@example.org").update(created_at=timezone.now())
    assert send_reminders() == 0

    Registration.objects.filter(email="seat@example.org").update(
        created_at=timezone.now() - 7 * DAY, promoted_at=timezone.now() - HOUR
    )
    assert send_reminders() == 0


def test_more_places_move_the_waiting_list_up_at_once(client, coordinator, event, on_commit):
    for number in range(4):
        register(event=event, name=f"Person {number}", email=f"p{number}@example.org")
    client.force_login(coordinator)
    edit_url = reverse("events:update", args=[event.pk])
    data = {
        "title": event.title,
        "kind": event.kind,
        "region": event.region_id,
        "is_public": "on",
        "city": event.city,
        "starts_at": timezone.localtime(event.starts_at).strftime("%Y-%m-%dT%H:%M"),
        "ends_at": timezone.localtime(event.ends_at).strftime("%Y-%m-%dT%H:%M"),
        "takes_registrations": "on",
        "capacity": 3,
        "version": client.get(edit_url).context["form"]["version"].value(),
    }

    with on_commit():
        response = client.post(edit_url, data, follow=True)

    assert response.status_code == 200, response.context["form"].errors
    assert "1 person moved up from the waiting list" in response.content.decode()
    statuses = dict(event.registrations.values_list("email", "status"))
    assert statuses == {
        "p0@example.org": CONFIRMED,
        "p1@example.org": CONFIRMED,
        "p2@example.org": CONFIRMED,
        "p3@example.org": WAITING,
    }
    assert [m.to for m in mail.outbox if "p2@example.org" in m.to]
