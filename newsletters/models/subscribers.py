import hashlib

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class SubscriberState(models.TextChoices):
    PENDING = "pending", _("waiting for confirmation")
    CONFIRMED = "confirmed", _("confirmed")
    UNSUBSCRIBED = "unsubscribed", _("unsubscribed")
    # The address bounced (hard, or soft three times in a row): no issue goes to it until its
    # owner signs up and confirms again.
    BOUNCED = "bounced", _("bounced")


class Subscriber(models.Model):
    """A partner who asked for the newsletter; only confirmed ones receive issues.

    The consent fields are the proof of a double opt-in: when and from where the form was sent,
    which version of the consent text it showed, and when the link in the mail was followed.
    """

    email = models.EmailField(_("email address"))
    name = models.CharField(_("name"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    language = models.CharField(
        _("language"), max_length=2, choices=settings.LANGUAGES, default="de"
    )
    state = models.CharField(
        _("state"),
        max_length=12,
        choices=SubscriberState.choices,
        default=SubscriberState.PENDING,
        db_index=True,
    )
    consent_text_version = models.CharField(_("version of the consent text"), max_length=20)
    consent_given_at = models.DateTimeField(_("signed up at"))
    consent_ip = models.GenericIPAddressField(_("signed up from IP address"), null=True)
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
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    bounced_at = models.DateTimeField(_("bounced at"), null=True, blank=True)
    bounce_reason = models.TextField(_("bounce reason"), blank=True)
    soft_bounces = models.PositiveSmallIntegerField(_("soft bounces in a row"), default=0)

    class Meta:
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        ordering = ["email"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                name="subscriber_unique_email",
                violation_error_message=_("This address is already on the list."),
            ),
            models.CheckConstraint(
                condition=~Q(state="confirmed") | Q(confirmed_at__isnull=False),
                name="subscriber_confirmed_has_time",
            ),
        ]

    def __str__(self) -> str:
        return self.email


def email_digest(email: str) -> str:
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()


class Suppression(models.Model):
    """An erased address, kept only as a hash so that no import or form can add it again."""

    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("suppressed address")
        verbose_name_plural = _("suppressed addresses")

    def __str__(self) -> str:
        return self.digest[:12]
