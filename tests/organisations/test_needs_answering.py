"""The needs assessment through an organisation's personal link, invitations and reminders."""

import datetime
import threading

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from organisations.models import (
    FrozenVersionError,
    NeedsAnswer,
    NeedsInvitation,
    ProfessionalisationTopic,
    Question,
    QuestionKind,
)
from organisations.needs import selectors, services, views
from organisations.needs.tasks import remind_needs_invitations
from tests.factories import ContactPersonFactory, OrganisationFactory
from tests.organisations.needs_world import invite, make_version, option, post_data, questions


@pytest.fixture
def en(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def version(db):
    return make_version()


@pytest.fixture
def witten(region):
    return OrganisationFactory(
        name="Bosnische Gemeinde Witten e.V.", region=region, email="info@bgw.example.org"
    )


@pytest.fixture
def muenster(other_region):
    return OrganisationFactory(
        name="Tamilischer Verein Münster e.V.", region=other_region, email="info@tvm.example.org"
    )


def link(invitation) -> str:
    return reverse("needs:answer", args=[invitation.token])


# --- Answering ------------------------------------------------------------------------------


def test_a_draft_is_kept_and_shown_again(en, version, witten):
    invitation = invite(version, witten)
    response = en.post(link(invitation), post_data(version, topics=["Vereinsrecht"], scale=3))
    assert response.status_code == 302
    page = en.get(link(invitation)).content.decode()
    assert "Your answers have been saved" in page
    assert 'value="3" checked' in page or "checked" in page
    invitation.refresh_from_db()
    assert invitation.submitted_at is None
    answer = NeedsAnswer.objects.get(invitation=invitation, question=questions(version)["scale"])
    assert answer.scale == 3


def test_submitting_needs_the_required_question_and_saves_nothing_without_it(en, version, witten):
    invitation = invite(version, witten)
    response = en.post(link(invitation), post_data(version, form="Coaching", action="submit"))
    assert response.status_code == 400
    assert "Please answer every required question" in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.submitted_at is None
    assert not NeedsAnswer.objects.filter(invitation=invitation).exists()


def test_a_submitted_questionnaire_cannot_be_changed_through_its_link(en, version, witten):
    invitation = invite(version, witten)
    data = post_data(version, topics=["Vereinsrecht"], form="Tandem", scale=2, action="submit")
    assert en.post(link(invitation), data).status_code == 302
    invitation.refresh_from_db()
    assert invitation.submitted_at is not None

    again = post_data(version, topics=["Vernetzung"], form="Coaching", scale=5, action="save")
    response = en.post(link(invitation), again)
    assert response.status_code == 409
    assert "already been submitted" in response.content.decode()
    again["action"] = "submit"
    assert en.post(link(invitation), again).status_code == 409

    answers = {a.question.kind: a for a in NeedsAnswer.objects.filter(invitation=invitation)}
    assert [o.label for o in answers[QuestionKind.CHOOSE_SEVERAL].options.all()] == ["Vereinsrecht"]
    assert answers[QuestionKind.SCALE].scale == 2
    page = en.get(link(invitation)).content.decode()
    assert "can no longer be changed" in page
    assert 'name="action"' not in page
    assert "Tandem" in page


def test_the_service_refuses_a_second_submission(version, witten):
    invitation = invite(version, witten)
    values = {questions(version)["several"].pk: [option(version, "Vereinsrecht")]}
    services.save_answers(invitation=invitation, values=values, submit=True)
    with pytest.raises(services.NeedsError):
        services.save_answers(invitation=invitation, values=values, submit=False)


def test_submitting_adds_the_chosen_topics_to_the_needs_and_removes_none(version, witten):
    kept = ProfessionalisationTopic.objects.create(name="Öffentlichkeitsarbeit")
    witten.professionalisation_needs.add(kept)
    invitation = invite(version, witten)
    values = {
        questions(version)["several"].pk: [
            option(version, "Vereinsrecht"),
            option(version, "Vernetzung"),
        ]
    }
    services.save_answers(invitation=invitation, values=values, submit=True)
    names = sorted(t.name for t in witten.professionalisation_needs.all())
    assert names == ["Vereinsrecht", "Vernetzung", "Öffentlichkeitsarbeit"]


def test_an_option_of_another_question_is_refused(en, version, witten):
    invitation = invite(version, witten)
    data = post_data(version, topics=["Vereinsrecht"])
    data[f"q{questions(version)['several'].pk}"] = [str(option(version, "Coaching").pk)]
    response = en.post(link(invitation), data)
    assert response.status_code == 400
    assert not NeedsAnswer.objects.filter(invitation=invitation).exists()


@pytest.mark.parametrize("scale", ["0", "6", "x"])
def test_a_scale_outside_1_to_5_is_a_message(en, version, witten, scale):
    invitation = invite(version, witten)
    response = en.post(link(invitation), post_data(version, scale=scale))
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()


def test_an_unknown_token_is_404(en, db):
    assert en.get(reverse("needs:answer", args=["x" * 43])).status_code == 404
    assert en.get(reverse("needs:answer", args=["bad token\x00"])).status_code == 404
    assert en.post(reverse("needs:answer", args=["y" * 43]), {}).status_code == 404


def test_an_expired_link_is_410_and_saves_nothing(en, version, witten):
    invitation = invite(version, witten, days_ago=40)
    response = en.get(link(invitation))
    assert response.status_code == 410
    assert "This link has expired" in response.content.decode()
    posted = en.post(link(invitation), post_data(version, topics=["Vereinsrecht"]))
    assert posted.status_code == 410
    assert not NeedsAnswer.objects.filter(invitation=invitation).exists()


def test_the_link_is_rate_limited(en, version, witten):
    invitation = invite(version, witten)
    from lotsen.core.throttle import LINK_REQUESTS_PER_ADDRESS

    for _ in range(LINK_REQUESTS_PER_ADDRESS):
        assert en.get(link(invitation)).status_code == 200
    assert en.get(link(invitation)).status_code == 429


def test_region_as_link_shows_nothing_of_region_b(en, version, witten, muenster):
    mine = invite(version, witten)
    theirs = invite(version, muenster)
    services.save_answers(
        invitation=theirs,
        values={
            questions(version)["several"].pk: [option(version, "Vernetzung")],
            questions(version)["text"].pk: "Geheimnis aus Münster",
        },
        submit=True,
    )
    page = en.get(link(mine)).content.decode()
    assert witten.name in page
    assert muenster.name not in page and "Geheimnis aus Münster" not in page
    # Saving through region A's link touches nothing of region B's answers.
    en.post(link(mine), post_data(version, text="Witten"))
    assert NeedsAnswer.objects.get(invitation=theirs, question__kind="text").text == (
        "Geheimnis aus Münster"
    )


# --- The questionnaire's versions -----------------------------------------------------------


def test_a_sent_version_never_changes_and_editing_starts_a_new_one(version, witten):
    services.invite(version=version, organisations=[witten])
    version.refresh_from_db()
    assert version.is_sent
    question = version.questions.first()
    question.text = "Changed"
    with pytest.raises(FrozenVersionError):
        question.save()
    with pytest.raises(FrozenVersionError):
        Question.objects.create(version=version, kind=QuestionKind.TEXT, text="New")
    with pytest.raises(FrozenVersionError):
        option(version, "Tandem").delete()

    copy = services.new_version(version=version)
    assert copy.number == 2 and not copy.is_sent
    assert [q.text for q in copy.questions.all()] == [q.text for q in version.questions.all()]
    first = copy.questions.first()
    first.text = "Changed in version 2"
    first.save()
    assert version.questions.first().text == "Where do you need support?"
    # Coordinators go on inviting to the sent version until the draft is ready to send.
    assert selectors.current_version() == version
    with pytest.raises(services.NeedsError):
        services.invite(version=copy, organisations=[witten])
    copy.released = True
    copy.save()
    assert selectors.current_version() == copy


# --- Invitations ----------------------------------------------------------------------------


def test_coordinator_invites_organisations_of_their_region_once(
    client, coordinator, version, witten, muenster, region, django_capture_on_commit_callbacks
):
    without_email = OrganisationFactory(name="Ohne Adresse e.V.", region=region)
    by_contact = OrganisationFactory(name="Kontaktverein e.V.", region=region)
    ContactPersonFactory(organisation=by_contact, email="kontakt@kv.example.org")
    client.force_login(coordinator)
    url = reverse("needs:invite")
    page = client.get(url)
    offered = {o.name for o in page.context["form"].fields["organisations"].queryset}
    assert offered == {witten.name, by_contact.name}
    assert without_email.name not in offered and muenster.name not in offered

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"organisations": [witten.pk, by_contact.pk]})
    assert response.status_code == 302
    invitations = NeedsInvitation.objects.order_by("email")
    assert [i.email for i in invitations] == ["info@bgw.example.org", "kontakt@kv.example.org"]
    assert sorted(m.to[0] for m in mail.outbox) == [
        "info@bgw.example.org",
        "kontakt@kv.example.org",
    ]
    body = next(m.body for m in mail.outbox if m.to == ["info@bgw.example.org"])
    assert f"/bedarfsermittlung/{invitations.get(organisation=witten).token}/" in body

    # One invitation per organisation and version: a second round offers neither again.
    again = client.post(url, {"organisations": [witten.pk]})
    assert again.status_code == 200
    assert NeedsInvitation.objects.count() == 2


