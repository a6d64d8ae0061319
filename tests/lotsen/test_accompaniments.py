"""Accompaniments: a guide records and corrects only their own; the coordination's list has
no guide names; small counts never show (page, CSV, XLSX, the interim report's PDF, XLSX
and CSV files)."""

import csv
import datetime
import io
import re
import zipfile

import openpyxl
import pypdf
import pytest
from django.urls import reverse
from django.utils import translation

from lotsen.accompaniments.figures import SUPPRESSED, suppress
from lotsen.models.accompaniments import Accompaniment, AccompanimentKind, Outcome
from lotsen.models.referrals import ProposalState, ReferralProposal, ReferralRequest, ReferralState
from newsletters.reports import documents
from newsletters.reports.figures.base import Period
from newsletters.reports.figures.report import collect
from tests.factories import GuideFactory, RegionFactory, UserFactory

YEAR = Period(datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))
IN_YEAR = datetime.date(2025, 6, 1)


def record(guide, **values) -> Accompaniment:
    values = {"region": guide.region, "kind": AccompanimentKind.JOBCENTER, **values}
    return Accompaniment.objects.create(guide=guide, **values)


# --- Recording and correcting ---------------------------------------------------------------


def test_a_guide_records_an_entry_with_the_defaults_of_their_profile(client, guide):
    client.force_login(guide.user)
    form = client.get(reverse("accompaniments:create"))
    assert form.status_code == 200
    # The region defaults to the guide's own.
    assert f'<option value="{guide.region.pk}" selected>' in form.content.decode()
    response = client.post(
        reverse("accompaniments:create"),
        {
            "kind": AccompanimentKind.RECOGNITION,
            "date": "2025-03-04",
            "region": guide.region.pk,
            "hours": "2.5",
            "language_level": "B1",
            "usability": "partly",
            "motivation": "high",
            "outcome": Outcome.NO_RESULT_YET,
        },
    )
    assert response.status_code == 302
    entry = Accompaniment.objects.get()
    assert (entry.guide, entry.region, str(entry.hours)) == (guide, guide.region, "2.5")
    page = client.get(reverse("accompaniments:mine")).content.decode()
    assert reverse("accompaniments:update", args=[entry.pk]) in page


