import datetime

from lotsen.models import ContactNote
from tests.factories import AgencyFactory, OrganisationFactory
from tests.matrix import IN_REGION, Row

ROWS = {
    "contacts:organisation-note-create": Row("noted_organisation", get=IN_REGION, post=IN_REGION),
    "contacts:agency-note-create": Row("noted_agency", get=IN_REGION, post=IN_REGION),
    "contacts:guide-note-create": Row("guide", get=IN_REGION, post=IN_REGION),
    "contacts:update": Row("note", get=IN_REGION, post=IN_REGION),
    "contacts:delete": Row("note", post=IN_REGION),
}


def world(region, guide) -> dict:
    organisation = OrganisationFactory(region=region)
    note = ContactNote.objects.create(
        organisation=organisation,
        kind="call",
        happened_on=datetime.date(2014, 3, 3),
        who="Frau Hodžić",
        summary="Asked about the next Qualifizierung.",
    )
    return {
        "noted_organisation": organisation,
        "noted_agency": AgencyFactory(regions=[region]),
        "note": note,
    }
