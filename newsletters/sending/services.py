"""Sending an issue exactly once: delivery rows, claims, batches, the sweeper and the summary.

1. ``start_sending`` (the "send now" button, or ``send_due_issues`` at a scheduled time) locks
   the issue row, moves it approved/scheduled → sending and creates one ``Delivery`` per
   confirmed subscriber with a single ``INSERT … SELECT``. The state check under the lock and
   the unique (issue, subscriber) constraint make a second call a no-op. Once committed, the
   pending rows are queued in id order, ``NEWSLETTER_BATCH_SIZE`` to a ``send_batch`` task,
   and stamped with ``queued_at``.
2. ``send_deliveries`` (the body of ``send_batch``) sends a batch over one SMTP connection. Per
   row it *claims* the delivery (``UPDATE … SET state = 'claimed' WHERE state = 'pending'``,
   committed before the server gets the message body; no row updated means someone else has
   it), sends, and marks it sent. The "sent" is committed together with the next row's claim
   (one commit per message), and the envelope (MAIL, RCPT, DATA) is held with the server
   while the claim commits; the body goes only after it. A subscriber erased, unsubscribed or
   no longer confirmed by then is skipped: the claim requires a confirmed subscriber. The
   message is built once per language and batch (``BatchMessages``); each copy only gets its
   address, links and Message-ID put in.
   - A 5xx answer: failed, with the server's answer (shown on the progress page). A 5xx
     refusal of the recipient (at RCPT) is a hard bounce: the subscriber is "bounced" and
     gets no further issue until they confirm again (``newsletters.bounces``).
   - A 4xx answer, or a refused or lost connection before the message body went over: back to
     pending (the server never took it); the rest of the batch is retried with backoff, always
     below the broker's visibility timeout (or Redis would hand the waiting task to a second
     worker). After ``MAX_RETRIES`` such errors are final: failed, and a soft bounce when the
     server deferred the recipient (three in a row suppress the subscriber; a sent copy resets
     the count).
   - A lost connection after the body went over (during DATA): the server may have taken it.
     The row stays claimed, with the error noted, and the sweeper reports it as unclear.
3. ``sweep`` (beat, every five minutes) re-queues pending rows whose task is lost (never queued,
   or queued more than ``LOST_AFTER`` ago: Redis was down at publish time, the task vanished),
   and marks rows claimed more than ``STALE_CLAIM_AFTER`` ago unclear (the worker died in the
   middle of a conversation with SMTP). Unclear rows are never re-sent by themselves: an
   editor checks the mail server's log and resends them or marks them sent on the progress page.
4. ``finish_if_done``: once nothing is pending or claimed, one conditional ``UPDATE`` moves the
   issue sending → sent; whoever wins it mails the summary to the editors, so it goes once.

Nobody gets two copies: a message body goes to SMTP only after its row's claim has been
committed, and a row is claimed once. A worker dies with at most one row claimed: the one whose
message may be at the server (the copies before it are recorded sent with its claim). A task
delivered twice, a retry, a re-queue by the sweeper or a second click finds the row no longer
pending. Nobody confirmed is left out: each row stays
pending until it is sent, failed or skipped, the sweeper re-queues pending rows whose task was
lost, and a claim whose worker died ends up in front of a person instead of in silence.
"""

import datetime
import logging
import re
import smtplib
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.smtp import EmailBackend as SMTPBackend
from django.db import connection, transaction
from django.db.models import Case, F, Q, TextField, Value, When
from django.db.models.functions import Concat
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from kombu.exceptions import OperationalError as BrokerError

from lotsen.core.links import portal_url
from lotsen.core.mail import templated_email
from lotsen.core.roles import Role
from lotsen.core.tasks import queue_email
from lotsen.models.accounts import User
from newsletters.bounces.services import record_bounce, reset_soft_bounces
from newsletters.models import (
    BounceKind,
    Delivery,
    DeliveryState,
    Issue,
    IssueState,
    Rendition,
    Subscriber,
    SubscriberState,
)
from newsletters.sending.messages import BatchMessages, issue_message, message_id_domain
from newsletters.sending.selectors import delivery_counts

