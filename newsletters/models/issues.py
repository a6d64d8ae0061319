from django.db import models
from django.utils.translation import gettext_lazy as _


class IssueState(models.TextChoices):
    DRAFT = "draft", _("draft")
    APPROVED = "approved", _("approved")
    SCHEDULED = "scheduled", _("scheduled")
    SENDING = "sending", _("sending")
    SENT = "sent", _("sent")


class Issue(models.Model):
    """One issue of the bi-monthly newsletter ("Newsletter März 2014").

    Its sections, rendering and deliveries come with the newsletter itself.
    """

    number = models.PositiveIntegerField(_("number"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    issue_date = models.DateField(_("issue date"))
    state = models.CharField(
        _("state"), max_length=10, choices=IssueState.choices, default=IssueState.DRAFT
    )
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("newsletter issue")
        verbose_name_plural = _("newsletter issues")
        ordering = ["-issue_date", "-number"]

    def __str__(self) -> str:
        return self.title
