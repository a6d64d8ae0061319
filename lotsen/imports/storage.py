"""The uploaded file, kept privately between preview and confirm.

The file lies under ``MEDIA_ROOT/imports/`` with a random name (no URL serves MEDIA_ROOT). The
browser only holds a signed token naming the file and the user who uploaded it, so nobody else
can preview or import it, and nobody can point the token at another file. Files are removed
after the import, and a day after the upload at the latest (``remove_stale_uploads``, run on
every upload: no scheduled task needed).
"""

import datetime
import os
import re
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

SALT = "lotsen.imports.upload"
MAX_AGE = datetime.timedelta(days=1)
_NAME = re.compile(r"^[0-9a-f]{32}\.(csv|xlsx)$")
CLAIMED = ".claimed"


@dataclass
class Upload:
    path: Path
    kind: str
    region_id: int | None
    filename: str  # as the user named it, for display only

    @property
    def format(self) -> str:
        return self.path.suffix.lstrip(".")

    def read(self) -> bytes:
        return self.path.read_bytes()


def upload_dir() -> Path:
    return Path(settings.MEDIA_ROOT) / "imports"


def store_upload(
    *, user, kind: str, region_id: int | None, filename: str, fmt: str, data: bytes
) -> str:
    """Keep ``data`` privately; return the token that previews and confirms it."""
    remove_stale_uploads()
    folder = upload_dir()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    name = f"{secrets.token_hex(16)}.{fmt}"
    descriptor = os.open(folder / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as file:
        file.write(data)
    payload = {"file": name, "user": user.pk, "kind": kind, "region": region_id,
               "name": _short(Path(filename).name, fmt)}  # fmt: skip
    return signing.dumps(payload, salt=SALT, compress=True)


def _short(filename: str, fmt: str) -> str:
    # The name is shown on the pages and checked for its ending again; keep the token short.
    return filename if len(filename) <= 120 else f"{filename[:100]}….{fmt}"


def open_upload(*, user, token: str) -> Upload:
    """The upload behind ``token``, if it is this user's and still there.

    Raises ``ValidationError`` (codes ``invalid``, ``expired``, ``gone``) with a message that
    tells the user what to do.
    """
    try:
        payload = signing.loads(token or "", salt=SALT, max_age=MAX_AGE)
    except signing.SignatureExpired:
        raise ValidationError(
            _("This upload is more than a day old. Please upload the file again."),
            code="expired",
        ) from None
    except signing.BadSignature:
        payload = None
    if (
        not isinstance(payload, dict)
        or payload.get("user") != user.pk
        or not _NAME.match(str(payload.get("file", "")))
    ):
        raise ValidationError(
            _("This import cannot be found. Please upload the file again."), code="invalid"
        )
    path = upload_dir() / payload["file"]
    if not path.exists():
        raise ValidationError(
            _(
                "This file was already imported or has expired. To import it once more, upload "
                "it again: rows already in the portal are recognised and not added twice."
            ),
            code="gone",
        )
    return Upload(
        path=path,
        kind=str(payload.get("kind", "")),
        region_id=payload.get("region"),
        filename=str(payload.get("name", "")),
    )


def claim(upload: Upload) -> Path:
    """Take the file for one import; a second confirm of the same token finds it gone."""
    claimed = upload.path.with_name(upload.path.name + CLAIMED)
    try:
        upload.path.rename(claimed)  # atomic: of two simultaneous confirms only one wins
    except FileNotFoundError:
        raise ValidationError(
            _("This file is already being imported or was imported."), code="gone"
        ) from None
    return claimed


def release(upload: Upload, claimed: Path) -> None:
    """Give a claimed file back after a failed import, so that it can be confirmed again."""
    claimed.rename(upload.path)


def remove_stale_uploads(
    *, max_age: datetime.timedelta = MAX_AGE, now: datetime.datetime | None = None
) -> int:
    """Delete uploads older than ``max_age`` at ``now``; returns how many were removed."""
    folder = upload_dir()
    if not folder.is_dir():
        return 0
    limit = (now.timestamp() if now else time.time()) - max_age.total_seconds()
    removed = 0
    for path in folder.iterdir():
        try:
            if path.is_file() and path.stat().st_mtime < limit:
                path.unlink()
                removed += 1
        except FileNotFoundError:  # removed by a parallel request
            continue
    return removed