__all__ = [
    "MAX_RETRIES",
    "delivery_counts",
    "finish_if_done",
    "mark_unclear_sent",
    "resend_unclear",
    "retry_delay",
    "send_deliveries",
    "start_sending",
    "sweep",
]

logger = logging.getLogger(__name__)

# A pending row queued longer ago than this has lost its task (a batch takes seconds).
LOST_AFTER = datetime.timedelta(minutes=10)
# A row claimed longer ago than this belongs to a worker that died mid-message.
STALE_CLAIM_AFTER = datetime.timedelta(minutes=15)
# Temporary SMTP errors are retried this often (about an hour in all), then the row fails.
MAX_RETRIES = 8
# Seconds an SMTP command may take unless EMAIL_TIMEOUT says otherwise: a hung server must
# not hold a claim (and a worker) for ever.
SMTP_TIMEOUT = 60
# Issues whose deliveries the workers and the sweeper act on: "sent" too, for unclear rows an
# editor sends again after the issue was finished.
ACTIVE_ISSUE_STATES = (IssueState.SENDING, IssueState.SENT)
OPEN_STATES = (DeliveryState.PENDING, DeliveryState.CLAIMED)
# A line of the body that starts with a dot gets a second one (SMTP transparency).
_LEADING_DOT = re.compile(rb"(?m)^\.")


def retry_delay(retries: int) -> int:
    """Seconds before the ``retries``-th retry of a batch: doubling, capped."""
    first, cap = settings.NEWSLETTER_RETRY_DELAYS
    return min(first * 2 ** max(retries, 0), cap)


# --- Starting ------------------------------------------------------------------------------


def start_sending(issue: Issue, *, user=None) -> int:
    """Start sending ``issue`` to every confirmed subscriber; returns the deliveries created.

    Only an approved or scheduled issue that has been rendered can start (``ValidationError``
    otherwise, nothing changed). An issue already sending or sent returns 0 and queues nothing:
    a second click is harmless. The batches are queued once the transaction has committed.
    """
    with transaction.atomic():
        locked = Issue.objects.select_for_update().get(pk=issue.pk)
        if locked.state in ACTIVE_ISSUE_STATES:
            return 0
        if locked.state not in (IssueState.APPROVED, IssueState.SCHEDULED):
            raise ValidationError(
                _("Only an approved or scheduled issue can be sent."), code="not_approved"
            )
        if locked.rendered_at is None:
            raise ValidationError(
                _("The issue has not been rendered yet. Please wait until rendering is done."),
                code="not_rendered",
            )
        locked.state = IssueState.SENDING
        locked.sending_started_at = timezone.now()
        locked.save(update_fields=["state", "sending_started_at", "updated_at"])
        created = _create_deliveries(locked.pk)
        transaction.on_commit(lambda: _queue_or_finish(locked.pk))
    issue.state, issue.sending_started_at = locked.state, locked.sending_started_at
    logger.info(
        "Issue %s: sending to %s subscribers, started by %s", locked.pk, created, user or "beat"
    )
    return created


def _create_deliveries(issue_id: int) -> int:
    """One pending row per confirmed subscriber without one, in one statement (50,000 rows
    in well under a second; no subscriber passes through Python)."""
    quote = connection.ops.quote_name
    deliveries, subscribers = Delivery._meta.db_table, Subscriber._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {quote(deliveries)} "
            "(issue_id, subscriber_id, state, attempts, error, bounce, bounce_reason) "
            f"SELECT %s, s.id, %s, 0, '', '', '' FROM {quote(subscribers)} s "
            f"WHERE s.state = %s AND NOT EXISTS (SELECT 1 FROM {quote(deliveries)} d "
            f"WHERE d.issue_id = %s AND d.subscriber_id = s.id) ORDER BY s.id",
            [issue_id, DeliveryState.PENDING, SubscriberState.CONFIRMED, issue_id],
        )
        return cursor.rowcount


def _queue_or_finish(issue_id: int) -> None:
    # An issue without any confirmed subscriber has nothing to wait for.
    if not queue_pending(issue_id):
        finish_if_done(issue_id)


