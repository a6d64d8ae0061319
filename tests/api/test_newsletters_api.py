"""The newsletter archive endpoints: sent issues only, items in the issue's order."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from newsletters.models import IssueState
from tests.factories import EventReportFactory, IssueFactory, IssueItemFactory

pytestmark = pytest.mark.django_db


def sent_issue(region, items: int = 2):
    issue = IssueFactory(state=IssueState.SENT, sent_at=timezone.now())
    for _ in range(items):
        IssueItemFactory(issue=issue, region=region)
    return issue


def test_only_sent_issues_with_their_items(client, region):
    issue = sent_issue(region)
    report = EventReportFactory(headline="Aus dem Bericht", event__region=region)
    IssueItemFactory(issue=issue, region=region, headline="", report=report)
    IssueItemFactory(issue=issue, section="lead", region=None, headline="Leitartikel")
    draft = IssueFactory(state=IssueState.DRAFT)
    IssueItemFactory(issue=draft, region=region, headline="Noch geheim")

    response = client.get(reverse("api:newsletters"))

    rows = response.json()["results"]
    assert [row["number"] for row in rows] == [issue.number]
    headlines = [item["headline"] for item in rows[0]["items"]]
    assert headlines[0] == "Leitartikel"  # the lead story comes first, as in the issue
    assert "Aus dem Bericht" in headlines
    assert "Noch geheim" not in response.content.decode()
    assert client.get(reverse("api:newsletter", args=[draft.number])).status_code == 404


def test_constant_queries(client, region, django_assert_num_queries):
    sent_issue(region)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("api:newsletters"))
    for _ in range(6):
        sent_issue(region, items=4)
    with django_assert_num_queries(len(few.captured_queries)):
        assert len(client.get(reverse("api:newsletters")).json()["results"]) == 7
