"""Changes to the newsletter's issues: creating one, its items, the offered reports, the dates,
and the editors' workflow draft → approved → scheduled (sending lives in
``newsletters.sending``).

Every change to an issue's items first locks the issue's row, and so waits for an approval
running at the same moment: nothing is added to an issue after it was approved. Each function
raises ``ValidationError`` with a message for the person when the rules do not allow it, and
then saves nothing.
"""

import datetime

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, Max, OuterRef
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from events.models import Event, EventReport
from lotsen.core.links import portal_url
from lotsen.core.services import save_form
from newsletters.models import Issue, IssueItem, IssueState, Section

# States from which "reopen" leads back to a draft: nothing has left yet.
REOPENABLE = (IssueState.APPROVED, IssueState.SCHEDULED)


def _not_editable(issue: Issue) -> ValidationError:
    return ValidationError(
        _(
            "“%(issue)s” is %(state)s and can no longer be changed. The Landeskoordination can "
            "reopen it as a draft if it has not been sent yet."
        ),
        code="not_editable",
        params={"issue": issue.title, "state": issue.get_state_display()},
    )


def _lock_draft(issue: Issue) -> Issue:
    """The issue's row, locked until the transaction ends; refused unless it is a draft."""
    locked = Issue.objects.select_for_update().get(pk=issue.pk)
    if not locked.is_editable:
        raise _not_editable(locked)
    return locked


def _next_position(issue: Issue, section: str) -> int:
    last = IssueItem.objects.filter(issue=issue, section=section).aggregate(m=Max("position"))
    return (last["m"] if last["m"] is not None else -1) + 1


def _renumber_dates(issue: Issue) -> None:
    """Dates are listed by day: their positions follow the calendar, whoever added them."""
    items = list(
        IssueItem.objects.filter(issue=issue, section=Section.DATE).order_by(
            "date", "headline", "pk"
        )
    )
    for position, item in enumerate(items):
        item.position = position
    IssueItem.objects.bulk_update(items, ["position"])


# --- The issue ------------------------------------------------------------------------------


@transaction.atomic
def create_issue(
    *, number: int, title: str, issue_date: datetime.date, copy_deadline: datetime.date | None
) -> Issue:
    """Create a draft issue and fill its "Termine" with the public events until the next one.

    Raises ``ValidationError`` for a number already taken or a copy deadline after the issue
    date.
    """
    if copy_deadline and copy_deadline > issue_date:
        raise ValidationError(
            _("The copy deadline must not fall after the issue date."), code="deadline"
        )
    try:
        with transaction.atomic():
            issue = Issue.objects.create(
                number=number,
                title=title.strip(),
                issue_date=issue_date,
                copy_deadline=copy_deadline,
            )
    except IntegrityError:  # the same number, created a moment ago in another tab
        raise ValidationError(
            _("There is already an issue with number %(number)s."),
            code="duplicate_number",
            params={"number": number},
        ) from None
    fill_dates(issue=issue)
    return issue


@transaction.atomic
def update_issue(*, form: "forms.ModelForm[Issue]") -> Issue:
    """Save the issue's form (title, dates) while it is a draft."""
    _lock_draft(form.instance)
    return save_form(form=form)


# --- Items ----------------------------------------------------------------------------------


@transaction.atomic
def save_item(*, form: "forms.ModelForm[IssueItem]", issue: Issue, section: str, user) -> IssueItem:
    """Add an item to ``section`` of a draft issue (at its end), or save an edited one."""
    issue = _lock_draft(issue)
    item = form.instance
    if item.pk is None:
        item.issue = issue
        item.section = section
        item.position = _next_position(issue, section)
        item.author = user
    item = save_form(form=form)
    if section == Section.DATE:
        _renumber_dates(issue)
    return item


@transaction.atomic
def delete_item(*, item: IssueItem) -> None:
    """Remove an item from a draft issue; an uploaded download goes with it."""
    _lock_draft(item.issue)
    attachment = item.attachment.name
    storage = item.attachment.storage
    IssueItem.objects.filter(pk=item.pk).delete()
    if attachment:
        transaction.on_commit(lambda: storage.delete(attachment))


