import datetime

from organisations.models import SupportMeasure
from tests.factories import OrganisationFactory
from tests.matrix import IN_REGION, Row

ROWS = {
    "organisations:support-create": Row("supported", get=IN_REGION, post=IN_REGION),
    "organisations:support-update": Row("support", get=IN_REGION, post=IN_REGION),
    "organisations:support-delete": Row("support", post=IN_REGION),
}


def world(region, guide) -> dict:
    organisation = OrganisationFactory(region=region)
    measure = SupportMeasure.objects.create(
        organisation=organisation,
        kind="coaching",
        received_on=datetime.date(2014, 2, 1),
        provider="MOZAIK gGmbH",
    )
    return {"supported": organisation, "support": measure}
