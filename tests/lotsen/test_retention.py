"""The retention schedule: each rule removes what is due and keeps what is not.

The clock is moved with time-machine: records are made at ``T0``, then the schedule runs at a
later time, as the nightly job would.
"""

import datetime
import os

import pytest
import time_machine
from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import translation

from events.models import RegistrationStatus
from lotsen.imports.storage import upload_dir
from lotsen.models import (
    ContactNote,
    Guide,
    GuideStatus,
    GuideStatusChange,
    ReferralRequest,
    RetentionRun,
    User,
)
from lotsen.retention import services
from lotsen.retention.schedule import SCHEDULE
from lotsen.retention.tasks import apply_retention_schedule
from newsletters.models import Subscriber, Suppression
from newsletters.models.subscribers import email_digest
from organisations.models import ContactPerson
from tests.factories import (
    AgencyFactory,
    ContactPersonFactory,
    EventFactory,
    GuideFactory,
    OrganisationFactory,
    RegistrationFactory,
    SubscriberFactory,
    UserFactory,
)

T0 = datetime.datetime(2024, 1, 10, 12, 0, tzinfo=datetime.UTC)
DAY = datetime.timedelta(days=1)

pytestmark = pytest.mark.django_db


def run_at(moment: datetime.datetime) -> dict[str, int]:
    with time_machine.travel(moment, tick=False):
        return services.apply_schedule()


def history_of(obj) -> list[LogEntry]:
    return list(LogEntry.objects.get_for_object(obj))


def test_every_rule_has_a_handler_and_a_reason():
    assert {rule.key for rule in SCHEDULE} == set(services.HANDLERS)
    for rule in SCHEDULE:
        assert rule.period > datetime.timedelta(0)
        with translation.override("en"):
            assert "GDPR" in str(rule.reason)
        with translation.override("de"):
            assert "DSGVO" in str(rule.reason)


def test_registrations_are_anonymised_a_year_after_their_event(region):
    with time_machine.travel(T0, tick=False):
        past = EventFactory(region=region, starts_at=T0 - 3 * DAY, ends_at=T0 - 3 * DAY)
        recent = EventFactory(region=region, starts_at=T0 + 60 * DAY, ends_at=T0 + 60 * DAY)
        old = RegistrationFactory(
            event=past, name="Amira Haddad", email="amira@example.org", organisation="Verein",
            accessibility="Rollstuhl", attended=True,
        )  # fmt: skip
        kept = RegistrationFactory(event=recent, name="Jonas Berg")
        token = old.token
    assert history_of(old)

    counts = run_at(T0 + 363 * DAY)
    old.refresh_from_db()
    kept.refresh_from_db()
    assert counts["past_event_registrations"] == 1
    assert old.name == "" and old.organisation == "" and old.accessibility == ""
    assert old.email.endswith("@example.invalid") and "amira" not in old.email
    assert old.token != token
    assert old.status == RegistrationStatus.CONFIRMED and old.attended is True
    assert old.anonymised_at is not None
    assert not history_of(old), "the history would keep the name the rule removed"
    assert kept.name == "Jonas Berg" and kept.anonymised_at is None

    assert run_at(T0 + 364 * DAY)["past_event_registrations"] == 0


def test_guides_are_deleted_two_years_after_they_left(region):
    with time_machine.travel(T0, tick=False):
        departed = GuideFactory(region=region, user=UserFactory(email="weg@example.org"))
        later = GuideFactory(region=region)
        returned = GuideFactory(region=region)
        for guide in (departed, later, returned):
            GuideStatusChange.objects.create(
                guide=guide, status=GuideStatus.ACTIVE, valid_from=datetime.date(2020, 1, 1)
            )
        GuideStatusChange.objects.create(
            guide=departed, status=GuideStatus.LEFT, valid_from=datetime.date(2024, 1, 1)
        )
        GuideStatusChange.objects.create(
            guide=later, status=GuideStatus.LEFT, valid_from=datetime.date(2024, 6, 1)
        )
        GuideStatusChange.objects.create(
            guide=returned, status=GuideStatus.LEFT, valid_from=datetime.date(2024, 1, 1)
        )
        GuideStatusChange.objects.create(
            guide=returned, status=GuideStatus.ACTIVE, valid_from=datetime.date(2024, 3, 1)
        )

    counts = run_at(datetime.datetime(2026, 1, 5, tzinfo=datetime.UTC))
    assert counts["departed_guides"] == 1
    assert not Guide.objects.filter(pk=departed.pk).exists()
    assert not User.objects.filter(email="weg@example.org").exists()
    assert set(Guide.objects.values_list("pk", flat=True)) == {later.pk, returned.pk}


