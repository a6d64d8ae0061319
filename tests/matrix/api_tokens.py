from lotsen.api.services import create_token
from tests.matrix import HIDDEN, LOGIN, OK, Row, expect

SIGNED_IN = expect(guide=OK, other_guide=OK, other_coordinator=OK)

ROWS = {
    "tokens:list": Row(get=SIGNED_IN, post=SIGNED_IN, post_data={"name": "CRM", "scope": "read"}),
    "tokens:revoke": Row(
        "guide_api_token",
        # Only its owner revokes a token; for everyone else it does not exist.
        post=expect(
            anonymous=LOGIN,
            guide=OK,
            other_guide=HIDDEN,
            other_coordinator=HIDDEN,
            coordinator=HIDDEN,
            admin=HIDDEN,
        ),
    ),
}


def world(region, guide) -> dict:
    return {"guide_api_token": create_token(user=guide.user, name="Website").token}
