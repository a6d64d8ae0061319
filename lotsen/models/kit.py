"""The guide's kit: what the guide chose to print on business cards and information sheets,
and the accompaniment attestations (Bescheinigung Begleitperson) their coordination issues."""

import datetime
import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Crockford's base32 without the letters that read like digits (I, L, O, U): a code an office
# clerk types from paper is read unambiguously.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 12  # 60 bits: not guessable at the verification page's rate limit


def new_verification_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(typed: str) -> str:
    """The code as stored, from what someone typed: case, spaces and dashes do not matter, and
    the letters O, I and L count as the digits they look like."""
    cleaned = "".join(typed.split()).replace("-", "").upper()
    return cleaned.translate(str.maketrans("OIL", "011"))


def format_code(code: str) -> str:
    """``ABCD-EFGH-JKMN``: groups of four, as printed."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


class TitleForm(models.TextChoices):
    """How the guide is called on cards and sheets."""

    FEMININE = "lotsin", _("Arbeitsmarktlotsin")
    MASCULINE = "lotse", _("Arbeitsmarktlotse")
    BOTH = "both", _("Arbeitsmarktlotsin/-lotse")


class CardContact(models.TextChoices):
    """The one way to reach the guide that is printed on the kit."""

    COORDINATION = "coordination", _("the regional coordination")
    PHONE = "phone", _("own phone number")
    EMAIL = "email", _("own email address")
    PHONE_AND_EMAIL = "phone_email", _("own phone number and email address")


class SheetLanguage(models.TextChoices):
    """The second language of the information sheet, beside German."""

    NONE = "", _("German only")
    ENGLISH = "en", _("German and English")


class GuideKit(models.Model):
    """The guide's choices for their printed kit; a guide without a row gets the defaults,
    which print nothing personal but the name and languages."""

    guide = models.OneToOneField(
        "lotsen.Guide", verbose_name=_("guide"), on_delete=models.CASCADE, related_name="kit"
    )
    title_form = models.CharField(
        _("title on the cards"), max_length=10, choices=TitleForm, default=TitleForm.BOTH
    )
    contact = models.CharField(
        _("contact printed on the cards"),
        max_length=20,
        choices=CardContact,
        default=CardContact.COORDINATION,
    )
    sheet_language = models.CharField(
        _("language of the information sheet"),
        max_length=5,
        choices=SheetLanguage,
        default=SheetLanguage.NONE,
        blank=True,
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("kit of a guide")
        verbose_name_plural = _("kits of guides")

    def __str__(self) -> str:
        return str(self.guide)


class AttestationState(models.TextChoices):
    VALID = "valid", _("valid")
    REVOKED = "revoked", _("revoked")
    EXPIRED = "expired", _("expired")


class Attestation(models.Model):
    """A Bescheinigung Begleitperson: the regional coordination confirms that the guide
    accompanies people on its behalf, from the day of issue to ``valid_until``."""

    guide = models.ForeignKey(
        "lotsen.Guide",
        verbose_name=_("guide"),
        on_delete=models.CASCADE,
        related_name="attestations",
    )
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("issuing region"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    code = models.CharField(
        _("verification code"),
        max_length=CODE_LENGTH,
        unique=True,
        default=new_verification_code,
        editable=False,
    )
    valid_from = models.DateField(_("valid from"), default=timezone.localdate)
    valid_until = models.DateField(_("valid until"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    issued_at = models.DateTimeField(_("issued at"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True, editable=False)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    class Meta:
        verbose_name = _("accompaniment attestation")
        verbose_name_plural = _("accompaniment attestations")
        ordering = ["-issued_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__gte=F("valid_from")),
                name="attestation_valid_until_after_start",
                violation_error_message=_("The end of validity must not be before its start."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.guide} ({format_code(self.code)})"

    @property
    def printed_code(self) -> str:
        return format_code(self.code)

    def state_on(self, day: datetime.date | None = None) -> str:
        day = day or timezone.localdate()
        if self.revoked_at is not None:
            return AttestationState.REVOKED
        if day > self.valid_until:
            return AttestationState.EXPIRED
        return AttestationState.VALID

    @property
    def state(self) -> str:
        return self.state_on()

    @property
    def state_label(self) -> str:
        return AttestationState(self.state).label
