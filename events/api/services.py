"""Changing an event through the API: the workspace's form and save service decide, so the
API accepts exactly what the edit page accepts."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict

from events.models import Event
from events.workspace.forms import FACTS, ORGANISERS, EventUpdateForm
from lotsen.core.services import save_form


class EventNotSaved(Exception):
    def __init__(self, errors: dict[str, list[str]], *, conflict: bool = False):
        super().__init__(errors)
        self.errors = errors
        self.conflict = conflict  # someone else changed the event since ``version``


def update_event(*, event: Event, user, changes: dict[str, Any]) -> Event:
    """Apply ``changes`` (facts of the event) as the edit page would: the same validation, one
    transaction, and no overwrite of a newer change when ``version`` is given.

    Raises ``EventNotSaved`` with the form's messages per field; nothing is saved then.
    """
    form_class = EventUpdateForm
    fields = [*FACTS, *ORGANISERS]  # what EventUpdateForm edits
    data: dict[str, Any] = model_to_dict(event, fields=fields)
    for name, value in list(data.items()):
        if isinstance(value, list):  # many-to-many: primary keys
            data[name] = [getattr(item, "pk", item) for item in value]
        elif hasattr(value, "pk"):
            data[name] = value.pk
    version = changes.pop("version", None)
    data.update(changes)
    for name, value in data.items():
        if isinstance(value, datetime.datetime):
            data[name] = value.isoformat()
    if data.get("region") is None:
        data["region"] = ""
    if data.get("capacity") is None:
        data["capacity"] = ""
    if data.get("registration_deadline") is None:
        data["registration_deadline"] = ""
    data["version"] = version.isoformat() if version else ""
    form = form_class(data=data, instance=event, user=user)
    if not form.is_valid():
        raise EventNotSaved(
            {name: [str(message) for message in messages] for name, messages in form.errors.items()}
        )
    try:
        return save_form(form=form)
    except ValidationError as error:  # someone else changed the event meanwhile
        raise EventNotSaved({"version": error.messages}, conflict=True) from error
