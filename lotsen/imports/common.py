"""What importing organisations and importing guides share.

Matching is forgiving where coordinators' lists differ (column headings in German or English,
any case, with or without spaces and hyphens; vocabulary terms in either language) and strict
where a guess would put wrong data into the network (unknown terms, regions or levels are row
errors, never new entries: controlled vocabularies are extended by the Landeskoordination).
"""

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import models
from django.utils.translation import gettext as _

from regions.models import Region

# --- Outcomes -------------------------------------------------------------------------------

NEW, UPDATE, UNCHANGED, ERROR = "new", "update", "unchanged", "error"
OUTCOMES = (NEW, UPDATE, UNCHANGED, ERROR)


@dataclass
class RowResult:
    """One data row of the file: what importing it would do, or why it cannot be imported."""

    number: int
    label: str = ""
    region: Region | None = None
    details: list[tuple[str, str]] = field(default_factory=list)  # (heading, value) to show
    errors: list[str] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)  # labels of the fields that will change
    existing: models.Model | None = None
    archived: bool = False
    data: dict = field(default_factory=dict)

    @property
    def outcome(self) -> str:
        if self.errors:
            return ERROR
        if self.existing is None:
            return NEW
        return UPDATE if self.changes else UNCHANGED


# --- Column headings ------------------------------------------------------------------------

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue"})


def normalise(text: str) -> str:
    """A heading or term as compared: no case, no spaces or punctuation, ß = ss, ä = ae."""
    return re.sub(r"[\W_]+", "", text.casefold().translate(_UMLAUTS))


@dataclass
class Columns:
    index: dict[str, int]  # field → position in the row
    ignored: list[str]  # headings that mean nothing to this import

    def get(self, cells: list[str], name: str) -> str:
        position = self.index.get(name)
        return cells[position] if position is not None else ""


def match_columns(
    headers: list[str], aliases: dict[str, Iterable[str]], required: dict[str, str]
) -> Columns:
    """Which column holds which field; ``required`` maps fields to the heading to ask for.

    A second column for the same field is ignored (and listed as such). Raises
    ``ValidationError`` when a required column is missing.
    """
    lookup = {normalise(alias): name for name, names in aliases.items() for alias in names}
    index: dict[str, int] = {}
    ignored: list[str] = []
    for position, heading in enumerate(headers):
        name = lookup.get(normalise(heading))
        if name is None or name in index:
            if heading:
                ignored.append(heading)
            continue
        index[name] = position
    missing = [heading for name, heading in required.items() if name not in index]
    if missing:
        raise ValidationError(
            _(
                "The file has no column “%(columns)s”. Please check the headings in the first "
                "row, or start from the template."
            )
            % {"columns": "”, “".join(missing)},
            code="missing_columns",
        )
    return Columns(index=index, ignored=ignored)


# --- Lists within one cell ------------------------------------------------------------------


def split_list(cell: str, separators: str = r"[,;\n]") -> list[str]:
    return [item.strip() for item in re.split(separators, cell) if item.strip()]


# --- Controlled vocabularies ----------------------------------------------------------------


class Vocabulary:
    """The terms of one vocabulary, found by their German or English name in any case."""

    def __init__(self, model: type[models.Model]):
        self.model = model
        self.by_name: dict[str, models.Model] = {}
        for term in model.objects.all():
            for name in (term.name_en, term.name):  # German wins when both spellings clash
                if name:
                    self.by_name[normalise(name)] = term

    def find(self, name: str):
        return self.by_name.get(normalise(name))

    def terms(self, cell: str, unknown_message: str, errors: list[str]) -> list:
        """The terms named in ``cell``; each unknown one adds ``unknown_message`` to errors."""
        found = []
        for name in split_list(cell):
            term = self.find(name)
            if term is None:
                errors.append(unknown_message % {"name": name})
            elif term not in found:
                found.append(term)
        return found


# --- Regions --------------------------------------------------------------------------------


