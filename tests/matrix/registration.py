"""Registration pages are public: anyone may register; the personal link is the only key."""

from tests.factories import EventFactory, RegistrationFactory
from tests.matrix import PUBLIC_PAGE, Row

ROWS = {
    "calendar:register": Row(
        "registration_event",
        get=PUBLIC_PAGE,
        post=PUBLIC_PAGE,
        post_data={"name": "Amina Yilmaz", "email": "amina@example.org", "consent": "on"},
    ),
    # Who holds the token may see and cancel that one registration, logged in or not.
    "calendar:registration": Row(
        "registration", arg_field="token", get=PUBLIC_PAGE, post=PUBLIC_PAGE
    ),
}


def world(region, guide) -> dict:
    event = EventFactory(region=region, is_public=True, takes_registrations=True, capacity=20)
    return {"registration_event": event, "registration": RegistrationFactory(event=event)}