def test_contact_persons_go_half_a_year_after_their_organisation_was_archived(region):
    with time_machine.travel(T0, tick=False):
        archived = OrganisationFactory(region=region, archived_at=T0)
        archived_later = OrganisationFactory(region=region, archived_at=T0 + 30 * DAY)
        active = OrganisationFactory(region=region)
        agency = AgencyFactory(archived_at=T0, regions=[region])
        due = ContactPersonFactory(organisation=archived)
        at_agency = ContactPersonFactory(organisation=None, agency=agency)
        kept = [
            ContactPersonFactory(organisation=archived_later),
            ContactPersonFactory(organisation=active),
        ]

    counts = run_at(T0 + 190 * DAY)
    assert counts["archived_organisation_contacts"] == 2
    assert set(ContactPerson.objects.values_list("pk", flat=True)) == {c.pk for c in kept}
    assert not history_of(due) and not history_of(at_agency)


def contact_note(**fields) -> ContactNote:
    values = {"kind": "visit", "happened_on": T0.date(), "who": "Frau Hodžić", "summary": "Besuch"}
    return ContactNote.objects.create(**(values | fields))


def test_contact_notes_go_half_a_year_after_their_organisation_was_archived(region, guide):
    with time_machine.travel(T0, tick=False):
        archived = OrganisationFactory(region=region, archived_at=T0)
        agency = AgencyFactory(archived_at=T0, regions=[region])
        due = [contact_note(organisation=archived), contact_note(agency=agency)]
        archived_later = OrganisationFactory(region=region, archived_at=T0 + 30 * DAY)
        kept = [
            contact_note(organisation=archived_later),
            contact_note(organisation=OrganisationFactory(region=region)),
            contact_note(guide=guide),
        ]

    counts = run_at(T0 + 190 * DAY)
    assert counts["archived_organisation_contact_notes"] == 2
    assert set(ContactNote.objects.values_list("pk", flat=True)) == {n.pk for n in kept}
    assert not any(history_of(n) for n in due)


def test_contact_notes_go_three_years_after_the_contact(region, guide):
    organisation = OrganisationFactory(region=region)
    with time_machine.travel(T0, tick=False):
        old = contact_note(organisation=organisation)
        about_guide = contact_note(guide=guide)
        recent = contact_note(organisation=organisation, happened_on=(T0 + 400 * DAY).date())
    # Recorded late: the period counts from the contact, not from typing it in.
    with time_machine.travel(T0 + 2 * 365 * DAY, tick=False):
        recorded_late = contact_note(organisation=organisation)

    counts = run_at(T0 + 3 * 365 * DAY + 2 * DAY)
    assert counts["old_contact_notes"] == 3
    assert set(ContactNote.objects.values_list("pk", flat=True)) == {recent.pk}
    assert not any(history_of(n) for n in (old, about_guide, recorded_late))


def test_unconfirmed_sign_ups_go_after_a_week():
    with time_machine.travel(T0, tick=False):
        stale = SubscriberFactory(state="pending", consent_given_at=T0)
        fresh = SubscriberFactory(state="pending", consent_given_at=T0 + 5 * DAY)
        confirmed = SubscriberFactory(consent_given_at=T0)

    counts = run_at(T0 + 8 * DAY)
    assert counts["unconfirmed_subscribers"] == 1
    assert set(Subscriber.objects.values_list("pk", flat=True)) == {fresh.pk, confirmed.pk}
    assert not history_of(stale)


def test_bouncing_addresses_go_after_ninety_days_and_stay_suppressed():
    with time_machine.travel(T0, tick=False):
        stale = SubscriberFactory(state="bounced", bounced_at=T0)
        recent = SubscriberFactory(state="bounced", bounced_at=T0 + 60 * DAY)
        # Confirmed again after a bounce: the rule is about addresses that still bounce.
        confirmed = SubscriberFactory(state="confirmed", bounced_at=None)

    counts = run_at(T0 + 91 * DAY)
    assert counts["bounced_subscribers"] == 1
    assert set(Subscriber.objects.values_list("pk", flat=True)) == {recent.pk, confirmed.pk}
    assert Suppression.objects.filter(digest=email_digest(stale.email)).exists()
    assert not history_of(stale)


