"""The legal texts of the portal: Impressum, Datenschutzerklärung, Erklärung zur Barrierefreiheit.

Each edit publishes a new numbered version; a published version is never changed, so that a
consent record can always show the privacy text its person was shown.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class LegalDocument(models.TextChoices):
    IMPRINT = "imprint", _("Legal notice")
    PRIVACY = "privacy", _("Privacy policy")
    ACCESSIBILITY = "accessibility", _("Accessibility statement")


class Conformance(models.TextChoices):
    """The conformance levels of the EU model accessibility statement (2018/1523)."""

    FULL = "full", _("fully compliant")
    PARTIAL = "partial", _("partially compliant")
    NONE = "none", _("not compliant")


class PublishedVersionError(Exception):
    """A published legal text was about to be changed; publish a new version instead."""


class LegalText(models.Model):
    """One published version of a legal text. Never updated: an edit is the next version."""

    document = models.CharField(_("document"), max_length=20, choices=LegalDocument.choices)
    number = models.PositiveIntegerField(_("version"))
    body = models.TextField(
        _("text"),
        help_text=_(
            "Markdown: a blank line starts a paragraph, ## a heading, - a list item, "
            "**bold**, [link text](https://example.org). HTML is not allowed."
        ),
    )
    # Only for the accessibility statement: how far the portal meets BITV 2.0 / EN 301 549.
    conformance = models.CharField(
        _("conformance status"), max_length=10, choices=Conformance.choices, blank=True
    )
    note = models.CharField(
        _("what changed"),
        max_length=200,
        blank=True,
        help_text=_("For the version history, e.g. “new hosting provider”."),
    )
    published_at = models.DateTimeField(_("published at"), default=timezone.now)
    # Empty for the default template frozen as version 1 when the first consent needed it.
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("legal text")
        verbose_name_plural = _("legal texts")
        ordering = ["document", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "number"],
                name="legal_text_one_number_per_document",
                violation_error_message=_(
                    "Someone else published a version at the same moment. Please try again."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_document_display()}, {self.version_label}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PublishedVersionError("A published legal text is never changed.")
        super().save(*args, **kwargs)

    @property
    def version_label(self) -> str:
        return str(_("version %(number)s") % {"number": self.number})
