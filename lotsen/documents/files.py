"""What an uploaded document is, told by its content, and the text inside it for the search.

The file's name only has to agree with what the content shows: a PDF starts with ``%PDF-``,
an office document is a zip archive with the parts of its format (``word/document.xml``, ...),
an image is what Pillow recognises as JPEG, PNG or WebP. Anything else (HTML, scripts, old
binary office formats) is refused, so nothing stored can be rendered as a page.

Text comes from pypdf for PDFs and, for office documents, from the XML parts read with
``zipfile`` and a regular expression on the text elements: no XML parser (no entity expansion,
no external entities) and no further dependency. Archive sizes are checked from the zip
directory first, as the spreadsheet import does, so a zip bomb is refused before unpacking.
"""

import io
import re
import warnings
import zipfile
from dataclasses import dataclass
from html import unescape
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

MAX_BYTES = 20 * 1024 * 1024
MAX_UNPACKED = 100 * 1024 * 1024
MAX_MEMBERS = 2000
MAX_RATIO = 100
MAX_PDF_PAGES = 300
MAX_TEXT = 500_000  # characters of a file's text kept for the search

_ZIP_MAGIC = b"PK\x03\x04"


@dataclass(frozen=True)
class Kind:
    content_type: str
    suffixes: tuple[str, ...]


KINDS = {
    "pdf": Kind("application/pdf", ("pdf",)),
    "docx": Kind(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ("docx",)
    ),
    "xlsx": Kind("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ("xlsx",)),
    "pptx": Kind(
        "application/vnd.openxmlformats-officedocument.presentationml.presentation", ("pptx",)
    ),
    "odt": Kind("application/vnd.oasis.opendocument.text", ("odt",)),
    "jpeg": Kind("image/jpeg", ("jpg", "jpeg")),
    "png": Kind("image/png", ("png",)),
    "webp": Kind("image/webp", ("webp",)),
}
ACCEPT = ",".join(f".{suffix}" for kind in KINDS.values() for suffix in kind.suffixes)

# The part that tells each office format apart, and the parts whose text is searched.
_OFFICE_PARTS = {
    "docx": ("word/document.xml", re.compile(r"^word/(document|header\d*|footer\d*)\.xml$")),
    "xlsx": ("xl/workbook.xml", re.compile(r"^xl/sharedStrings\.xml$")),
    "pptx": ("ppt/presentation.xml", re.compile(r"^ppt/slides/slide\d+\.xml$")),
    "odt": ("content.xml", re.compile(r"^content\.xml$")),
}
_TAG = re.compile(r"<[^>]*>")
_PARAGRAPH_END = re.compile(r"</(w:p|a:p|text:p|text:h|si)>")


@dataclass
class CheckedFile:
    kind: str
    content_type: str
    text: str


def _unusable() -> ValidationError:
    return ValidationError(
        _(
            "This file cannot be used. Please upload a PDF, an office document (DOCX, XLSX, "
            "PPTX, ODT) or an image (JPEG, PNG, WebP)."
        ),
        code="file_type",
    )


def check_file(data: bytes, filename: str) -> CheckedFile:
    """The kind of the uploaded ``data`` and its text; ``ValidationError`` if it is none we
    accept, too big, broken, or named as something it is not."""
    if not data:
        raise ValidationError(_("The file is empty."), code="empty")
    if len(data) > MAX_BYTES:
        raise ValidationError(
            _("The file is larger than 20 MB. Please choose a smaller file."), code="too_big"
        )
    kind = _sniff(data)
    suffix = PurePath(filename or "").suffix.lower().lstrip(".")
    if suffix not in KINDS[kind].suffixes:
        raise ValidationError(
            _(
                "The file's name ends in “.%(suffix)s”, but its content is a %(kind)s file. "
                "Please check the file."
            )
            % {"suffix": suffix or "–", "kind": kind.upper()},
            code="file_type",
        )
    if kind == "pdf":
        text = pdf_text(data)
    elif kind in _OFFICE_PARTS:
        text = office_text(data, kind)
    else:
        text = ""
    return CheckedFile(kind=kind, content_type=KINDS[kind].content_type, text=text[:MAX_TEXT])


def _sniff(data: bytes) -> str:
    if data[:1024].lstrip().startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(_ZIP_MAGIC):
        return _office_kind(data)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=("JPEG", "PNG", "WEBP"))
            image.verify()
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning,
            OSError, SyntaxError, ValueError, EOFError):  # fmt: skip
        raise _unusable() from None
    return str(image.format).lower()


def _office_kind(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if len(members) > MAX_MEMBERS:
                raise _too_big_archive()
            unpacked = 0
            for member in members:
                unpacked += member.file_size
                if unpacked > MAX_UNPACKED or (
                    member.file_size > 1024 * 1024
                    and member.file_size > MAX_RATIO * max(member.compress_size, 1)
                ):
                    raise _too_big_archive()
            names = set(archive.namelist())
            if "mimetype" in names:
                mimetype = archive.read("mimetype")[:100].strip()
                if mimetype == KINDS["odt"].content_type.encode() and "content.xml" in names:
                    return "odt"
            for kind, (marker, _parts) in _OFFICE_PARTS.items():
                if kind != "odt" and marker in names and "[Content_Types].xml" in names:
                    return kind
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError):
        raise _unusable() from None
    raise _unusable()


def _too_big_archive() -> ValidationError:
    return ValidationError(
        _("This office document unpacks to far more than any document needs; it was refused."),
        code="too_big_unpacked",
    )


def office_text(data: bytes, kind: str) -> str:
    """The text of the document's text parts; empty if they cannot be read."""
    _marker, parts = _OFFICE_PARTS[kind]
    chunks: list[str] = []
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for name in sorted(n for n in archive.namelist() if parts.match(n)):
                xml = archive.read(name).decode("utf-8", errors="replace")
                xml = _PARAGRAPH_END.sub("\n", xml)
                chunks.append(unescape(_TAG.sub(" ", xml)))
                if sum(len(chunk) for chunk in chunks) > MAX_TEXT:
                    break
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError):
        return ""
    return _tidy(" ".join(chunks))


def pdf_text(data: bytes) -> str:
    """The text of the PDF's first pages; a PDF pypdf cannot open at all is refused."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise ValidationError(
                _("This PDF is protected by a password. Please upload it without protection."),
                code="encrypted",
            )
        pages = reader.pages
        count = len(pages)
    except ValidationError:
        raise
    except (PdfReadError, OSError, ValueError, KeyError, TypeError, EOFError, RecursionError):
        raise ValidationError(
            _("This PDF cannot be read. Please check the file."), code="broken_pdf"
        ) from None
    chunks: list[str] = []
    for number in range(min(count, MAX_PDF_PAGES)):
        try:
            chunks.append(pages[number].extract_text() or "")
        except Exception:
            continue
        if sum(len(chunk) for chunk in chunks) > MAX_TEXT:
            break
    return _tidy("\n".join(chunks))


def _tidy(text: str) -> str:
    return re.sub(r"[ \t\r\f\v]+", " ", text.replace("\x00", "")).strip()
