"""The URL x role permission matrix, one module per area of the portal.

Each module in this package defines ``ROWS`` (URL name -> ``Row``) and ``world(region, guide)``,
which creates the objects its rows point at (all in the coordinator's region).
tests/test_url_matrix.py collects every module, so adding rows never edits a shared file.
"""

from dataclasses import dataclass, field

OK, LOGIN, DENIED, HIDDEN, REDIRECT = "ok", "login", "denied", "hidden", "redirect"
PERSONAS = ["anonymous", "guide", "other_guide", "other_coordinator", "coordinator", "admin"]


def expect(anonymous=LOGIN, guide=DENIED, other_guide=DENIED, other_coordinator=DENIED,
           coordinator=OK, admin=OK) -> dict[str, str]:  # fmt: skip
    """What each persona gets; ``guide`` is the guide whose profile the world holds."""
    return {
        "anonymous": anonymous,
        "guide": guide,
        "other_guide": other_guide,
        "other_coordinator": other_coordinator,
        "coordinator": coordinator,
        "admin": admin,
    }


WORKSPACE = expect(other_coordinator=OK)  # any coordinator and the Landeskoordination
IN_REGION = expect(other_coordinator=HIDDEN)  # an object of the coordinator's region
ADMIN_ONLY = expect(coordinator=DENIED)
PUBLIC_PAGE = expect(anonymous=OK, guide=OK, other_guide=OK, other_coordinator=OK)


@dataclass
class Row:
    args: str | None = None  # key of the object in the world that is the URL's argument
    # Which attribute of that object goes into the URL (pk or slug); a tuple for several
    # arguments, e.g. ("year", "month") of a date.
    arg_field: str | tuple[str, ...] = "pk"
    get: dict[str, str] | None = None  # None: the URL takes no GET
    post: dict[str, str] | None = None  # None: the URL takes no POST
    post_data: dict = field(default_factory=dict)