def queue_pending(issue_id: int, *, lost_before: datetime.datetime | None = None) -> int:
    """Queue the issue's pending rows in batches; with ``lost_before``, only rows never
    queued or queued before then. Returns how many rows were queued."""
    rows = Delivery.objects.filter(issue_id=issue_id, state=DeliveryState.PENDING)
    if lost_before is not None:
        rows = rows.filter(Q(queued_at__isnull=True) | Q(queued_at__lt=lost_before))
    return queue_deliveries(issue_id, list(rows.order_by("pk").values_list("pk", flat=True)))


def queue_deliveries(issue_id: int, delivery_ids: list[int]) -> int:
    """One ``send_batch`` task per ``NEWSLETTER_BATCH_SIZE`` rows, each stamped ``queued_at``.

    If the broker is unreachable the rest stay pending with their old stamp (or none), and the
    sweeper queues them again later.
    """
    from newsletters.sending.tasks import send_batch

    size = max(settings.NEWSLETTER_BATCH_SIZE, 1)
    queued = 0
    for start in range(0, len(delivery_ids), size):
        chunk = delivery_ids[start : start + size]
        stamped_at = timezone.now()
        Delivery.objects.filter(pk__in=chunk, state=DeliveryState.PENDING).update(
            queued_at=stamped_at
        )
        try:
            send_batch.delay(issue_id, chunk)
        except BrokerError as error:
            logger.warning(
                "Issue %s: the broker refused a batch (%s); %s deliveries wait for the sweeper",
                issue_id,
                error,
                len(delivery_ids) - queued,
            )
            Delivery.objects.filter(pk__in=chunk, queued_at=stamped_at).update(queued_at=None)
            break
        queued += len(chunk)
    return queued


# --- Sending a batch -----------------------------------------------------------------------


class PermanentError(Exception):
    """The server refused the message for good (5xx), or it cannot be built."""


class TemporaryError(Exception):
    """The server did not take the message and may later (4xx, connection refused or lost
    before the body went over)."""


class RecipientRefused(PermanentError):
    """The server refused the recipient for good (5xx at RCPT): a hard bounce."""


class RecipientDeferred(TemporaryError):
    """The server deferred the recipient (4xx at RCPT): a soft bounce once it is final."""


class AmbiguousError(Exception):
    """The connection broke after the body went over: the server may have the message."""


def _reply_text(code: int, reply) -> str:
    if isinstance(reply, bytes):
        reply = reply.decode("utf-8", "replace")
    return f"{code} {reply}".strip()


def _refusal(code: int, reply, *, recipient: bool = False) -> Exception:
    text = _reply_text(code, reply)
    if recipient:
        return RecipientRefused(text) if code >= 500 else RecipientDeferred(text)
    return PermanentError(text) if code >= 500 else TemporaryError(text)


def mail_options(smtp: smtplib.SMTP, data: bytes) -> list[str]:
    """The MAIL FROM parameters for ``data``: ``BODY=8BITMIME`` (RFC 6152) when the message
    has 8-bit octets (its parts go out 8bit: UTF-8 umlauts unencoded) and the server offers
    the extension, so no server on the way has to guess or convert them."""
    if not data.isascii() and smtp.has_extn("8bitmime"):
        return ["BODY=8BITMIME"]
    return []


