"""Rows of a list of guides → validated data, matched against the guides of the network.

A row is the same guide as an existing one when the email addresses match; without an email
address (or with one no guide has yet), when first name, last name and organisation match a
guide of the same region (an email address in the file then completes that guide). Empty cells
never erase anything; listed organisations, languages and areas of expertise are added, a
listed level replaces the guide's level of that language.
"""

import copy
import re
from collections import defaultdict

from django.db.models.functions import Lower
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lotsen.core.status_history import refresh_current_status
from lotsen.guides.services import set_guide_status
from lotsen.imports.audit_trail import BATCH_SIZE, AuditTrail
from lotsen.imports.common import (
    Columns,
    Regions,
    RowResult,
    Vocabulary,
    add_related,
    clean_email,
    clean_text,
    key,
    normalise,
    related_ids,
    split_list,
    update_rows,
)
from lotsen.imports.reading import Table
from lotsen.models.guides import (
    ExpertiseArea,
    Guide,
    GuideLanguage,
    GuideStatus,
    GuideStatusChange,
    LanguageLevel,
)
from organisations.models import Language, MigrantOrganisation

ALIASES: dict[str, tuple[str, ...]] = {
    "first_name": ("Vorname", "Vornamen", "Rufname", "First name", "Firstname", "Given name"),
    "last_name": ("Nachname", "Familienname", "Name", "Last name", "Lastname", "Surname",
                  "Family name"),
    "region": ("Region", "Modellprojektregion"),
    "email": ("E-Mail", "Email", "Mail", "E-Mail-Adresse", "Email address"),
    "phone": ("Telefon", "Tel", "Telefonnummer", "Handy", "Mobil", "Phone", "Telephone",
              "Mobile"),
    "organisations": ("Organisation", "Organisationen", "Organisation(en)",
                      "Migrantenorganisation", "MO", "Verein", "Organization",
                      "Organisations", "Organizations"),
    "languages": ("Sprachen", "Sprache", "Sprachkenntnisse", "Languages", "Language"),
    "expertise": ("Fachgebiete", "Fachgebiet", "Expertise", "Kompetenzen", "Schwerpunkte",
                  "Areas of expertise", "Expertise areas"),
    "status": ("Status",),
}  # fmt: skip
REQUIRED = {"first_name": "Vorname", "last_name": "Nachname"}

TEMPLATE = [
    ("Vorname", "Amal"),
    ("Nachname", "Beispiel"),
    ("Region", ""),
    ("E-Mail", "amal.beispiel@example.org"),
    ("Telefon", "0176 1234567"),
    ("Organisation", "Beispielverein e.V."),
    ("Sprachen", "Arabisch (Muttersprache), Deutsch (C1)"),
    ("Fachgebiete", "Anerkennung ausländischer Abschlüsse"),
    ("Status", "aktiv"),
]
VOCABULARIES = [("Sprachen", Language), ("Fachgebiete", ExpertiseArea)]

# A new guide without a status starts where every guide starts.
DEFAULT_STATUS = GuideStatus.INTERESTED
NATIVE_WORDS = {"muttersprache", "muttersprachlich", "erstsprache", "native", "nativespeaker",
                "nativelanguage", "mothertongue", "m", "ms"}  # fmt: skip
_CEFR = re.compile(r"^[abc][12]$", re.IGNORECASE)
_EMAIL_CHUNK = 2000


def _label(name: str) -> str:
    return str(Guide._meta.get_field(name).verbose_name)


def status_names() -> dict[str, str]:
    """Status values by every name a coordinator may write: German, English, stored value."""
    names = {}
    for language in ("en", "de"):
        with translation.override(language):
            for status in GuideStatus:
                names[normalise(str(status.label))] = status.value
    names.update({normalise(status.value): status.value for status in GuideStatus})
    return names


def level_names() -> list[str]:
    return [*(level.value for level in LanguageLevel if level != LanguageLevel.NATIVE),
            "Muttersprache"]  # fmt: skip


# --- Reading the cells ----------------------------------------------------------------------


def split_level(item: str) -> tuple[str, str]:
    """``"Arabisch (C1)"``, ``"Arabisch: C1"``, ``"Arabisch - C1"``, ``"Arabisch C1"``."""
    match = re.fullmatch(r"(.+?)\s*\(\s*([^()]*?)\s*\)", item)
    if match:
        return match[1], match[2]
    for separator in (":", " - ", " – "):
        if separator in item:
            name, _sep, level = item.rpartition(separator)
            return name.strip(), level.strip()
    name, _sep, last = item.rpartition(" ")
    if name and (_CEFR.match(last) or normalise(last) in NATIVE_WORDS):
        return name.strip(), last
    return item, ""