def test_change_history_goes_after_three_years(region):
    with time_machine.travel(T0, tick=False):
        region.name = "Ruhr Mitte"
        region.save()
    with time_machine.travel(T0 + 700 * DAY, tick=False):
        region.name = "Mittleres Ruhrgebiet"
        region.save()
    old, recent = LogEntry.objects.get_for_object(region).order_by("timestamp")[:2]

    counts = run_at(T0 + 3 * 365 * DAY + 2 * DAY)
    assert counts["change_log_entries"] >= 1
    assert not LogEntry.objects.filter(pk=old.pk).exists()
    assert LogEntry.objects.filter(pk=recent.pk).exists()


def test_import_uploads_go_after_a_day(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    folder = upload_dir()
    folder.mkdir()
    old, new = folder / f"{'a' * 32}.csv", folder / f"{'b' * 32}.xlsx"
    for path, written in ((old, T0), (new, T0 + 20 * 3600 * datetime.timedelta(seconds=1))):
        path.write_bytes(b"name\n")
        os.utime(path, (written.timestamp(), written.timestamp()))

    counts = run_at(T0 + 25 * 3600 * datetime.timedelta(seconds=1))
    assert counts["import_uploads"] == 1
    assert not old.exists() and new.exists()


def test_consent_records_of_unsubscribers_go_after_three_years_keeping_the_hash():
    with time_machine.travel(T0, tick=False):
        gone = SubscriberFactory(
            email="frueher@example.org", state="unsubscribed", unsubscribed_at=T0
        )
        recent = SubscriberFactory(state="unsubscribed", unsubscribed_at=T0 + 400 * DAY)
        subscribed = SubscriberFactory(consent_given_at=T0 - 400 * DAY)

    counts = run_at(T0 + 3 * 365 * DAY + 2 * DAY)
    assert counts["consent_records"] == 1
    assert set(Subscriber.objects.values_list("pk", flat=True)) == {recent.pk, subscribed.pk}
    assert Suppression.objects.filter(digest=email_digest("frueher@example.org")).exists()
    assert not history_of(gone)


def test_requesters_of_closed_referrals_are_anonymised_after_a_year():
    def request(state, closed_at=None):
        return ReferralRequest.objects.create(
            organisation="Jobcenter Hagen", contact_name="Frau Beispiel", email="jc@example.org",
            phone="02331 123", note="Termin am Vormittag", state=state, closed_at=closed_at,
        )  # fmt: skip

    with time_machine.travel(T0, tick=False):
        closed = request("closed", T0)
        cancelled = request("cancelled", T0)
        recent = request("closed", T0 + 200 * DAY)
        open_request = request("new")

    counts = run_at(T0 + 366 * DAY)
    assert counts["referral_requesters"] == 2
    for anonymised in (closed, cancelled):
        anonymised.refresh_from_db()
        assert (anonymised.contact_name, anonymised.phone, anonymised.note) == ("", "", "")
        assert anonymised.email.endswith("@example.invalid")
        assert anonymised.organisation == "Jobcenter Hagen"
        assert not history_of(anonymised)
    for kept in (recent, open_request):
        kept.refresh_from_db()
        assert kept.email == "jc@example.org"
    # Done once: the next night finds nothing more.
    assert run_at(T0 + 367 * DAY)["referral_requesters"] == 0


def test_a_run_is_recorded_with_its_counts_and_shows_in_the_history(region):
    with time_machine.travel(T0, tick=False):
        ContactPersonFactory(organisation=OrganisationFactory(region=region, archived_at=T0))
    with time_machine.travel(T0 + 200 * DAY, tick=False):
        counts = apply_retention_schedule.apply().get()
    run = RetentionRun.objects.get()
    assert run.counts == counts
    assert run.counts["archived_organisation_contacts"] == 1
    assert run.started_at == T0 + 200 * DAY
    assert history_of(run)


@pytest.mark.logs_errors
def test_a_failing_rule_leaves_its_changes_undone_and_the_others_run(region, monkeypatch):
    with time_machine.travel(T0, tick=False):
        ContactPersonFactory(organisation=OrganisationFactory(region=region, archived_at=T0))
        stale = SubscriberFactory(state="pending", consent_given_at=T0)

    def half_done(now, cutoff):
        Subscriber.objects.filter(pk=stale.pk).delete()
        raise RuntimeError("mail server gone")

    monkeypatch.setitem(services.HANDLERS, "unconfirmed_subscribers", half_done)
    with pytest.raises(RuntimeError):
        run_at(T0 + 200 * DAY)
    assert Subscriber.objects.filter(pk=stale.pk).exists()
    assert not ContactPerson.objects.exists()
    run = RetentionRun.objects.get()
    assert "unconfirmed_subscribers" not in run.counts
    assert run.counts["archived_organisation_contacts"] == 1


def test_the_page_shows_every_rule_and_the_last_runs(client, admin_user):
    RetentionRun.objects.create(
        started_at=T0, finished_at=T0, counts={"past_event_registrations": 17}
    )
    client.force_login(admin_user)
    response = client.get(reverse("retention:schedule"))
    assert response.status_code == 200
    content = response.content.decode()
    for rule in SCHEDULE:
        assert str(rule.records) in content
    assert "<dd>17</dd>" in content


def test_coordinators_do_not_see_the_page_nor_its_link(client, coordinator, admin_user):
    client.force_login(coordinator)
    assert client.get(reverse("retention:schedule")).status_code == 403
    link = f'href="{reverse("retention:schedule")}"'
    assert link not in client.get(reverse("dashboard")).content.decode()
    client.force_login(admin_user)
    assert link in client.get(reverse("dashboard")).content.decode()


def test_the_page_counts_no_queries_per_run(client, admin_user, django_assert_num_queries):
    for day in range(5):
        RetentionRun.objects.create(started_at=T0 + day * DAY, finished_at=T0, counts={"x": 1})
    client.force_login(admin_user)
    client.get(reverse("retention:schedule"))
    with django_assert_num_queries(3):
        client.get(reverse("retention:schedule"))


def test_the_newsletters_own_purge_leaves_no_history_of_the_sign_up():
    from newsletters.subscriptions.services import purge_unconfirmed

    with time_machine.travel(T0, tick=False):
        stale = SubscriberFactory(email="nie-bestaetigt@example.org", state="pending")
    assert history_of(stale)
    assert purge_unconfirmed(now=T0 + 8 * DAY) == 1
    assert not LogEntry.objects.filter(object_repr__icontains="nie-bestaetigt").exists()


def test_needs_invitations_that_expired_unanswered_go_after_a_year(region):
    from organisations.models import NeedsAnswer, NeedsInvitation
    from organisations.needs import services as needs_services
    from tests.organisations.needs_world import invite, make_version, option, questions

    with time_machine.travel(T0, tick=False):
        version = make_version()
        text = questions(version)["text"]
        expired = invite(version, OrganisationFactory(region=region, name="Abgelaufen"))
        needs_services.save_answers(invitation=expired, values={text.pk: "Entwurf"}, submit=False)
        submitted = invite(version, OrganisationFactory(region=region, name="Abgeschickt"))
        needs_services.save_answers(
            invitation=submitted,
            values={
                text.pk: "Fertig",
                questions(version)["several"].pk: [option(version, "Vereinsrecht")],
            },
            submit=True,
        )
    with time_machine.travel(T0 + 300 * DAY, tick=False):
        later = invite(version, OrganisationFactory(region=region, name="Später"))

    drafts = list(NeedsAnswer.objects.filter(invitation=expired).values_list("pk", flat=True))
    assert LogEntry.objects.filter(
        content_type__model="needsanswer", object_pk__in=[str(pk) for pk in drafts]
    ).exists()

    # The links expire 28 days after T0; a year later the unanswered one goes.
    assert run_at(T0 + 400 * DAY)["expired_needs_invitations"] == 1
    assert set(NeedsInvitation.objects.values_list("pk", flat=True)) == {submitted.pk, later.pk}
    assert not NeedsAnswer.objects.filter(invitation_id=expired.pk).exists()
    assert list(NeedsAnswer.objects.exclude(text="").values_list("text", flat=True)) == ["Fertig"]
    # Neither the invitation's history nor its draft's (which quotes the text) stays.
    assert not LogEntry.objects.filter(
        object_repr__contains="Abgelaufen", content_type__model="needsinvitation"
    ).exists()
    assert not LogEntry.objects.filter(
        content_type__model="needsanswer", object_pk__in=[str(pk) for pk in drafts]
    ).exists()
    assert run_at(T0 + 401 * DAY)["expired_needs_invitations"] == 0
