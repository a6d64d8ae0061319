"""Composing an issue in the workspace: creating it, items by section and by region, offered
event reports, the dates, and who may change what."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from newsletters.issues import selectors, services
from newsletters.models import Issue, IssueItem
from tests.factories import (
    EventFactory,
    EventReportFactory,
    IssueFactory,
    IssueItemFactory,
    RegionFactory,
)

BERLIN = timezone.get_default_timezone()


def at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=BERLIN)


def de(message: str, **params) -> str:
    """``message`` as a German user reads it (the source text until it is translated)."""
    with translation.override("de"):
        text = translation.gettext(message)
    return text % params if params else text


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


def follow(client, url, data=None):
    response = client.post(url, data or {}, follow=True)
    assert response.status_code == 200
    return response


@pytest.fixture
def issue(db):
    return IssueFactory(issue_date=timezone.localdate() + datetime.timedelta(days=30))


# --- Creating an issue ----------------------------------------------------------------------


def test_the_new_issue_form_proposes_the_issue_after_the_last(client, admin_user):
    IssueFactory(number=7, issue_date=datetime.date(2014, 3, 27))

    assert selectors.proposal(today=datetime.date(2014, 3, 20)) == {
        "number": 8,
        "title": "Newsletter Mai 2014",
        "issue_date": datetime.date(2014, 5, 27),
        "copy_deadline": datetime.date(2014, 5, 17),
    }
    client.force_login(admin_user)
    response = client.get(reverse("issues:create"))
    assert response.context["form"].initial == selectors.proposal()


def test_after_a_pause_the_next_issue_is_proposed_for_the_first_of_next_month(db):
    IssueFactory(number=7, issue_date=datetime.date(2014, 3, 27))

    proposal = selectors.proposal(today=datetime.date(2026, 11, 22))

    assert proposal["number"] == 8
    assert proposal["issue_date"] == datetime.date(2026, 12, 1)
    assert proposal["title"] == "Newsletter Dezember 2026"


def test_the_first_issue_is_proposed_for_the_first_of_next_month(db):
    proposal = selectors.proposal(today=datetime.date(2025, 12, 10))
    assert proposal == {
        "number": 1,
        "title": "Newsletter Januar 2026",
        "issue_date": datetime.date(2026, 1, 1),
        "copy_deadline": datetime.date(2025, 12, 22),
    }


def test_creating_an_issue_lists_the_upcoming_public_events_under_dates(client, admin_user):
    day = timezone.localdate() + datetime.timedelta(days=20)
    event = EventFactory(
        title="Zwei Jahre Anerkennungsgesetz", kind="conference", is_public=True,
        starts_at=at(day + datetime.timedelta(days=5)),
    )  # fmt: skip
    client.force_login(admin_user)

    response = client.post(
        reverse("issues:create"),
        {"number": "12", "title": "Newsletter Test", "issue_date": day.isoformat(),
         "copy_deadline": (day - datetime.timedelta(days=10)).isoformat()},
    )  # fmt: skip

    issue = Issue.objects.get(number=12)
    assert response.status_code == 302
    assert response["Location"] == reverse("issues:detail", args=[issue.pk])
    [date] = issue.items.filter(section="date")
    assert (date.event, date.headline, date.date) == (event, event.title, event.starts_at.date())
    assert date.label == "Fachtagung"
    assert date.link.endswith(reverse("calendar:event", args=[event.pk]))
    assert date.link.startswith("http")


def test_a_taken_number_and_a_late_copy_deadline_get_clear_messages(client, admin_user):
    IssueFactory(number=5)
    client.force_login(admin_user)

    response = client.post(
        reverse("issues:create"),
        {"number": "5", "title": "Doppelt", "issue_date": "2030-05-01",
         "copy_deadline": "2030-05-02"},
    )  # fmt: skip

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["number"] == [de("There is already an issue with this number.")]
    assert errors["copy_deadline"] == [de("The copy deadline must not fall after the issue date.")]
    assert Issue.objects.count() == 1


def test_coordinators_see_the_issues_but_cannot_create_one(client, coordinator, issue):
    client.force_login(coordinator)
    response = client.get(reverse("issues:list"))
    assert response.status_code == 200
    assert issue.title in response.content.decode()
    assert reverse("issues:create") not in response.content.decode()
    assert client.get(reverse("issues:create")).status_code == 403
    # The workspace navigation leads there.
    assert reverse("issues:list") in client.get(reverse("events:list")).content.decode()


def test_the_issue_list_counts_items(client, admin_user, issue, region):
    IssueItemFactory.create_batch(2, issue=issue, region=region)
    IssueItemFactory(issue=issue, section="ticker", region=region, headline="")
    client.force_login(admin_user)
    [row] = client.get(reverse("issues:list")).context["issues"]
    assert (row.regional_count, row.ticker_count, row.item_count) == (2, 1, 3)


# --- Dates ----------------------------------------------------------------------------------


def test_dates_span_the_issue_date_up_to_the_next_issue_and_skip_internal_and_past(db):
    today = timezone.localdate()
    issue = IssueFactory(issue_date=today - datetime.timedelta(days=3))
    public = {"is_public": True}
    EventFactory(
        title="Vor der Ausgabe",
        starts_at=at(issue.issue_date, 0) - datetime.timedelta(minutes=1),
        **public,
    )
    EventFactory(title="Schon vorbei", starts_at=at(today - datetime.timedelta(days=1)), **public)
    EventFactory(title="Intern", starts_at=at(today + datetime.timedelta(days=2)))
    EventFactory(title="Morgen", starts_at=at(today + datetime.timedelta(days=1)), **public)
    last_day = issue.next_issue_date - datetime.timedelta(days=1)
    EventFactory(title="Letzter Tag", starts_at=at(last_day, 23), **public)
    EventFactory(title="Nächste Ausgabe", starts_at=at(issue.next_issue_date, 0), **public)

    assert services.fill_dates(issue=issue) == 2
    assert services.fill_dates(issue=issue) == 0  # nothing twice

    dates = list(issue.items.filter(section="date").order_by("position"))
    assert [d.headline for d in dates] == ["Morgen", "Letzter Tag"]
    assert [d.position for d in dates] == [0, 1]


def test_filling_dates_again_adds_only_the_new_ones_and_keeps_changes(client, admin_user, issue):
    first = EventFactory(
        is_public=True, starts_at=at(issue.issue_date + datetime.timedelta(days=3))
    )
    services.fill_dates(issue=issue)
    IssueItem.objects.filter(event=first).update(headline="Von Hand gekürzt")
    second = EventFactory(
        is_public=True, starts_at=at(issue.issue_date + datetime.timedelta(days=1))
    )
    client.force_login(admin_user)

    response = follow(client, reverse("issues:fill-dates", args=[issue.pk]))

    assert messages_of(response) == [
        de("%(count)d upcoming event was added to the dates.", count=1)
    ]
    dates = list(issue.items.filter(section="date").order_by("position"))
    assert [d.event for d in dates] == [second, first]  # by day
    assert dates[1].headline == "Von Hand gekürzt"


# --- Offered reports ------------------------------------------------------------------------


def test_a_report_becomes_a_regional_item_with_one_click_and_only_once(
    client, coordinator, region, issue
):
    report = EventReportFactory(
        event=EventFactory(region=region, starts_at=timezone.now() - datetime.timedelta(days=3)),
        headline="Auftakt in Schwelm",
        dateline="Schwelm – Am 13.03.2014",
        teaser="luden das KI und MOZAIK ein.",
        body="Der ganze Bericht.",
    )
    client.force_login(coordinator)
    url = reverse("issues:take-report", args=[issue.pk])

    response = follow(client, url, {"report": report.pk})

    item = IssueItem.objects.get(issue=issue)
    assert (item.section, item.region, item.report, item.author) == (
        "regional", region, report, coordinator
    )  # fmt: skip
    assert (item.headline, item.dateline, item.teaser) == (
        "Auftakt in Schwelm", "Schwelm – Am 13.03.2014", "luden das KI und MOZAIK ein."
    )  # fmt: skip
    assert item.body == ""  # the full text stays on the portal
    assert messages_of(response) == [
        de("“%(headline)s” is now an item of this issue.", headline="Auftakt in Schwelm")
    ]
    # Taken: no longer offered.
    assert report not in response.context["offered_reports"]

    again = follow(client, url, {"report": report.pk})

    assert messages_of(again) == [
        de(
            "The report “%(headline)s” is already an item of this issue.",
            headline="Auftakt in Schwelm",
        )
    ]
    assert IssueItem.objects.filter(issue=issue).count() == 1


def test_coordinators_are_offered_and_take_only_reports_of_their_regions(
    client, coordinator, region, other_region, issue
):
    own = EventReportFactory(event=EventFactory(region=region))
    foreign = EventReportFactory(event=EventFactory(region=other_region))
    statewide = EventReportFactory(event=EventFactory(region=None))
    old = EventReportFactory(
        event=EventFactory(region=region, starts_at=timezone.now() - datetime.timedelta(days=120))
    )
    client.force_login(coordinator)

    page = client.get(reverse("issues:detail", args=[issue.pk]))
    assert page.context["offered_reports"] == [own]
    assert old not in page.context["offered_reports"]

    for report in (foreign, statewide):
        response = follow(
            client, reverse("issues:take-report", args=[issue.pk]), {"report": report.pk}
        )
        assert messages_of(response) == [de("This report is not available. Please choose another.")]
    # Nor as the lead story, which is the Landeskoordination's.
    lead = client.post(
        reverse("issues:take-report", args=[issue.pk]), {"report": own.pk, "section": "lead"}
    )
    assert lead.status_code == 403
    assert not IssueItem.objects.exists()


def test_the_landeskoordination_takes_a_report_as_the_lead_story(client, admin_user, region, issue):
    report = EventReportFactory(event=EventFactory(region=region))
    client.force_login(admin_user)

    follow(
        client,
        reverse("issues:take-report", args=[issue.pk]),
        {"report": report.pk, "section": "lead"},
    )

    item = IssueItem.objects.get()
    assert (item.section, item.region, item.report) == ("lead", None, report)


# --- Items and who may change them ----------------------------------------------------------


def test_a_coordinator_writes_regional_items_for_their_own_regions_only(
    client, coordinator, region, other_region, issue
):
    client.force_login(coordinator)
    url = reverse("issues:item-create", args=[issue.pk, "regional"])
    data = {"headline": "Fünf Lotsen in Meschede", "teaser": "Am 18.02.2014 empfing ..."}

    foreign = client.post(url, {**data, "region": other_region.pk})
    missing = client.post(url, data)

    assert foreign.status_code == missing.status_code == 200
    assert "region" in foreign.context["form"].errors
    assert missing.context["form"].errors["region"] == [de("This field is required.")]
    assert not IssueItem.objects.exists()

    response = client.post(url, {**data, "region": region.pk})

    assert response.status_code == 302
    item = IssueItem.objects.get()
    assert (item.issue, item.section, item.region, item.author) == (
        issue, "regional", region, coordinator
    )  # fmt: skip


def test_required_fields_per_section_get_messages(client, admin_user, issue):
    client.force_login(admin_user)
    expected = {
        "lead": {"headline", "teaser"},
        "regional": {"headline", "teaser"},
        "ticker": {"teaser"},
        "product": {"headline", "__all__"},
        "date": {"date", "headline"},
    }
    for section, fields in expected.items():
        response = client.post(reverse("issues:item-create", args=[issue.pk, section]), {})
        assert set(response.context["form"].errors) == fields, section
    assert not IssueItem.objects.exists()


@pytest.mark.parametrize("section", ["lead", "product", "date"])
def test_coordinators_cannot_add_the_landeskoordinations_sections(
    client, coordinator, issue, section
):
    client.force_login(coordinator)
    url = reverse("issues:item-create", args=[issue.pk, section])
    assert client.get(url).status_code == 403
    assert (
        client.post(url, {"headline": "x", "teaser": "y", "date": "2030-01-01"}).status_code == 403
    )
    assert not IssueItem.objects.exists()


def test_a_coordinator_adds_a_ticker_line_for_their_region(client, coordinator, region, issue):
    client.force_login(coordinator)
    url = reverse("issues:item-create", args=[issue.pk, "ticker"])
    response = client.post(url, {"region": region.pk, "teaser": "Am 14.02.14 fand in Aachen ..."})
    assert response.status_code == 302
    assert IssueItem.objects.get().section == "ticker"


def test_coordinators_cannot_reach_items_of_other_regions_or_the_lead(
    client, coordinator, other_region, issue
):
    foreign = IssueItemFactory(issue=issue, region=other_region, headline="Münsterland")
    lead = IssueItemFactory(issue=issue, section="lead", region=None, headline="Leitartikel")
    client.force_login(coordinator)

    for item in (foreign, lead):
        assert client.get(reverse("issues:item-update", args=[item.pk])).status_code == 404
        edit = client.post(
            reverse("issues:item-update", args=[item.pk]), {"headline": "x", "teaser": "y"}
        )
        assert edit.status_code == 404
        assert client.post(reverse("issues:item-delete", args=[item.pk])).status_code == 404
    assert set(IssueItem.objects.values_list("headline", flat=True)) == {
        "Münsterland",
        "Leitartikel",
    }
    # Read-only on the issue page.
    page = client.get(reverse("issues:detail", args=[issue.pk])).content.decode()
    assert "Münsterland" in page and "Leitartikel" in page
    assert reverse("issues:item-update", args=[foreign.pk]) not in page
    assert reverse("issues:item-update", args=[lead.pk]) not in page


def test_a_coordinator_edits_and_removes_their_own_item(client, coordinator, region, issue):
    item = IssueItemFactory(issue=issue, region=region)
    client.force_login(coordinator)
    page = client.get(reverse("issues:detail", args=[issue.pk])).content.decode()
    assert reverse("issues:item-update", args=[item.pk]) in page

    edit = client.post(
        reverse("issues:item-update", args=[item.pk]),
        {"region": region.pk, "headline": "Neu formuliert", "teaser": "Kurz."},
    )
    assert edit.status_code == 302
    item.refresh_from_db()
    assert item.headline == "Neu formuliert"

    assert client.post(reverse("issues:item-delete", args=[item.pk])).status_code == 302
    assert not IssueItem.objects.exists()


def test_nothing_can_be_changed_once_the_issue_is_approved(client, coordinator, region, issue):
    item = IssueItemFactory(issue=issue, region=region, headline="Vorher")
    report = EventReportFactory(event=EventFactory(region=region))
    Issue.objects.filter(pk=issue.pk).update(state="approved")
    client.force_login(coordinator)

    attempts = [
        (reverse("issues:item-update", args=[item.pk]),
         {"region": region.pk, "headline": "Nachher", "teaser": "x"}),
        (reverse("issues:item-create", args=[issue.pk, "regional"]),
         {"region": region.pk, "headline": "Neu", "teaser": "x"}),
        (reverse("issues:item-delete", args=[item.pk]), {}),
        (reverse("issues:take-report", args=[issue.pk]), {"report": report.pk}),
    ]  # fmt: skip
    for url, data in attempts:
        response = follow(client, url, data)
        assert response.redirect_chain[-1][0] == reverse("issues:detail", args=[issue.pk])
        assert messages_of(response) == [
            de(
                "“%(issue)s” is %(state)s and can no longer be changed. The Landeskoordination "
                "can reopen it as a draft if it has not been sent yet.",
                issue=issue.title,
                state=de("approved"),
            )
        ]

    assert list(IssueItem.objects.values_list("headline", flat=True)) == ["Vorher"]
    page = client.get(reverse("issues:detail", args=[issue.pk])).content.decode()
    assert reverse("issues:item-update", args=[item.pk]) not in page


def test_products_need_a_pdf_or_a_link(client, admin_user, issue):
    client.force_login(admin_user)
    url = reverse("issues:item-create", args=[issue.pk, "product"])
    data = {"headline": "Zwischenbericht 2013", "teaser": "Der Bericht."}

    fake = SimpleUploadedFile("bericht.pdf", b"<html>no pdf</html>", "application/pdf")
    response = client.post(url, {**data, "attachment": fake})
    assert response.context["form"].errors["attachment"] == [de("Please upload a PDF file.")]
    response = client.post(url, data)
    assert response.context["form"].non_field_errors() == [
        de("Please upload the publication as a PDF file or give a link to it.")
    ]
    assert not IssueItem.objects.exists()

    pdf = SimpleUploadedFile("bericht.pdf", b"%PDF-1.7\n%%EOF\n", "application/pdf")
    assert client.post(url, {**data, "attachment": pdf}).status_code == 302
    assert client.post(url, {**data, "link": "https://www.mozaik.de/flyer.pdf"}).status_code == 302
    products = IssueItem.objects.filter(section="product").order_by("position")
    assert products[0].attachment.name.endswith(".pdf")
    assert [p.position for p in products] == [0, 1]


def test_too_large_a_pdf_is_refused(client, admin_user, issue, monkeypatch):
    monkeypatch.setattr("newsletters.issues.forms.MAX_ATTACHMENT_BYTES", 10)
    client.force_login(admin_user)
    pdf = SimpleUploadedFile("gross.pdf", b"%PDF-1.7\n" + b"x" * 20, "application/pdf")
    response = client.post(
        reverse("issues:item-create", args=[issue.pk, "product"]),
        {"headline": "Flyer", "attachment": pdf},
    )
    assert response.context["form"].errors["attachment"] == [de("The file is larger than 10 MB.")]


def test_the_landeskoordination_orders_items_and_coordinators_cannot(
    client, admin_user, coordinator, region, issue
):
    first, _second, third = (
        IssueItemFactory(issue=issue, section="lead", region=None, headline=h) for h in "ABC"
    )
    client.force_login(coordinator)
    assert (
        client.post(reverse("issues:item-move", args=[third.pk]), {"direction": "up"}).status_code
        == 403
    )
    client.force_login(admin_user)

    client.post(reverse("issues:item-move", args=[third.pk]), {"direction": "up"})
    client.post(reverse("issues:item-move", args=[first.pk]), {"direction": "down"})
    client.post(reverse("issues:item-move", args=[first.pk]), {"direction": "down"})  # at the end

    order = issue.items.filter(section="lead").order_by("position", "pk")
    assert "".join(order.values_list("headline", flat=True)) == "CBA"


# --- The issue page -------------------------------------------------------------------------


def test_the_page_groups_regional_news_by_region_and_names_the_regions_without(
    client, admin_user, issue
):
    zeta = RegionFactory(name="Siegen-Wittgenstein und Olpe")
    alpha = RegionFactory(name="Bergisches Städtedreieck")
    RegionFactory(name="Ostwestfalen-Lippe")
    IssueItemFactory(issue=issue, region=zeta, headline="Siegen zwei", position=2)
    IssueItemFactory(issue=issue, region=zeta, headline="Siegen eins", position=1)
    IssueItemFactory(issue=issue, region=alpha, headline="Solingen", position=0)
    client.force_login(admin_user)

    response = client.get(reverse("issues:detail", args=[issue.pk]))

    [regional] = [s for s in response.context["sections"] if s.section == "regional"]
    assert [(name, [i.headline for i in items]) for name, items in regional.groups] == [
        ("Bergisches Städtedreieck", ["Solingen"]),
        ("Siegen-Wittgenstein und Olpe", ["Siegen eins", "Siegen zwei"]),
    ]
    assert [r.name for r in response.context["missing_regions"]] == ["Ostwestfalen-Lippe"]
    assert [s.section for s in response.context["sections"]] == [
        "lead", "regional", "ticker", "product", "date"
    ]  # fmt: skip


@pytest.mark.parametrize("persona", ["admin_user", "coordinator"])
def test_the_issue_page_takes_the_same_number_of_queries_with_more_items(
    client, request, issue, region, django_assert_num_queries, persona
):
    user = request.getfixturevalue(persona)
    client.force_login(user)
    url = reverse("issues:detail", args=[issue.pk])

    def add_some():
        other = RegionFactory()
        IssueItemFactory(issue=issue, region=region)
        IssueItemFactory(issue=issue, region=other)
        IssueItemFactory(issue=issue, section="ticker", region=region, headline="")
        IssueItemFactory(issue=issue, section="lead", region=None)
        IssueItemFactory(issue=issue, section="date", region=None, date=issue.issue_date,
                         event=EventFactory(region=None, is_public=True))  # fmt: skip
        report = EventReportFactory(event=EventFactory(region=region))
        services.take_report(issue=issue, report=report, user=user)
        EventReportFactory(event=EventFactory(region=region))

    add_some()
    client.get(url)  # warm up: sessions, content types
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    for _ in range(4):
        add_some()
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert len(response.context["offered_reports"]) == 5