def parse_level(text: str) -> str | None:
    if _CEFR.match(text):
        return text.upper()
    if normalise(text) in NATIVE_WORDS:
        return LanguageLevel.NATIVE.value
    return None


def _languages(cell: str, vocabulary: Vocabulary, errors: list[str]) -> dict:
    levels: dict = {}
    for item in split_list(cell):
        name, level_text = split_level(item)
        language = vocabulary.find(name)
        if language is None:
            errors.append(_("Unknown language “%(name)s”.") % {"name": name})
            continue
        if not level_text:
            errors.append(
                _("Please add the level of “%(name)s”, for example “%(name)s (B2)”.")
                % {"name": name}
            )
            continue
        level = parse_level(level_text)
        if level is None:
            errors.append(
                _("“%(level)s” is not a language level: use A1 to C2 or “Muttersprache”.")
                % {"level": level_text}
            )
            continue
        if language in levels and levels[language] != level:
            errors.append(_("“%(name)s” is listed twice.") % {"name": name})
            continue
        levels[language] = level
    return levels


class _Lookups:
    """What the rows are checked against, each read once for the whole file."""

    def __init__(self):
        self.languages = Vocabulary(Language)
        self.expertise = Vocabulary(ExpertiseArea)
        self.statuses = status_names()
        self.organisations: dict[tuple[int, str], MigrantOrganisation] = {}

    def load_organisations(self, region_ids: set[int]) -> None:
        for organisation in MigrantOrganisation.objects.filter(region_id__in=region_ids):
            self.organisations[(organisation.region_id, key(organisation.name))] = organisation

    def find_organisations(self, cell: str, region, errors: list[str]) -> list:
        if not cell or region is None:
            return []
        whole = self.organisations.get((region.pk, key(cell)))
        if whole is not None:
            return [whole]
        found = []
        # Several organisations are separated by semicolons or line breaks (names have commas).
        for name in split_list(cell, r"[;\n]"):
            organisation = self.organisations.get((region.pk, key(name)))
            if organisation is None:
                errors.append(
                    _(
                        "Unknown organisation “%(name)s” in the region “%(region)s”. Please "
                        "import or create the organisation first."
                    )
                    % {"name": name, "region": region.name}
                )
            elif organisation not in found:
                found.append(organisation)
        return found


def _parse(number, cells, columns: Columns, regions: Regions, lookups: _Lookups) -> RowResult:
    errors: list[str] = []
    value = columns.get
    first_name = clean_text(
        value(cells, "first_name"), label=_("The first name"), max_length=100, errors=errors
    )
    last_name = clean_text(
        value(cells, "last_name"), label=_("The last name"), max_length=100, errors=errors
    )
    if not first_name and not value(cells, "first_name"):
        errors.append(_("The first name is missing."))
    if not last_name and not value(cells, "last_name"):
        errors.append(_("The last name is missing."))
    region = regions.resolve(value(cells, "region"), errors)
    status = ""
    if value(cells, "status"):
        status = lookups.statuses.get(normalise(value(cells, "status")), "")
        if not status:
            errors.append(
                _("Unknown status “%(value)s”: use one of %(choices)s.")
                % {
                    "value": value(cells, "status"),
                    "choices": ", ".join(str(s.label) for s in GuideStatus),
                }
            )
    email = clean_email(value(cells, "email"), errors)
    data = {
        "first_name": first_name,
        "last_name": last_name,
        "email": email,
        "phone": clean_text(
            value(cells, "phone"), label=_("The phone number"), max_length=50, errors=errors
        ),
        "organisations": value(cells, "organisations"),  # resolved once regions are known
        "languages": _languages(value(cells, "languages"), lookups.languages, errors),
        "expertise": lookups.expertise.terms(
            value(cells, "expertise"), _("Unknown area of expertise “%(name)s”."), errors
        ),
        "status": status,
    }
    return RowResult(
        number=number,
        label=f"{first_name} {last_name}".strip()
        or f"{value(cells, 'first_name')} {value(cells, 'last_name')}".strip(),
        region=region,
        details=[(_("Email"), email), (_("Organisation"), value(cells, "organisations"))],
        errors=errors,
        data=data,
    )


# --- Matching -------------------------------------------------------------------------------


