"""Reads of the newsletter's issues for the workspace, in a fixed number of queries."""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import formats, timezone, translation
from django.utils.functional import Promise

from events.models import EventReport
from events.workspace.selectors import reports_between
from lotsen.core.permissions import coordinated_region_ids, is_admin
from lotsen.core.search import german
from newsletters.models import Issue, IssueItem, Section
from newsletters.models.issues import ISSUE_INTERVAL_MONTHS
from regions.models import Region

# The copy deadline is proposed this many days before the issue date.
COPY_DEADLINE_DAYS = 10


def issues() -> QuerySet[Issue]:
    """Every issue, newest first, with the number of its items per section (one query)."""
    counts = {
        f"{section}_count": Count("items", filter=Q(items__section=section))
        for section in Section.values
    }
    return Issue.objects.annotate(item_count=Count("items"), **counts).order_by(
        "-issue_date", "-number"
    )


def proposal(today: datetime.date | None = None) -> dict:
    """What the form for a new issue proposes: the next number, the date two months after the
    last issue (but not before the 1st of next month, after a pause), a German title and the
    copy deadline."""
    today = today or timezone.localdate()
    last = Issue.objects.order_by("-issue_date", "-number").first()
    highest = Issue.objects.order_by("-number").values_list("number", flat=True).first()
    next_month = (today.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    issue_date = max(last.next_issue_date, next_month) if last is not None else next_month
    with translation.override(settings.LANGUAGE_CODE):
        title = f"Newsletter {formats.date_format(issue_date, 'F Y')}"
    return {
        "number": (highest or 0) + 1,
        "title": title,
        "issue_date": issue_date,
        "copy_deadline": issue_date - datetime.timedelta(days=COPY_DEADLINE_DAYS),
    }


def report_period(issue: Issue) -> tuple[datetime.date, datetime.date]:
    """The days whose event reports the issue offers: from the previous issue's date (or two
    months back) up to the issue date."""
    previous = (
        Issue.objects.filter(issue_date__lt=issue.issue_date)
        .order_by("-issue_date")
        .values_list("issue_date", flat=True)
        .first()
    )
    if previous is None:
        month = issue.issue_date.month - 1 - ISSUE_INTERVAL_MONTHS
        year, month = issue.issue_date.year + month // 12, month % 12 + 1
        previous = datetime.date(year, month, min(issue.issue_date.day, 28))
    return previous, issue.issue_date


def offered_reports(issue: Issue, user) -> QuerySet[EventReport]:
    """The reports of the period not yet taken into the issue; a coordinator gets those of
    their regions, the Landeskoordination all (statewide ones too)."""
    start, end = report_period(issue)
    regions = None if is_admin(user) else coordinated_region_ids(user)
    taken = IssueItem.objects.filter(issue=issue, report=OuterRef("pk"))
    return (
        reports_between(start, end, regions=regions).prefetch_related(None).filter(~Exists(taken))
    )


@dataclass
class SectionView:
    section: str
    label: str | Promise  # the section's lazy label, translated where it is shown
    items: list[IssueItem] = field(default_factory=list)
    # Regional items only: (region name, items) in the order of the regions' names.
    groups: list[tuple[str, list[IssueItem]]] = field(default_factory=list)
    may_add: bool = False


_UMLAUTS = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss"})


def _sort_key(name: str) -> str:
    return name.casefold().translate(_UMLAUTS)


def issue_sections(issue: Issue, user) -> list[SectionView]:
    """The issue's sections in order with their items (one query), each item marked with what
    ``user`` may do to it (``may_change``, ``may_delete``)."""
    items = (
        IssueItem.objects.filter(issue=issue)
        .select_related("region", "report__event", "event")
        .order_by("section", "position", "pk")
    )
    by_section: dict[str, list[IssueItem]] = {section: [] for section in Section.values}
    for item in items:
        item.may_change = user.has_perm("newsletters.change_issueitem", item)
        item.may_delete = user.has_perm("newsletters.delete_issueitem", item)
        by_section[item.section].append(item)
    by_section[Section.DATE].sort(key=lambda i: (i.date or datetime.date.max, i.position, i.pk))
    sections = []
    for section, label in Section.choices:
        view = SectionView(section=section, label=label, items=by_section[section])
        # Coordinators add items with a region of theirs; the rules say which sections have
        # one (an unsaved item with some region stands for "any of the user's regions").
        view.may_add = user.has_perm("newsletters.add_issueitem", _candidate(issue, section, user))
        if section == Section.REGIONAL:
            groups: dict[str, list[IssueItem]] = {}
            for item in view.items:
                groups.setdefault(item.region.name if item.region else "", []).append(item)
            view.groups = sorted(groups.items(), key=lambda group: _sort_key(group[0]))
        sections.append(view)
    return sections


# Sections whose items carry a region, so a coordinator may write them for their regions.
REGIONAL_SECTIONS = (Section.REGIONAL, Section.TICKER)


def _candidate(issue: Issue, section: str, user) -> IssueItem:
    region_ids = coordinated_region_ids(user)
    region_id = next(iter(region_ids), None) if section in REGIONAL_SECTIONS else None
    return IssueItem(issue=issue, section=section, region_id=region_id)


def may_add_item(issue: Issue, section: str, user) -> bool:
    return user.has_perm("newsletters.add_issueitem", _candidate(issue, section, user))


def regions_without_item(issue: Issue, *, with_coordinator: bool = False) -> QuerySet[Region]:
    """The regions with no regional item in the issue yet, alphabetical; optionally only
    those with an active coordinator (who can be asked for one)."""
    regions = Region.objects.filter(
        ~Exists(
            IssueItem.objects.filter(issue=issue, section=Section.REGIONAL, region=OuterRef("pk"))
        )
    )
    if with_coordinator:
        coordinators = Region.coordinators.through.objects.filter(
            region=OuterRef("pk"), user__is_active=True, user__role="coordinator"
        )
        regions = regions.filter(Exists(coordinators))
    return regions.order_by(german("name"), "pk")


def days_left(day: datetime.date | None, today: datetime.date | None = None) -> int | None:
    if day is None:
        return None
    return (day - (today or timezone.localdate())).days
