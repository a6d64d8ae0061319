"""Reads of the newsletter archive endpoints: the archive page's sent issues, each with its
items (their region and report) in two more queries however many issues."""

import datetime

from django.db.models import Max, Prefetch, QuerySet

from newsletters.archive.selectors import LIST_FIELDS, sent_issues
from newsletters.models import Issue, IssueItem
from newsletters.models.issues import SECTION_ORDER


def archive() -> QuerySet[Issue]:
    items = IssueItem.objects.select_related("region", "report").order_by("position", "pk")
    return (
        sent_issues()
        .only(*LIST_FIELDS, "updated_at")
        .prefetch_related(Prefetch("items", queryset=items))
    )


def ordered_items(issue: Issue) -> list[IssueItem]:
    """The items in the order of the issue: by section, then by position."""
    return sorted(issue.items.all(), key=lambda item: SECTION_ORDER.index(item.section))


def archive_changed_at() -> datetime.datetime | None:
    return sent_issues().order_by().aggregate(newest=Max("updated_at"))["newest"]
