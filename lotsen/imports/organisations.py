"""Rows of a list of migrant organisations → validated data, matched against the network.

An organisation is the same as an existing one when its name matches (ignoring case and extra
spaces) within the same region, archived organisations included (they stay archived). Empty
cells never erase anything; listed languages, communities and thematic fields are added.
"""

import copy

from django.utils import timezone
from django.utils.translation import gettext as _

from lotsen.imports.audit_trail import BATCH_SIZE, AuditTrail
from lotsen.imports.common import (
    Columns,
    Regions,
    RowResult,
    Vocabulary,
    add_related,
    clean_email,
    clean_text,
    clean_url,
    key,
    related_ids,
    update_rows,
)
from lotsen.imports.reading import Table
from organisations.models import Community, Language, MigrantOrganisation, ThematicField

ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("Name", "Organisation", "Organization", "Organisationsname", "Name der Organisation",
             "Migrantenorganisation", "MO", "Verein", "Vereinsname"),
    "region": ("Region", "Modellprojektregion"),
    "street": ("Straße", "Strasse", "Str", "Straße und Hausnummer", "Adresse", "Anschrift",
               "Street", "Address"),
    "postal_code": ("PLZ", "Postleitzahl", "Postal code", "Postcode", "ZIP", "ZIP code"),
    "city": ("Ort", "Stadt", "Wohnort", "Sitz", "City", "Town"),
    "website": ("Website", "Webseite", "Homepage", "Internet", "Internetseite", "Web", "URL"),
    "email": ("E-Mail", "Email", "Mail", "E-Mail-Adresse", "Email address"),
    "phone": ("Telefon", "Tel", "Telefonnummer", "Phone", "Telephone"),
    "languages": ("Sprachen", "Sprache", "Languages", "Language"),
    "communities": ("Community", "Communities", "Herkunft", "Herkunftsland", "Origin"),
    "thematic_fields": ("Themenfelder", "Themenfeld", "Themen", "Arbeitsfelder",
                        "Thematic fields", "Fields"),
}  # fmt: skip
REQUIRED = {"name": "Name"}

# The downloadable template: German headings, one example row.
TEMPLATE = [
    ("Name", "Beispielverein e.V."),
    ("Region", ""),
    ("Straße", "Musterstraße 1"),
    ("PLZ", "44787"),
    ("Ort", "Bochum"),
    ("Website", "www.beispielverein.de"),
    ("E-Mail", "info@beispielverein.de"),
    ("Telefon", "0234 123456"),
    ("Sprachen", "Arabisch, Deutsch"),
    ("Community", "arabisch"),
    ("Themenfelder", "Kultur, Eltern und Bildung"),
]
VOCABULARIES = [("Sprachen", Language), ("Community", Community), ("Themenfelder", ThematicField)]

SCALAR_FIELDS = ("street", "postal_code", "city", "website", "email", "phone")
MANY_FIELDS = {"languages": Language, "communities": Community, "thematic_fields": ThematicField}


def _label(name: str) -> str:
    return str(MigrantOrganisation._meta.get_field(name).verbose_name)


def validate(table: Table, columns: Columns, regions: Regions) -> list[RowResult]:
    """Every data row's outcome; reads the database in a constant number of queries."""
    vocabularies = {name: Vocabulary(model) for name, model in MANY_FIELDS.items()}
    unknown = {
        "languages": _("Unknown language “%(name)s”."),
        "communities": _("Unknown community “%(name)s”."),
        "thematic_fields": _("Unknown thematic field “%(name)s”."),
    }
    results = [_parse(number, cells, columns, regions, vocabularies, unknown)
               for number, cells in table.rows]  # fmt: skip
    existing = _existing({row.region.pk for row in results if row.region is not None})
    first_row: dict[tuple[int, str], int] = {}
    for row in results:
        if row.region is None or not row.data.get("name"):
            continue
        row_key = (row.region.pk, key(row.data["name"]))
        if row_key in first_row:
            row.errors.append(
                _("The same organisation as in row %(row)d.") % {"row": first_row[row_key]}
            )
            continue
        first_row[row_key] = row.number
        if row_key in existing:
            _compare(row, *existing[row_key])
        elif not row.data.get("city"):
            row.errors.append(_("The city (column “Ort”) is missing."))
    return results


