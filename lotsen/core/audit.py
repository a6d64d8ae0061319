"""Which records keep a change history (who, when, which fields), shown on their pages.

django-auditlog writes one entry per save with the changed fields and the user of the request.
Timestamps are left out: they change on every save and say nothing a reader needs.
"""

import datetime
from dataclasses import dataclass

from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Q
from django.template.defaultfilters import yesno
from django.utils.translation import gettext_lazy as _

# Tokens of personal links (whoever reads the history must not be able to use the link), form
# keys, and whole rendered pages (web_html) do not belong into a history; nor today's status
# kept on guides and regions (lotsen.core.status_history), which their status history records.
SKIPPED_FIELDS = [
    "created_at",
    "updated_at",
    "token",
    "submission_key",
    "web_html",
    "current_status",
    "current_status_since",
]

AUDITED: dict[str, list[str]] = {
    # model label: its many-to-many fields, whose changes are recorded too
    "regions.region": ["coordinators"],
    "organisations.migrantorganisation": [
        "communities",
        "languages",
        "thematic_fields",
        "roles",
        "professionalisation_needs",
    ],
    "organisations.agency": ["regions"],
    "organisations.contactperson": [],
    "lotsen.guide": ["organisations", "expertise"],
    "lotsen.guidelanguage": [],
    "events.event": [
        "organising_agencies",
        "organising_organisations",
        "attending_organisations",
        "attending_agencies",
        "attending_guides",
    ],
    "events.eventreport": [],
    # Accounts: role, active, name; their regions are logged by lotsen.staff.services, since
    # the relation belongs to the region (regions.region's "coordinators").
    "lotsen.user": [],
    "lotsen.accompaniment": [],
    "lotsen.referralrequest": ["languages", "topics"],
    "lotsen.referralproposal": [],
    "lotsen.apitoken": [],
    "newsletters.issue": [],
    "newsletters.issueitem": [],
    "newsletters.subscriber": [],
    "events.registration": [],
    "lotsen.completedtraining": [],
    "organisations.supportmeasure": ["topics"],
    "organisations.expert": ["topics", "languages", "regions"],
    "organisations.expertrequest": [],
    # The needs assessment: who changed the questionnaire, who invited whom, what was answered
    # (the invitation's token stays out, see SKIPPED_FIELDS).
    "organisations.questionnaire": [],
    "organisations.questionnaireversion": [],
    "organisations.question": [],
    "organisations.questionoption": [],
    "organisations.needsinvitation": [],
    "organisations.needsanswer": ["options"],
    "lotsen.guidestatuschange": [],
    "regions.regionstatuschange": [],
    "lotsen.retentionrun": [],
    # Legal texts are only ever created (each edit is a new version): who published which.
    "lotsen.legaltext": [],
    "lotsen.document": [],
    "lotsen.documentversion": [],
    "lotsen.workinggroup": ["members", "meetings"],
    "lotsen.messagesettings": [],
    "lotsen.contactnote": [],
    # Issued and revoked by the coordination; what a guide chose to print on their kit.
    "lotsen.attestation": [],
    "lotsen.guidekit": [],
    "events.reportphoto": [],
    # The vocabularies the Landeskoordination keeps in the Django admin.
    "lotsen.sector": [],
    "lotsen.expertisearea": [],
    "organisations.language": [],
    "organisations.community": [],
    "organisations.thematicfield": [],
    "organisations.organisationrole": [],
    "organisations.professionalisationtopic": [],
}

# Records of the portal's own apps that keep no change history, and why: nobody changes them
# after the portal or its sender made them. A new model belongs into AUDITED or here.
NOT_USER_CHANGED: dict[str, str] = {
    "lotsen.message": "written once and sent; the row itself says who sent what when",
    "lotsen.messagerecipient": "one row per recipient of a sent message, made by the sender",
    "newsletters.delivery": "the sending's outbox, changed only by the workers",
    "newsletters.rendition": "a rendered issue, made once when the issue is approved",
    "newsletters.interimreport": "a generated report; who asked for it is on the row",
    "newsletters.suppression": "hashes of erased addresses, made by erasure and retention",
}

# Fields never written to the history: secrets, and what changes on every login.
NOT_AUDITED: dict[str, list[str]] = {
    "lotsen.user": ["password", "last_login", "calendar_feed_key"],
    # The calendar's identifiers: set by the portal, never by a person, and meaningless to one.
    "events.event": ["uid", "sequence"],
    # Even a token's hash stays out of the log: the prefix names it.
    "lotsen.apitoken": ["key_hash"],
}


def register() -> None:
    for label, m2m_fields in AUDITED.items():
        model = apps.get_model(label)
        # Reverse relations (a guide's trainings, ...) are recorded on their own models.
        reverse = [f.name for f in model._meta.get_fields() if f.auto_created and not f.concrete]
        auditlog.register(
            model,
            exclude_fields=SKIPPED_FIELDS + NOT_AUDITED.get(label, []) + reverse,
            m2m_fields=set(m2m_fields),
        )


