"""Reads of the working groups."""

from django.db.models import Count, QuerySet
from django.utils import timezone

from events.models import Event, soonest_first
from lotsen.core.permissions import is_admin, is_member
from lotsen.documents.selectors import documents_for
from lotsen.models import Document, WorkingGroup


def groups_for(user) -> QuerySet[WorkingGroup]:
    """The groups ``user`` may see: their own; all for the Landeskoordination."""
    groups = WorkingGroup.objects.annotate(member_count=Count("members", distinct=True))
    if is_admin(user):
        return groups
    if not is_member(user):
        return groups.none()
    return groups.filter(pk__in=user.working_groups.values("pk"))


def upcoming_meetings(group: WorkingGroup) -> QuerySet[Event]:
    return group.meetings.filter(ends_at__gte=timezone.now()).order_by(soonest_first(), "pk")


def past_meetings(group: WorkingGroup) -> QuerySet[Event]:
    return group.meetings.filter(ends_at__lt=timezone.now()).order_by("-starts_at")


def group_documents(user, group: WorkingGroup) -> QuerySet[Document]:
    return documents_for(user).filter(group=group).order_by("-date", "-pk")
