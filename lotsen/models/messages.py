"""Messages of the coordination to groups of people, and each recipient's choices.

A message keeps who wrote what to whom and when: one recipient row per address.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class MessageSettings(models.Model):
    """What an account holder chose for messages from the coordination."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="message_settings",
    )
    language = models.CharField(
        _("language of messages"),
        max_length=2,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    opted_out = models.BooleanField(
        _("no messages to groups"),
        default=False,
        help_text=_(
            "Messages the coordination writes to many guides at once. Mails about your own "
            "account, referral requests and events you registered for still reach you."
        ),
    )

    class Meta:
        verbose_name = _("message settings")
        verbose_name_plural = _("message settings")

    def __str__(self) -> str:
        return str(self.user)


class MessageAudience(models.TextChoices):
    REGION_GUIDES = "region_guides", _("guides of my regions")
    EVENT_REGISTRANTS = "event_registrants", _("people registered for an event")
    GROUP = "group", _("a working group")
    ALL_COORDINATORS = "all_coordinators", _("all coordinators")
    ALL_GUIDES = "all_guides", _("all guides")


class Message(models.Model):
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sender"),
        on_delete=models.PROTECT,
        related_name="sent_messages",
    )
    # The sender's regions when sending: their coordinators see the record.
    regions = models.ManyToManyField(
        "regions.Region", verbose_name=_("regions"), related_name="+", blank=True
    )
    audience = models.CharField(_("recipients"), max_length=30, choices=MessageAudience)
    audience_description = models.CharField(_("recipients in words"), max_length=500)
    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("event"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    group = models.ForeignKey(
        "lotsen.WorkingGroup",
        verbose_name=_("working group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("text"))
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["-sent_at", "-pk"]

    def __str__(self) -> str:
        return self.subject


class MessageRecipient(models.Model):
    message = models.ForeignKey(
        Message, verbose_name=_("message"), on_delete=models.CASCADE, related_name="recipients"
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("email address"))
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES)

    class Meta:
        verbose_name = _("recipient of a message")
        verbose_name_plural = _("recipients of messages")
        ordering = ["message", "email"]
        constraints = [
            models.UniqueConstraint(fields=["message", "email"], name="message_recipient_once"),
        ]

    def __str__(self) -> str:
        return self.email
