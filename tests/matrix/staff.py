"""Staff accounts: the Landeskoordination alone invites and manages them."""

from lotsen.core.roles import Role
from tests.factories import UserFactory
from tests.matrix import ADMIN_ONLY, Row

ROWS = {
    "staff:list": Row(get=ADMIN_ONLY),
    "staff:invite": Row(
        get=ADMIN_ONLY,
        post=ADMIN_ONLY,
        post_data={"name": "Neue Kollegin", "email": "neu@example.org", "role": Role.ADMIN},
    ),
    "staff:detail": Row("staff_account", get=ADMIN_ONLY),
    "staff:edit": Row(
        "staff_account",
        get=ADMIN_ONLY,
        post=ADMIN_ONLY,
        post_data={"name": "Umbenannt", "role": Role.COORDINATOR},
    ),
    "staff:resend-invitation": Row("staff_account", post=ADMIN_ONLY),
    "staff:deactivate": Row("staff_account", post=ADMIN_ONLY),
    "staff:reactivate": Row("staff_account", post=ADMIN_ONLY),
    "staff:unlock": Row("staff_account", post=ADMIN_ONLY),
}


def world(region, guide) -> dict:
    account = UserFactory(email="kollegin@example.org", role=Role.COORDINATOR, last_login=None)
    region.coordinators.add(account)
    return {"staff_account": account}
