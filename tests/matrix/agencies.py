from tests.factories import AgencyFactory
from tests.matrix import IN_REGION, WORKSPACE, Row

ROWS = {
    "organisations:agency-list": Row(get=WORKSPACE),
    "organisations:agency-create": Row(get=WORKSPACE, post=WORKSPACE),
    "organisations:agency-detail": Row("agency", get=IN_REGION),
    "organisations:agency-update": Row("agency", get=IN_REGION, post=IN_REGION),
    "organisations:agency-archive": Row("agency", post=IN_REGION),
    "organisations:agency-contact-create": Row("agency", get=IN_REGION, post=IN_REGION),
}


def world(region, guide) -> dict:
    return {"agency": AgencyFactory(regions=[region])}