class Regions:
    """The regions a row may name, and the region rows fall back to."""

    def __init__(self, *, allowed: Iterable[Region], default: Region | None):
        self.allowed = {region.pk: region for region in allowed}
        self.default = default
        self.by_name: dict[str, Region] = {}
        for region in Region.objects.all():
            self.by_name[normalise(region.slug)] = region
            self.by_name[normalise(region.name)] = region

    def resolve(self, cell: str, errors: list[str]) -> Region | None:
        if not cell:
            if self.default is None:
                errors.append(
                    _("No region: choose a region for the import or fill in the column “Region”.")
                )
            return self.default
        region = self.by_name.get(normalise(cell))
        if region is None:
            errors.append(_("Unknown region “%(name)s”.") % {"name": cell})
        elif region.pk not in self.allowed:
            errors.append(
                _("You cannot import into the region “%(name)s”.") % {"name": region.name}
            )
            return None
        return region


# --- Single values --------------------------------------------------------------------------

_email = EmailValidator()
_url = URLValidator(schemes=["http", "https"])


def clean_email(value: str, errors: list[str]) -> str:
    if not value:
        return ""
    value = value.removeprefix("mailto:").strip()
    try:
        _email(value)
    except ValidationError:
        errors.append(_("“%(value)s” is not a valid email address.") % {"value": value})
        return ""
    return value.lower()


def clean_url(value: str, errors: list[str]) -> str:
    if not value:
        return ""
    if "://" not in value:
        value = f"https://{value}"  # "www.verein.de" as coordinators write it
    try:
        _url(value)
    except ValidationError:
        errors.append(_("“%(value)s” is not a valid web address.") % {"value": value})
        return ""
    return value


def clean_text(value: str, *, label: str, max_length: int, errors: list[str]) -> str:
    value = " ".join(value.split())
    if len(value) > max_length:
        errors.append(
            _("%(field)s is longer than %(max)d characters.") % {"field": label, "max": max_length}
        )
        return ""
    return value


def key(text: str) -> str:
    """Names compared without case and extra spaces, as the database's unique constraints do."""
    return " ".join(text.split()).casefold()


def related_ids(model: type[models.Model], field: str, **owner_filter) -> dict[int, set[int]]:
    """For the ``model`` rows matching ``owner_filter``: the ids related through ``field``.

    One query on the many-to-many table, instead of one per row.
    """
    relation = getattr(model, field).field
    source, target = relation.m2m_field_name(), relation.m2m_reverse_field_name()
    pairs = relation.remote_field.through.objects.filter(
        **{f"{source}__{lookup}": value for lookup, value in owner_filter.items()}
    ).values_list(f"{source}_id", f"{target}_id")
    result: dict[int, set[int]] = defaultdict(set)
    for owner_id, term_id in pairs:
        result[owner_id].add(term_id)
    return result


def add_related(model: type[models.Model], field: str, additions: list, trail) -> None:
    """Add related objects to many rows at once: ``additions`` holds (instance, objects)."""
    relation = getattr(model, field).field
    through = relation.remote_field.through
    source, target = relation.m2m_field_name(), relation.m2m_reverse_field_name()
    links = [
        through(**{f"{source}_id": instance.pk, f"{target}_id": obj.pk})
        for instance, objects in additions
        for obj in objects
    ]
    # Someone may have added the same link in the meantime; that is no error here.
    through.objects.bulk_create(links, batch_size=500, ignore_conflicts=True)
    for instance, objects in additions:
        trail.added(instance, field, objects)


def update_rows(model: type[models.Model], changes: list[tuple[models.Model, dict]], **also):
    """Save changed field values of many rows: one UPDATE per field and value, not per row.

    ``changes`` holds (instance, {field: new value}); ``also`` is set on every changed row
    (``updated_at``: bulk updates bypass ``auto_now``). Faster than ``bulk_update``, whose
    CASE expressions cost about a millisecond per row to build.
    """
    groups: dict[tuple[str, object], list] = defaultdict(list)
    for instance, fields in changes:
        for name, value in fields.items():
            groups[(name, value)].append(instance.pk)
    for (name, value), pks in groups.items():
        for start in range(0, len(pks), 1000):
            model.objects.filter(pk__in=pks[start : start + 1000]).update(**{name: value}, **also)