class Transmission:
    """One SMTP connection for a batch, opened on first use and again after it was lost.

    The SMTP conversation is held step by step (MAIL, RCPT, DATA) instead of through
    ``sendmail`` because what an error means depends on when it happens: before DATA the
    server has nothing, after the body it may have everything. Other mail backends (console,
    in-memory) just get the message.
    """

    def __init__(self):
        self.backend = get_connection(timeout=settings.EMAIL_TIMEOUT or SMTP_TIMEOUT)
        self.smtp = isinstance(self.backend, SMTPBackend)

    def close(self) -> None:
        try:
            self.backend.close()
        except Exception:  # a connection already gone cannot be closed politely
            if self.smtp:
                self.backend.connection = None

    def _reset(self) -> None:
        try:
            self.backend.connection.rset()
        except (smtplib.SMTPException, OSError):
            self.close()

    def hand_over(self, message: EmailMultiAlternatives) -> None:
        """Give ``message`` to a backend other than SMTP (console, in-memory)."""
        self.backend.send_messages([message])

    def begin(self, sender: str, recipients: list[str], data: bytes) -> None:
        """The envelope of a ready-made message: MAIL, RCPT and DATA up to the server's 354.

        The server has nothing yet: ``complete`` sends the body, ``abandon`` drops the
        transaction. Errors are classified; none of them can have delivered anything.
        """
        try:
            if self.backend.connection is None:
                self.backend.open()
        except Exception as error:  # connection refused, greeting refused, login failed
            self.close()
            raise TemporaryError(str(error) or error.__class__.__name__) from error
        smtp = self.backend.connection
        try:
            smtp.ehlo_or_helo_if_needed()
            code, reply = smtp.mail(sender, mail_options(smtp, data))
            if code != 250:
                self._reset()
                raise _refusal(code, reply)
            for recipient in recipients:
                code, reply = smtp.rcpt(recipient)
                if code not in (250, 251):
                    self._reset()
                    raise _refusal(code, reply, recipient=True)
            code, reply = smtp.docmd("data")
            if code != 354:
                self._reset()
                raise _refusal(code, reply)
        except smtplib.SMTPResponseException as error:
            self._reset()
            raise _refusal(error.smtp_code, error.smtp_error) from error
        except OSError as error:  # includes SMTPServerDisconnected and timeouts
            self.close()
            raise TemporaryError(str(error) or error.__class__.__name__) from error

    def complete(self, data: bytes) -> None:
        """Send the body after ``begin``: from here on, a broken connection may have
        delivered the message."""
        smtp = self.backend.connection
        body = _LEADING_DOT.sub(b"..", data)  # as smtplib's data() does (RFC 5321 4.5.2)
        if not body.endswith(b"\r\n"):
            body += b"\r\n"
        try:
            smtp.send(body + b".\r\n")
            code, reply = smtp.getreply()
        except OSError as error:
            self.close()
            raise AmbiguousError(str(error) or error.__class__.__name__) from error
        if code != 250:
            self._reset()
            raise _refusal(code, reply)

    def abandon(self) -> None:
        """Drop the transaction ``begin`` opened (the message is not ours to send after all).

        After 354 the server waits for a body: the connection is closed, which discards the
        transaction as surely as RSET would.
        """
        if self.smtp and self.backend.connection is not None:
            self.close()

    def transmit(self, sender: str, recipients: list[str], data: bytes) -> None:
        """Hold one SMTP conversation for a ready-made message; errors are classified."""
        self.begin(sender, recipients, data)
        self.complete(data)


@dataclass
class BatchOutcome:
    sent: int = 0
    failed: int = 0
    skipped: int = 0
    unclear: int = 0
    # Rows put back to pending after a temporary error, with the rest of the batch: retry these.
    retry: list[int] = field(default_factory=list)
    error: str = ""


