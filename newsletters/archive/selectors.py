"""Reads for the public newsletter archive: only sent issues, and only their own files."""

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from newsletters.models import Issue, IssueItem, IssueState

LIST_FIELDS = ("number", "title", "issue_date", "sent_at", "pdf")


def sent_issues() -> QuerySet[Issue]:
    """Every sent issue, newest first, with what the list shows."""
    return (
        Issue.objects.filter(state=IssueState.SENT)
        .only(*LIST_FIELDS)
        .order_by("-issue_date", "-number")
    )


def sent_issue(number: int) -> Issue:
    """The sent issue ``number``; 404 for any other (a draft is not published yet)."""
    return get_object_or_404(Issue, number=number, state=IssueState.SENT)


def archived_item(number: int, pk: int) -> IssueItem:
    """An item with a full text (its own or its report's) of the sent issue ``number``."""
    with_text = ~Q(body="") | (Q(report__isnull=False) & ~Q(report__body=""))
    items = IssueItem.objects.filter(
        with_text, issue__number=number, issue__state=IssueState.SENT
    ).select_related("issue", "region", "report")
    return get_object_or_404(items, pk=pk)


def product_item(number: int, pk: int) -> IssueItem:
    """An item with a download of the sent issue ``number``."""
    items = IssueItem.objects.filter(
        ~Q(attachment=""), issue__number=number, issue__state=IssueState.SENT
    ).select_related("issue")
    return get_object_or_404(items, pk=pk)
