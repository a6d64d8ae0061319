"""Changes to the newsletter's subscribers: sign-up with double opt-in, confirmation,
unsubscribing, preferences, erasure, import and the purge of unconfirmed sign-ups.

Only these functions change a subscriber's state.
"""

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from auditlog.context import disable_auditlog
from django.conf import settings
from django.contrib.auth.base_user import BaseUserManager
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.utils import timezone

from lotsen.core.audit import forget_history
from lotsen.core.tasks import queue_email
from lotsen.core.throttle import allow
from lotsen.models.legal import LegalText
from newsletters.models import Delivery, Subscriber, SubscriberState, Suppression
from newsletters.models.subscribers import email_digest
from newsletters.subscriptions.consent import CONSENT_TEXT_VERSION
from newsletters.subscriptions.links import CONFIRMATION_VALID_FOR, confirmation_url
from newsletters.subscriptions.mail import subscriber_email

LANGUAGES = dict(settings.LANGUAGES)
# Unconfirmed sign-ups are deleted after this long (the link itself expires sooner).
UNCONFIRMED_KEPT_FOR = datetime.timedelta(days=7)
# However often the form is sent for one address, its mailbox gets at most this many mails.
MAILS_PER_ADDRESS = 3
MAIL_WINDOW = datetime.timedelta(days=1)


def normalise_email(email: str) -> str:
    """The address as stored: surrounding blanks removed, the domain in lower case."""
    return BaseUserManager.normalize_email(email.strip())


def _by_address(email: str):
    """Subscribers with this address in any case, through the unique index on lower(email)."""
    return Subscriber.objects.alias(email_lower=Lower("email")).filter(email_lower=email.lower())


def _mail_allowed(email: str) -> bool:
    return allow(
        f"newsletter-mail:{email_digest(email)}",
        limit=MAILS_PER_ADDRESS,
        window=int(MAIL_WINDOW.total_seconds()),
    )


def _queue_confirmation(subscriber: Subscriber, base_url: str) -> None:
    if not _mail_allowed(subscriber.email):
        return
    queue_email(
        subscriber_email(
            subscriber,
            "confirm",
            {
                "confirm_link": confirmation_url(subscriber, base_url),
                "valid_days": CONFIRMATION_VALID_FOR.days,
            },
            base_url=base_url,
        )
    )


@transaction.atomic
def request_subscription(
    *,
    email: str,
    name: str = "",
    organisation: str = "",
    language: str = "de",
    ip: str | None = None,
    consent_text_version: str = CONSENT_TEXT_VERSION,
    privacy_text: LegalText | None = None,
    base_url: str = "",
) -> None:
    """Record a sign-up from the public form and mail its owner; the caller learns nothing.

    A new, pending, unsubscribed or erased (suppressed) address becomes a pending sign-up with
    this consent (time, IP, version of the consent text and of the privacy policy
    ``privacy_text`` the form linked to) and gets a confirmation link; only following that
    link subscribes it. A confirmed address stays as it is and gets a short "you are already
    subscribed" note with its links instead, so its owner learns what happened and a stranger
    who typed it learns nothing. An address gets at most ``MAILS_PER_ADDRESS`` mails a day.
    """
    email = normalise_email(email)
    now = timezone.now()
    consent = {
        "consent_given_at": now,
        "consent_ip": ip or None,
        "consent_text_version": consent_text_version,
        "privacy_text": privacy_text,
    }
    details = {"name": name.strip(), "organisation": organisation.strip(), "language": language}
    subscriber = _by_address(email).select_for_update().first()
    if subscriber is None:
        try:
            with transaction.atomic():
                subscriber = Subscriber.objects.create(
                    email=email, state=SubscriberState.PENDING, **details, **consent
                )
        except IntegrityError:  # the same address, sent twice at the same moment
            subscriber = _by_address(email).select_for_update().get()
    elif subscriber.state == SubscriberState.CONFIRMED:
        if _mail_allowed(subscriber.email):
            queue_email(subscriber_email(subscriber, "already_subscribed", base_url=base_url))
        return
    else:
        for name_, value in {**details, **consent}.items():
            setattr(subscriber, name_, value)
        subscriber.state = SubscriberState.PENDING
        subscriber.save()
    _queue_confirmation(subscriber, base_url)


@transaction.atomic
def confirm_subscription(*, subscriber: Subscriber) -> Subscriber:
    """Confirm a pending sign-up (the link in the mail was followed); returns it afterwards.

    Confirming is the person's own fresh double opt-in, so it also lifts a suppression of the
    address and a bounce (the owner says the address works again). A subscriber who is
    confirmed already or unsubscribed meanwhile stays as they are.
    """
    subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
    if subscriber.state == SubscriberState.PENDING:
        subscriber.state = SubscriberState.CONFIRMED
        subscriber.confirmed_at = timezone.now()
        subscriber.unsubscribed_at = None
        subscriber.bounced_at, subscriber.bounce_reason, subscriber.soft_bounces = None, "", 0
        subscriber.save()
        Suppression.objects.filter(digest=email_digest(subscriber.email)).delete()
    return subscriber


@transaction.atomic
def unsubscribe(*, subscriber: Subscriber) -> Subscriber:
    """Stop every mail to ``subscriber`` at once; repeating it changes nothing."""
    subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
    if subscriber.state != SubscriberState.UNSUBSCRIBED:
        subscriber.state = SubscriberState.UNSUBSCRIBED
        subscriber.unsubscribed_at = timezone.now()
        subscriber.save()
    return subscriber