def _parse(number, cells, columns, regions, vocabularies, unknown) -> RowResult:
    errors: list[str] = []
    value = columns.get
    name = clean_text(value(cells, "name"), label=_("The name"), max_length=200, errors=errors)
    if not name and not errors:
        errors.append(_("The name of the organisation is missing."))
    region = regions.resolve(value(cells, "region"), errors)
    data = {
        "name": name,
        "street": clean_text(
            value(cells, "street"), label=_("The street"), max_length=200, errors=errors
        ),
        "postal_code": clean_text(
            value(cells, "postal_code"), label=_("The postal code"), max_length=10, errors=errors
        ),
        "city": clean_text(
            value(cells, "city"), label=_("The city"), max_length=100, errors=errors
        ),
        "website": clean_url(value(cells, "website"), errors),
        "email": clean_email(value(cells, "email"), errors),
        "phone": clean_text(
            value(cells, "phone"), label=_("The phone number"), max_length=50, errors=errors
        ),
    }
    for field, vocabulary in vocabularies.items():
        data[field] = vocabulary.terms(value(cells, field), unknown[field], errors)
    return RowResult(
        number=number,
        label=name or value(cells, "name"),
        region=region,
        details=[(_("City"), data["city"] or value(cells, "city"))],
        errors=errors,
        data=data,
    )


def _existing(region_ids: set[int]) -> dict[tuple[int, str], tuple]:
    """Organisations of these regions by (region, name), each with its related term ids."""
    organisations = MigrantOrganisation.objects.filter(region_id__in=region_ids)
    related = {
        field: related_ids(MigrantOrganisation, field, region__in=region_ids)
        for field in MANY_FIELDS
    }
    return {
        (o.region_id, key(o.name)): (o, {f: related[f][o.pk] for f in MANY_FIELDS})
        for o in organisations
    }


def _compare(row: RowResult, organisation: MigrantOrganisation, current: dict) -> None:
    row.existing = organisation
    row.archived = organisation.is_archived
    changed = {f: row.data[f] for f in SCALAR_FIELDS
               if row.data[f] and row.data[f] != getattr(organisation, f)}  # fmt: skip
    added = {f: [t for t in row.data[f] if t.pk not in current[f]] for f in MANY_FIELDS}
    row.changes = [_label(f) for f in changed] + [_label(f) for f, terms in added.items() if terms]
    row.data = {"fields": changed, "many": added}


def save_all(rows: list[RowResult], *, user, trail: AuditTrail) -> None:
    """Create or update the organisations of valid rows, in bulk; ``trail`` records each
    change for the change history. Runs inside the import's transaction."""
    new_rows = [row for row in rows if row.existing is None]
    created = [
        MigrantOrganisation(region=row.region, **{f: row.data[f] for f in ("name", *SCALAR_FIELDS)})
        for row in new_rows
    ]
    MigrantOrganisation.objects.bulk_create(created, batch_size=BATCH_SIZE)
    additions = []
    for row, organisation in zip(new_rows, created, strict=True):
        trail.created(organisation)
        additions.append((organisation, {f: row.data[f] for f in MANY_FIELDS}))

    changed = []
    for row in rows:
        if row.existing is None:
            continue
        organisation, fields = row.existing, row.data["fields"]
        if fields:
            before = copy.copy(organisation)
            for field, value in fields.items():
                setattr(organisation, field, value)
            trail.updated(before, organisation, fields)
            changed.append((organisation, fields))
        additions.append((organisation, row.data["many"]))
    update_rows(MigrantOrganisation, changed, updated_at=timezone.now())
    for field in MANY_FIELDS:
        links = [(organisation, terms[field]) for organisation, terms in additions]
        add_related(MigrantOrganisation, field, links, trail)
