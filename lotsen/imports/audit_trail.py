"""The change history of an import, written as django-auditlog writes it, but in bulk.

Saved one by one through auditlog's signals, a file of 10,000 rows takes minutes (about ten
queries per row). The import saves with bulk queries, which send no signals, and records what
auditlog would have recorded, in auditlog's format: "created" with the field values of each new
record, "updated" with the changed fields, each naming the importing user. Additions to
many-to-many fields go into the same entry (auditlog would write one entry per field), so a
record gets one entry per import. ``lotsen.core.audit.history_of`` shows them like every other
change.
"""

from auditlog.cid import get_cid
from auditlog.diff import model_instance_diff
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.encoding import smart_str

from lotsen.core.audit import AUDITED

BATCH_SIZE = 500


class AuditTrail:
    def __init__(self, actor):
        self.actor = actor
        self.cid = get_cid()
        self.timestamp = timezone.now()
        self.entries: dict[tuple[str, object], LogEntry] = {}

    def created(self, instance: models.Model) -> None:
        self._add(instance, LogEntry.Action.CREATE, model_instance_diff(None, instance))

    def updated(self, before: models.Model, after: models.Model, fields) -> None:
        changes = model_instance_diff(before, after, fields_to_check=fields)
        self._add(after, LogEntry.Action.UPDATE, changes)

    def added(self, instance: models.Model, field: str, objects) -> None:
        if not objects or field not in AUDITED.get(instance._meta.label_lower, ()):
            return
        change = {"type": "m2m", "operation": "add", "objects": [smart_str(o) for o in objects]}
        entry = self.entries.get((instance._meta.label_lower, instance.pk))
        if entry is not None:
            entry.changes[field] = change
        else:
            self._add(instance, LogEntry.Action.UPDATE, {field: change})

    def _add(self, instance: models.Model, action: int, changes) -> None:
        label = instance._meta.label_lower
        if not changes or label not in AUDITED:
            return
        self.entries[(label, instance.pk)] = LogEntry(
            content_type=ContentType.objects.get_for_model(instance),
            object_pk=smart_str(instance.pk),
            object_id=instance.pk,
            object_repr=smart_str(instance),
            action=action,
            changes=changes,
            actor=self.actor,
            actor_email=getattr(self.actor, "email", None),
            cid=self.cid,
            timestamp=self.timestamp,
        )

    def save(self) -> None:
        LogEntry.objects.bulk_create(self.entries.values(), batch_size=BATCH_SIZE)
        self.entries = {}
