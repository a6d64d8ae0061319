"""The mailbox bounce reports arrive in, named by ``NEWSLETTER_BOUNCE_MAILBOX``.

- ``maildir:///var/mail/bounces`` a local Maildir (the mail server delivers into it);
- ``imaps://user:password@host[:port]/INBOX`` a folder on an IMAP server over TLS.

A mail read is moved out of the inbox into a sub-folder (``Processed`` for reports that were
recorded, ``Unrecognised`` for anything else, which a person may want to look at), so the next
run does not read it again.
"""

import imaplib
import mailbox
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

__all__ = ["PROCESSED", "UNRECOGNISED", "Mail", "Mailbox", "open_mailbox"]

PROCESSED = "Processed"
UNRECOGNISED = "Unrecognised"


@dataclass(frozen=True)
class Mail:
    key: str
    data: bytes


class Mailbox(Protocol):
    def mails(self, limit: int) -> Iterator[Mail]: ...

    def move(self, key: str, folder: str) -> None: ...

    def close(self) -> None: ...


class MaildirBox:
    """A local Maildir; the folders are Maildir++ sub-folders (``.Processed``), which an IMAP
    server such as Dovecot on the same Maildir shows as folders."""

    def __init__(self, path: str):
        try:
            self.box = mailbox.Maildir(path, factory=None, create=False)
        except (OSError, mailbox.NoSuchMailboxError) as error:
            raise ImproperlyConfigured(f"No Maildir at {path}: {error}") from error
        self.folders: dict[str, mailbox.Maildir] = {}

    def mails(self, limit: int) -> Iterator[Mail]:
        for number, key in enumerate(sorted(self.box.keys())):
            if number >= limit:
                return
            yield Mail(key=key, data=self.box.get_bytes(key))

    def _folder(self, name: str) -> mailbox.Maildir:
        if name not in self.folders:
            try:
                self.folders[name] = self.box.get_folder(name)
            except mailbox.NoSuchMailboxError:
                self.folders[name] = self.box.add_folder(name)
        return self.folders[name]

    def move(self, key: str, folder: str) -> None:
        self._folder(folder).add(self.box.get_message(key))
        self.box.remove(key)

    def close(self) -> None:
        self.box.close()


class ImapBox:
    """A folder on an IMAP server over TLS; mails are moved with MOVE (RFC 6851) where the
    server has it, else copied, flagged deleted and expunged when the run ends."""

    def __init__(self, host: str, port: int, user: str, password: str, folder: str):
        try:
            self.imap = imaplib.IMAP4_SSL(host, port, timeout=60)
            self.imap.login(user, password)
            status, _ = self.imap.select(_quote(folder))
        except (OSError, imaplib.IMAP4.error) as error:
            raise ConnectionError(f"IMAP {host}:{port}: {error}") from error
        if status != "OK":
            raise ConnectionError(f"IMAP {host}:{port}: no folder {folder}")
        # Servers tell more of what they can once logged in.
        _status, answer = self.imap.capability()
        self.can_move = b"MOVE" in (answer[0] or b"").upper().split() if answer else False
        self.created: set[str] = set()
        self.deleted = False

    def mails(self, limit: int) -> Iterator[Mail]:
        status, found = self.imap.uid("SEARCH", "UNDELETED")
        uids = found[0].split() if status == "OK" and found and found[0] else []
        for uid in uids[:limit]:
            status, parts = self.imap.uid("FETCH", uid, "(BODY.PEEK[])")
            data = next((p[1] for p in parts if isinstance(p, tuple)), None)
            if status == "OK" and data is not None:
                yield Mail(key=uid.decode(), data=data)

    def _ensure(self, folder: str) -> None:
        if folder not in self.created:
            self.imap.create(_quote(folder))  # "NO" when it exists already
            self.created.add(folder)

    def move(self, key: str, folder: str) -> None:
        self._ensure(folder)
        if self.can_move:
            status, answer = self.imap.uid("MOVE", key, _quote(folder))
        else:
            status, answer = self.imap.uid("COPY", key, _quote(folder))
            if status == "OK":
                status, answer = self.imap.uid("STORE", key, "+FLAGS.SILENT", r"(\Deleted)")
                self.deleted = True
        if status != "OK":
            raise ConnectionError(f"IMAP: could not move {key} to {folder}: {answer!r}")

    def close(self) -> None:
        try:
            if self.deleted:
                self.imap.expunge()
            self.imap.logout()
        except (OSError, imaplib.IMAP4.error):
            pass


def _quote(folder: str) -> str:
    return '"' + re.sub(r'(["\\])', r"\\\1", folder) + '"'


def open_mailbox(url: str) -> Mailbox:
    """The mailbox of ``url``; ``ImproperlyConfigured`` for a URL it cannot serve."""
    parts = urlsplit(url)
    if parts.scheme == "maildir":
        return MaildirBox(unquote(parts.path))
    if parts.scheme == "imaps":
        if not parts.hostname or not parts.username:
            raise ImproperlyConfigured("NEWSLETTER_BOUNCE_MAILBOX needs imaps://user:pass@host/")
        return ImapBox(
            parts.hostname,
            parts.port or 993,
            unquote(parts.username),
            unquote(parts.password or ""),
            unquote(parts.path.lstrip("/")) or "INBOX",
        )
    raise ImproperlyConfigured(
        "NEWSLETTER_BOUNCE_MAILBOX must start with maildir:// or imaps:// (got "
        f"{parts.scheme or 'nothing'}:)"
    )
