"""Preview and confirm an import of organisations or guides.

``preview_import`` reads the file and decides, for every row, what importing it would do; it
writes nothing. ``confirm_import`` decides again on the current data (the network may have
changed since the preview) and saves all valid rows in one transaction, skipping rows with
errors. Importing the same file twice creates nothing the second time.
"""

from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from types import ModuleType

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lotsen.core.permissions import visible_to
from lotsen.imports import guides, organisations, storage
from lotsen.imports.audit_trail import AuditTrail
from lotsen.imports.common import (
    NEW,
    OUTCOMES,
    UPDATE,
    Columns,
    Regions,
    RowResult,
    match_columns,
)
from lotsen.imports.reading import Table, file_format, read_table
from regions.models import Region


class ImportKind(models.TextChoices):
    ORGANISATIONS = "organisations", gettext_lazy("Migrant organisations")
    GUIDES = "guides", gettext_lazy("Guides")


KINDS: dict[str, ModuleType] = {
    ImportKind.ORGANISATIONS: organisations,
    ImportKind.GUIDES: guides,
}


@dataclass
class ImportPlan:
    """What an import does (or did): every row's outcome and the counts per outcome."""

    kind: str
    region: Region | None
    filename: str
    rows: list[RowResult]
    ignored_columns: list[str] = field(default_factory=list)

    @cached_property
    def counts(self) -> dict[str, int]:
        counted = Counter(row.outcome for row in self.rows)
        return {outcome: counted.get(outcome, 0) for outcome in OUTCOMES}

    @property
    def importable(self) -> int:
        counts = self.counts
        return counts[NEW] + counts[UPDATE]


def import_regions(user) -> models.QuerySet[Region]:
    """The regions ``user`` may import into: their own, or all for the Landeskoordination."""
    if not user.has_perm("lotsen.import_data"):
        return Region.objects.none()
    return visible_to(user, Region.objects.all())


def check_file(*, kind: str, data: bytes, filename: str) -> tuple[str, Table, Columns]:
    """The file's format, table and columns; ``ValidationError`` for any problem of the whole
    file (type, encoding, damage, no rows, a required column missing)."""
    fmt = file_format(data, filename)
    table = read_table(data, fmt)
    module = KINDS[kind]
    return fmt, table, match_columns(table.headers, module.ALIASES, module.REQUIRED)


def preview_import(
    *, user, kind: str, data: bytes, filename: str, region: Region | None = None
) -> ImportPlan:
    """Every row's outcome if the file were imported now, into ``region`` by default.

    Writes nothing. Reads the database in a constant number of queries, however long the
    file. Raises ``ValidationError`` when the file as a whole cannot be imported, or when
    ``user`` may not import into ``region``.
    """
    if kind not in KINDS:
        raise ValidationError(_("Please choose what the file holds."), code="kind")
    allowed = list(import_regions(user))
    if region is not None and region.pk not in {r.pk for r in allowed}:
        raise ValidationError(
            _("You cannot import into the region “%(name)s”.") % {"name": region.name},
            code="region",
        )
    _fmt, table, columns = check_file(kind=kind, data=data, filename=filename)
    rows = KINDS[kind].validate(table, columns, Regions(allowed=allowed, default=region))
    return ImportPlan(
        kind=kind, region=region, filename=filename, rows=rows, ignored_columns=columns.ignored
    )


def region_of_upload(*, user, upload: storage.Upload) -> Region | None:
    """The region chosen at upload, if ``user`` may still import into it."""
    if upload.region_id is None:
        return None
    region = import_regions(user).filter(pk=upload.region_id).first()
    if region is None:
        raise ValidationError(
            _("You can no longer import into the region chosen for this file."), code="region"
        )
    return region


def confirm_import(*, user, token: str) -> ImportPlan:
    """Import the valid rows of the upload behind ``token``, all in one transaction.

    Rows with errors are skipped and reported in the returned plan. The upload is used once:
    a second confirm of the same token raises ``ValidationError`` and changes nothing; so does
    a token that is not this user's. If saving fails, nothing is saved and the upload stays,
    so that the user can try again.
    """
    upload = storage.open_upload(user=user, token=token)
    if upload.kind not in KINDS:
        raise ValidationError(_("This import cannot be found. Please upload the file again."))
    region = region_of_upload(user=user, upload=upload)
    claimed = storage.claim(upload)
    try:
        plan = _import(user=user, upload=upload, data=claimed.read_bytes(), region=region)
    except IntegrityError as error:
        storage.release(upload, claimed)
        raise ValidationError(
            _(
                "Someone changed the same records at the same time, so nothing was imported. "
                "Please open the preview again and confirm once more."
            ),
            code="conflict",
        ) from error
    except BaseException:
        storage.release(upload, claimed)
        raise
    claimed.unlink(missing_ok=True)
    return plan


@transaction.atomic
def _import(*, user, upload: storage.Upload, data: bytes, region: Region | None) -> ImportPlan:
    # Imports into the same regions wait for each other (on PostgreSQL), so that two of them
    # cannot both decide that a row is new.
    list(import_regions(user).select_for_update().values_list("pk", flat=True))
    plan = preview_import(
        user=user, kind=upload.kind, data=data, filename=upload.filename, region=region
    )
    trail = AuditTrail(user)
    valid = [row for row in plan.rows if row.outcome in (NEW, UPDATE)]
    KINDS[upload.kind].save_all(valid, user=user, trail=trail)
    trail.save()
    return plan
