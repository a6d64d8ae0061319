"""Recording bounces on deliveries and subscribers; reading the bounce mailbox.

A hard bounce suppresses the subscriber at once (state "bounced"), a soft one counts, and
``SOFT_BOUNCES_SUPPRESS`` soft bounces in a row suppress too; a delivery the mail server took
without complaint resets the count. Signing up and confirming again lifts the suppression
(``newsletters.subscriptions.services.confirm_subscription``).

A warning that delivery is delayed is no bounce: the message may still arrive, and if it does
not, the final report follows. Each delivery counts once: a second report about it (the same
mail read again after a crash) changes nothing, except that a soft bounce can still turn hard.
"""

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from newsletters.bounces.dsn import REASON_LENGTH, read_report
from newsletters.bounces.mailboxes import PROCESSED, UNRECOGNISED, open_mailbox
from newsletters.models import BounceKind, Delivery, Subscriber, SubscriberState

__all__ = [
    "SOFT_BOUNCES_SUPPRESS",
    "MailboxOutcome",
    "process_mailbox",
    "record_bounce",
    "reset_soft_bounces",
]

logger = logging.getLogger(__name__)

SOFT_BOUNCES_SUPPRESS = 3
# Mails read per run (every ten minutes): a flood of reports is worked off over several runs
# instead of holding a worker.
MAILS_PER_RUN = 500


@transaction.atomic
def record_bounce(
    *, delivery_id: int, kind: str, reason: str, when: datetime.datetime | None = None
) -> bool:
    """Record that ``delivery_id`` bounced (``BounceKind``) and act on its subscriber.

    Returns whether anything was recorded (False for an unknown delivery or one whose bounce
    is known already). A subscriber who signed up and confirmed again after the delivery went
    out is not suppressed by its late report.
    """
    when = when or timezone.now()
    reason = reason.strip()[:REASON_LENGTH]
    delivery = Delivery.objects.select_for_update().filter(pk=delivery_id).first()
    if delivery is None:
        return False
    if delivery.bounce == BounceKind.HARD or (delivery.bounce and kind == BounceKind.SOFT):
        return False
    delivery.bounce, delivery.bounced_at, delivery.bounce_reason = kind, when, reason
    delivery.save(update_fields=["bounce", "bounced_at", "bounce_reason"])
    subscriber = (
        Subscriber.objects.select_for_update().filter(pk=delivery.subscriber_id).first()
        if delivery.subscriber_id
        else None
    )
    if subscriber is None or subscriber.state != SubscriberState.CONFIRMED:
        return True
    sent_at = delivery.claimed_at or delivery.sent_at
    if sent_at and subscriber.confirmed_at and subscriber.confirmed_at > sent_at:
        return True
    if kind == BounceKind.SOFT:
        subscriber.soft_bounces += 1
        if subscriber.soft_bounces < SOFT_BOUNCES_SUPPRESS:
            subscriber.save(update_fields=["soft_bounces", "updated_at"])
            return True
        with translation.override(settings.LANGUAGE_CODE):
            reason = _("%(count)s soft bounces in a row, the last: %(reason)s") % {
                "count": subscriber.soft_bounces,
                "reason": reason,
            }
    subscriber.state = SubscriberState.BOUNCED
    subscriber.bounced_at, subscriber.bounce_reason = when, reason
    subscriber.save()
    logger.info("Subscriber %s bounced (delivery %s): %s", subscriber.pk, delivery_id, reason)
    return True


def reset_soft_bounces(subscriber: Subscriber) -> None:
    """A mail server took a delivery to ``subscriber``: their soft bounces are no longer in a
    row. No query unless there is something to reset (sending calls it for every copy)."""
    if subscriber.soft_bounces:
        Subscriber.objects.filter(pk=subscriber.pk).update(soft_bounces=0)
        subscriber.soft_bounces = 0


@dataclass
class MailboxOutcome:
    recorded: int = 0  # bounce reports recorded on a delivery
    known: int = 0  # reports about a delivery whose bounce was known already
    unrecognised: int = 0  # no bounce report, or about no delivery of ours
    warnings: int = 0  # "delivery delayed" warnings: the message may still arrive


def process_mailbox(url: str | None = None, *, limit: int = MAILS_PER_RUN) -> MailboxOutcome:
    """Read the bounce reports waiting in the mailbox (``NEWSLETTER_BOUNCE_MAILBOX``), record
    each on its delivery and move every mail read out of the inbox.

    A mail is moved only after its bounce was committed: a crash in between reads it again
    next time, which records nothing twice.
    """
    outcome = MailboxOutcome()
    url = url or settings.NEWSLETTER_BOUNCE_MAILBOX
    if not url:
        return outcome
    box = open_mailbox(url)
    try:
        for mail in box.mails(limit):
            try:
                report = read_report(mail.data)
            except Exception:  # a malformed mail must not stop the others
                logger.warning("Bounce mailbox: mail %s could not be read", mail.key, exc_info=True)
                report = None
            if report is None or report.delivery_id is None:
                outcome.unrecognised += 1
                box.move(mail.key, UNRECOGNISED)
                continue
            if report.warning:
                outcome.warnings += 1
                box.move(mail.key, PROCESSED)
                continue
            if record_bounce(
                delivery_id=report.delivery_id, kind=report.kind, reason=report.reason
            ):
                outcome.recorded += 1
            else:
                outcome.known += 1
            box.move(mail.key, PROCESSED)
    finally:
        box.close()
    return outcome