class _Existing:
    """The guides a file's rows may be: those of its regions, and email owners elsewhere."""

    def __init__(self, region_ids: set[int], emails: set[str]):
        guides = list(Guide.objects.filter(region_id__in=region_ids).with_status())
        self.by_email = {guide.email.lower(): guide for guide in guides if guide.email}
        self.by_name: dict[tuple, list[Guide]] = defaultdict(list)
        for guide in guides:
            name_key = (guide.region_id, key(guide.first_name), key(guide.last_name))
            self.by_name[name_key].append(guide)
        self.organisations = related_ids(Guide, "organisations", region__in=region_ids)
        self.expertise = related_ids(Guide, "expertise", region__in=region_ids)
        self.languages: dict[int, dict[int, GuideLanguage]] = defaultdict(dict)
        for entry in GuideLanguage.objects.filter(guide__region_id__in=region_ids):
            self.languages[entry.guide_id][entry.language_id] = entry
        # The email address is unique across all regions: a guide elsewhere blocks the row.
        self.elsewhere: dict[str, Guide] = {}
        wanted = sorted(emails - self.by_email.keys())
        for start in range(0, len(wanted), _EMAIL_CHUNK):
            chunk = wanted[start : start + _EMAIL_CHUNK]
            others = (
                Guide.objects.annotate(email_lower=Lower("email"))
                .filter(email_lower__in=chunk)
                .select_related("region")
                .only("pk", "email", "region__name")
            )
            self.elsewhere.update({guide.email.lower(): guide for guide in others})

    def match(self, row: RowResult) -> Guide | None:
        data = row.data
        if data["email"]:
            guide = self.by_email.get(data["email"]) or self.elsewhere.get(data["email"])
            if guide is not None:
                return guide
        name_key = (row.region.pk, key(data["first_name"]), key(data["last_name"]))
        wanted = {organisation.pk for organisation in data["organisations"]}
        candidates = [
            guide
            for guide in self.by_name.get(name_key, [])
            if (not data["email"] or not guide.email)
            and wanted <= self.organisations[guide.pk]
            and (wanted or not self.organisations[guide.pk])
        ]
        if len(candidates) > 1:
            row.errors.append(
                _(
                    "Several guides of this name are in the region; add the email address to "
                    "tell them apart."
                )
            )
            return None
        return candidates[0] if candidates else None


def validate(table: Table, columns: Columns, regions: Regions) -> list[RowResult]:
    """Every data row's outcome; reads the database in a constant number of queries."""
    lookups = _Lookups()
    results = [_parse(number, cells, columns, regions, lookups) for number, cells in table.rows]
    involved = {row.region.pk for row in results if row.region is not None}
    lookups.load_organisations(involved)
    for row in results:
        row.data["organisations"] = lookups.find_organisations(
            row.data["organisations"], row.region, row.errors
        )
    existing = _Existing(involved, {row.data["email"] for row in results if row.data["email"]})
    first_row: dict[tuple, int] = {}
    matched_row: dict[int, int] = {}
    for row in results:
        if row.region is None or row.errors:
            continue
        data = row.data
        name_key = (
            row.region.pk, key(data["first_name"]), key(data["last_name"]),
            frozenset(o.pk for o in data["organisations"]),
        )  # fmt: skip
        # Two rows are one guide when their email addresses match, or, for a row without an
        # address, when name and organisations match an earlier row.
        row_key = ("email", data["email"]) if data["email"] else name_key
        if row_key in first_row:
            row.errors.append(_("The same guide as in row %(row)d.") % {"row": first_row[row_key]})
            continue
        first_row[row_key] = row.number
        first_row.setdefault(name_key, row.number)
        guide = existing.match(row)
        if row.errors:
            continue
        if guide is None:
            data["status"] = data["status"] or DEFAULT_STATUS.value
            continue
        if guide.region_id != row.region.pk:
            row.errors.append(_wrong_region(guide, data["email"], regions))
            continue
        if guide.pk in matched_row:
            earlier = matched_row[guide.pk]
            row.errors.append(_("The same guide as in row %(row)d.") % {"row": earlier})
            continue
        matched_row[guide.pk] = row.number
        _compare(row, guide, existing)
    return results


def _wrong_region(guide: Guide, email: str, regions: Regions) -> str:
    if guide.region_id in regions.allowed:
        return _("This guide belongs to the region “%(region)s”.") % {
            "region": regions.allowed[guide.region_id].name
        }
    # Say no more about a guide the user may not see than that the address is taken.
    return _("A guide of another region already has the email address %(email)s.") % {
        "email": email
    }