@dataclass
class Change:
    field: str
    before: str
    after: str


@dataclass
class HistoryEntry:
    timestamp: datetime.datetime
    actor: str
    action: str
    changes: list[Change]


M2M_OPERATIONS = {
    "add": _("added"),
    "remove": _("removed"),
    "clear": _("all removed"),
    # what auditlog writes when related objects are removed
    "delete": _("removed"),
}
# auditlog's own labels have no German; an access entry is a staff read of a guide's profile.
ACTIONS = {
    LogEntry.Action.CREATE: _("created"),
    LogEntry.Action.UPDATE: _("changed"),
    LogEntry.Action.DELETE: _("deleted"),
    LogEntry.Action.ACCESS: _("viewed"),
}

# Things done to a record that change none of its fields, kept in its history all the same:
# the key is stored, the label is translated when the history is read.
EVENTS = {
    "unlocked": _("unlocked after failed logins"),
}


def note_event(obj: models.Model, *, event: str, actor) -> LogEntry:
    """Record ``event`` (a key of ``EVENTS``) in the history of ``obj``, done by ``actor``."""
    if event not in EVENTS:
        raise ValueError(f"unknown history event {event!r}")
    return LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(obj),
        object_pk=str(obj.pk),
        object_id=obj.pk,
        object_repr=str(obj)[:200],
        action=LogEntry.Action.UPDATE,
        changes={event: ["", ""]},
        actor=actor,
    )


def history_of(obj: models.Model, limit: int = 50) -> list[HistoryEntry]:
    """The newest ``limit`` changes of ``obj``, with labels and values as users see them."""
    entries = LogEntry.objects.get_for_object(obj).select_related("actor", "content_type")[:limit]
    return [describe(entry) for entry in entries]


def describe(entry: LogEntry) -> HistoryEntry:
    """One change-log entry as users read it: field labels and displayed values."""
    model = entry.content_type.model_class()
    display = entry.changes_display_dict
    changes = []
    action = str(ACTIONS.get(entry.action, entry.get_action_display()))
    for name, values in entry.changes_dict.items():
        if name in EVENTS:
            action = str(EVENTS[name])  # an event is the action itself; no field changed
            continue
        field = None
        try:
            field = model._meta.get_field(name)
            # A reverse relation (an account's regions) is named after the related model.
            label = str(
                getattr(field, "verbose_name", None)
                or field.related_model._meta.verbose_name_plural
            )
        except FieldDoesNotExist:
            label = name
        if getattr(field, "primary_key", False):
            continue  # a record's number says nothing to a reader
        if isinstance(values, dict) and values.get("type") == "m2m":
            operation = M2M_OPERATIONS.get(values.get("operation"), values.get("operation"))
            changes.append(Change(label, str(operation), ", ".join(values.get("objects", []))))
        else:
            before, after = (display.get(label) or values or ["", ""])[:2]
            if isinstance(field, models.BooleanField):
                before, after = _yes_no(before), _yes_no(after)
            changes.append(Change(label, _blank_none(before), _blank_none(after)))
    return HistoryEntry(
        timestamp=entry.timestamp,
        actor=str(entry.actor) if entry.actor else str(_("system")),
        action=action,
        changes=changes,
    )


def _yes_no(value) -> str:
    # auditlog stores booleans as the words "True" and "False".
    return {"True": yesno(True), "False": yesno(False)}.get(str(value), str(value))


def _blank_none(value) -> str:
    return "" if value in (None, "None") else str(value)


def forget_history(model: type[models.Model], pks) -> None:
    """Delete the change history of the records ``pks`` of ``model``.

    For erasure: the history of a record holds the very personal data that is being erased.
    Delete the records themselves inside ``auditlog.context.disable_auditlog()``, or their
    deletion is recorded again, with every field.
    """
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(model),
        object_pk__in=[str(pk) for pk in pks],
    ).delete()


def history_of_records(*records: models.Model | models.QuerySet, limit: int = 50):
    """The newest ``limit`` changes of several records together, e.g. an organisation and the
    support it received, on the page of the first. ``records`` are objects or querysets; what
    a queryset holds now is included (a removed record's entries go with the record's page)."""
    condition = Q(pk__in=[])
    for record in records:
        if isinstance(record, models.QuerySet):
            model, pks = record.model, [str(pk) for pk in record.values_list("pk", flat=True)]
        else:
            model, pks = type(record), [str(record.pk)]
        condition |= Q(content_type=ContentType.objects.get_for_model(model), object_pk__in=pks)
    entries = (
        LogEntry.objects.filter(condition)
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-pk")[:limit]
    )
    return [describe(entry) for entry in entries]