class _Ledger:
    """The batch's writes to its delivery rows, one commit per message.

    A claim has to be committed before SMTP hears of its message, and a message the server
    took has to be recorded before the next one goes out; both writes used to be commits of
    their own, and a commit waits for the disk (about 3 ms here, the largest cost of a copy).
    The "sent" of a copy is therefore held back and committed together with the claim of the
    next one: the rows go through the same states in the same order as before, so a worker
    killed at any moment leaves at most the one row claimed whose message may be at the server
    (never sent twice, never forgotten). Plain SQL: the ORM would spend more CPU composing the
    two statements than the database spends running them.
    """

    def __init__(self):
        quote = connection.ops.quote_name
        deliveries, subscribers = Delivery._meta.db_table, Subscriber._meta.db_table
        # From "unclear" too: a worker that outlived the sweeper's patience still knows best.
        self._sent_sql = (
            f"UPDATE {quote(deliveries)} SET state = %s, sent_at = %s, error = '' "
            "WHERE id = %s AND state IN (%s, %s)"
        )
        # Only a row still pending and a subscriber still confirmed: someone else has it, or
        # the subscriber left, was erased or unconfirmed since the batch was queued.
        self._claim_sql = (
            f"UPDATE {quote(deliveries)} SET state = %s, claimed_at = %s, attempts = attempts + 1 "
            f"WHERE id = %s AND state = %s AND EXISTS (SELECT 1 FROM {quote(subscribers)} s "
            f"WHERE s.id = {quote(deliveries)}.subscriber_id AND s.state = %s)"
        )
        # PostgreSQL runs both in one statement, one round trip: a data-modifying WITH runs to
        # completion whatever the main statement reads of it.
        self._sent_and_claim_sql = f"WITH sent AS ({self._sent_sql}) {self._claim_sql}"
        self._unrecorded: tuple[int, datetime.datetime] | None = None

    def sent(self, delivery_id: int) -> None:
        """The server took ``delivery_id``'s message: recorded with the next claim or ``flush``."""
        self._unrecorded = (delivery_id, timezone.now())

    def claim(self, delivery_id: int) -> bool:
        """Claim ``delivery_id`` (and record the copy sent before it) in one commit."""
        claim_params: list = [
            DeliveryState.CLAIMED,
            timezone.now(),
            delivery_id,
            DeliveryState.PENDING,
            SubscriberState.CONFIRMED,
        ]
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # Without a copy to record, the first part matches no row (id = NULL).
                cursor.execute(self._sent_and_claim_sql, self._sent_params() + claim_params)
                self._unrecorded = None
                return cursor.rowcount == 1
        with transaction.atomic(), connection.cursor() as cursor:
            if self._unrecorded is not None:
                cursor.execute(self._sent_sql, self._sent_params())
            cursor.execute(self._claim_sql, claim_params)
            self._unrecorded = None
            return cursor.rowcount == 1

    def flush(self) -> None:
        """Commit a "sent" still held back, at the batch's end."""
        if self._unrecorded is not None:
            with connection.cursor() as cursor:
                cursor.execute(self._sent_sql, self._sent_params())
            self._unrecorded = None

    def _sent_params(self) -> list:
        delivery_id, sent_at = self._unrecorded or (None, None)
        return [
            DeliveryState.SENT,
            sent_at,
            delivery_id,
            DeliveryState.CLAIMED,
            DeliveryState.UNCLEAR,
        ]


def _settle(delivery_id: int, state: str, **fields) -> None:
    # From "unclear" too: a worker that outlived the sweeper's patience still knows best.
    Delivery.objects.filter(
        pk=delivery_id, state__in=[DeliveryState.CLAIMED, DeliveryState.UNCLEAR]
    ).update(state=state, **fields)


def send_deliveries(
    issue_id: int, delivery_ids: list[int], *, last_attempt: bool = False
) -> BatchOutcome:
    """Send the issue to the pending ``delivery_ids``, in order, over one SMTP connection.

    Must run outside a transaction (as a worker does): each claim is committed before its
    message body goes out, with the "sent" of the copy before it; other results as they
    happen. Rows no longer pending are left alone. Returns what happened, with the rows to
    retry after a temporary error (none on the ``last_attempt``: they fail instead).
    """
    outcome = BatchOutcome()
    issue = Issue.objects.filter(pk=issue_id, state__in=ACTIVE_ISSUE_STATES).first()
    if issue is None:
        return outcome
    subscribers = {
        delivery.pk: delivery.subscriber
        for delivery in Delivery.objects.filter(
            pk__in=delivery_ids, issue_id=issue_id, state=DeliveryState.PENDING
        ).select_related("subscriber")
    }
    todo = [pk for pk in delivery_ids if pk in subscribers]
    if not todo:
        return outcome
    renditions = {r.language: r for r in Rendition.objects.filter(issue_id=issue_id)}
    domain = message_id_domain()
    batch = BatchMessages(issue, renditions, domain=domain)
    transmission = Transmission()
    ledger = _Ledger()
    # A copy's envelope (MAIL, RCPT, DATA) goes to the SMTP server from this thread while
    # the claim is being committed: both are mostly waiting, and overlapped the wait of one
    # hides in the other's. Only the body waits for the claim, so the server never has a
    # message whose claim is not committed.
    envelopes = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsletter-envelope")
    try:
        for position, delivery_id in enumerate(todo):
            subscriber = subscribers[delivery_id]
            rendition = batch.rendition(subscriber.language) if subscriber else None
            opening = None
            if transmission.smtp and rendition is not None:
                opening = envelopes.submit(
                    _open, transmission, batch, subscriber, rendition, delivery_id
                )
            if subscriber is None or not ledger.claim(delivery_id):
                _abandon(transmission, opening)
                skipped = Delivery.objects.filter(
                    pk=delivery_id, state=DeliveryState.PENDING
                ).update(state=DeliveryState.SKIPPED)
                outcome.skipped += skipped
                continue
            try:
                if rendition is None:
                    raise PermanentError(_("The issue has no rendered email."))
                if opening is not None:
                    transmission.complete(opening.result())
                else:
                    transmission.hand_over(
                        issue_message(
                            issue, rendition, subscriber, domain=domain, delivery_id=delivery_id
                        )
                    )
            except PermanentError as error:
                _settle(delivery_id, DeliveryState.FAILED, error=str(error))
                outcome.failed += 1
                if isinstance(error, RecipientRefused):
                    record_bounce(delivery_id=delivery_id, kind=BounceKind.HARD, reason=str(error))
            except TemporaryError as error:
                if last_attempt:
                    _settle(delivery_id, DeliveryState.FAILED, error=str(error))
                    outcome.failed += 1
                    if isinstance(error, RecipientDeferred):
                        record_bounce(
                            delivery_id=delivery_id, kind=BounceKind.SOFT, reason=str(error)
                        )
                    continue
                _settle(delivery_id, DeliveryState.PENDING, error=str(error))
                outcome.retry, outcome.error = todo[position:], str(error)
                break
            except AmbiguousError as error:
                Delivery.objects.filter(pk=delivery_id, state=DeliveryState.CLAIMED).update(
                    error=str(error)
                )
                outcome.unclear += 1
            else:
                ledger.sent(delivery_id)
                reset_soft_bounces(subscriber)
                outcome.sent += 1
    finally:
        try:
            envelopes.shutdown()  # an envelope under way ends before the connection closes
            ledger.flush()
        finally:
            transmission.close()
    return outcome


