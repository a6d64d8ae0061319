"""The Landeskoordination's lists read their first page from an index in the list's order.

With thousands of rows a list that must sort (or group) every row before cutting its page of
50 grows with the network; an index in its exact order lets PostgreSQL stop after the page.
The test database is small, so the planner would sort anyway: with sorting switched off, a
plan without a sort exists only if an index matches the order the list asks for. A changed
order or annotation that no index can serve fails here, not at a thousand times the size.
"""

import pytest
from django.db import connection, transaction

from events.workspace.selectors import events_for
from lotsen.guides.selectors import guides_for
from lotsen.members.selectors import directory_guides
from lotsen.public.selectors import guide_finder, regions_by_name
from organisations.workspace.selectors import agencies_for, organisations_for

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the indexes use PostgreSQL's ICU collation"
)


def plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.mark.parametrize(
    ("listing", "index"),
    [
        (organisations_for, "organisations_name_de"),
        (agencies_for, "organisations_agency_name_de"),
        (guides_for, "lotsen_guide_name_de"),
        (events_for, "events_newest_first"),
        (lambda user: regions_by_name(), "regions_region_name_de"),
        (lambda user: guide_finder(), "lotsen_guide_finder"),
        (lambda user: directory_guides(), "lotsen_guide_members"),
    ],
)
def test_the_first_page_comes_from_an_index(admin_user, listing, index):
    page = listing(admin_user)[:50]
    shown = plan(page)
    assert index in shown
    assert "Sort" not in shown.replace("Sort Key", "")