def test_many_organisations_are_offered_one_region_at_a_time(
    client, admin_user, version, region, other_region, monkeypatch
):
    monkeypatch.setattr(views, "INVITE_LIST_LIMIT", 2)
    here = [OrganisationFactory(region=region, email=f"h{n}@x.org") for n in range(2)]
    OrganisationFactory(region=other_region, email="dort@x.org")
    client.force_login(admin_user)
    url = reverse("needs:invite")

    page = client.get(url)
    assert page.context["choose_region_first"]
    assert not page.context["form"].fields["organisations"].queryset.exists()
    assert "bitte wählen Sie zuerst eine Region" in page.content.decode()

    in_region = client.get(url, {"region": region.pk})
    offered = set(in_region.context["form"].fields["organisations"].queryset)
    assert offered == set(here)
    response = client.post(f"{url}?region={region.pk}", {"organisations": [here[0].pk]})
    assert response.status_code == 302
    assert NeedsInvitation.objects.get().organisation == here[0]


def test_coordinator_cannot_invite_another_regions_organisation(
    client, coordinator, version, muenster
):
    client.force_login(coordinator)
    response = client.post(reverse("needs:invite"), {"organisations": [muenster.pk]})
    assert response.status_code == 200
    assert not NeedsInvitation.objects.exists()
    assert mail.outbox == []


