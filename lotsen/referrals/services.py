"""Changes of referral requests: every state change of a request or proposal happens here.

Each service runs in one transaction and locks the request's row first, so two guides
accepting at the same moment are decided one after the other: the first wins, the second is
told the request is taken. Mails are queued and leave only when the transaction commits.
"""

import datetime
import uuid
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from lotsen.core.links import portal_url
from lotsen.core.mail import templated_email
from lotsen.core.roles import Role
from lotsen.core.tasks import queue_email
from lotsen.models.accounts import User
from lotsen.models.guides import ExpertiseArea, Guide
from lotsen.models.legal import LegalText
from lotsen.models.referrals import (
    ProposalState,
    ReferralOutcome,
    ReferralProposal,
    ReferralRequest,
    ReferralState,
)
from organisations.models import Language
from regions.models import Region

# A request proposed to guides and left unanswered this long comes back to the coordination.
UNANSWERED_AFTER = datetime.timedelta(days=7)


class ReferralError(ValidationError):
    """A change the request's or proposal's state does not allow; nothing was saved."""


def _mail(template: str, *, to: str, context: dict, language: str | None = None) -> None:
    queue_email(
        templated_email(
            f"referrals/{template}",
            to=to,
            context=context,
            language=language or settings.LANGUAGE_CODE,
        )
    )


def _lock(request: ReferralRequest) -> ReferralRequest:
    return ReferralRequest.objects.select_for_update().get(pk=request.pk)


def _mail_language(language: str | None) -> str:
    language = (language or "").split("-")[0]
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


# --- The public form --------------------------------------------------------------------------


def submit_request(
    *,
    submission_key: uuid.UUID,
    organisation: str,
    contact_name: str,
    email: str,
    phone: str = "",
    languages: Iterable[Language],
    topics: Iterable[ExpertiseArea],
    region: Region | None,
    place: str = "",
    time_frame: str,
    note: str = "",
    language: str | None = None,
    privacy_text: LegalText | None = None,
) -> tuple[ReferralRequest, bool]:
    """Save a partner's request and mail them its reference; ``(request, created)``.

    The same form sent twice (same ``submission_key``) returns the first request with
    ``created`` false and mails nothing again. ``privacy_text`` is the privacy policy the
    form linked to when the requester agreed.
    """
    existing = ReferralRequest.objects.filter(submission_key=submission_key).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            request = ReferralRequest.objects.create(
                submission_key=submission_key,
                organisation=organisation.strip(),
                contact_name=contact_name.strip(),
                email=email.strip(),
                phone=phone.strip(),
                region=region,
                place=place.strip(),
                time_frame=time_frame.strip(),
                note=note.strip(),
                language=_mail_language(language or translation.get_language()),
                privacy_text=privacy_text,
            )
            request.languages.set(languages)
            request.topics.set(topics)
            _mail(
                "received",
                to=request.email,
                context={"request": request},
                language=request.language,
            )
    except IntegrityError:  # the same form, submitted twice at the same moment
        return ReferralRequest.objects.get(submission_key=submission_key), False
    return request, True


# --- The coordination -------------------------------------------------------------------------


