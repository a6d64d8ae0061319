"""The needs assessment: the organisation's personal link and the coordinators' pages."""

from tests.factories import OrganisationFactory
from tests.matrix import PUBLIC_PAGE, WORKSPACE, Row
from tests.organisations.needs_world import invite, make_version

ROWS = {
    # Who holds the link may answer that one questionnaire, logged in or not.
    "needs:answer": Row(
        "needs_invitation",
        arg_field="token",
        get=PUBLIC_PAGE,
        post=PUBLIC_PAGE,
        post_data={"action": "save"},
    ),
    "needs:list": Row(get=WORKSPACE),
    # Any coordinator may open the form; it offers only the organisations of their regions.
    "needs:invite": Row(get=WORKSPACE, post=WORKSPACE),
    "needs:results": Row(get=WORKSPACE),
}


def world(region, guide) -> dict:
    organisation = OrganisationFactory(region=region, email="bedarf@example.org")
    return {"needs_invitation": invite(make_version(), organisation)}
