from tests.matrix import REDIRECT, WORKSPACE, Row, expect

ROWS = {
    # Every logged-in role is sent on to its own start page.
    "start": Row(
        get=expect(
            guide=REDIRECT,
            other_guide=REDIRECT,
            other_coordinator=REDIRECT,
            coordinator=REDIRECT,
            admin=REDIRECT,
        )
    ),
    "dashboard": Row(get=WORKSPACE),
}


def world(region, guide) -> dict:
    return {}
