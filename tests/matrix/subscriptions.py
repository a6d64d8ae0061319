from types import SimpleNamespace

from newsletters.subscriptions.links import confirmation_token, subscriber_token
from tests.factories import SubscriberFactory
from tests.matrix import ADMIN_ONLY, PUBLIC_PAGE, Row

ROWS = {
    # Partners need no account: the sign-up form and the personal links work for everyone.
    "subscriptions:subscribe": Row(
        get=PUBLIC_PAGE,
        post=PUBLIC_PAGE,
        post_data={"email": "neu@example.org", "language": "de", "consent": "on"},
    ),
    "subscriptions:subscribe-done": Row(get=PUBLIC_PAGE),
    "subscriptions:confirm": Row("pending_links", arg_field="confirm", get=PUBLIC_PAGE,
                                 post=PUBLIC_PAGE),
    "subscriptions:unsubscribe": Row("subscriber_links", arg_field="token", get=PUBLIC_PAGE,
                                     post=PUBLIC_PAGE),
    "subscriptions:preferences": Row(
        "subscriber_links",
        arg_field="token",
        get=PUBLIC_PAGE,
        post=PUBLIC_PAGE,
        post_data={"name": "Anna Beispiel", "organisation": "", "language": "en"},
    ),
    # The subscriber list and a person's data: the Landeskoordination alone.
    "subscriptions:list": Row(get=ADMIN_ONLY),
    "subscriptions:detail": Row("subscriber", get=ADMIN_ONLY),
    "subscriptions:export": Row("subscriber", get=ADMIN_ONLY),
    "subscriptions:erase": Row("subscriber", get=ADMIN_ONLY, post=ADMIN_ONLY),
}  # fmt: skip


def world(region, guide) -> dict:
    subscriber = SubscriberFactory()
    pending = SubscriberFactory(state="pending")
    return {
        "subscriber": subscriber,
        "subscriber_links": SimpleNamespace(token=subscriber_token(subscriber)),
        "pending_links": SimpleNamespace(confirm=confirmation_token(pending)),
    }