def _open(
    transmission: Transmission, batch: BatchMessages, subscriber, rendition, delivery_id: int
) -> bytes:
    """Build the copy and hold its envelope with the server; the message, for ``complete``."""
    sender, recipients, data = _envelope(batch, subscriber, rendition, delivery_id)
    transmission.begin(sender, recipients, data)
    return data


def _abandon(transmission: Transmission, opening: Future | None) -> None:
    """Drop the envelope of a copy that turned out not to be ours to send."""
    if opening is None:
        return
    try:
        opening.result()
    except (PermanentError, TemporaryError):
        return  # the envelope failed: no transaction is open
    transmission.abandon()


def _envelope(batch: BatchMessages, subscriber, rendition, delivery_id: int):
    try:
        return batch.envelope(subscriber, rendition, delivery_id)
    except (ValueError, UnicodeError) as error:  # an address that cannot be encoded
        raise PermanentError(str(error)) from error


def postpone(delivery_ids: list[int], until: datetime.datetime) -> None:
    """Stamp rows waiting for a retry with its time, so the sweeper does not take them for
    rows whose task was lost while the retry is still due."""
    Delivery.objects.filter(pk__in=delivery_ids, state=DeliveryState.PENDING).update(
        queued_at=until
    )


# --- Finishing -----------------------------------------------------------------------------


def finish_if_done(issue: Issue | int) -> bool:
    """Mark the issue sent once nothing is pending or claimed, and mail the summary once.

    Returns whether this call finished it; of concurrent callers exactly one does.
    """
    issue_id = issue.pk if isinstance(issue, Issue) else issue
    if Delivery.objects.filter(issue_id=issue_id, state__in=OPEN_STATES).exists():
        return False
    now = timezone.now()
    with transaction.atomic():
        won = Issue.objects.filter(pk=issue_id, state=IssueState.SENDING).update(
            state=IssueState.SENT, sent_at=now, summary_sent_at=now, updated_at=now
        )
        if won:
            _mail_summary(Issue.objects.get(pk=issue_id))
    if won:
        logger.info("Issue %s: sent; summary mailed to the editors", issue_id)
    return bool(won)


