"""Accompaniments: the guide's own entries, the coordination's list and entry, the impact page."""

from lotsen.models.accompaniments import Accompaniment, AccompanimentKind
from tests.matrix import DENIED, HIDDEN, IN_REGION, OK, WORKSPACE, Row, expect

# A guide's own pages: every guide has their own list and form; the coordination has none.
OWN = expect(guide=OK, other_guide=OK, coordinator=DENIED, admin=DENIED)
# One guide's entry: only that guide corrects it; for another guide it does not exist.
OWN_ENTRY = expect(guide=OK, other_guide=HIDDEN, coordinator=DENIED, admin=DENIED)

ROWS = {
    "accompaniments:mine": Row(get=OWN),
    "accompaniments:create": Row(get=OWN, post=OWN),
    "accompaniments:update": Row("accompaniment", get=OWN_ENTRY, post=OWN_ENTRY),
    "accompaniments:list": Row(get=WORKSPACE),
    "accompaniments:detail": Row("accompaniment", get=IN_REGION),
    "accompaniments:impact": Row(get=WORKSPACE),
}


def world(region, guide) -> dict:
    entry = Accompaniment.objects.create(
        guide=guide, region=region, kind=AccompanimentKind.APPLICATION
    )
    return {"accompaniment": entry}
