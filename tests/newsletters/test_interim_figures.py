"""Figures of the interim report: the newsletter's counts, history, agreement with the lists."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from events.models import EventKind
from lotsen.demo.scale import scale_up
from lotsen.demo.services import load_demo
from lotsen.guides.services import set_guide_status
from lotsen.models.guides import GuideStatus
from newsletters.models import Subscriber
from newsletters.reports.figures.base import Period
from newsletters.reports.figures.report import collect, has_data
from organisations.models import Community
from regions.models import CooperationStatus, Region
from regions.workspace.services import set_cooperation_status
from tests.factories import EventFactory, GuideFactory, OrganisationFactory, RegionFactory

EARLY_2014 = Period(datetime.date(2014, 1, 1), datetime.date(2014, 3, 1))
# Every figure and regional section of a report, whatever the size of the network: 18, 7
# for the accompaniments (one grouped query per breakdown, the sectors, the regions) and 2 for
# the needs of the migrant organisations (invitations, topics named).
QUERIES = 27


@pytest.fixture
def demo(db):
    return load_demo()


@pytest.fixture
def english():
    with translation.override("en"):
        yield


def figure(data, label: str):
    return next(f for group in data.groups for f in group.figures if f.label == label)


def test_periods_compare_with_the_period_of_the_same_length_directly_before():
    assert EARLY_2014.days == 60
    assert EARLY_2014.previous() == Period(datetime.date(2013, 11, 2), datetime.date(2013, 12, 31))
    # Whole months compare with as many months before, whatever their number of days.
    year = Period(datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))
    assert year.previous() == Period(datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))
    half = Period(datetime.date(2020, 1, 1), datetime.date(2020, 6, 30))
    assert half.previous() == Period(datetime.date(2019, 7, 1), datetime.date(2019, 12, 31))
    march = Period(datetime.date(2021, 3, 1), datetime.date(2021, 3, 31))
    assert march.previous() == Period(datetime.date(2021, 2, 1), datetime.date(2021, 2, 28))
    days = EARLY_2014.sample_days()
    assert len(days) == 12 and days[0] == EARLY_2014.start and days[-1] == EARLY_2014.end
    assert Period(datetime.date(2014, 1, 1), datetime.date(2014, 1, 3)).sample_days() == [
        datetime.date(2014, 1, 1),
        datetime.date(2014, 1, 2),
        datetime.date(2014, 1, 3),
    ]


def test_the_demo_counts_what_the_march_2014_newsletter_reports(demo, english):
    data = collect(EARLY_2014)

    assert data.summary["regions"] == 16
    assert data.summary[CooperationStatus.BINDING] == 10
    assert data.summary[CooperationStatus.INTERESTED] == 2
    assert data.summary[CooperationStatus.IN_TALKS] == 4
    assert data.summary["guides"] == 43
    assert data.summary["guide_organisations"] == 30
    assert figure(data, "Guides in the network").value == 43
    assert figure(data, "Organisations the guides come from").value == 30
    assert figure(data, "Migrant organisations involved").value == 30
    # On 31.12.2013, the end of the previous period, seven regions had a binding cooperation.
    binding = figure(data, "Regions: binding cooperation")
    assert (binding.value, binding.previous, binding.change_text) == (10, 7, "+3")
    assert len(data.regions) == 16
    assert sum(section.guides for section in data.regions) == 43


def test_a_regional_section_holds_status_history_partners_and_event_teasers(demo, english):
    data = collect(EARLY_2014)
    section = next(s for s in data.regions if s.slug == "bergisches-staedtedreieck")

    assert section.status == "binding cooperation"
    assert section.status_since == datetime.date(2014, 2, 3)
    assert [(e.valid_from, e.in_period) for e in section.timeline] == [
        (datetime.date(2013, 9, 2), False),
        (datetime.date(2013, 11, 4), False),
        (datetime.date(2013, 12, 16), False),
        (datetime.date(2014, 2, 3), True),
    ]
    assert ("Kommunales Integrationszentrum Solingen", datetime.date(2014, 2, 3)) in (
        section.agencies
    )
    assert "Tamilischer Kultur-Sportverein Solingen e.V." in section.organisations
    siegen = next(s for s in data.regions if s.slug == "siegen-wittgenstein-olpe")
    assert [event.starts_at.date() for event in siegen.events] == [
        datetime.date(2014, 2, 12),
        datetime.date(2014, 2, 24),
    ]
    assert all(event.teaser for event in siegen.events)
    assert [e.title for e in data.statewide_events] == [
        "Zweiter überregionaler Austauschworkshop der Modellprojektpartner"
    ]


def test_a_status_changed_after_the_period_leaves_the_report_as_it_was(demo, english):
    before = collect(EARLY_2014)
    koeln = demo.regions["koeln"]  # in talks since 15.01.2014
    set_cooperation_status(
        region=koeln, status=CooperationStatus.BINDING, valid_from=datetime.date(2014, 3, 2)
    )
    guide = next(iter(demo.guides.values()))
    set_guide_status(guide=guide, status=GuideStatus.LEFT, valid_from=datetime.date(2014, 3, 2))

    after = collect(EARLY_2014)

    assert after.key_figures.rows == before.key_figures.rows
    assert after.summary == before.summary
    # The same change inside the period does show: the test would notice a report that
    # read today's status.
    set_cooperation_status(
        region=koeln, status=CooperationStatus.BINDING, valid_from=datetime.date(2014, 2, 28)
    )
    changed = collect(EARLY_2014)
    assert changed.summary[CooperationStatus.BINDING] == 11
    assert changed.summary[CooperationStatus.IN_TALKS] == 3


def test_the_number_of_queries_does_not_grow_with_the_network(
    demo, english, django_assert_num_queries
):
    with django_assert_num_queries(QUERIES):
        small = collect(EARLY_2014)
    scale_up(units=2, today=datetime.date(2026, 1, 1))
    year = Period(datetime.date(2014, 1, 1), datetime.date(2015, 12, 31))
    with django_assert_num_queries(QUERIES):
        large = collect(year)
    assert len(large.regions) > 2 * len(small.regions)
    assert len(large.event_table.rows) > 3 * len(small.event_table.rows)


def test_the_report_and_the_workspace_lists_agree(demo, client, admin_user, english):
    """Counted both ways on the same data: the event list filtered by kind and period, the
    organisation list filtered by community (the report's period ends today, as the list
    shows today's organisations)."""
    client.force_login(admin_user)
    today = timezone.localdate()
    period = Period(datetime.date(2014, 1, 1), today)
    data = collect(period)

    # Rows in the order of the choices; labels looked up before a request switches language.
    rows = data.group("events").tables[0].rows
    by_kind = dict(zip(EventKind.values, (row[1] for row in rows), strict=True))
    by_community_name = {row[0]: row[1] for row in data.group("organisations").tables[0].rows}
    by_community = {c.pk: by_community_name.get(c.label, 0) for c in Community.objects.all()}
    involved = figure(data, "Migrant organisations involved").value
    assert sum(by_kind.values()) == figure(data, "Events").value > 0
    assert any(by_community.values())

    for kind, expected in by_kind.items():
        response = client.get(
            reverse("events:list"),
            {"kind": kind, "starts_from": "2014-01-01", "starts_until": today.isoformat()},
        )
        assert response.context["paginator"].count == expected, kind
    for pk, expected in by_community.items():
        response = client.get(reverse("organisations:list"), {"communities": pk})
        assert response.context["paginator"].count == expected
    response = client.get(reverse("organisations:list"))
    assert response.context["paginator"].count == involved


def test_organisations_count_from_joining_until_archived(db, english):
    region = RegionFactory()
    end = datetime.date(2020, 6, 30)
    OrganisationFactory(region=region, joined_on=datetime.date(2020, 3, 1))
    OrganisationFactory(region=region, joined_on=datetime.date(2019, 3, 1))
    late = OrganisationFactory(region=region, joined_on=datetime.date(2020, 7, 1))
    archived_before = OrganisationFactory(region=region, joined_on=datetime.date(2019, 3, 1))
    archived_after = OrganisationFactory(region=region, joined_on=datetime.date(2019, 3, 1))
    berlin = timezone.get_current_timezone()
    archived_before.archived_at = datetime.datetime(2020, 6, 30, 12, tzinfo=berlin)
    archived_before.save()
    archived_after.archived_at = datetime.datetime(2020, 7, 1, 0, 30, tzinfo=berlin)
    archived_after.save()
    assert late.joined_on > end

    data = collect(Period(datetime.date(2020, 1, 1), end))

    involved = figure(data, "Migrant organisations involved")
    assert (involved.value, involved.previous) == (3, 3)
    assert figure(data, "New migrant organisations").value == 1


def test_events_count_by_kind_and_region_with_their_participants(db, english):
    region = RegionFactory(name="Aachen")
    when = datetime.datetime(2021, 3, 10, 18, tzinfo=timezone.get_current_timezone())
    EventFactory(region=region, kind=EventKind.TRAINING, starts_at=when, headcount=12)
    EventFactory(region=region, kind=EventKind.TRAINING, starts_at=when.replace(day=11))
    EventFactory(region=None, kind=EventKind.CONFERENCE, starts_at=when, headcount=80)
    # 23:30 on the last day, Berlin time, is still within the period (UTC: the next day).
    EventFactory(
        region=region,
        kind=EventKind.INFORMATION,
        starts_at=datetime.datetime(2021, 6, 30, 23, 30, tzinfo=timezone.get_current_timezone()),
        headcount=5,
    )
    EventFactory(region=region, kind=EventKind.INFORMATION, starts_at=when.replace(year=2020))

    data = collect(Period(datetime.date(2021, 1, 1), datetime.date(2021, 6, 30)))

    assert figure(data, "Events").value == 4
    assert figure(data, "Participants").value == 97
    assert figure(data, "Events without a number of participants").value == 1
    assert figure(data, "Trainings held").value == 2
    by_region = {row[0]: row[1:] for row in data.group("events").tables[1].rows}
    assert by_region == {"Aachen": [3, 17, 0, 0], "statewide": [1, 80, 0, 0]}


def test_subscribers_count_while_confirmed_and_not_unsubscribed(db, english):
    berlin = timezone.get_current_timezone()

    def subscriber(email, confirmed, unsubscribed=None):
        Subscriber.objects.create(
            email=email,
            consent_text_version="1",
            consent_given_at=confirmed,
            confirmed_at=confirmed,
            unsubscribed_at=unsubscribed,
            state="unsubscribed" if unsubscribed else "confirmed",
        )

    subscriber("a@example.org", datetime.datetime(2022, 1, 5, tzinfo=berlin))
    subscriber(
        "b@example.org",
        datetime.datetime(2021, 5, 1, tzinfo=berlin),
        datetime.datetime(2022, 2, 1, tzinfo=berlin),
    )
    subscriber(
        "c@example.org",
        datetime.datetime(2021, 5, 1, tzinfo=berlin),
        datetime.datetime(2022, 8, 1, tzinfo=berlin),
    )
    RegionFactory()

    data = collect(Period(datetime.date(2022, 1, 1), datetime.date(2022, 6, 30)))

    confirmed = figure(data, "Confirmed subscribers")
    assert (confirmed.value, confirmed.previous) == (2, 2)
    assert figure(data, "New confirmed subscribers").value == 1


def test_guides_new_and_left_come_from_their_history(db, english):
    region = RegionFactory()
    staying = GuideFactory(region=region)
    leaving = GuideFactory(region=region)
    newcomer = GuideFactory(region=region)
    for guide, history in (
        (staying, [("2019-05-01", "interested"), ("2020-02-01", "active")]),
        (leaving, [("2019-05-01", "active"), ("2020-04-01", "left")]),
        (newcomer, [("2020-03-01", "in_training")]),
    ):
        for day, status in history:
            set_guide_status(
                guide=guide, status=status, valid_from=datetime.date.fromisoformat(day)
            )

    data = collect(Period(datetime.date(2020, 1, 1), datetime.date(2020, 6, 30)))

    in_network = figure(data, "Guides in the network")
    assert (in_network.value, in_network.previous) == (2, 2)
    assert figure(data, "New guides").value == 1
    assert figure(data, "Guides who left").value == 1
    assert figure(data, "Active guides").value == 1


def test_a_period_without_data_has_nothing_to_report(db):
    region = RegionFactory()
    set_cooperation_status(region=region, status="contacted", valid_from=datetime.date(2015, 5, 1))
    assert not has_data(Period(datetime.date(2014, 1, 1), datetime.date(2014, 12, 31)))
    assert has_data(Period(datetime.date(2015, 1, 1), datetime.date(2015, 12, 31)))
    assert Region.objects.count() == 1


def test_definitions_name_how_each_figure_is_counted(demo, english):
    data = collect(EARLY_2014)
    for group in data.groups:
        for item in group.figures:
            assert re.search(r"\w{4,}", item.definition), item.label
            assert item.definition.endswith("."), item.label


def test_needs_of_the_organisations_count_submissions_and_topics(db, english):
    from organisations.models import NeedsInvitation
    from organisations.needs import services as needs_services
    from tests.organisations.needs_world import invite, make_version, option, questions

    version = make_version()
    several = questions(version)["several"].pk
    for n, (topics, day) in enumerate([
        (["Vereinsrecht", "Vernetzung"], datetime.date(2014, 2, 10)),
        (["Vereinsrecht"], datetime.date(2014, 1, 20)),
        (["Vereinsrecht"], datetime.date(2013, 12, 5)),  # the previous period
    ]):  # fmt: skip
        invitation = invite(version, OrganisationFactory(name=f"Verein {n}"))
        needs_services.save_answers(
            invitation=invitation,
            values={several: [option(version, label) for label in topics]},
            submit=True,
        )
        moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))
        NeedsInvitation.objects.filter(pk=invitation.pk).update(
            sent_at=moment - datetime.timedelta(days=3), submitted_at=moment
        )
    invite(version, OrganisationFactory(name="Offen"), days_ago=0)  # today: in neither period

    data = collect(EARLY_2014)
    group = data.group("needs")
    assert group.title == "Needs of the migrant organisations"
    submitted = figure(data, "Needs assessments submitted")
    assert (submitted.value, submitted.previous) == (2, 1)
    invited = figure(data, "Organisations invited to the needs assessment")
    assert (invited.value, invited.previous) == (2, 1)
    assert group.tables[0].rows == [["Vereinsrecht", 2, 1], ["Vernetzung", 1, 0]]
