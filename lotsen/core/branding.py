"""The network's logo and mark, replaceable by the settings ``LOTSEN_LOGO`` (wide: mark and
wordmark) and ``LOTSEN_LOGO_MARK`` (square: favicon, the guide's kit, the newsletter email).

A setting names a static file (``img/lotsen-logo.svg``, the default) or an absolute path to a
file of one's own. Such a file is served, collected and read into PDFs as
``static/brand/<file name>`` by ``BrandFinder``, which finds that one file and nothing else
of its folder, so pointing the setting somewhere never publishes the files beside it.
"""

import os

from django.conf import settings
from django.contrib.staticfiles.finders import BaseFinder
from django.core.checks import Error
from django.core.files.storage import FileSystemStorage
from django.templatetags.static import static

BRAND_PREFIX = "brand"
DEFAULT_LOGO = "img/lotsen-logo.svg"
DEFAULT_MARK = "img/lotsen-mark.svg"
# Mail clients show no SVG (Gmail, Outlook): the email shows this PNG of the default mark, on
# a white ground of its own so that it stays visible when a client darkens the mail.
DEFAULT_MARK_PNG = "img/lotsen-mark-email.png"
RASTER = (".png", ".jpg", ".jpeg", ".gif")


def _static_name(value: str) -> str:
    if os.path.isabs(value):
        return f"{BRAND_PREFIX}/{os.path.basename(value)}"
    return value


def logo_name() -> str:
    """The static file name of the wide logo."""
    return _static_name(settings.LOTSEN_LOGO)


def mark_name() -> str:
    """The static file name of the square mark."""
    return _static_name(settings.LOTSEN_LOGO_MARK)


def logo_url() -> str:
    return static(logo_name())


def mark_url() -> str:
    return static(mark_name())


def email_mark_name() -> str:
    """The mark for the newsletter email: the configured one if mail clients can show it (a
    raster image), the default mark's PNG while the default mark is in use, else none."""
    if mark_name().lower().endswith(RASTER):
        return mark_name()
    return DEFAULT_MARK_PNG if settings.LOTSEN_LOGO_MARK == DEFAULT_MARK else ""


def _own_files() -> dict[str, str]:
    return {
        _static_name(value): value
        for value in (settings.LOTSEN_LOGO, settings.LOTSEN_LOGO_MARK)
        if os.path.isabs(value)
    }


class BrandFinder(BaseFinder):
    """Finds the logo files named by absolute path in the settings, as ``brand/<name>``."""

    def check(self, **kwargs):
        return [
            Error(
                f"The logo file {path} does not exist.",
                hint="Set LOTSEN_LOGO and LOTSEN_LOGO_MARK to existing files.",
                id="lotsen.E001",
            )
            for path in _own_files().values()
            if not os.path.isfile(path)
        ]

    def find(self, path, find_all=False, **kwargs):
        file = _own_files().get(path)
        if file is None or not os.path.isfile(file):
            return []  # as Django's finders answer "not here"
        return [file] if find_all else file

    def list(self, ignore_patterns):
        for file in _own_files().values():
            if os.path.isfile(file):
                storage = FileSystemStorage(location=os.path.dirname(file))
                storage.prefix = BRAND_PREFIX  # collected as brand/<name>
                yield os.path.basename(file), storage
