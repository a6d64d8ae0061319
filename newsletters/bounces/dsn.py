"""Reading a bounce report: which delivery it is about, hard or soft, and why.

flufl.bounce (GNU Mailman's detectors) decides whether a mail is a bounce at all and whether it
is permanent or temporary: RFC 3464 delivery status notifications as Postfix, Exchange and
Gmail send them, Exim's own format, and a dozen older ones. The delivery comes from the VERP
address the report was sent to, else from the ``X-Lotsen-Delivery`` header of the quoted
original; the reason from the report's ``Diagnostic-Code`` or the server's answer in its text.
"""

import email
import email.policy
import re
from dataclasses import dataclass
from email.message import Message
from email.utils import getaddresses

from flufl.bounce import all_failures

from newsletters.bounces import verp
from newsletters.models import BounceKind

__all__ = ["Report", "read_report"]

# Headers a receiving mail server writes with the envelope recipient of the report, which is
# the VERP address; ``To`` last, since it is what the sender wrote.
RECIPIENT_HEADERS = ("X-Original-To", "Delivered-To", "Envelope-To", "X-Envelope-To", "To")
_HEADER_TOKEN = re.compile(
    rb"^" + re.escape(verp.HEADER.encode()) + rb":[ \t]*(\d+-[0-9a-fA-F]+)", re.MULTILINE
)
# An SMTP answer quoted in a report's text: "550 5.1.1 <x@y>: User unknown", "550-5.1.1 ...".
_SMTP_ANSWER = re.compile(r"\b([45]\d\d[ -](?:[45]\.\d{1,3}\.\d{1,3}\b)?.*)")
REASON_LENGTH = 500


@dataclass(frozen=True)
class Report:
    """What a bounce report says; ``delivery_id`` is None when it names none of ours."""

    kind: str  # BounceKind
    reason: str
    # Only a warning that delivery is delayed: the message may still arrive, so no bounce.
    warning: bool
    recipients: frozenset[str]
    delivery_id: int | None


def read_report(data: bytes) -> Report | None:
    """The bounce reported by the mail ``data``, or None when it is no bounce report (an
    out-of-office reply, spam)."""
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    temporary, permanent = all_failures(message)
    if not temporary and not permanent:
        return None
    statuses = _status_blocks(message)
    kind = _kind(statuses, permanent=bool(permanent))
    delayed = [str(b.get("Action", "")).strip().lower().startswith("delayed") for b in statuses]
    return Report(
        kind=kind,
        reason=_reason(message, statuses)[:REASON_LENGTH],
        warning=not permanent and bool(delayed) and all(delayed),
        recipients=frozenset(a.decode("ascii").lower() for a in temporary | permanent),
        delivery_id=_delivery_id(message, data),
    )


def _status_blocks(message: Message) -> list[Message]:
    """The per-recipient blocks of the report's message/delivery-status parts."""
    blocks: list[Message] = []
    for part in message.walk():
        if part.get_content_type() == "message/delivery-status" and part.is_multipart():
            # The first block describes the reporting server, the others one recipient each.
            blocks.extend(b for b in part.get_payload()[1:] if b.get("Action"))
    return blocks


def _kind(statuses: list[Message], *, permanent: bool) -> str:
    # An RFC 3464 status tells more than the action: Postfix gives up on a full mailbox with
    # "Action: failed" but "Status: 4.2.2", which is soft.
    for block in statuses:
        status = str(block.get("Status", "")).strip()
        action = str(block.get("Action", "")).strip().lower()
        if action.startswith("delayed"):
            continue
        if status.startswith("5"):
            return BounceKind.HARD
        if status.startswith("4"):
            return BounceKind.SOFT
    return BounceKind.HARD if permanent else BounceKind.SOFT


def _reason(message: Message, statuses: list[Message]) -> str:
    for block in statuses:
        diagnostic = " ".join(str(block.get("Diagnostic-Code", "")).split())
        if diagnostic:
            kind, _sep, text = diagnostic.partition(";")
            return (text if _sep else kind).strip()
        if block.get("Status"):
            return f"{block['Status']} ({block.get('Action', '')})".strip()
    for part in message.walk():
        if part.get_content_type() == "text/plain":
            payload = part.get_payload(decode=True) or b""
            text = payload.decode(part.get_content_charset() or "utf-8", "replace")
            for line in text.splitlines():
                found = _SMTP_ANSWER.search(line.strip())
                if found:
                    return found.group(1).strip()
            break
    return str(message.get("Subject", "")).strip()


def _delivery_id(message: Message, data: bytes) -> int | None:
    for header in RECIPIENT_HEADERS:
        for _name, address in getaddresses(message.get_all(header, [])):
            delivery_id = verp.delivery_id_from_address(address)
            if delivery_id is not None:
                return delivery_id
    # The quoted original's header: in a message/rfc822 or text/rfc822-headers part, or in
    # the text of Exim's report; a header folded or encoded in transit is not found, which
    # leaves the report unassigned rather than wrongly assigned.
    for found in _HEADER_TOKEN.finditer(data):
        delivery_id = verp.delivery_id_from_token(found.group(1).decode("ascii"))
        if delivery_id is not None:
            return delivery_id
    return None
