from tests.factories import EventFactory
from tests.matrix import IN_REGION, WORKSPACE, Row

ROWS = {
    "events:list": Row(get=WORKSPACE),
    "events:create": Row(get=WORKSPACE, post=WORKSPACE),
    "events:detail": Row("event", get=IN_REGION),
    "events:update": Row("event", get=IN_REGION, post=IN_REGION),
    "events:report": Row(
        "event",
        get=IN_REGION,
        post=IN_REGION,
        post_data={"headline": "Auftakt", "dateline": "Hagen – Am 13.03.2014", "teaser": "Text"},
    ),
}


def world(region, guide) -> dict:
    return {"event": EventFactory(region=region)}