@transaction.atomic
def update_preferences(
    *, subscriber: Subscriber, name: str, organisation: str, language: str
) -> Subscriber:
    """Change what the subscriber may change themself; the address and state stay."""
    subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
    subscriber.name = name.strip()
    subscriber.organisation = organisation.strip()
    subscriber.language = language
    subscriber.save(update_fields=["name", "organisation", "language", "updated_at"])
    return subscriber


@transaction.atomic
def erase_subscriber(*, subscriber: Subscriber) -> None:
    """Delete the subscriber and keep only the hash of the address on the suppression list.

    No import can add the address again; only its owner can, by signing up and confirming.
    Their deliveries stay for the counts, without the person and without their bounces and
    the mail servers' answers (which quote the address).
    """
    digest = email_digest(subscriber.email)
    Delivery.objects.filter(subscriber_id=subscriber.pk).update(
        bounce="", bounced_at=None, bounce_reason="", error=""
    )
    # The change history would keep the address and the bounce reasons: it goes too, and the
    # deletion is not logged.
    with disable_auditlog():
        Subscriber.objects.filter(pk=subscriber.pk).delete()
    forget_history(Subscriber, [subscriber.pk])
    Suppression.objects.get_or_create(digest=digest)


@transaction.atomic
def purge_unconfirmed(*, now: datetime.datetime | None = None) -> int:
    """Remove sign-ups left unconfirmed for ``UNCONFIRMED_KEPT_FOR``; returns how many.

    A plain new sign-up is deleted. An address that had unsubscribed before and signed up
    again without confirming goes back to "unsubscribed", so its opt-out stays on record and
    no import can subscribe it; one that had bounced goes back to "bounced". Running it again
    removes nothing more.
    """
    cutoff = (now or timezone.now()) - UNCONFIRMED_KEPT_FOR
    stale = Subscriber.objects.filter(state=SubscriberState.PENDING, consent_given_at__lt=cutoff)
    reverted = stale.filter(unsubscribed_at__isnull=False).update(
        state=SubscriberState.UNSUBSCRIBED
    )
    reverted += stale.filter(unsubscribed_at__isnull=True, bounced_at__isnull=False).update(
        state=SubscriberState.BOUNCED
    )
    removed = list(
        stale.filter(unsubscribed_at__isnull=True, bounced_at__isnull=True).values_list(
            "pk", flat=True
        )
    )
    # Never confirmed: nothing of the sign-up stays, not even in the change history.
    with disable_auditlog():
        Subscriber.objects.filter(pk__in=removed).delete()
    forget_history(Subscriber, removed)
    return reverted + len(removed)


# --- Import ---------------------------------------------------------------------------------


@dataclass
class ImportOutcome:
    created: int = 0
    suppressed: int = 0  # erased addresses, skipped
    existing: int = 0  # already on the list in any state (also unsubscribed), left unchanged
    invalid: list[int] = field(default_factory=list)  # 1-based numbers of rows without an address


@transaction.atomic
def import_subscribers(
    rows: Iterable[Mapping[str, str]],
    *,
    consent_text_version: str,
    confirmed: bool = False,
    base_url: str = "",
) -> ImportOutcome:
    """Add the addresses of ``rows`` (``email``, optional ``name``, ``organisation``,
    ``language``) that are neither on the list nor suppressed.

    ``consent_text_version`` records where the consent comes from (e.g. "Verteiler-2014").
    By default each new address is a pending sign-up and gets a confirmation mail (double
    opt-in). ``confirmed=True`` subscribes them at once: only for lists whose consent the
    Landeskoordination can prove otherwise. An address already on the list is never changed,
    so an unsubscribed one stays unsubscribed, and a suppressed one is never added.
    """
    outcome = ImportOutcome()
    wanted: dict[str, dict] = {}
    for number, row in enumerate(rows, start=1):
        email = normalise_email(str(row.get("email") or ""))
        try:
            validate_email(email)
        except ValidationError:
            outcome.invalid.append(number)
            continue
        language = row.get("language") or settings.LANGUAGE_CODE
        wanted.setdefault(
            email.lower(),
            {
                "email": email,
                "name": str(row.get("name") or "").strip()[:200],
                "organisation": str(row.get("organisation") or "").strip()[:200],
                "language": language if language in LANGUAGES else settings.LANGUAGE_CODE,
            },
        )
    keys = list(wanted)
    suppressed: set[str] = set()
    existing: set[str] = set()
    for start in range(0, len(keys), 1000):
        chunk = keys[start : start + 1000]
        suppressed.update(
            Suppression.objects.filter(digest__in=[email_digest(k) for k in chunk]).values_list(
                "digest", flat=True
            )
        )
        existing.update(
            Subscriber.objects.annotate(lower=Lower("email"))
            .filter(lower__in=chunk)
            .values_list("lower", flat=True)
        )
    now = timezone.now()
    new = []
    for key, details in wanted.items():
        if email_digest(key) in suppressed:
            outcome.suppressed += 1
        elif key in existing:
            outcome.existing += 1
        else:
            new.append(
                Subscriber(
                    **details,
                    state=SubscriberState.CONFIRMED if confirmed else SubscriberState.PENDING,
                    consent_text_version=consent_text_version[:20],
                    consent_given_at=now,
                    consent_ip=None,
                    confirmed_at=now if confirmed else None,
                )
            )
    # PostgreSQL and SQLite (3.35 or later) hand back the new primary keys, which the links
    # in the confirmation mails need.
    Subscriber.objects.bulk_create(new, batch_size=500)
    outcome.created = len(new)
    if not confirmed:
        for subscriber in new:
            _queue_confirmation(subscriber, base_url)
    return outcome
