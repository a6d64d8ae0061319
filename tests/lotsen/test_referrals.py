"""Referral requests: a partner asks for a guide, the coordination proposes the request to
guides, the first guide to accept through the personal link takes it, and the requester learns
only the contact details that guide agreed to share."""

import datetime
import re
import uuid

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from lotsen.core.audit import history_of
from lotsen.guides.services import set_guide_status
from lotsen.models.accounts import User
from lotsen.models.guides import ExpertiseArea, GuideStatus
from lotsen.models.referrals import (
    ProposalState,
    ReferralProposal,
    ReferralRequest,
    ReferralState,
)
from lotsen.referrals import services
from lotsen.referrals.tasks import remind_unanswered_referrals
from tests.factories import GuideFactory, LanguageFactory, RegionFactory

LONG_AGO = datetime.date(2020, 1, 1)
FORM = reverse("referrals:request")
LINK = re.compile(r"http://\S+/vermittlung/[A-Za-z0-9_-]+/")


@pytest.fixture
def en(client):
    """Pages and mails in English, so the tests read what users read."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def arabic(db):
    return LanguageFactory(name="Arabisch", name_en="Arabic")


@pytest.fixture
def recognition(db):
    return ExpertiseArea.objects.create(
        name="Anerkennung ausländischer Abschlüsse", name_en="Recognition of qualifications"
    )


def _active_guide(region, language, topic, **fields):
    guide = GuideFactory(region=region, **fields)
    guide.languages.create(language=language, level="C1")
    guide.expertise.add(topic)
    set_guide_status(guide=guide, status=GuideStatus.ACTIVE, valid_from=LONG_AGO)
    return guide


@pytest.fixture
def amira(region, arabic, recognition):
    return _active_guide(
        region, arabic, recognition, first_name="Amira", last_name="Haddad",
        email="amira@example.org", phone="0176 1234567",
    )  # fmt: skip


@pytest.fixture
def bilal(region, arabic, recognition):
    return _active_guide(
        region, arabic, recognition, first_name="Bilal", last_name="Karimi",
        email="bilal@example.org", phone="0151 7654321",
    )  # fmt: skip


def form_data(where, language, topic, **changes) -> dict:
    data = {
        "submission_key": str(uuid.uuid4()),
        "organisation": "Jobcenter Hagen",
        "contact_name": "Petra Sommer",
        "email": "sommer@jobcenter.example.org",
        "phone": "02331 12345",
        "languages": [language.pk],
        "topics": [topic.pk],
        "region": where.pk,
        "place": "Hagen",
        "time_frame": "Termin am 12. März",
        "note": "Anerkennung eines Abschlusses in der Pflege",
        "consent": "on",
    }
    return {**data, **changes}


def make_request(region, arabic, recognition, **fields) -> ReferralRequest:
    request, _created = services.submit_request(
        submission_key=uuid.uuid4(),
        organisation="Jobcenter Hagen",
        contact_name="Petra Sommer",
        email="sommer@jobcenter.example.org",
        phone="02331 12345",
        languages=[arabic],
        topics=[recognition],
        region=region,
        time_frame="im März",
        language="de",
    )
    if fields:
        ReferralRequest.objects.filter(pk=request.pk).update(**fields)
        request.refresh_from_db()
    return request


def body(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


# --- The whole flow, with a real SMTP server ----------------------------------------------


def test_request_proposal_acceptance_and_requester_mail_with_only_the_shared_contact(
    en, smtp, django_capture_on_commit_callbacks, coordinator, region, arabic, recognition,
    amira, bilal,
):  # fmt: skip
    client = en
    page = client.get(FORM)
    assert page.status_code == 200
    assert "do not write the name or any other personal data" in page.content.decode()
    key = page.context["form"]["submission_key"].value()
    data = form_data(region, arabic, recognition, submission_key=str(key))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(FORM, data, follow=True)
    assert response.redirect_chain == [(reverse("referrals:request-done"), 302)]
    referral = ReferralRequest.objects.get()
    assert f"your request {referral.reference} has arrived" in response.content.decode()
    assert referral.state == ReferralState.NEW
    assert [m["To"] for m in smtp.messages] == ["sommer@jobcenter.example.org"]
    assert referral.reference in smtp.messages[0]["Subject"]

    # The same form sent again (a double click, a reload): still one request, one mail.
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(FORM, data, follow=True)
    assert "already arrived; it was not sent twice" in again.content.decode()
    assert "sommer@jobcenter" not in again.content.decode()  # not repeated to a second sender
    assert ReferralRequest.objects.count() == 1
    assert len(smtp.messages) == 1

    # The coordination sees it on the dashboard and finds both guides for it.
    client.force_login(coordinator)
    dashboard = client.get(reverse("dashboard")).content.decode()
    new = re.search(r'id="attention-referrals-new".*?figures__count">(\d+)<', dashboard, re.S)
    assert new and new.group(1) == "1"
    detail = client.get(reverse("referrals:detail", args=[referral.pk]))
    assert {g.first_name for g in detail.context["candidates"]} == {"Amira", "Bilal"}

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("referrals:propose", args=[referral.pk]), {"guides": [amira.pk, bilal.pk]}
        )
    referral.refresh_from_db()
    assert referral.state == ReferralState.PROPOSED
    proposals = {m["To"]: m for m in smtp.messages[1:]}
    assert set(proposals) == {"amira@example.org", "bilal@example.org"}
    amira_link = LINK.search(body(proposals["amira@example.org"])).group()
    bilal_link = LINK.search(body(proposals["bilal@example.org"])).group()

    # Amira opens her link (without logging in): the request, but not the requester's contact.
    client.logout()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # logging out cleared the cookies
    shown = client.get(amira_link)
    assert shown.status_code == 200
    text = shown.content.decode()
    assert "Termin am 12. März" in text and "Jobcenter Hagen" in text
    assert "Petra Sommer" not in text and "sommer@jobcenter" not in text
    referral.refresh_from_db()
    assert referral.state == ReferralState.PROPOSED  # a GET changes nothing

    before = len(smtp.messages)
    with django_capture_on_commit_callbacks(execute=True):
        accepted = client.post(amira_link, {"decision": "accept", "share_phone": "on"})
    assert accepted.status_code == 302
    referral.refresh_from_db()
    assert referral.state == ReferralState.ACCEPTED
    new_mail = {m["To"]: m for m in smtp.messages[before:]}
    assert set(new_mail) == {"sommer@jobcenter.example.org", "bilal@example.org"}
    to_requester = body(new_mail["sommer@jobcenter.example.org"])
    assert "Amira Haddad" in to_requester
    assert "0176 1234567" in to_requester
    assert "amira@example.org" not in to_requester  # she did not agree to share it
    # Guides' mails are in German, the portal's language (guides choose no language).
    assert "ist vergeben" in new_mail["bilal@example.org"]["Subject"]
    # Now Amira sees whom to call.
    assert "Petra Sommer" in client.get(amira_link).content.decode()

    # Bilal comes too late: told so, nothing changes.
    late = client.get(bilal_link)
    assert "no longer open" in late.content.decode()
    client.post(bilal_link, {"decision": "accept", "share_email": "on"})
    assert ReferralProposal.objects.get(guide=bilal).state == ProposalState.WITHDRAWN
    assert ReferralProposal.objects.filter(state=ProposalState.ACCEPTED).count() == 1

    # Every step is in the request's history.
    with translation.override("en"):
        states = [
            change.after
            for entry in history_of(referral)
            for change in entry.changes
            if change.field == "state"
        ]
    assert states[:2] == ["accepted by a guide", "proposed to guides"]


def test_the_requester_learns_no_contact_the_guide_did_not_share(
    en, django_capture_on_commit_callbacks, region, arabic, recognition, amira
):
    referral = make_request(region, arabic, recognition)
    (proposal,) = services.propose(request=referral, guides=[amira], proposed_by=None)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        en.post(reverse("referrals:proposal", args=[proposal.token]), {"decision": "accept"})
    (message,) = mail.outbox
    assert message.to == ["sommer@jobcenter.example.org"]
    assert "amira@example.org" not in message.body and "0176" not in message.body
    assert "über die Regionalkoordination" in message.body  # requested in German


# --- Two guides at once -------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    "postgresql" not in settings.DATABASES["default"]["ENGINE"],
    reason="needs PostgreSQL: SQLite has no row locks and serialises all writers",
)
def test_two_guides_accepting_at_once_one_wins(region, arabic, recognition, amira, bilal):
    import threading

    from django.db import connection

    referral = make_request(region, arabic, recognition)
    proposals = services.propose(request=referral, guides=[amira, bilal], proposed_by=None)
    barrier = threading.Barrier(len(proposals))
    outcomes: list[str] = []

    def accept(proposal):
        try:
            barrier.wait(timeout=30)
            services.accept(proposal=proposal, share_email=True, share_phone=False)
            outcomes.append("won")
        except services.ReferralError as error:
            outcomes.append(error.code or "")
        finally:
            connection.close()

    threads = [threading.Thread(target=accept, args=(p,)) for p in proposals]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(outcomes) == ["taken", "won"]
    referral.refresh_from_db()
    assert referral.state == ReferralState.ACCEPTED
    states = sorted(p.state for p in ReferralProposal.objects.filter(request=referral))
    assert states == [ProposalState.ACCEPTED, ProposalState.WITHDRAWN]
    to_requester = [m for m in mail.outbox if m.to == ["sommer@jobcenter.example.org"]]
    assert len(to_requester) == 2  # the confirmation of receipt, and one "guide found"


# --- The public form: trap, rate limit, bad input ----------------------------------------


def test_the_robot_trap_saves_nothing_and_says_the_same(en, region, arabic, recognition):
    data = form_data(region, arabic, recognition, website="http://spam.example")
    response = en.post(FORM, data)
    assert response.status_code == 302
    assert response["Location"] == reverse("referrals:request-done")
    assert not ReferralRequest.objects.exists()
    assert mail.outbox == []


def test_too_many_requests_from_one_address_are_refused(en, region, arabic, recognition):
    for _ in range(10):
        assert en.post(FORM, form_data(region, arabic, recognition)).status_code == 302
    refused = en.post(FORM, form_data(region, arabic, recognition))
    assert refused.status_code == 429
    assert "Too many requests" in refused.content.decode()
    assert ReferralRequest.objects.count() == 10


@pytest.mark.parametrize(
    "changes",
    [
        {"languages": ["abc"], "topics": ["999999"]},
        {"region": "99999999999999999999", "email": "not an address"},
        {"submission_key": "not-a-uuid", "time_frame": ""},
        {"note": "x" * 5000, "organisation": "\x00"},
        {"region": "", "place": ""},
        {"consent": ""},
    ],
)
def test_bad_input_gets_a_message_and_saves_nothing(en, region, arabic, recognition, changes):
    response = en.post(FORM, form_data(region, arabic, recognition, **changes))
    assert response.status_code == 200
    assert "Please correct the following" in response.content.decode()
    assert not ReferralRequest.objects.exists()
    assert mail.outbox == []


def test_a_request_without_a_region_is_for_the_landeskoordination(
    client, admin_user, coordinator, other_coordinator, region, arabic, recognition
):
    statewide = make_request(None, arabic, recognition)
    ours = make_request(region, arabic, recognition)
    client.force_login(coordinator)
    listed = client.get(reverse("referrals:list")).context["object_list"]
    assert [r.pk for r in listed] == [ours.pk]
    assert client.get(reverse("referrals:detail", args=[statewide.pk])).status_code == 404
    client.force_login(other_coordinator)
    assert list(client.get(reverse("referrals:list")).context["object_list"]) == []
    client.force_login(admin_user)
    listed = client.get(reverse("referrals:list")).context["object_list"]
    assert {r.pk for r in listed} == {statewide.pk, ours.pk}


# --- The personal link --------------------------------------------------------------------


@pytest.mark.parametrize("token", ["nope", "x" * 41, "a%00b", "../../admin", "ä"])
def test_bad_tokens_are_not_found(client, db, token):
    assert client.get(f"/vermittlung/{token}/").status_code == 404
    assert client.post(f"/vermittlung/{token}/", {"decision": "accept"}).status_code == 404


def test_an_unknown_decision_is_refused_without_changes(en, region, arabic, recognition, amira):
    referral = make_request(region, arabic, recognition)
    (proposal,) = services.propose(request=referral, guides=[amira], proposed_by=None)
    url = reverse("referrals:proposal", args=[proposal.token])
    for data in ({"decision": "maybe"}, {}, {"decision": ""}):
        assert en.post(url, data).status_code == 400
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.OPEN


def test_when_everyone_declines_the_request_is_new_again(
    en, region, arabic, recognition, amira, bilal
):
    referral = make_request(region, arabic, recognition)
    proposals = services.propose(request=referral, guides=[amira, bilal], proposed_by=None)
    en.post(reverse("referrals:proposal", args=[proposals[0].token]), {"decision": "decline"})
    referral.refresh_from_db()
    assert referral.state == ReferralState.PROPOSED
    response = en.post(
        reverse("referrals:proposal", args=[proposals[1].token]), {"decision": "decline"}
    )
    assert "ask someone else" in en.get(response["Location"]).content.decode()
    referral.refresh_from_db()
    assert referral.state == ReferralState.NEW
    # A declined proposal cannot be accepted afterwards.
    en.post(reverse("referrals:proposal", args=[proposals[0].token]), {"decision": "accept"})
    referral.refresh_from_db()
    assert referral.state == ReferralState.NEW


# --- The coordination -------------------------------------------------------------------


def test_closing_withdraws_open_proposals_and_tells_the_guides(
    en, django_capture_on_commit_callbacks, coordinator, region, arabic, recognition, amira
):
    referral = make_request(region, arabic, recognition)
    services.propose(request=referral, guides=[amira], proposed_by=coordinator)
    mail.outbox.clear()
    en.force_login(coordinator)
    url = reverse("referrals:close", args=[referral.pk])
    assert en.post(url, {"outcome": "bogus"}).status_code == 302
    referral.refresh_from_db()
    assert referral.state == ReferralState.PROPOSED
    with django_capture_on_commit_callbacks(execute=True):
        en.post(url, {"outcome": "not_needed"})
    referral.refresh_from_db()
    assert (referral.state, referral.outcome) == (ReferralState.CLOSED, "not_needed")
    assert [m.to for m in mail.outbox] == [["amira@example.org"]]
    assert ReferralProposal.objects.get().state == ProposalState.WITHDRAWN
    # Closed is final: cancelling it now only says so.
    response = en.post(reverse("referrals:cancel", args=[referral.pk]), follow=True)
    assert "already closed" in response.content.decode()


def test_proposing_with_bad_input_says_so(en, coordinator, region, arabic, recognition):
    referral = make_request(region, arabic, recognition)
    elsewhere = GuideFactory(region=RegionFactory(), email="elsewhere@example.org")
    en.force_login(coordinator)
    url = reverse("referrals:propose", args=[referral.pk])
    for data in ({}, {"guides": ["x"]}, {"guides": [elsewhere.pk]}):
        response = en.post(url, data, follow=True)
        assert response.status_code == 200
        assert response.context["messages"]
    assert not ReferralProposal.objects.exists()
    detail = en.get(reverse("referrals:detail", args=[referral.pk]), {"language": "abc"})
    assert detail.status_code == 200


def test_cancelled_requests_cannot_be_proposed(en, coordinator, region, arabic, recognition, amira):
    referral = make_request(region, arabic, recognition)
    services.cancel(request=referral)
    en.force_login(coordinator)
    response = en.post(
        reverse("referrals:propose", args=[referral.pk]), {"guides": [amira.pk]}, follow=True
    )
    assert "cannot be proposed" in response.content.decode()
    assert not ReferralProposal.objects.exists()


# --- Unanswered for a week ------------------------------------------------------------------


def test_unanswered_requests_come_back_after_seven_days(
    client, django_capture_on_commit_callbacks, coordinator, region, arabic, recognition, amira
):
    referral = make_request(region, arabic, recognition)
    services.propose(
        request=referral,
        guides=[amira],
        proposed_by=coordinator,
        now=timezone.now() - datetime.timedelta(days=6),
    )
    mail.outbox.clear()
    assert remind_unanswered_referrals.apply().get() == 0  # six days: not yet

    ReferralRequest.objects.filter(pk=referral.pk).update(
        proposed_at=timezone.now() - datetime.timedelta(days=8)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert remind_unanswered_referrals.apply().get() == 1
    assert [m.to for m in mail.outbox] == [[coordinator.email]]
    assert referral.reference in mail.outbox[0].subject
    with django_capture_on_commit_callbacks(execute=True):
        assert remind_unanswered_referrals.apply().get() == 0  # once per proposal round
    assert len(mail.outbox) == 1

    client.force_login(coordinator)
    dashboard = client.get(reverse("dashboard")).content.decode()
    count = re.search(
        r'id="attention-referrals-unanswered".*?figures__count">(\d+)<', dashboard, re.S
    )
    assert count and count.group(1) == "1"
    listed = client.get(reverse("referrals:list"), {"state": "unanswered"})
    assert [r.pk for r in listed.context["object_list"]] == [referral.pk]


def test_the_reminder_runs_daily_under_its_stable_name():
    (job,) = [
        job
        for job in settings.CELERY_BEAT_SCHEDULE.values()
        if job["task"] == remind_unanswered_referrals.name
    ]
    assert remind_unanswered_referrals.name == "lotsen.tasks.remind_unanswered_referrals"
    assert job["schedule"].hour == {8} and job["schedule"].minute == {30}


# --- The demo ---------------------------------------------------------------------------------


def test_the_demo_has_requests_in_every_state(client, db):
    from io import StringIO

    from django.core.management import call_command

    call_command("seed_demo", stdout=StringIO())
    assert set(ReferralRequest.objects.values_list("state", flat=True)) == set(ReferralState.values)
    closed = ReferralRequest.objects.get(state=ReferralState.CLOSED)
    assert closed.outcome and closed.proposals.get().state == ProposalState.ACCEPTED

    client.force_login(User.objects.get(email="koordination@demo.lotsen.de"))
    dashboard = client.get(reverse("dashboard")).content.decode()
    for key in ("referrals-new", "referrals-unanswered"):
        count = re.search(rf'id="attention-{key}".*?figures__count">(\d+)<', dashboard, re.S)
        assert count and count.group(1) == "1", key


# --- Queries ------------------------------------------------------------------------------------


def test_the_list_and_a_request_take_the_same_queries_for_more_rows(
    client, coordinator, region, arabic, recognition, amira, django_assert_num_queries
):
    client.force_login(coordinator)
    first = make_request(region, arabic, recognition)
    services.propose(request=first, guides=[amira], proposed_by=coordinator)

    def queries(url) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    list_url = reverse("referrals:list")
    detail_url = reverse("referrals:detail", args=[first.pk])
    few = queries(list_url), queries(detail_url)
    for _ in range(5):
        more = make_request(region, arabic, recognition)
        more.languages.add(LanguageFactory(name="Türkisch", name_en="Turkish"))
    for n in range(3):
        guide = _active_guide(region, arabic, recognition, email=f"guide{n}@example.org")
        services.propose(request=first, guides=[guide], proposed_by=coordinator)
    with django_assert_num_queries(few[0]):
        client.get(list_url)
    with django_assert_num_queries(few[1]):
        client.get(detail_url)
    assert few[0] <= 12
