"""The members' area: start page, directory, the personal calendar feed and its page.

Every signed-in member (guides, coordinators, the Landeskoordination) gets these pages;
anonymous visitors are sent to log in. The personal feed takes no login: its secret address is
the permission, so it answers everyone who has it (tests/events/test_member_feed.py shows that
a reset address answers 404). Which internal events each role sees on the calendar pages is
tested, role by role, in tests/events/test_member_calendar.py.
"""

from types import SimpleNamespace

from events.calendar.personal import reset_feed_key
from tests.matrix import OK, PUBLIC_PAGE, Row, expect

MEMBERS = expect(guide=OK, other_guide=OK, other_coordinator=OK)

ROWS = {
    "members:start": Row(get=MEMBERS),
    "members:directory": Row(get=MEMBERS),
    "members:coordinators": Row(get=MEMBERS),
    "calendar:member-feed-settings": Row(get=MEMBERS, post=MEMBERS),
    "calendar:member-feed": Row("member_feed", arg_field="token", get=PUBLIC_PAGE),
    "robots": Row(get=PUBLIC_PAGE),
}


def world(region, guide) -> dict:
    return {"member_feed": SimpleNamespace(token=reset_feed_key(user=guide.user))}