def _compare(row: RowResult, guide: Guide, existing: _Existing) -> None:
    data = row.data
    row.existing = guide
    # Names are the matching key, so they only change when they differ by more than case.
    fields = {f: data[f] for f in ("first_name", "last_name")
              if key(data[f]) != key(getattr(guide, f))}  # fmt: skip
    if data["email"] and data["email"] != guide.email.lower():
        fields["email"] = data["email"]
    if data["phone"] and data["phone"] != guide.phone:
        fields["phone"] = data["phone"]
    current = existing.languages[guide.pk]
    languages = {
        language: (current.get(language.pk), level)
        for language, level in data["languages"].items()
        if language.pk not in current or current[language.pk].level != level
    }
    many = {
        "organisations": [o for o in data["organisations"]
                          if o.pk not in existing.organisations[guide.pk]],
        "expertise": [t for t in data["expertise"] if t.pk not in existing.expertise[guide.pk]],
    }  # fmt: skip
    status = data["status"] if data["status"] != (guide.status or "") else ""
    row.changes = [_label(f) for f in fields]
    row.changes += [_label(f) for f, added in many.items() if added]
    if languages:
        row.changes.append(_("languages"))
    if status:
        row.changes.append(_("status"))
    row.data = {"fields": fields, **many, "languages": languages, "status": status}


def save_all(rows: list[RowResult], *, user, trail: AuditTrail) -> None:
    """Create or update the guides of valid rows, in bulk; ``trail`` records each change for
    the change history. Runs inside the import's transaction.

    A new guide's status history starts with the row's status (or ``DEFAULT_STATUS``) on the
    day of the import. That first entry is written directly, in bulk: for a guide without any
    history it is exactly what ``set_guide_status`` records, which costs several queries per
    guide. Status changes of existing guides go through ``set_guide_status``.
    """
    today = timezone.localdate()
    note = _("Imported from a file")
    new_rows = [row for row in rows if row.existing is None]
    created = [
        Guide(
            region=row.region,
            **{f: row.data[f] for f in ("first_name", "last_name", "email", "phone")},
        )
        for row in new_rows
    ]
    Guide.objects.bulk_create(created, batch_size=BATCH_SIZE)
    for guide in created:
        trail.created(guide)
    first_statuses = [
        GuideStatusChange(
            guide=guide, status=row.data["status"], valid_from=today, note=note, recorded_by=user
        )
        for row, guide in zip(new_rows, created, strict=True)
    ]
    GuideStatusChange.objects.bulk_create(first_statuses, batch_size=BATCH_SIZE)
    refresh_current_status(  # bulk inserts send no signal
        Guide.objects.filter(pk__in=[guide.pk for guide in created]),
        history=GuideStatusChange,
        owner="guide",
    )
    # (guide, row data, {language: (its current entry or None, the level to set)})
    work = [
        (guide, row.data, {lang: (None, level) for lang, level in row.data["languages"].items()})
        for row, guide in zip(new_rows, created, strict=True)
    ]

    changed = []
    for row in rows:
        if row.existing is None:
            continue
        guide, data = row.existing, row.data
        if data["fields"]:
            before = copy.copy(guide)
            for field, value in data["fields"].items():
                setattr(guide, field, value)
            trail.updated(before, guide, data["fields"])
            changed.append((guide, data["fields"]))
        if data["status"]:
            set_guide_status(
                guide=guide, status=data["status"], valid_from=today, note=note, recorded_by=user
            )
        work.append((guide, data, data["languages"]))
    update_rows(Guide, changed, updated_at=timezone.now())

    for field in ("organisations", "expertise"):
        add_related(Guide, field, [(guide, data[field]) for guide, data, _l in work], trail)
    _save_languages([(guide, languages) for guide, _data, languages in work], trail)


def _save_languages(work: list, trail: AuditTrail) -> None:
    """New languages of guides, and new levels of languages they had."""
    new, changed = [], []
    for guide, languages in work:
        for language, (entry, level) in languages.items():
            if entry is None:
                new.append(GuideLanguage(guide=guide, language=language, level=level))
            else:
                before = copy.copy(entry)
                entry.level = level
                trail.updated(before, entry, ["level"])
                changed.append((entry, {"level": level}))
    GuideLanguage.objects.bulk_create(new, batch_size=BATCH_SIZE)
    for entry in new:
        trail.created(entry)
    update_rows(GuideLanguage, changed)
