"""The expert pool "MO und Arbeitsmarkt": a coordinator requests an expert, the expert or the
Landeskoordination answers once, the assignment shows on the event and in the history."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from lotsen.core import throttle
from organisations.experts import services
from organisations.models import Expert, ExpertRequest, ProfessionalisationTopic, RequestState
from tests.factories import EventFactory


@pytest.fixture
def funding(db):
    return ProfessionalisationTopic.objects.create(name="Fördermittel")


@pytest.fixture
def expert(funding):
    expert = Expert.objects.create(name="Dr. Selma Yıldız", email="yildiz@example.org")
    expert.topics.add(funding)
    return expert


def ask(client, coordinator, expert, **data):
    client.force_login(coordinator)
    return client.post(reverse("organisations:expert-request", args=[expert.pk]), data)


def test_a_coordinator_requests_an_expert_for_an_event(
    client, django_capture_on_commit_callbacks, coordinator, admin_user, region, expert, funding
):
    event = EventFactory(region=region, title="Netzwerktreffen Bochum")
    with django_capture_on_commit_callbacks(execute=True):
        response = ask(
            client, coordinator, expert,
            region=region.pk, topic=funding.pk, date="2014-05-06", event=event.pk,
        )  # fmt: skip
    assert response.status_code == 302
    request = ExpertRequest.objects.get()
    assert request.requested_by == coordinator and request.state == RequestState.REQUESTED
    to_expert = [m for m in mail.outbox if m.to == [expert.email]]
    assert len(to_expert) == 1
    assert reverse("organisations:expert-answer", args=[request.token]) in to_expert[0].body
    assert [m.to for m in mail.outbox if m.to != [expert.email]] == [[admin_user.email]]


def test_the_expert_accepts_by_the_personal_link_once(
    client, django_capture_on_commit_callbacks, coordinator, region, expert, funding
):
    event = EventFactory(region=region, title="Netzwerktreffen Bochum")
    request = ExpertRequest.objects.create(
        expert=expert, region=region, topic=funding, date=datetime.date(2014, 5, 6),
        event=event, requested_by=coordinator,
    )  # fmt: skip
    url = reverse("organisations:expert-answer", args=[request.token])
    page = client.get(url)
    assert page.status_code == 200 and "Fördermittel" in page.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"decision": "accept"}).status_code == 302
    request.refresh_from_db()
    assert request.state == RequestState.ACCEPTED and request.decided_by is None
    assert [m.to for m in mail.outbox] == [[coordinator.email]]

    # A second answer changes nothing.
    client.post(url, {"decision": "decline"})
    request.refresh_from_db()
    assert request.state == RequestState.ACCEPTED

    client.force_login(coordinator)
    event_page = client.get(reverse("events:detail", args=[event.pk])).content.decode()
    assert "Dr. Selma Yıldız" in event_page
    history = client.get(expert.get_absolute_url()).content.decode()
    assert "Netzwerktreffen Bochum" in history


def test_the_landeskoordination_declines_in_the_workspace(
    client, admin_user, coordinator, region, expert, funding
):
    request = ExpertRequest.objects.create(
        expert=expert, region=region, topic=funding, date=datetime.date(2014, 5, 6)
    )
    client.force_login(coordinator)
    decide = reverse("organisations:expert-request-decide", args=[request.pk])
    assert client.post(decide, {"decision": "accept"}).status_code == 403
    client.force_login(admin_user)
    assert client.post(decide, {"decision": "decline"}).status_code == 302
    request.refresh_from_db()
    assert request.state == RequestState.DECLINED and request.decided_by == admin_user


def test_a_request_for_another_region_is_refused(
    client, coordinator, other_region, region, expert, funding
):
    response = ask(client, coordinator, expert, region=other_region.pk, topic=funding.pk,
                   date="2014-05-06")  # fmt: skip
    assert response.status_code == 200
    assert response.context["form"].errors["region"]
    other_event = EventFactory(region=other_region)
    response = ask(client, coordinator, expert, region=region.pk, topic=funding.pk,
                   date="2014-05-06", event=other_event.pk)  # fmt: skip
    assert response.context["form"].errors["event"]
    assert not ExpertRequest.objects.exists()


def test_other_coordinators_do_not_see_the_request_in_the_history(
    client, other_coordinator, region, expert, funding
):
    ExpertRequest.objects.create(
        expert=expert, region=region, topic=funding, date=datetime.date(2014, 5, 6),
        note="Vertraulicher Hinweis",
    )  # fmt: skip
    client.force_login(other_coordinator)
    page = client.get(expert.get_absolute_url()).content.decode()
    assert "Vertraulicher Hinweis" not in page


def test_the_expert_updates_the_profile_by_link(client, expert, funding):
    url = reverse("organisations:expert-profile", args=[expert.token])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "name": "Dr. Selma Yıldız", "email": "neu@example.org", "topics": [funding.pk],
            "availability": "montags", "conditions": "volunteer", "profile": "Neu.",
            "name_visibility": "public", "contact_visibility": "nobody",
            "profile_visibility": "network",
        },
    )  # fmt: skip
    assert response.status_code == 302
    expert.refresh_from_db()
    assert expert.email == "neu@example.org" and expert.availability == "montags"
    too_long = client.post(url, {"name": "X", "conditions": "volunteer", "profile": "x" * 2001,
                                 "name_visibility": "public", "contact_visibility": "nobody",
                                 "profile_visibility": "network"})  # fmt: skip
    assert too_long.status_code == 200 and too_long.context["form"].errors["profile"]


@pytest.mark.parametrize("token", ["nichts", "x" * 43, "a%00b" * 10])
def test_unknown_links_open_nothing(client, db, token):
    for name in ("organisations:expert-answer", "organisations:expert-profile"):
        assert client.get(reverse(name, args=[token])).status_code == 404


def test_a_decided_request_raises(region, expert, funding):
    request = ExpertRequest.objects.create(
        expert=expert, region=region, topic=funding, date=datetime.date(2014, 5, 6)
    )
    services.decide(request=request, accept=False)
    with pytest.raises(services.ExpertRequestError):
        services.decide(request=request, accept=True)


def test_a_statewide_event_is_named_but_not_linked_for_coordinators(
    client, coordinator, admin_user, region, expert, funding
):
    statewide = EventFactory(region=None, title="Landesweite Fachtagung")
    ExpertRequest.objects.create(
        expert=expert, region=region, topic=funding, date=datetime.date(2014, 5, 6),
        event=statewide, state=RequestState.ACCEPTED,
    )  # fmt: skip
    link = reverse("events:detail", args=[statewide.pk])
    client.force_login(coordinator)
    page = client.get(expert.get_absolute_url()).content.decode()
    assert "Landesweite Fachtagung" in page and link not in page
    client.force_login(admin_user)
    assert link in client.get(expert.get_absolute_url()).content.decode()


def test_only_the_landeskoordination_sees_the_profile_link(client, coordinator, admin_user, expert):
    link = reverse("organisations:expert-profile", args=[expert.token])
    client.force_login(coordinator)
    assert link not in client.get(expert.get_absolute_url()).content.decode()
    client.force_login(admin_user)
    assert link in client.get(expert.get_absolute_url()).content.decode()


def test_guessing_personal_links_is_slowed_down(client, db, monkeypatch):
    monkeypatch.setattr(throttle, "LINK_REQUESTS_PER_ADDRESS", 3)
    guesses = [reverse("organisations:expert-answer", args=["x" * 43])] * 3
    assert [client.get(url).status_code for url in guesses] == [404, 404, 404]
    refused = client.get(reverse("organisations:expert-profile", args=["y" * 43]))
    assert refused.status_code == 429
    assert "Zu viele Anfragen" in refused.content.decode()
