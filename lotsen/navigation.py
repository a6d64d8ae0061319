"""Where a page sits in the navigation, decided from its URL name in one table.

The main navigation marks the area a page belongs to (the calendar for an event's page), the
workspace navigation its section (cooperating agencies for an agency's edit page). Paths are
not compared: a section's pages need not share a prefix, and a renamed path moves nothing.
"""

from dataclasses import dataclass
from fnmatch import fnmatchcase


@dataclass(frozen=True)
class Place:
    area: str  # an item of the main navigation
    section: str = ""  # an item of the workspace navigation

    @property
    def in_account_menu(self) -> bool:
        return self.area in ACCOUNT_AREAS


WORKSPACE = "workspace"
ACCOUNT_AREAS = frozenset({"account", "mfa", "tokens"})  # the items of the header's account menu
NOWHERE = Place("")

# "namespace:name" patterns, first match wins; a page matching none marks nothing.
PLACES: list[tuple[str, Place]] = [
    ("home", Place("network")),
    ("public:region", Place("network")),
    ("public:directory", Place("directory")),
    ("public:organisation", Place("directory")),
    ("public:guide-finder", Place("finder")),
    ("calendar:*", Place("calendar")),
    ("members:start", Place("start")),
    ("members:*", Place("members")),
    ("guides:profile*", Place("profile")),
    ("guides:confirm-profile", Place("profile")),
    ("kit:own", Place("profile")),
    ("accompaniments:mine", Place("accompaniments")),
    ("documents:*", Place("documents")),
    ("groups:*", Place("groups")),
    ("messages:preferences", Place("account")),
    ("account_*", Place("account")),
    ("mfa_*", Place("mfa")),
    ("tokens:*", Place("tokens")),
    # The workspace: its own navigation names the section.
    ("dashboard", Place(WORKSPACE, "overview")),
    ("regions:*", Place(WORKSPACE, "regions")),
    ("organisations:agency-*", Place(WORKSPACE, "agencies")),
    ("needs:answer", NOWHERE),  # an organisation's personal link
    ("needs:*", Place(WORKSPACE, "needs")),
    ("organisations:expert-answer", NOWHERE),  # the expert's personal links
    ("organisations:expert-profile", NOWHERE),
    ("organisations:expert-*", Place(WORKSPACE, "experts")),
    ("contacts:organisation-*", Place(WORKSPACE, "organisations")),
    ("contacts:agency-*", Place(WORKSPACE, "agencies")),
    ("contacts:guide-*", Place(WORKSPACE, "guides")),
    ("contacts:*", Place(WORKSPACE)),
    ("organisations:*", Place(WORKSPACE, "organisations")),
    ("guides:search", Place(WORKSPACE, "referral-search")),
    ("guides:*", Place(WORKSPACE, "guides")),
    ("events:*", Place(WORKSPACE, "events")),
    ("issues:*", Place(WORKSPACE, "newsletter")),
    ("previews:*", Place(WORKSPACE, "newsletter")),
    ("sending:*", Place(WORKSPACE, "newsletter")),
    ("subscriptions:list", Place(WORKSPACE, "newsletter")),
    ("subscriptions:detail", Place(WORKSPACE, "newsletter")),
    ("reports:*", Place(WORKSPACE, "reports")),
    ("imports:*", Place(WORKSPACE, "import")),
    ("staff:*", Place(WORKSPACE, "staff")),
    ("accompaniments:impact", Place(WORKSPACE, "impact")),
    ("referrals:request*", NOWHERE),  # the public form
    ("referrals:proposal", NOWHERE),  # a guide's personal link
    ("referrals:*", Place(WORKSPACE, "referrals")),
    ("legal:manage", Place(WORKSPACE, "legal")),
    ("legal:edit", Place(WORKSPACE, "legal")),
    ("messages:*", Place(WORKSPACE, "messages")),
    ("retention:*", Place(WORKSPACE, "retention")),
]


def place_of(view_name: str) -> Place:
    for pattern, place in PLACES:
        if fnmatchcase(view_name, pattern):
            return place
    return NOWHERE


def navigation(request) -> dict:
    """Context processor: ``nav_place`` of the page being rendered."""
    match = getattr(request, "resolver_match", None)
    return {"nav_place": place_of(match.view_name) if match else NOWHERE}