# --- Reminders ------------------------------------------------------------------------------


def _reminders():
    return [m for m in mail.outbox if "Reminder" in m.subject or "Erinnerung" in m.subject]


def test_reminders_after_7_and_14_days_once_each(
    version, witten, region, django_capture_on_commit_callbacks
):
    now = timezone.now()
    fresh = invite(version, witten, days_ago=3)
    week = invite(version, OrganisationFactory(region=region, email="a@x.org"), days_ago=8)
    fortnight = invite(version, OrganisationFactory(region=region, email="b@x.org"), days_ago=15)
    fortnight.first_reminder_at = now - datetime.timedelta(days=7)
    fortnight.save()
    done = invite(version, OrganisationFactory(region=region, email="c@x.org"), days_ago=8)
    done.submitted_at = now
    done.save()
    expired = invite(version, OrganisationFactory(region=region, email="d@x.org"), days_ago=30)

    with django_capture_on_commit_callbacks(execute=True):
        assert remind_needs_invitations() == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["a@x.org", "b@x.org"]
    assert remind_needs_invitations() == 0
    assert len(mail.outbox) == 2
    for invitation in (fresh, done, expired):
        invitation.refresh_from_db()
        assert invitation.first_reminder_at is None
    week.refresh_from_db()
    fortnight.refresh_from_db()
    assert week.first_reminder_at and week.second_reminder_at is None
    assert fortnight.second_reminder_at is not None


def test_an_invitation_gets_its_second_reminder_only_on_a_later_run(version, witten):
    invitation = invite(version, witten, days_ago=15)
    assert services.send_reminders() == 1
    invitation.refresh_from_db()
    assert invitation.first_reminder_at and invitation.second_reminder_at is None
    assert services.send_reminders(now=timezone.now() + datetime.timedelta(days=1)) == 1
    invitation.refresh_from_db()
    assert invitation.second_reminder_at is not None
    assert services.send_reminders(now=timezone.now() + datetime.timedelta(days=2)) == 0


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    "postgresql" not in settings.DATABASES["default"]["ENGINE"],
    reason="needs PostgreSQL: SQLite has no row locks and serialises all writers",
)
def test_concurrent_reminder_runs_send_each_reminder_once(region):
    version = make_version()
    for n in range(12):
        invite(version, OrganisationFactory(region=region, email=f"mo{n}@x.org"), days_ago=8)
    runs = 4
    barrier = threading.Barrier(runs)
    counts: list[int] = []

    def run():
        try:
            barrier.wait(timeout=30)
            counts.append(services.send_reminders())
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(runs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sum(counts) == 12
    addresses = sorted(m.to[0] for m in mail.outbox)
    assert addresses == sorted(f"mo{n}@x.org" for n in range(12))
    assert NeedsInvitation.objects.filter(first_reminder_at__isnull=True).count() == 0


def test_the_beat_schedule_runs_the_reminders_daily_at_9_15():
    entry = settings.CELERY_BEAT_SCHEDULE["remind-needs-invitations"]
    assert entry["task"] == "organisations.needs.tasks.remind_needs_invitations"
    assert entry["schedule"].hour == {9} and entry["schedule"].minute == {15}
