"""The JSON API (/api/v1/) for every kind of caller, with personal tokens instead of sessions.

tests/api/test_api_matrix.py runs these rows; tests/test_url_matrix.py only checks that every
API URL has one. Outcomes: OK (200), AUTH (401: no valid token), DENIED (403: the role or the
token's scope may not), HIDDEN (404: outside one's regions). After every refused write the
database is unchanged.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from newsletters.models import IssueState
from tests.factories import (
    EventFactory,
    EventReportFactory,
    GuideFactory,
    IssueFactory,
    OrganisationFactory,
)

OK, AUTH, DENIED, HIDDEN = "ok", "auth", "denied", "hidden"
# Callers: no token; tokens of the world's guide, of the coordinators of the world's region and
# of another region, of the Landeskoordination; a revoked token; a read-only token (of the
# world's coordinator: everything else is read-write).
API_PERSONAS = [
    "anonymous", "guide", "other_coordinator", "coordinator", "admin", "revoked", "read_only"
]  # fmt: skip


def api_expect(anonymous=AUTH, guide=DENIED, other_coordinator=OK, coordinator=OK, admin=OK,
               revoked=AUTH, read_only=OK) -> dict[str, str]:  # fmt: skip
    return {
        "anonymous": anonymous,
        "guide": guide,
        "other_coordinator": other_coordinator,
        "coordinator": coordinator,
        "admin": admin,
        "revoked": revoked,
        "read_only": read_only,
    }


PUBLIC = api_expect(anonymous=OK, guide=OK)
# The schema and its page read no token at all.
DOCS = api_expect(anonymous=OK, guide=OK, revoked=OK)
WORKSPACE_LIST = api_expect()
IN_REGION = api_expect(other_coordinator=HIDDEN)
WRITE_IN_REGION = api_expect(other_coordinator=HIDDEN, read_only=DENIED)


@dataclass
class ApiRow:
    args: str | None = None  # key of the world's object in the URL
    arg_field: str = "pk"
    get: dict[str, str] | None = None
    patch: dict[str, str] | None = None
    patch_data: dict | None = None


ROWS = {
    "api:schema": ApiRow(get=DOCS),
    "api:docs": ApiRow(get=DOCS),
    "api:regions": ApiRow(get=PUBLIC),
    "api:region": ApiRow("region", arg_field="slug", get=PUBLIC),
    "api:events": ApiRow(get=PUBLIC),
    "api:event": ApiRow("api_public_event", get=PUBLIC),
    "api:organisations": ApiRow(get=PUBLIC),
    "api:organisation": ApiRow("api_listed_organisation", get=PUBLIC),
    "api:guides": ApiRow(get=PUBLIC),
    "api:newsletters": ApiRow(get=PUBLIC),
    "api:newsletter": ApiRow("api_sent_issue", arg_field="number", get=PUBLIC),
    "api:workspace-events": ApiRow(get=WORKSPACE_LIST),
    "api:workspace-event": ApiRow(
        "api_public_event",
        get=IN_REGION,
        patch=WRITE_IN_REGION,
        patch_data={"title": "Netzwerktreffen (verschoben)"},
    ),
    "api:workspace-organisations": ApiRow(get=WORKSPACE_LIST),
    "api:workspace-organisation": ApiRow("api_listed_organisation", get=IN_REGION),
    "api:workspace-guides": ApiRow(get=WORKSPACE_LIST),
    "api:workspace-guide": ApiRow("api_guide", get=IN_REGION),
}


def world(region, guide) -> dict:
    started = timezone.now() - datetime.timedelta(days=2)
    event = EventFactory(
        region=region,
        is_public=True,
        starts_at=started,
        ends_at=started + datetime.timedelta(hours=3),
    )
    EventReportFactory(event=event)
    return {
        "api_public_event": event,
        "api_listed_organisation": OrganisationFactory(region=region, listed_publicly=True),
        "api_guide": GuideFactory(region=region),
        # No fixed number: the factory's sequence reaches any small one as the matrix grows.
        "api_sent_issue": IssueFactory(state=IssueState.SENT, sent_at=timezone.now()),
    }
