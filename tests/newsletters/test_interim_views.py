"""Requesting, building and downloading interim reports, and who may."""

import datetime
import io
import re

import openpyxl
import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from newsletters.models import InterimReport, ReportState
from newsletters.reports import documents, services
from newsletters.reports.figures.base import Period
from regions.models import CooperationStatus
from regions.workspace.services import set_cooperation_status
from tests.factories import EventFactory, RegionFactory

FILES = ("reports:pdf", "reports:xlsx", "reports:csv")


@pytest.fixture(autouse=True)
def english(client, settings):
    """Pages in English, so messages read the same before and after the German catalogue."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def network(db):
    """Two regions with a history from 2019 on and one event in the first half of 2020."""
    aachen = RegionFactory(name="Aachen", slug="aachen")
    bonn = RegionFactory(name="Bonn", slug="bonn")
    set_cooperation_status(region=aachen, status="contacted", valid_from=datetime.date(2019, 3, 1))
    set_cooperation_status(region=aachen, status="binding", valid_from=datetime.date(2020, 2, 3))
    set_cooperation_status(region=bonn, status="in_talks", valid_from=datetime.date(2019, 9, 1))
    when = datetime.datetime(2020, 5, 12, 18, tzinfo=timezone.get_current_timezone())
    EventFactory(region=aachen, title="Auftakt in Aachen", starts_at=when, headcount=25)
    return {"aachen": aachen, "bonn": bonn}


def plain_text(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content().replace("\r\n", "\n")


def request_report(client, django_capture_on_commit_callbacks, **data):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(reverse("reports:request"), data)


def done_report(admin_user, **fields) -> InterimReport:
    """A finished report with small stand-in files, for the pages and the permissions."""
    report = InterimReport.objects.create(
        period_start=datetime.date(2020, 1, 1),
        period_end=datetime.date(2020, 6, 30),
        requested_by=admin_user,
        state=ReportState.DONE,
        progress=100,
        data_as_of=timezone.now(),
        finished_at=timezone.now(),
        **fields,
    )
    for kind, content in (("pdf", b"%PDF-1.7 stand-in"), ("xlsx", b"PK xlsx"), ("csv", b"PK zip")):
        getattr(report, kind).save(f"zwischenbericht.{kind}", ContentFile(content), save=False)
    report.save()
    return report


def test_a_half_year_is_built_by_the_task_with_progress_and_an_email(
    client, admin_user, network, smtp, settings, django_capture_on_commit_callbacks
):
    client.force_login(admin_user)
    assert client.get(reverse("reports:request")).status_code == 200

    response = request_report(
        client, django_capture_on_commit_callbacks, kind="half", year="2020", half="1"
    )

    report = InterimReport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:detail", args=[report.pk])
    assert (report.period_start, report.period_end) == (
        datetime.date(2020, 1, 1),
        datetime.date(2020, 6, 30),
    )
    assert report.requested_by == admin_user
    assert report.state == ReportState.DONE and report.progress == 100
    assert report.data_as_of and report.finished_at
    assert report.pdf.name.endswith("_2020-01-01_2020-06-30.pdf")

    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert 'http-equiv="refresh"' not in page
    for name in FILES:
        assert reverse(name, args=[report.pk]) in page
    download = client.get(reverse("reports:xlsx", args=[report.pk]))
    assert download["Content-Disposition"].startswith("attachment")
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(download.streaming_content)))
    assert len(workbook.sheetnames) >= 10
    pdf = b"".join(client.get(reverse("reports:pdf", args=[report.pk])).streaming_content)
    assert pdf.startswith(b"%PDF")

    (mail,) = smtp.messages
    assert mail["To"] == admin_user.email
    assert "01/01/2020 – 30/06/2020" in mail["Subject"]
    assert settings.PORTAL_URL + reverse("reports:detail", args=[report.pk]) in plain_text(mail)


def test_the_page_of_a_report_being_built_shows_its_progress_and_reloads_on_request(
    client, admin_user, db
):
    report = InterimReport.objects.create(
        period_start=datetime.date(2020, 1, 1),
        period_end=datetime.date(2020, 12, 31),
        requested_by=admin_user,
        state=ReportState.RUNNING,
        progress=40,
    )
    url = reverse("reports:detail", args=[report.pk])
    client.force_login(admin_user)
    page = client.get(url).content.decode()

    assert '<progress id="report-progress" max="100" value="40">' in page
    # No reload unless asked for: a reloading page throws screen readers back to the top.
    assert 'http-equiv="refresh"' not in page
    assert f'href="{url}?watch=1"' in page
    for name in FILES:
        assert reverse(name, args=[report.pk]) not in page
        assert client.get(reverse(name, args=[report.pk])).status_code == 404

    watching = client.get(url, {"watch": "1"}).content.decode()
    assert re.search(r'<meta http-equiv="refresh" content="3">', watching)
    assert f'<a href="{url}">Stop reloading this page</a>' in watching
    assert '<progress id="report-progress" max="100" value="40">' in watching

    report.state, report.progress = ReportState.DONE, 100
    report.save()
    assert 'http-equiv="refresh"' not in client.get(url, {"watch": "1"}).content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"kind": "dates", "start": "2020-06-30", "end": "2020-01-01"},
            "The period must end after it starts",
        ),
        (
            {"kind": "dates", "start": "2010-01-01", "end": "2010-12-31"},
            "There is nothing to report for this period",
        ),
        ({"kind": "dates", "start": "2020-01-01", "end": ""}, "Enter a date."),
        ({"kind": "dates", "start": "2020-02-30", "end": "2020-03-01"}, "Enter a valid date."),
        ({"kind": "year", "year": "1999"}, "Select a valid choice."),
        ({"kind": "decade"}, "Select a valid choice."),
    ],
)
def test_a_wrong_period_gets_a_message_and_nothing_is_queued(
    client, admin_user, network, django_capture_on_commit_callbacks, data, message
):
    client.force_login(admin_user)
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(reverse("reports:request"), data)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not InterimReport.objects.exists()
    assert callbacks == []


def test_a_period_that_has_not_begun_gets_a_message(client, admin_user, network):
    client.force_login(admin_user)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client.post(
        reverse("reports:request"),
        {"kind": "dates", "start": tomorrow.isoformat(), "end": tomorrow.isoformat()},
    )
    assert "The period has not begun yet" in response.content.decode()
    assert not InterimReport.objects.exists()


@pytest.mark.logs_errors
def test_a_failing_render_marks_the_report_failed_with_a_message(
    client, admin_user, network, smtp, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(*args, **kwargs):
        raise RuntimeError("WeasyPrint ran out of memory")

    monkeypatch.setattr(documents, "render_pdf", broken)
    client.force_login(admin_user)

    request_report(
        client,
        django_capture_on_commit_callbacks,
        kind="dates",
        start="2020-01-01",
        end="2020-06-30",
    )

    report = InterimReport.objects.get()
    assert report.state == ReportState.FAILED
    assert "rendering the PDF" in report.error
    assert "WeasyPrint ran out of memory" in report.error
    assert not report.pdf and not report.xlsx and not report.csv
    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert "WeasyPrint ran out of memory" in page
    assert 'http-equiv="refresh"' not in page
    (mail,) = smtp.messages
    assert "could not be built" in mail["Subject"]
    assert "WeasyPrint ran out of memory" in plain_text(mail)


def test_a_report_is_built_once_even_when_its_task_runs_again(admin_user, network):
    report = InterimReport.objects.create(
        period_start=datetime.date(2020, 1, 1),
        period_end=datetime.date(2020, 6, 30),
        requested_by=admin_user,
        language="en",
    )
    services.build_report(report_id=report.pk)
    report.refresh_from_db()
    files = (report.pdf.name, report.xlsx.name, report.csv.name)

    assert services.build_report(report_id=report.pk) is None
    report.refresh_from_db()
    assert (report.pdf.name, report.xlsx.name, report.csv.name) == files


def test_the_progress_rises_step_by_step_while_the_report_is_built(
    admin_user, network, monkeypatch
):
    report = InterimReport.objects.create(
        period_start=datetime.date(2020, 1, 1),
        period_end=datetime.date(2020, 6, 30),
        requested_by=admin_user,
    )
    seen = []
    set_progress = services._set_progress

    def recording(report, percent):
        set_progress(report, percent)
        seen.append(InterimReport.objects.get(pk=report.pk).progress)

    monkeypatch.setattr(services, "_set_progress", recording)
    services.build_report(report_id=report.pk)

    assert len(seen) >= 8
    assert seen == sorted(seen) and 0 < seen[0] < 40 and seen[-1] == 97
    report.refresh_from_db()
    assert (report.state, report.progress) == (ReportState.DONE, 100)


def test_an_earlier_report_stays_as_it_was_after_the_data_changed(admin_user, network):
    period = Period(datetime.date(2020, 1, 1), datetime.date(2020, 6, 30))
    first = services.request_report(user=admin_user, period=period, language="en")
    services.build_report(report_id=first.pk)
    first.refresh_from_db()
    pdf_before, xlsx_before = first.pdf.read(), first.xlsx.read()

    # A correction entered later: Bonn agreed to a binding cooperation in March 2020.
    set_cooperation_status(
        region=network["bonn"],
        status=CooperationStatus.BINDING,
        valid_from=datetime.date(2020, 3, 2),
    )
    second = services.request_report(user=admin_user, period=period, language="en")
    services.build_report(report_id=second.pk)
    first.refresh_from_db()
    second.refresh_from_db()

    assert first.pdf.name != second.pdf.name
    with first.pdf.open("rb") as pdf, first.xlsx.open("rb") as xlsx:
        assert (pdf.read(), xlsx.read()) == (pdf_before, xlsx_before)

    def binding(report) -> int:
        with report.xlsx.open("rb") as file:
            rows = openpyxl.load_workbook(file, read_only=True)["Key figures"].values
            return next(row[2] for row in rows if row[1] == "Regions: binding cooperation")

    assert (binding(first), binding(second)) == (1, 2)


def test_the_list_shows_period_author_time_and_files(client, admin_user, db):
    report = done_report(admin_user)
    InterimReport.objects.create(
        period_start=datetime.date(2021, 1, 1),
        period_end=datetime.date(2021, 12, 31),
        requested_by=admin_user,
        state=ReportState.FAILED,
        error="Kaputt",
    )
    client.force_login(admin_user)

    page = client.get(reverse("reports:list")).content.decode()

    assert "01/01/2020 – 30/06/2020" in page and "01/01/2021 – 31/12/2021" in page
    assert str(admin_user) in page
    for name in FILES:
        assert page.count(reverse(name, args=[report.pk])) == 1
    dashboard = client.get(reverse("dashboard")).content.decode()
    assert reverse("reports:list") in dashboard


def test_the_list_takes_the_same_queries_for_many_reports(
    client, admin_user, db, django_assert_max_num_queries
):
    client.force_login(admin_user)
    done_report(admin_user)
    client.get(reverse("reports:list"))
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("reports:list"))
    for _ in range(5):
        done_report(admin_user)
    with django_assert_max_num_queries(len(one)):
        client.get(reverse("reports:list"))


@pytest.mark.parametrize("persona", ["coordinator", "guide"])
def test_nobody_but_the_landeskoordination_gets_the_pages_or_the_files(
    client, admin_user, coordinator, guide, persona, settings
):
    report = done_report(admin_user)
    client.force_login({"coordinator": coordinator, "guide": guide.user}[persona])

    for name in ("reports:list", "reports:request"):
        assert client.get(reverse(name)).status_code == 403
    assert (
        client.post(reverse("reports:request"), {"kind": "year", "year": 2020}).status_code == 403
    )
    for name in ("reports:detail", *FILES):
        assert client.get(reverse(name, args=[report.pk])).status_code == 403
    # The stored file itself has no URL: MEDIA_ROOT is not served.
    assert client.get(settings.MEDIA_URL + report.pdf.name).status_code == 404
    assert InterimReport.objects.count() == 1


def test_anonymous_visitors_are_sent_to_log_in(client, admin_user, settings):
    report = done_report(admin_user)
    login = reverse("account_login")
    for url in (
        reverse("reports:list"),
        reverse("reports:request"),
        *(reverse(name, args=[report.pk]) for name in ("reports:detail", *FILES)),
    ):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(login), url
    assert client.get(settings.MEDIA_URL + report.pdf.name).status_code == 404


def test_a_report_that_does_not_exist_is_not_found(client, admin_user):
    client.force_login(admin_user)
    for name in ("reports:detail", *FILES):
        assert client.get(reverse(name, args=[99999])).status_code == 404