def test_bad_input_is_refused_with_a_message_and_nothing_is_saved(client, guide):
    client.force_login(guide.user)
    tomorrow = datetime.date.today() + datetime.timedelta(days=2)
    response = client.post(
        reverse("accompaniments:create"),
        {"kind": "teleport", "date": tomorrow.isoformat(), "hours": "99", "region": "x"},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert {"kind", "date", "hours", "region"} <= set(errors)
    assert not Accompaniment.objects.exists()


def accepted_request(guide) -> ReferralRequest:
    request = ReferralRequest.objects.create(
        organisation="Jobcenter Hagen",
        contact_name="Petra Sommer",
        email="sommer@jobcenter.example.org",
        region=guide.region,
        time_frame="im März",
        state=ReferralState.ACCEPTED,
    )
    ReferralProposal.objects.create(request=request, guide=guide, state=ProposalState.ACCEPTED)
    return request


def test_an_entry_names_only_a_request_the_guide_accepted(client, guide, other_guide, coordinator):
    mine, theirs = accepted_request(guide), accepted_request(other_guide)
    client.force_login(guide.user)
    page = client.get(reverse("accompaniments:create") + f"?referral={mine.pk}").content.decode()
    assert f'<option value="{mine.pk}" selected>{mine.reference}</option>' in page
    assert theirs.reference not in page
    entry = {
        "kind": AccompanimentKind.JOBCENTER,
        "date": "2025-03-04",
        "region": guide.region.pk,
        "hours": "1.0",
        "language_level": "B1",
        "usability": "partly",
        "motivation": "high",
        "outcome": Outcome.NO_RESULT_YET,
    }
    refused = client.post(reverse("accompaniments:create"), {**entry, "referral": theirs.pk})
    assert "referral" in refused.context["form"].errors
    assert not Accompaniment.objects.exists()

    client.post(reverse("accompaniments:create"), {**entry, "referral": mine.pk})
    assert Accompaniment.objects.get().referral == mine
    client.force_login(coordinator)
    detail = client.get(reverse("referrals:detail", args=[mine.pk])).content.decode()
    assert re.search(r"Accompaniments recorded</dt><dd>1<", detail) or re.search(
        r"Begleitungen erfasst</dt><dd>1<", detail
    )


def test_a_guide_without_accepted_requests_is_not_asked_for_one(client, guide):
    client.force_login(guide.user)
    assert 'name="referral"' not in client.get(reverse("accompaniments:create")).content.decode()


def test_the_model_has_no_field_for_who_was_accompanied():
    names = {field.name for field in Accompaniment._meta.get_fields()}
    assert not names & {"name", "first_name", "last_name", "birth_date", "address", "note"}
    text_fields = [
        f.name
        for f in Accompaniment._meta.concrete_fields
        if f.get_internal_type() in ("TextField", "CharField") and not f.choices
    ]
    assert text_fields == []


def test_a_guide_cannot_read_or_change_another_guides_entries(client, guide, other_guide):
    theirs = record(other_guide, kind=AccompanimentKind.BUSINESS, hours=3)
    client.force_login(guide.user)
    assert client.get(reverse("accompaniments:update", args=[theirs.pk])).status_code == 404
    response = client.post(
        reverse("accompaniments:update", args=[theirs.pk]), {"kind": "other", "hours": "1"}
    )
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.kind == AccompanimentKind.BUSINESS
    assert reverse("accompaniments:update", args=[theirs.pk]) not in (
        client.get(reverse("accompaniments:mine")).content.decode()
    )
    # Nor through the coordination's pages.
    assert client.get(reverse("accompaniments:detail", args=[theirs.pk])).status_code == 403
    assert client.get(reverse("accompaniments:list")).status_code == 403


def test_the_guide_corrects_the_outcome_later(client, guide):
    entry = record(guide, date=IN_YEAR)
    client.force_login(guide.user)
    form = client.get(reverse("accompaniments:update", args=[entry.pk])).context["form"]
    data = {name: form[name].value() for name in form.fields}
    data = {key: "" if value is None else value for key, value in data.items()}
    data["outcome"] = Outcome.IN_WORK
    response = client.post(reverse("accompaniments:update", args=[entry.pk]), data)
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.outcome == Outcome.IN_WORK


def test_coordinators_list_their_regions_entries_without_the_guides_name(
    client, guide, coordinator, other_coordinator
):
    guide.first_name, guide.last_name = "Zeynep", "Unverwechselbar"
    guide.save()
    entry = record(guide)
    client.force_login(coordinator)
    listing = client.get(reverse("accompaniments:list")).content.decode()
    assert reverse("accompaniments:detail", args=[entry.pk]) in listing
    assert "Unverwechselbar" not in listing
    detail = client.get(reverse("accompaniments:detail", args=[entry.pk])).content.decode()
    assert "Unverwechselbar" in detail
    client.force_login(other_coordinator)
    listing = client.get(reverse("accompaniments:list")).content.decode()
    assert reverse("accompaniments:detail", args=[entry.pk]) not in listing
    assert client.get(reverse("accompaniments:detail", args=[entry.pk])).status_code == 404


# --- Small-cell suppression -----------------------------------------------------------------


def test_counts_below_five_are_hidden_and_a_total_gives_none_away():
    assert suppress([7, 12]) == [7, 12]
    assert suppress([3, 12], total_shown=False) == [SUPPRESSED, 12]
    # 15 - 12 would give the 3 away: the smallest other cell goes too.
    assert suppress([3, 12, 9]) == [SUPPRESSED, 12, SUPPRESSED]
    # Two hidden cells at their largest possible value (4 + 4 = 8) would be known as well.
    assert suppress([4, 4, 20, 6]) == [SUPPRESSED, SUPPRESSED, 20, SUPPRESSED]
    assert suppress([2, 1, 20, 6]) == [SUPPRESSED, SUPPRESSED, 20, 6]


@pytest.fixture
def three_businesses(guide):
    """In 2025: three accompaniments into a business (a cell of 3), eight to the job centre."""
    for _ in range(3):
        record(guide, date=IN_YEAR, kind=AccompanimentKind.BUSINESS, hours=7)
    for _ in range(8):
        record(guide, date=IN_YEAR, kind=AccompanimentKind.JOBCENTER, hours=1)
    with translation.override("en"):
        yield str(AccompanimentKind.BUSINESS.label)


def business_cells(rows, label: str) -> list:
    row = next(row for row in rows if row and str(row[0]).endswith(label))
    return [str(cell) for cell in row[1:] if cell not in (None, "")]


def test_a_cell_of_three_never_shows_on_the_impact_page_or_its_exports(
    client, coordinator, three_businesses
):
    with translation.override("de"):  # the workspace speaks German
        label = str(AccompanimentKind.BUSINESS.label)
    client.force_login(coordinator)
    url = reverse("accompaniments:impact") + "?start=2025-01-01&end=2025-12-31"
    page = client.get(url).content.decode()
    cells = re.search(
        rf'<th scope="row">{label}</th><td class="number">(.*?)</td><td class="number">(.*?)</td>',
        page,
    )
    assert cells and cells.groups() == ("&lt; 5", "&lt; 5")
    # 11 in total minus the 8 shown leaves 3 spread over five hidden cells (the empty kinds
    # read "< 5" as well): no single one can be worked out.
    assert '<td class="number">11</td>' in page
    assert page.count('<td class="number">&lt; 5</td>') >= 10

    response = client.get(url + "&export=csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = [row[1:] for row in csv.reader(io.StringIO(text), delimiter=";")]
    assert business_cells(rows, label) == [SUPPRESSED, SUPPRESSED]

    response = client.get(url + "&export=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True).active
    rows = [list(row)[1:] for row in sheet.iter_rows(values_only=True)]
    assert business_cells(rows, label) == [SUPPRESSED, SUPPRESSED]


def test_a_cell_of_three_never_shows_in_the_interim_report(region, three_businesses):
    label = three_businesses
    with translation.override("en"):
        data = collect(YEAR)
        group = data.group("impact")
        assert [f.value for f in group.figures] == [11, 29]  # 3 x 7 + 8 x 1 hours
        pdf = documents.pdf(data, lang="en")
        xlsx = documents.xlsx(data)
        archive = documents.csv_zip(data)

    text = "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    lines = [line for line in text.splitlines() if line.strip().startswith(label)]
    after = [line.split(label, 1)[1].split() for line in lines]
    # The table's row, and the chart's label (its bar is left out).
    assert ["<", "5", "<", "5"] in after
    assert all("3" not in cells for cells in after)
    assert "Accompaniments and impact" in text

    workbook = openpyxl.load_workbook(io.BytesIO(xlsx), read_only=True)
    sheets = [name for name in workbook.sheetnames if name.startswith("Accompaniments by kind")]
    assert sheets
    for name in sheets:
        rows = [list(row) for row in workbook[name].iter_rows(values_only=True)]
        assert business_cells(rows, label) == [SUPPRESSED, SUPPRESSED]

    with zipfile.ZipFile(io.BytesIO(archive)) as files:
        names = [name for name in files.namelist() if "accompaniments-by-kind" in name]
        assert names
        for name in names:
            text = files.read(name).decode("utf-8-sig")
            rows = list(csv.reader(io.StringIO(text), delimiter=";"))
            assert business_cells(rows, label) == [SUPPRESSED, SUPPRESSED]


def test_the_impact_page_counts_only_the_coordinators_regions_and_the_chosen_one(
    client, guide, coordinator, other_region, admin_user
):
    coordinator.coordinated_regions.add(third := RegionFactory(name="Bergisches Land"))
    for day, where, count in ((IN_YEAR, guide.region, 6), (IN_YEAR, third, 7),
                              (IN_YEAR, other_region, 9)):  # fmt: skip
        for _ in range(count):
            record(guide, date=day, region=where)
    url = reverse("accompaniments:impact") + "?start=2025-01-01&end=2025-12-31"

    def total(response) -> str:
        return response.context["figures"].count

    client.force_login(coordinator)
    assert total(client.get(url)) == 13  # Münsterland is not one of theirs
    assert total(client.get(url + f"&region={third.pk}")) == 7
    # Another region's number is refused by the form, never counted.
    refused = client.get(url + f"&region={other_region.pk}")
    assert "region" in refused.context["form"].errors
    assert total(refused) == 13
    client.force_login(admin_user)
    assert total(client.get(url)) == 22


def test_the_dashboard_shows_the_key_figures_suppressed(client, coordinator, guide):
    for _ in range(3):
        record(guide)
    client.force_login(coordinator)
    page = client.get(reverse("dashboard")).content.decode()
    assert re.search(r'id="impact-count"><span class="figures__count">&lt; 5</span>', page)
    for _ in range(4):
        record(guide)
    page = client.get(reverse("dashboard")).content.decode()
    assert re.search(r'id="impact-count"><span class="figures__count">7</span>', page)


def test_a_guide_without_a_profile_cannot_record(client, db):
    user = UserFactory(email="ohne-profil@example.org")
    client.force_login(user)
    assert client.get(reverse("accompaniments:create")).status_code == 403
    assert GuideFactory._meta.model.objects.filter(user=user).count() == 0