def _mail_summary(issue: Issue) -> None:
    counts = delivery_counts(issue)
    editors = User.objects.filter(role=Role.ADMIN, is_active=True).exclude(email="")
    context = {
        "issue": issue,
        "counts": counts,
        "link": portal_url(reverse("sending:progress", args=[issue.pk])),
    }
    for email in editors.values_list("email", flat=True):
        queue_email(
            templated_email(
                "newsletter/sending_summary",
                to=email,
                context=context,
                language=settings.LANGUAGE_CODE,
                html=True,
            )
        )


# --- Sweeping ------------------------------------------------------------------------------


@dataclass
class SweepOutcome:
    requeued: int = 0
    unclear: int = 0
    finished: int = 0


def sweep(
    *,
    lost_after: datetime.timedelta | None = None,
    stale_after: datetime.timedelta | None = None,
) -> SweepOutcome:
    """Re-queue pending rows whose task is lost, report stale claims as unclear, finish
    issues with nothing left to do. Never sends anything itself."""
    now = timezone.now()
    lost_before = now - (LOST_AFTER if lost_after is None else lost_after)
    stale_before = now - (STALE_CLAIM_AFTER if stale_after is None else stale_after)
    outcome = SweepOutcome()
    active = Issue.objects.filter(state__in=ACTIVE_ISSUE_STATES)
    lost = (
        Delivery.objects.filter(issue__in=active, state=DeliveryState.PENDING)
        .filter(Q(queued_at__isnull=True) | Q(queued_at__lt=lost_before))
        .order_by("issue_id")
        .values_list("issue_id", flat=True)
        .distinct()
    )
    for issue_id in list(lost):
        requeued = queue_pending(issue_id, lost_before=lost_before)
        if requeued:
            logger.warning(
                "Issue %s: re-queued %s deliveries whose task was lost", issue_id, requeued
            )
        outcome.requeued += requeued
    with translation.override(settings.LANGUAGE_CODE):
        note = _(
            "The sending worker stopped while handing this message to the mail server; it may "
            "or may not have arrived."
        )
    stale = Delivery.objects.filter(
        issue__in=active, state=DeliveryState.CLAIMED, claimed_at__lt=stale_before
    )
    for issue_id in list(stale.order_by().values_list("issue_id", flat=True).distinct()):
        marked = stale.filter(issue_id=issue_id).update(
            state=DeliveryState.UNCLEAR,
            error=Case(
                When(error="", then=Value(note)),
                default=Concat(Value(note + " "), F("error"), output_field=TextField()),
                output_field=TextField(),
            ),
        )
        logger.warning(
            "Issue %s: %s deliveries are unclear and wait for an editor", issue_id, marked
        )
        outcome.unclear += marked
    for issue in Issue.objects.filter(state=IssueState.SENDING).only("pk"):
        outcome.finished += finish_if_done(issue)
    return outcome


# --- Resolving unclear deliveries (the editors, on the progress page) ----------------------


def _unclear(issue: Issue, delivery_ids: list[int] | None):
    rows = Delivery.objects.filter(issue=issue, state=DeliveryState.UNCLEAR)
    return rows if delivery_ids is None else rows.filter(pk__in=delivery_ids)


def resend_unclear(issue: Issue, *, user, delivery_ids: list[int] | None = None) -> int:
    """Send the unclear deliveries (all, or those of ``delivery_ids``) again, after an editor
    found in the mail server's log that they never arrived. Returns how many were queued."""
    with transaction.atomic():
        ids = list(_unclear(issue, delivery_ids).select_for_update().values_list("pk", flat=True))
        Delivery.objects.filter(pk__in=ids).update(state=DeliveryState.PENDING, queued_at=None)
        transaction.on_commit(lambda: queue_deliveries(issue.pk, sorted(ids)))
    logger.info("Issue %s: %s resent %s unclear deliveries", issue.pk, user, len(ids))
    return len(ids)


def mark_unclear_sent(issue: Issue, *, user, delivery_ids: list[int] | None = None) -> int:
    """Record unclear deliveries as sent, after an editor found them in the mail server's log."""
    with transaction.atomic():
        marked = _unclear(issue, delivery_ids).update(
            state=DeliveryState.SENT, sent_at=F("claimed_at")
        )
        transaction.on_commit(lambda: finish_if_done(issue.pk))
    logger.info("Issue %s: %s marked %s unclear deliveries as sent", issue.pk, user, marked)
    return marked
