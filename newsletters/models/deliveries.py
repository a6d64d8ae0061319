from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class DeliveryState(models.TextChoices):
    PENDING = "pending", _("pending")
    CLAIMED = "claimed", _("being sent")
    SENT = "sent", _("sent")
    FAILED = "failed", _("failed")
    # A claim whose worker vanished mid-conversation with SMTP: the message may or may not
    # have left. Never re-sent automatically; the editors decide.
    UNCLEAR = "unclear", _("unclear")
    SKIPPED = "skipped", _("skipped")


class BounceKind(models.TextChoices):
    # The address does not exist or refuses for good (5xx, DSN status 5.x.x).
    HARD = "hard", _("hard bounce")
    # The mailbox is full, the server busy, ... (4xx, DSN status 4.x.x or "delayed").
    SOFT = "soft", _("soft bounce")


class Delivery(models.Model):
    """One issue to one subscriber: the row that makes sending exactly-once.

    Created for every confirmed subscriber when sending starts. A worker claims a pending row
    and commits the claim before it talks to SMTP, and marks it sent after the server accepted
    the message; a claim never finished is reported, not repeated. Erasing a subscriber keeps
    the row (for the counts) without the person.
    """

    issue = models.ForeignKey(
        "newsletters.Issue", on_delete=models.CASCADE, related_name="deliveries"
    )
    subscriber = models.ForeignKey(
        "newsletters.Subscriber",
        on_delete=models.SET_NULL,
        null=True,
        related_name="deliveries",
    )
    state = models.CharField(
        _("state"), max_length=10, choices=DeliveryState.choices, default=DeliveryState.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    queued_at = models.DateTimeField(_("queued at"), null=True, blank=True)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    # Set when the mail server refused the address at sending or a bounce report came back
    # later; a sent delivery can bounce afterwards.
    bounce = models.CharField(_("bounce"), max_length=4, choices=BounceKind.choices, blank=True)
    bounced_at = models.DateTimeField(_("bounced at"), null=True, blank=True)
    bounce_reason = models.TextField(_("bounce reason"), blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["issue", "subscriber"],
                condition=Q(subscriber__isnull=False),
                name="delivery_once_per_issue_and_subscriber",
            ),
        ]
        indexes = [models.Index(fields=["issue", "state"])]

    def __str__(self) -> str:
        return f"{self.issue_id}/{self.subscriber_id}: {self.state}"
