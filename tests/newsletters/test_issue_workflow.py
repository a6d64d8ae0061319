"""The Landeskoordination's workflow: approve (and so render once), schedule, reopen, send."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from newsletters.issues import services
from newsletters.models import Issue, IssueItem
from tests.factories import IssueFactory, IssueItemFactory

BERLIN = timezone.get_default_timezone()


def de(message: str, **params) -> str:
    with translation.override("de"):
        text = translation.gettext(message)
    return text % params if params else text


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


@pytest.fixture
def issue(db, region):
    issue = IssueFactory()
    IssueItemFactory(issue=issue, region=region)
    return issue


@pytest.fixture
def rendered(db):
    return IssueFactory(state="approved", rendered_at=timezone.now())


def test_approving_queues_the_rendering_once_however_often_it_is_clicked(
    client, admin_user, issue, django_capture_on_commit_callbacks
):
    client.force_login(admin_user)
    url = reverse("issues:approve", args=[issue.pk])

    with django_capture_on_commit_callbacks() as first:
        response = client.post(url, follow=True)
    with django_capture_on_commit_callbacks() as second:
        again = client.post(url, follow=True)

    issue.refresh_from_db()
    assert (issue.state, issue.approved_by) == ("approved", admin_user)
    assert issue.approved_at is not None
    assert len(first) == 1 and second == []  # the rendering task, queued once
    assert messages_of(response) == [
        de(
            "The issue was approved and is being rendered as email, PDF and archive page. "
            "Check the previews, then schedule it or send it."
        )
    ]
    assert messages_of(again) == [
        de("“%(issue)s” is already %(state)s.", issue=issue.title, state=de("approved"))
    ]
    page = response.content.decode()
    assert 'id="rendering"' in page  # "being rendered …" until the worker is done
    assert reverse("issues:item-create", args=[issue.pk, "regional"]) not in page


def test_the_rendering_task_is_what_approval_queues(
    admin_user, issue, django_capture_on_commit_callbacks, monkeypatch
):
    queued = []
    monkeypatch.setattr(
        "newsletters.rendering.tasks.render_issue.apply_async",
        lambda args, **options: queued.append((args, options)),
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.approve(issue, admin_user)
    assert [args for args, _ in queued] == [[issue.pk]]
    assert queued[0][1]["soft_time_limit"] > 0


def test_an_empty_issue_cannot_be_approved(client, admin_user):
    issue = IssueFactory()
    IssueItemFactory(issue=issue, section="ticker", region=None, headline="")
    client.force_login(admin_user)

    response = client.post(reverse("issues:approve", args=[issue.pk]), follow=True)

    assert messages_of(response) == [
        de(
            "An issue without a lead story and without news from the regions cannot be "
            "approved. Please add at least one of them."
        )
    ]
    issue.refresh_from_db()
    assert issue.state == "draft"


def test_a_lead_story_alone_is_enough(admin_user):
    issue = IssueFactory()
    IssueItemFactory(issue=issue, section="lead", region=None)
    assert services.approve(issue, admin_user).state == "approved"


@pytest.mark.parametrize("name", ["approve", "reopen", "fill-dates", "send"])
def test_coordinators_cannot_run_the_workflow(client, coordinator, issue, name):
    client.force_login(coordinator)
    assert client.post(reverse(f"issues:{name}", args=[issue.pk])).status_code == 403
    issue.refresh_from_db()
    assert issue.state == "draft"


def test_a_rendering_error_is_shown_on_the_draft(client, admin_user, issue):
    Issue.objects.filter(pk=issue.pk).update(render_error="Rendering took longer than 120 s.")
    client.force_login(admin_user)
    page = client.get(reverse("issues:detail", args=[issue.pk])).content.decode()
    assert "Rendering took longer than 120 s." in page
    assert 'id="rendering"' not in page


def test_reopening_makes_a_draft_again_and_forgets_the_rendering(client, admin_user, rendered):
    Issue.objects.filter(pk=rendered.pk).update(
        state="scheduled", scheduled_for=timezone.now() + datetime.timedelta(days=1)
    )
    client.force_login(admin_user)

    client.post(reverse("issues:reopen", args=[rendered.pk]))

    rendered.refresh_from_db()
    assert rendered.state == "draft"
    assert (rendered.rendered_at, rendered.scheduled_for, rendered.approved_at) == (
        None,
        None,
        None,
    )


@pytest.mark.parametrize("state", ["sending", "sent"])
def test_an_issue_that_went_out_cannot_be_reopened(admin_user, state):
    issue = IssueFactory(state=state, rendered_at=timezone.now())
    with translation.override("en"), pytest.raises(ValidationError, match="no longer be reopened"):
        services.reopen(issue, admin_user)
    issue.refresh_from_db()
    assert issue.state == state


def test_scheduling_takes_a_local_time_in_the_future(client, admin_user, rendered):
    client.force_login(admin_user)
    url = reverse("issues:schedule", args=[rendered.pk])
    assert client.get(url).status_code == 200
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    past = client.post(url, {"day": "2020-01-01", "time": "09:00"})
    assert past.context["form"].non_field_errors() == [
        de("The time to send lies in the past. Please choose a later one.")
    ]
    response = client.post(url, {"day": tomorrow.isoformat(), "time": "09:30"})

    assert response.status_code == 302
    rendered.refresh_from_db()
    assert rendered.state == "scheduled"
    expected = datetime.datetime.combine(tomorrow, datetime.time(9, 30), tzinfo=BERLIN)
    assert rendered.scheduled_for == expected


def test_an_issue_is_scheduled_only_once_approved_and_rendered(client, admin_user, issue):
    client.force_login(admin_user)
    url = reverse("issues:schedule", args=[issue.pk])
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()

    assert client.get(url).status_code == 302  # a draft: back to the issue page
    draft = client.post(url, {"day": tomorrow, "time": "09:00"})
    Issue.objects.filter(pk=issue.pk).update(state="approved")
    pending = client.post(url, {"day": tomorrow, "time": "09:00"})

    assert draft.context["form"].non_field_errors() == [
        de("Please approve the issue first; it can be scheduled once it is rendered.")
    ]
    assert pending.context["form"].non_field_errors() == [
        de("The issue is still being rendered. Please try again in a moment.")
    ]
    issue.refresh_from_db()
    assert (issue.state, issue.scheduled_for) == ("approved", None)


def test_the_page_of_a_rendered_issue_offers_schedule_send_and_reopen(client, admin_user, rendered):
    client.force_login(admin_user)
    page = client.get(reverse("issues:detail", args=[rendered.pk])).content.decode()
    for name in ("schedule", "send", "reopen"):
        assert reverse(f"issues:{name}", args=[rendered.pk]) in page
    assert reverse("issues:approve", args=[rendered.pk]) not in page


def test_a_draft_cannot_be_sent(client, admin_user, issue):
    client.force_login(admin_user)
    response = client.post(reverse("issues:send", args=[issue.pk]), follow=True)
    assert messages_of(response) == [
        de("Only an approved issue whose rendering is finished can be sent.")
    ]
    issue.refresh_from_db()
    assert issue.state == "draft"


def test_send_now_starts_sending_and_shows_the_progress(client, admin_user, rendered, monkeypatch):
    sending = pytest.importorskip("newsletters.sending.services")
    started = []
    monkeypatch.setattr(
        sending, "start_sending", lambda issue, *, user=None: started.append((issue.pk, user))
    )
    client.force_login(admin_user)

    response = client.post(reverse("issues:send", args=[rendered.pk]))

    assert started == [(rendered.pk, admin_user)]
    assert response["Location"] == reverse("sending:progress", kwargs={"pk": rendered.pk})


def test_editing_the_issue_is_for_drafts(client, admin_user, issue, rendered):
    client.force_login(admin_user)
    data = {"number": issue.number, "title": "Newsletter März 2014", "issue_date": "2030-03-27",
            "copy_deadline": "2030-03-17"}  # fmt: skip
    assert client.post(reverse("issues:update", args=[issue.pk]), data).status_code == 302
    issue.refresh_from_db()
    assert issue.title == "Newsletter März 2014"

    response = client.post(
        reverse("issues:update", args=[rendered.pk]), {**data, "number": rendered.number}
    )
    assert response.status_code == 302
    rendered.refresh_from_db()
    assert rendered.title != "Newsletter März 2014"
    assert IssueItem.objects.count() == 1