def propose(
    *,
    request: ReferralRequest,
    guides: Iterable[Guide],
    proposed_by: User | None,
    base_url: str = "",
    now: datetime.datetime | None = None,
) -> list[ReferralProposal]:
    """Propose the open ``request`` to ``guides`` (those not asked yet); each gets a mail with a
    personal link. Returns the new proposals; raises ``ReferralError`` when the request is no
    longer open or no guide with an email address is left to ask."""
    now = now or timezone.now()
    with transaction.atomic():
        request = _lock(request)
        if not request.is_open:
            raise ReferralError(
                _("This request is %(state)s: it cannot be proposed to guides any more.")
                % {"state": request.get_state_display()},
                code="not_open",
            )
        asked = set(request.proposals.values_list("guide_id", flat=True))
        fresh = [guide for guide in guides if guide.pk not in asked and guide.email]
        if not fresh:
            raise ReferralError(
                _("Choose at least one guide with an email address who was not asked yet."),
                code="no_guide",
            )
        proposals = []
        for guide in fresh:
            proposal = ReferralProposal.objects.create(
                request=request, guide=guide, proposed_by=proposed_by
            )
            proposals.append(proposal)
            link = portal_url(reverse("referrals:proposal", args=[proposal.token]), base_url)
            _mail("proposal", to=guide.email, context={"request": request, "guide": guide,
                                                        "link": link})  # fmt: skip
        request.state = ReferralState.PROPOSED
        request.proposed_at = now
        request.save(update_fields=["state", "proposed_at", "updated_at"])
    return proposals


def _withdraw_open(request: ReferralRequest, now: datetime.datetime, *, taken: bool) -> None:
    """Withdraw the request's open proposals and tell those guides why."""
    open_proposals = request.proposals.filter(state=ProposalState.OPEN).select_related("guide")
    for proposal in open_proposals:
        proposal.state = ProposalState.WITHDRAWN
        proposal.decided_at = now
        proposal.save(update_fields=["state", "decided_at", "updated_at"])
        if proposal.guide.email:
            _mail(
                "taken" if taken else "withdrawn",
                to=proposal.guide.email,
                context={"request": request, "guide": proposal.guide},
            )


def close(
    *,
    request: ReferralRequest,
    outcome: str,
    now: datetime.datetime | None = None,
) -> ReferralRequest:
    """Close a request with its ``outcome``; open proposals are withdrawn (their guides hear)."""
    now = now or timezone.now()
    if outcome not in ReferralOutcome.values:
        raise ReferralError(_("Choose an outcome."), code="outcome")
    with transaction.atomic():
        request = _lock(request)
        if request.state in (ReferralState.CLOSED, ReferralState.CANCELLED):
            raise ReferralError(_("This request is already closed."), code="closed")
        _withdraw_open(request, now, taken=False)
        request.state = ReferralState.CLOSED
        request.outcome = outcome
        request.closed_at = now
        request.save(update_fields=["state", "outcome", "closed_at", "updated_at"])
    return request


def cancel(*, request: ReferralRequest, now: datetime.datetime | None = None) -> ReferralRequest:
    """Cancel a request (withdrawn by the requester, a mistake, spam); open proposals are
    withdrawn and their guides hear."""
    now = now or timezone.now()
    with transaction.atomic():
        request = _lock(request)
        if request.state in (ReferralState.CLOSED, ReferralState.CANCELLED):
            raise ReferralError(_("This request is already closed."), code="closed")
        _withdraw_open(request, now, taken=False)
        request.state = ReferralState.CANCELLED
        request.closed_at = now
        request.save(update_fields=["state", "closed_at", "updated_at"])
    return request


# --- The guide's answer -------------------------------------------------------------------


def accept(
    *,
    proposal: ReferralProposal,
    share_email: bool,
    share_phone: bool,
    now: datetime.datetime | None = None,
) -> ReferralProposal:
    """The guide takes the request, sharing the contact details they chose.

    Under a lock on the request: the first acceptance wins, a later one raises
    ``ReferralError`` (code ``taken``). The requester gets a mail with only the shared details;
    the other guides asked are told that the request is taken.
    """
    now = now or timezone.now()
    with transaction.atomic():
        request = _lock(proposal.request)
        proposal = (
            ReferralProposal.objects.select_for_update().select_related("guide").get(pk=proposal.pk)
        )
        if proposal.state != ProposalState.OPEN or request.state != ReferralState.PROPOSED:
            raise ReferralError(
                _("This request is no longer open: another guide has taken it, or the "
                  "coordination has closed it. Thank you all the same!"),
                code="taken",
            )  # fmt: skip
        guide = proposal.guide
        proposal.state = ProposalState.ACCEPTED
        proposal.share_email = bool(share_email and guide.email)
        proposal.share_phone = bool(share_phone and guide.phone)
        proposal.decided_at = now
        proposal.save(
            update_fields=["state", "share_email", "share_phone", "decided_at", "updated_at"]
        )
        _withdraw_open(request, now, taken=True)
        request.state = ReferralState.ACCEPTED
        request.decided_at = now
        request.save(update_fields=["state", "decided_at", "updated_at"])
        _mail(
            "accepted",
            to=request.email,
            context={
                "request": request,
                "guide_name": guide.full_name,
                "email": guide.email if proposal.share_email else "",
                "phone": guide.phone if proposal.share_phone else "",
            },
            language=request.language,
        )
    return proposal


