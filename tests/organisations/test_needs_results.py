"""The needs assessment's results: counted in the database, by region, community and thematic
field, for the user's regions only; charts with their tables; CSV and XLSX."""

import csv
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from organisations.models import Community, NeedsInvitation, ThematicField
from organisations.needs import selectors, services
from tests.factories import OrganisationFactory
from tests.organisations.needs_world import invite, make_version, option, questions

RESULTS = reverse("needs:results")


@pytest.fixture
def version(db):
    return make_version()


def answer(version, organisation, *, topics=(), form=None, scale=None, text=""):
    invitation = invite(version, organisation)
    by_kind = questions(version)
    values = {
        by_kind["several"].pk: [option(version, label) for label in topics] or None,
        by_kind["one"].pk: option(version, form) if form else None,
        by_kind["scale"].pk: scale,
        by_kind["text"].pk: text,
    }
    if not topics:
        values[by_kind["several"].pk] = [option(version, "Vereinsrecht")]
    services.save_answers(invitation=invitation, values=values, submit=True)
    return invitation


@pytest.fixture
def answered(version, region, other_region):
    bosnian = Community.objects.create(name="bosnisch")
    tamil = Community.objects.create(name="tamilisch")
    culture = ThematicField.objects.create(name="Kultur")
    orgs = []
    for n, (reg, community, topics, form, scale) in enumerate([
        (region, bosnian, ["Vereinsrecht", "Vernetzung"], "Tandem", 2),
        (region, bosnian, ["Vereinsrecht"], "Coaching", 4),
        (region, tamil, ["Finanzen/Fördermittel"], "Tandem", 5),
        (other_region, tamil, ["Vereinsrecht", "Finanzen/Fördermittel"], "Schulung", 1),
        (other_region, None, ["Vernetzung"], None, None),
    ]):  # fmt: skip
        organisation = OrganisationFactory(region=reg, name=f"Verein {n} e.V.")
        if community:
            organisation.communities.add(community)
        if n % 2 == 0:
            organisation.thematic_fields.add(culture)
        answer(version, organisation, topics=topics, form=form, scale=scale,
               text=f"Hinweis {n}")  # fmt: skip
        orgs.append(organisation)
    # Not submitted: a draft never counts.
    draft = invite(version, OrganisationFactory(region=region, name="Entwurf e.V."))
    services.save_answers(
        invitation=draft,
        values={questions(version)["several"].pk: [option(version, "Vernetzung")]},
        submit=False,
    )
    return orgs


def by_question(results):
    return {r.question.kind: r for r in results}


def test_counts_match_the_answers_by_region(version, answered, region, other_region):
    results = by_question(selectors.results(version, NeedsInvitation.objects.all(), "region"))
    several = results["several"]
    assert several.groups == [region.name, other_region.name]
    rows = {label: (counts, total) for label, counts, total in several.option_rows}
    assert rows["Vereinsrecht"] == ([2, 1], 3)
    assert rows["Finanzen/Fördermittel"] == ([1, 1], 2)
    assert rows["Vernetzung"] == ([1, 1], 2)  # the draft is not counted
    one = {label: total for label, _counts, total in results["one"].option_rows}
    assert one == {"Schulung": 1, "Coaching": 1, "Tandem": 2}
    scale = results["scale"]
    assert scale.scale_distribution == [1, 1, 0, 1, 1]
    total = scale.scale_rows[-1]
    assert total[1] == 4 and total[2] == pytest.approx(3.0)
    groups = {group: (n, mean) for group, n, mean in scale.scale_rows[:-1]}
    assert groups[region.name] == (3, pytest.approx(11 / 3))
    assert groups[other_region.name] == (1, pytest.approx(1.0))
    text = results["text"]
    assert text.text_count == 5 and not text.texts_hidden
    assert text.texts == [f"Hinweis {n}" for n in range(5)]


def test_counts_by_community_and_thematic_field(version, answered):
    results = by_question(selectors.results(version, NeedsInvitation.objects.all(), "community"))
    several = results["several"]
    assert several.groups == ["bosnisch", "tamilisch", "—"]
    rows = {label: counts for label, counts, _total in several.option_rows}
    assert rows["Vereinsrecht"] == [2, 1, 0]
    assert rows["Vernetzung"] == [1, 0, 1]
    fields = by_question(
        selectors.results(version, NeedsInvitation.objects.all(), "thematic_field")
    )
    assert fields["several"].groups == ["Kultur", "—"]
    rows = {label: counts for label, counts, _total in fields["several"].option_rows}
    assert rows["Vereinsrecht"] == [1, 2]


def test_free_text_of_fewer_than_5_organisations_is_not_shown(
    client, coordinator, version, answered
):
    client.force_login(coordinator)
    page = client.get(RESULTS).content.decode()
    # The coordinator's region has 3 organisations that wrote something.
    assert "Hinweis 0" not in page
    assert "not shown" in page or "nicht angezeigt" in page


def test_coordinator_sees_only_their_regions(client, coordinator, version, answered):
    client.force_login(coordinator)
    response = client.get(RESULTS)
    assert response.status_code == 200
    assert response.context["submitted"] == 3
    several = by_question(r for r, _chart in response.context["results"])["several"]
    assert several.groups == ["Mittleres Ruhrgebiet"]


def test_a_coordinator_cannot_filter_for_another_region(
    client, coordinator, version, answered, other_region
):
    client.force_login(coordinator)
    response = client.get(RESULTS, {"region": other_region.pk})
    assert response.status_code == 200
    assert response.context["results"] == []


def test_the_landeskoordination_sees_all_and_filters(
    client, admin_user, version, answered, other_region
):
    client.force_login(admin_user)
    response = client.get(RESULTS)
    assert response.context["submitted"] == 5
    page = response.content.decode()
    assert page.count('<img class="chart"') == 3  # every question but the free text
    assert "Hinweis 4" in page
    filtered = client.get(RESULTS, {"region": other_region.pk, "by": "community"})
    assert filtered.context["submitted"] == 2
    community = Community.objects.get(name="bosnisch")
    assert client.get(RESULTS, {"community": community.pk}).context["submitted"] == 2


def test_results_take_a_fixed_number_of_queries(client, admin_user, version, answered, region):
    client.force_login(admin_user)
    client.get(RESULTS)
    with CaptureQueriesContext(connection) as few:
        client.get(RESULTS)
    for n in range(6):
        answer(version, OrganisationFactory(region=region, name=f"Mehr {n}"), scale=3)
    with CaptureQueriesContext(connection) as more:
        client.get(RESULTS)
    assert len(more) == len(few)


def test_csv_and_xlsx(client, admin_user, version, answered):
    client.force_login(admin_user)
    response = client.get(RESULTS, {"export": "csv"})
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][:3] == ["Frage", "Aufschlüsselung", "Gruppe"] or rows[0][0] == "Question"
    totals = [r for r in rows if r[0] == "Where do you need support?" and r[3] == "Vereinsrecht"]
    assert totals[-1][4] == "3"
    xlsx = client.get(RESULTS, {"export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert any(row[3] == "Vereinsrecht" and row[4] == 3 for row in values[1:])


def test_the_organisations_page_shows_its_submitted_answers(client, coordinator, version, answered):
    client.force_login(coordinator)
    page = client.get(reverse("organisations:detail", args=[answered[0].pk])).content.decode()
    assert "Where do you need support?" in page
    assert "Tandem" in page and "Hinweis 0" in page
    other = client.get(reverse("organisations:detail", args=[answered[1].pk])).content.decode()
    assert "Hinweis 0" not in other
