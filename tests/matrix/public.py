import datetime

from lotsen.core.visibility import Visibility
from lotsen.guides.services import set_guide_status
from lotsen.models.guides import PROFILE_PARTS
from tests.factories import GuideFactory, OrganisationFactory
from tests.matrix import PUBLIC_PAGE, Row

ROWS = {
    "home": Row(get=PUBLIC_PAGE),
    "public:region": Row("region", arg_field="slug", get=PUBLIC_PAGE),
    "public:directory": Row(get=PUBLIC_PAGE),
    "public:organisation": Row("public_organisation", get=PUBLIC_PAGE),
    "public:guide-finder": Row(get=PUBLIC_PAGE),
}


def world(region, guide) -> dict:
    organisation = OrganisationFactory(region=region, listed_publicly=True)
    public_guide = GuideFactory(
        region=region,
        public_profile=True,
        **{f"{part}_visibility": Visibility.PUBLIC for part in PROFILE_PARTS},
    )
    public_guide.organisations.add(organisation)
    set_guide_status(guide=public_guide, status="active", valid_from=datetime.date(2014, 1, 1))
    return {
        "public_organisation": organisation,
        "public_guide": public_guide,
    }
