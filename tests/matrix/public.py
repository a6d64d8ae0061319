from tests.matrix import PUBLIC_PAGE, Row

ROWS = {
    "home": Row(get=PUBLIC_PAGE),
}


def world(region, guide) -> dict:
    return {}
