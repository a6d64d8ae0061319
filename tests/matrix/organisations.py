from tests.factories import ContactPersonFactory, OrganisationFactory
from tests.matrix import IN_REGION, WORKSPACE, Row

ROWS = {
    "organisations:list": Row(get=WORKSPACE),
    "organisations:create": Row(get=WORKSPACE, post=WORKSPACE),
    "organisations:detail": Row("organisation", get=IN_REGION),
    "organisations:update": Row("organisation", get=IN_REGION, post=IN_REGION),
    "organisations:archive": Row("organisation", post=IN_REGION),
    "organisations:organisation-contact-create": Row("organisation", get=IN_REGION, post=IN_REGION),
    "organisations:contact-update": Row("contact", get=IN_REGION, post=IN_REGION),
    "organisations:contact-delete": Row("contact", post=IN_REGION),
}


def world(region, guide) -> dict:
    organisation = OrganisationFactory(region=region)
    return {
        "organisation": organisation,
        "contact": ContactPersonFactory(organisation=organisation),
    }
