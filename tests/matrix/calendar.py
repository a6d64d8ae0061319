"""The public calendar and its iCalendar files: for everyone, logged in or not.

That internal events stay out of every page and file is tested in tests/events/.
"""

import datetime

from events.models import EventKind
from tests.factories import EventFactory
from tests.matrix import PUBLIC_PAGE, Row

ROWS = {
    "calendar:list": Row(get=PUBLIC_PAGE),
    "calendar:month": Row("calendar_month", arg_field=("year", "month"), get=PUBLIC_PAGE),
    "calendar:archive": Row(get=PUBLIC_PAGE),
    "calendar:event": Row("public_event", get=PUBLIC_PAGE),
    "calendar:event-ics": Row("public_event", get=PUBLIC_PAGE),
    "calendar:feed": Row(get=PUBLIC_PAGE),
    "calendar:region-feed": Row("region", arg_field="slug", get=PUBLIC_PAGE),
    "calendar:kind-feed": Row("public_event", arg_field="kind", get=PUBLIC_PAGE),
}


def world(region, guide) -> dict:
    event = EventFactory(region=region, is_public=True, kind=EventKind.TRAINING)
    return {"public_event": event, "calendar_month": datetime.date(2014, 3, 1)}
