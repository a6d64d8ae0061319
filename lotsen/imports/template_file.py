"""The downloadable XLSX template for each kind of import.

The first sheet has the German column headings the import understands and one example row; a
second sheet lists the values the vocabulary columns accept (the import reads only the first
sheet), so coordinators need not guess how a language or status is spelt.
"""

import io

from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from lotsen.core.exports import xlsx_row
from lotsen.imports import guides
from lotsen.imports.services import KINDS, ImportKind, import_regions
from lotsen.models.guides import GuideStatus

MIME_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def template_workbook(kind: str, *, user) -> bytes:
    module = KINDS[kind]
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(ImportKind(kind).label)[:31]
    region = import_regions(user).order_by("name").first()
    headings = [heading for heading, _example in module.TEMPLATE]
    example = [
        (region.name if region else "") if heading == "Region" else value
        for heading, value in module.TEMPLATE
    ]
    sheet.append(xlsx_row(sheet, headings))
    sheet.append(xlsx_row(sheet, example))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column, heading in zip(sheet.iter_cols(min_row=1, max_row=2), headings, strict=True):
        width = max(len(heading), *(len(str(c.value or "")) for c in column)) + 2
        sheet.column_dimensions[column[0].column_letter].width = min(width, 50)
    sheet.freeze_panes = "A2"

    hints = workbook.create_sheet(_("Allowed values")[:31])

    def hint_row(values: list) -> None:
        hints.append(xlsx_row(hints, values))

    hint_row([_("Replace the example row with your data. Only the first sheet is read.")])
    hint_row([_("Empty cells never erase data that is already in the portal.")])
    hint_row([])
    columns = [(heading, [term.name for term in model.objects.all()])
               for heading, model in module.VOCABULARIES]  # fmt: skip
    if module is guides:
        with translation.override("de"):
            columns.append(("Status", [str(status.label) for status in GuideStatus]))
        columns.append((_("Language levels"), guides.level_names()))
    hint_row([heading for heading, _values in columns])
    for cell in hints[hints.max_row]:
        cell.font = Font(bold=True)
    longest = max((len(values) for _heading, values in columns), default=0)
    for position in range(longest):
        hint_row([values[position] if position < len(values) else None
                  for _heading, values in columns])  # fmt: skip
    for column in hints.iter_cols(min_row=4):
        hints.column_dimensions[column[0].column_letter].width = 32
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
