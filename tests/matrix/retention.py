from tests.matrix import ADMIN_ONLY, Row

ROWS = {
    "retention:schedule": Row(get=ADMIN_ONLY),
}


def world(region, guide) -> dict:
    return {}