@transaction.atomic
def move_item(*, item: IssueItem, up: bool) -> bool:
    """Swap the item with its neighbour above (or below) in its section; regional items move
    among the items of their region. Returns whether anything moved."""
    _lock_draft(item.issue)
    siblings = IssueItem.objects.filter(issue_id=item.issue_id, section=item.section)
    if item.section == Section.REGIONAL:
        siblings = siblings.filter(region=item.region_id)
    ordered = list(siblings.order_by("position", "pk"))
    index = next(i for i, sibling in enumerate(ordered) if sibling.pk == item.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(ordered):
        return False
    ordered[index], ordered[other] = ordered[other], ordered[index]
    changed = []
    for position, sibling in enumerate(ordered):
        if sibling.position != position:
            sibling.position = position
            changed.append(sibling)
    IssueItem.objects.bulk_update(changed, ["position"])
    return True


@transaction.atomic
def take_report(
    *, issue: Issue, report: EventReport, user, section: str = Section.REGIONAL
) -> IssueItem:
    """Make an event report an item of the issue with one click.

    A regional item gets the report's region, headline, place-and-date line and teaser and
    points at the report, whose full text stays on the portal (the event's public page).
    As the lead story (``section=Section.LEAD``) it has no region: the lead is the
    Landeskoordination's. Taking the same report twice raises ``ValidationError``.
    """
    issue = _lock_draft(issue)
    if section not in (Section.REGIONAL, Section.LEAD):
        raise ValueError(section)
    if IssueItem.objects.filter(issue=issue, report=report).exists():
        raise _already_taken(report)
    try:
        with transaction.atomic():
            return IssueItem.objects.create(
                issue=issue,
                section=section,
                position=_next_position(issue, section),
                region=report.event.region if section == Section.REGIONAL else None,
                headline=report.headline,
                dateline=report.dateline,
                teaser=report.teaser,
                report=report,
                author=user,
            )
    except IntegrityError:  # taken in another tab at the same moment
        raise _already_taken(report) from None


def _already_taken(report: EventReport) -> ValidationError:
    return ValidationError(
        _("The report “%(headline)s” is already an item of this issue."),
        code="already_taken",
        params={"headline": report.headline},
    )


def events_for_dates(issue: Issue, *, now: datetime.datetime | None = None):
    """The public events that belong under the issue's "Termine" and are not listed yet:
    starting from the issue date (and not before now) until the day before the next issue."""
    now = now or timezone.now()
    zone = timezone.get_default_timezone()
    start = datetime.datetime.combine(issue.issue_date, datetime.time.min, tzinfo=zone)
    end = datetime.datetime.combine(issue.next_issue_date, datetime.time.min, tzinfo=zone)
    listed = IssueItem.objects.filter(issue=issue, section=Section.DATE, event=OuterRef("pk"))
    return (
        Event.objects.filter(is_public=True, starts_at__gte=max(start, now), starts_at__lt=end)
        .filter(~Exists(listed))
        .order_by("starts_at", "pk")
    )


@transaction.atomic
def fill_dates(*, issue: Issue, now: datetime.datetime | None = None) -> int:
    """Add one date per upcoming public event between this issue and the next; returns how
    many were added. Events already listed are skipped, so running it again adds only new
    ones and keeps the editors' changes."""
    issue = _lock_draft(issue)
    new = []
    # Items are written in the newsletter's first language, whoever clicks.
    with translation.override(settings.LANGUAGE_CODE):
        for event in events_for_dates(issue, now=now):
            new.append(
                IssueItem(
                    issue=issue,
                    section=Section.DATE,
                    date=timezone.localdate(event.starts_at),
                    label=str(event.get_kind_display()),
                    headline=event.title,
                    event=event,
                    link=portal_url(reverse("calendar:event", args=[event.pk])),
                )
            )
    IssueItem.objects.bulk_create(new)
    if new:
        _renumber_dates(issue)
    return len(new)


# --- Workflow -------------------------------------------------------------------------------


def _queue_rendering(issue: Issue) -> None:
    # Imported here: rendering pulls in WeasyPrint, which composing pages do not need.
    from newsletters.rendering.tasks import queue_rendering

    queue_rendering(issue)


@transaction.atomic
def approve(issue: Issue, user) -> Issue:
    """Approve a draft: from now on it is rendered once (by a worker) and can be scheduled.

    An issue needs a lead story or a regional item. A second click, or another editor
    approving at the same moment, raises ``ValidationError`` and queues nothing more.
    """
    locked = Issue.objects.select_for_update().get(pk=issue.pk)
    if locked.state != IssueState.DRAFT:
        raise ValidationError(
            _("“%(issue)s” is already %(state)s."),
            code="not_draft",
            params={"issue": locked.title, "state": locked.get_state_display()},
        )
    if not locked.items.filter(section__in=(Section.LEAD, Section.REGIONAL)).exists():
        raise ValidationError(
            _(
                "An issue without a lead story and without news from the regions cannot be "
                "approved. Please add at least one of them."
            ),
            code="empty",
        )
    now = timezone.now()
    claimed = Issue.objects.filter(pk=locked.pk, state=IssueState.DRAFT).update(
        state=IssueState.APPROVED,
        approved_at=now,
        approved_by=user,
        rendered_at=None,
        render_error="",
        scheduled_for=None,
        updated_at=now,
    )
    locked.refresh_from_db()
    if claimed:
        _queue_rendering(locked)  # after the commit, under the rendering time limit
    return locked


@transaction.atomic
def reopen(issue: Issue, user=None) -> Issue:
    """Turn an approved or scheduled issue back into a draft, to be approved (and rendered)
    again. Refused once sending has begun."""
    now = timezone.now()
    reopened = Issue.objects.filter(pk=issue.pk, state__in=REOPENABLE).update(
        state=IssueState.DRAFT,
        approved_at=None,
        approved_by=None,
        rendered_at=None,
        scheduled_for=None,
        updated_at=now,
    )
    current = Issue.objects.get(pk=issue.pk)
    if not reopened and current.state != IssueState.DRAFT:
        raise ValidationError(
            _("“%(issue)s” is %(state)s: it can no longer be reopened."),
            code="not_reopenable",
            params={"issue": current.title, "state": current.get_state_display()},
        )
    return current


@transaction.atomic
def schedule(issue: Issue, when: datetime.datetime, user=None) -> Issue:
    """Have an approved and rendered issue sent at ``when`` (in the future); a scheduled one
    can be moved to another time."""
    now = timezone.now()
    if when <= now:
        raise ValidationError(
            _("The time to send lies in the past. Please choose a later one."), code="past"
        )
    scheduled = Issue.objects.filter(
        pk=issue.pk, state__in=REOPENABLE, rendered_at__isnull=False
    ).update(state=IssueState.SCHEDULED, scheduled_for=when, updated_at=now)
    current = Issue.objects.get(pk=issue.pk)
    if scheduled:
        return current
    if current.state == IssueState.DRAFT:
        message = _("Please approve the issue first; it can be scheduled once it is rendered.")
    elif current.state in REOPENABLE:
        message = _("The issue is still being rendered. Please try again in a moment.")
    else:
        message = _("“%(issue)s” is %(state)s: it can no longer be scheduled.")
    raise ValidationError(
        message,
        code="not_schedulable",
        params={"issue": current.title, "state": current.get_state_display()},
    )
