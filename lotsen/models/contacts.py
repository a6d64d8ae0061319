"""The contact log: notes on calls, visits, meetings and mails with organisations, agencies and
guides. Internal to the coordination: never public, erased with the record it is about."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lotsen.core.dates import short_date
from lotsen.models.guides import Guide
from organisations.models import Agency, MigrantOrganisation


class ContactKind(models.TextChoices):
    CALL = "call", _("phone call")
    VISIT = "visit", _("visit")
    MEETING = "meeting", _("meeting")
    MAIL = "mail", _("mail")


class ContactNote(models.Model):
    """One contact with an organisation, an agency or a guide (exactly one of them)."""

    organisation = models.ForeignKey(
        MigrantOrganisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="contact_notes",
    )
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("agency"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="contact_notes",
    )
    guide = models.ForeignKey(
        Guide,
        verbose_name=_("guide"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="contact_notes",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ContactKind.choices)
    happened_on = models.DateField(_("date"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    who = models.CharField(
        _("who"),
        max_length=200,
        help_text=_("Who took part, for example: “Ms Hodžić (chair), Mr Kaya”."),
    )
    summary = models.TextField(_("summary"), max_length=4000)
    next_step = models.CharField(_("next step"), max_length=300, blank=True)
    next_step_on = models.DateField(_("next step by"), null=True, blank=True)
    shareable = models.BooleanField(
        _("the guide may see this note"),
        default=False,
        help_text=_(
            "Only for notes about a guide: shown to the guide and included in their data export."
        ),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("contact note")
        verbose_name_plural = _("contact notes")
        ordering = ["-happened_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(organisation__isnull=False, agency__isnull=True, guide__isnull=True)
                    | Q(organisation__isnull=True, agency__isnull=False, guide__isnull=True)
                    | Q(organisation__isnull=True, agency__isnull=True, guide__isnull=False)
                ),
                name="contact_note_about_exactly_one_record",
                violation_error_message=_(
                    "A note is about exactly one organisation, agency or guide."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({short_date(self.happened_on)})"

    @property
    def subject(self):
        """The organisation, agency or guide the note is about."""
        return self.organisation or self.agency or self.guide
