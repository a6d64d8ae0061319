"""Writing events through the API: the workspace's forms and services decide, so the API
accepts exactly what the pages accept, with the same messages."""

import datetime
from collections.abc import Iterable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.forms.models import model_to_dict

from events.attendance.services import AttendanceResult, record_attendance
from events.models import Event, EventReport, Registration
from events.workspace.forms import (
    FACTS,
    ORGANISERS,
    EventForm,
    EventReportForm,
    EventUpdateForm,
    default_dateline,
)
from lotsen.core.services import conflict, save_form


class NotSaved(Exception):
    """The form's messages per field; nothing was saved."""

    def __init__(self, errors: dict[str, list[str]], *, conflict: bool = False):
        super().__init__(errors)
        self.errors = errors
        self.conflict = conflict  # someone else changed the record since ``version``


def _version(value: datetime.datetime | None) -> str:
    """A version as ``save_form`` compares it: the stored instant's ISO form in UTC.

    Answers carry versions in the portal's time zone; the same instant sent back must match.
    """
    if value is None:
        return ""
    return value.astimezone(datetime.UTC).isoformat()


def _form_data(instance, fields: list[str]) -> dict[str, Any]:
    """The record's current values as a form would post them."""
    data: dict[str, Any] = model_to_dict(instance, fields=fields) if instance.pk else {}
    for name, value in list(data.items()):
        if isinstance(value, list):  # many-to-many: primary keys
            data[name] = [getattr(item, "pk", item) for item in value]
        elif hasattr(value, "pk"):
            data[name] = value.pk
    return data


def _as_posted(data: dict[str, Any]) -> dict[str, Any]:
    posted = {}
    for name, value in data.items():
        if isinstance(value, datetime.datetime):
            value = value.isoformat()
        elif hasattr(value, "pk"):
            value = value.pk
        posted[name] = "" if value is None else value
    return posted


def _save(form: forms.ModelForm):
    if not form.is_valid():
        raise NotSaved(
            {name: [str(message) for message in messages] for name, messages in form.errors.items()}
        )
    try:
        return save_form(form=form)
    except ValidationError as error:  # someone else changed the record meanwhile
        raise NotSaved({"version": error.messages}, conflict=True) from error


def create_event(*, user, values: dict[str, Any]) -> Event:
    """A new event as the workspace's "new event" page files it (region among the user's)."""
    data = _as_posted({"kind": "", "region": None, **values})
    return _save(EventForm(data=data, user=user))


def update_event(*, event: Event, user, changes: dict[str, Any]) -> Event:
    """Apply ``changes`` as the edit page would: the same validation, one transaction, and no
    overwrite of a newer change when ``version`` is given.

    Raises ``NotSaved`` with the form's messages per field; nothing is saved then.
    """
    version = changes.pop("version", None)
    data = _as_posted({**_form_data(event, [*FACTS, *ORGANISERS]), **changes})
    data["version"] = _version(version)
    return _save(EventUpdateForm(data=data, instance=event, user=user))


def save_report(
    *, event: Event, user, values: dict[str, Any], version: datetime.datetime | None
) -> EventReport:
    """Write or replace the event's report, as the report page does.

    Replacing an existing report needs its ``version``: a report written elsewhere since it
    was read is never overwritten.
    """
    report = EventReport.objects.filter(event=event).first() or EventReport(event=event)
    if report.pk and version is None:
        raise NotSaved({"version": conflict().messages}, conflict=True)
    data = _as_posted({"dateline": default_dateline(event), "body": ""} | values)
    if report.pk:
        data = _as_posted(_form_data(report, EventReportForm.Meta.fields) | values)
    data["version"] = _version(version)
    form = EventReportForm(data=data, instance=report)
    if report.author_id is None:
        report.author = user
    try:
        with transaction.atomic():
            return _save(form)
    except IntegrityError as error:  # two clients created the report at the same moment
        raise NotSaved({"version": conflict().messages}, conflict=True) from error


def record_attendance_from(
    *,
    event: Event,
    user,
    attended: Iterable[int],
    headcount: int | None = None,
    version: datetime.datetime | None = None,
) -> AttendanceResult:
    """Mark which confirmed registrations came; who else attended stays as recorded.

    Raises ``NotSaved`` for an unknown registration, an event that has not begun, or (as a
    conflict) an event changed since ``version``.
    """
    try:
        return record_attendance(
            event=event,
            # The service checks each number against the event's confirmed registrations.
            registrations_attended=[Registration(pk=pk) for pk in set(attended)],
            organisations=event.attending_organisations.all(),
            agencies=event.attending_agencies.all(),
            guides=event.attending_guides.all(),
            headcount=headcount,
            by=user,
            version=_version(version) or None,
        )
    except ValidationError as error:
        raise NotSaved({"attended": error.messages}, conflict=error.code == "conflict") from error
