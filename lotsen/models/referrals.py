"""Referral requests (Vermittlung): a partner asks for a guide, coordinators propose the request
to guides, and the first guide who accepts takes it.

States change only in ``lotsen.referrals.services``; both models keep a change history.
"""

import secrets
import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lotsen.models.guides import ExpertiseArea

# Letters and digits nobody confuses when reading a reference out on the phone (no 0/O, 1/I/L).
REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def new_reference() -> str:
    """A short public reference ("VM-7K3Q-X2PA") to quote in mails and phone calls.

    It names a request but opens nothing: no page is reached with it.
    """
    chars = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
    return f"VM-{chars[:4]}-{chars[4:]}"


def new_token() -> str:
    return secrets.token_urlsafe(24)


class ReferralState(models.TextChoices):
    NEW = "new", _("new")
    PROPOSED = "proposed", _("proposed to guides")
    ACCEPTED = "accepted", _("accepted by a guide")
    CLOSED = "closed", _("closed")
    CANCELLED = "cancelled", _("cancelled")


class ReferralOutcome(models.TextChoices):
    ACCOMPANIED = "accompanied", _("the guide accompanied the person")
    NOT_NEEDED = "not_needed", _("no longer needed")
    NO_GUIDE = "no_guide", _("no guide found")
    NO_CONTACT = "no_contact", _("the person could not be reached")
    OTHER = "other", _("other")


class ProposalState(models.TextChoices):
    OPEN = "open", _("open")
    ACCEPTED = "accepted", _("accepted")
    DECLINED = "declined", _("declined")
    WITHDRAWN = "withdrawn", _("withdrawn")


class ReferralRequest(models.Model):
    """A partner's request for a guide. It holds the requester's contact, never the migrant's."""

    reference = models.CharField(
        _("reference"), max_length=16, unique=True, default=new_reference, editable=False
    )
    # The random key of the form the request came from: a second submission of the same form
    # (double click, reload) finds the first request instead of creating another.
    submission_key = models.UUIDField(
        _("submission key"), unique=True, default=uuid.uuid4, editable=False
    )
    organisation = models.CharField(_("organisation"), max_length=200)
    contact_name = models.CharField(_("contact person"), max_length=150)
    email = models.EmailField(_("email"))
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    languages = models.ManyToManyField(
        "organisations.Language",
        verbose_name=_("languages"),
        related_name="referral_requests",
    )
    topics = models.ManyToManyField(
        ExpertiseArea, verbose_name=_("topics"), related_name="referral_requests"
    )
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="referral_requests",
        help_text=_("Leave empty if you do not know: the Landeskoordination will pass it on."),
    )
    place = models.CharField(
        _("place"), max_length=150, blank=True, help_text=_("A city or postal code, e.g. Hagen.")
    )
    time_frame = models.CharField(
        _("time frame"),
        max_length=200,
        help_text=_(
            "For example: an appointment at the job centre on 12 March, or within a month."
        ),
    )
    note = models.TextField(_("note"), max_length=2000, blank=True)
    language = models.CharField(
        _("language of the mails"), max_length=10, default="de", editable=False
    )
    state = models.CharField(
        _("state"), max_length=20, choices=ReferralState.choices, default=ReferralState.NEW
    )
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=ReferralOutcome.choices, blank=True
    )
    proposed_at = models.DateTimeField(
        _("last proposed at"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("When the request was last proposed to guides."),
    )
    reminder_sent_at = models.DateTimeField(
        _("coordination reminded at"), null=True, blank=True, editable=False
    )
    decided_at = models.DateTimeField(_("accepted at"), null=True, blank=True, editable=False)
    closed_at = models.DateTimeField(
        _("closed or cancelled at"), null=True, blank=True, editable=False
    )
    # The Datenschutzerklärung the form linked to when the person agreed; empty for records
    # from before it was recorded.
    privacy_text = models.ForeignKey(
        "lotsen.LegalText",
        verbose_name=_("privacy policy shown"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(_("received at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("referral request")
        verbose_name_plural = _("referral requests")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(state=ReferralState.CLOSED) | Q(outcome=""),
                name="referral_outcome_only_when_closed",
                violation_error_message=_("Only a closed request has an outcome."),
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_open(self) -> bool:
        return self.state in (ReferralState.NEW, ReferralState.PROPOSED)


class ReferralProposal(models.Model):
    """A request proposed to one guide, who accepts or declines it through a personal link."""

    request = models.ForeignKey(
        ReferralRequest,
        verbose_name=_("referral request"),
        on_delete=models.CASCADE,
        related_name="proposals",
    )
    guide = models.ForeignKey(
        "lotsen.Guide",
        verbose_name=_("guide"),
        on_delete=models.CASCADE,
        related_name="referral_proposals",
    )
    token = models.CharField(max_length=40, unique=True, default=new_token, editable=False)
    state = models.CharField(
        _("state"), max_length=20, choices=ProposalState.choices, default=ProposalState.OPEN
    )
    share_email = models.BooleanField(_("shares the email address"), default=False)
    share_phone = models.BooleanField(_("shares the phone number"), default=False)
    proposed_by = models.ForeignKey(
        "lotsen.User",
        verbose_name=_("proposed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("referral proposal")
        verbose_name_plural = _("referral proposals")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["request", "guide"], name="referral_proposed_once"),
            models.UniqueConstraint(
                fields=["request"],
                condition=Q(state=ProposalState.ACCEPTED),
                name="referral_accepted_once",
                violation_error_message=_("Another guide has already accepted this request."),
            ),
        ]

    def __str__(self) -> str:
        # Without the guide's name: the change history keeps this text, and erasing a guide
        # must not leave their name behind in it.
        return f"{self.request} #{self.pk}"