def decline(
    *, proposal: ReferralProposal, now: datetime.datetime | None = None
) -> ReferralProposal:
    """The guide cannot take the request. When nobody asked is left, the request is new again
    and back on the coordination's list of new requests."""
    now = now or timezone.now()
    with transaction.atomic():
        request = _lock(proposal.request)
        proposal = ReferralProposal.objects.select_for_update().get(pk=proposal.pk)
        if proposal.state != ProposalState.OPEN:
            raise ReferralError(_("You have already answered this request."), code="answered")
        proposal.state = ProposalState.DECLINED
        proposal.decided_at = now
        proposal.save(update_fields=["state", "decided_at", "updated_at"])
        still_open = request.proposals.filter(state=ProposalState.OPEN).exists()
        if request.state == ReferralState.PROPOSED and not still_open:
            request.state = ReferralState.NEW
            request.proposed_at = None
            request.save(update_fields=["state", "proposed_at", "updated_at"])
    return proposal


# --- Reminders --------------------------------------------------------------------------------


def unanswered(now: datetime.datetime | None = None):
    """Requests proposed to guides for ``UNANSWERED_AFTER`` (7 days) without any answer."""
    cutoff = (now or timezone.now()) - UNANSWERED_AFTER
    return ReferralRequest.objects.filter(state=ReferralState.PROPOSED, proposed_at__lt=cutoff)


def _coordination_addresses(request: ReferralRequest) -> list[str]:
    if request.region is not None:
        users = request.region.coordinators.filter(is_active=True, role=Role.COORDINATOR)
        addresses = list(users.values_list("email", flat=True))
        if addresses:
            return addresses
    # No region, or nobody coordinates it: the Landeskoordination looks after the request.
    admins = User.objects.filter(is_active=True, role=Role.ADMIN)
    return list(admins.values_list("email", flat=True))


def _not_reminded():
    """Requests whose coordination has not been reminded since they were last proposed."""
    return Q(reminder_sent_at__isnull=True) | Q(reminder_sent_at__lt=F("proposed_at"))


def send_unanswered_reminders(*, now: datetime.datetime | None = None, base_url: str = "") -> int:
    """Mail the coordination of each request unanswered for 7 days, once per proposal round.

    Returns the number of requests reminded of; running it twice the same day sends nothing
    more (a request is reminded of again only after it is proposed anew).
    """
    now = now or timezone.now()
    reminded = 0
    due = unanswered(now).filter(_not_reminded()).order_by("pk").values_list("pk", flat=True)
    for pk in due:
        with transaction.atomic():
            # Locked and checked again: a second run at the same time skips what this one sends.
            request = (
                unanswered(now)
                .filter(_not_reminded(), pk=pk)
                .select_for_update(of=("self",))
                .select_related("region")
                .first()
            )
            if request is None:
                continue
            link = portal_url(reverse("referrals:detail", args=[request.pk]), base_url)
            for address in _coordination_addresses(request):
                _mail("reminder", to=address, context={"request": request, "link": link})
            request.reminder_sent_at = now
            request.save(update_fields=["reminder_sent_at", "updated_at"])
        reminded += 1
    return reminded
