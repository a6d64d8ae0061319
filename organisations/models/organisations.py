"""Migrant organisations and the support measures they received."""

from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lotsen.core.dates import short_date
from organisations.models.terms import (
    Community,
    Language,
    OrganisationRole,
    ProfessionalisationTopic,
    ThematicField,
)
from regions.models import Region


class LegalForm(models.TextChoices):
    REGISTERED_ASSOCIATION = "ev", _("registered association (e.V.)")
    NON_PROFIT_COMPANY = "ggmbh", _("non-profit company (gGmbH)")
    RELIGIOUS_COMMUNITY = "religious", _("religious community")
    INFORMAL_GROUP = "informal", _("informal group")
    OTHER = "other", _("other")


class ArchivableQuerySet(models.QuerySet):
    def active(self):
        return self.filter(archived_at__isnull=True)


class MigrantOrganisation(models.Model):
    """A migrant organisation (Migrantenorganisation, MO), mostly a registered association."""

    name = models.CharField(_("name"), max_length=200)
    legal_form = models.CharField(
        _("legal form"),
        max_length=20,
        choices=LegalForm.choices,
        default=LegalForm.REGISTERED_ASSOCIATION,
    )
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="organisations"
    )
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    communities = models.ManyToManyField(
        Community, verbose_name=_("communities / origin"), blank=True
    )
    languages = models.ManyToManyField(Language, verbose_name=_("languages"), blank=True)
    thematic_fields = models.ManyToManyField(
        ThematicField, verbose_name=_("thematic fields"), blank=True
    )
    member_count = models.PositiveIntegerField(_("number of members"), null=True, blank=True)
    has_full_time_staff = models.BooleanField(
        _("has full-time staff"),
        default=False,
        help_text=_("Leave unticked if the organisation works with volunteers only."),
    )
    roles = models.ManyToManyField(
        OrganisationRole, verbose_name=_("roles it can take"), blank=True
    )
    professionalisation_needs = models.ManyToManyField(
        ProfessionalisationTopic,
        verbose_name=_("professionalisation needs"),
        blank=True,
        related_name="organisations_in_need",
    )
    joined_on = models.DateField(
        _("in the network since"),
        null=True,
        blank=True,
        help_text=_("The day the organisation first took part in the network."),
    )
    listed_publicly = models.BooleanField(
        _("listed in the public directory"),
        default=False,
        help_text=_("Only tick this with the organisation's consent."),
    )
    is_demo = models.BooleanField(
        _("demo data"), default=False, help_text=_("Invented for the demonstration network.")
    )
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ArchivableQuerySet.as_manager()

    class Meta:
        verbose_name = _("migrant organisation")
        verbose_name_plural = _("migrant organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                "region",
                name="organisation_unique_name_per_region",
                violation_error_message=_(
                    "An organisation of this name already exists in this region."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organisations:detail", args=[self.pk])

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None


class SupportKind(models.TextChoices):
    TRAINING = "training", _("training (Schulung)")
    COACHING = "coaching", _("coaching")
    TANDEM = "tandem", _("tandem")
    ADVICE = "advice", _("advice")


class SupportMeasure(models.Model):
    """Support an organisation received for its professionalisation (seed 001)."""

    organisation = models.ForeignKey(
        MigrantOrganisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="support_received",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=SupportKind.choices)
    topic = models.ForeignKey(
        ProfessionalisationTopic,
        verbose_name=_("topic"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    received_on = models.DateField(_("date"))
    provider = models.CharField(_("provided by"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("support received")
        verbose_name_plural = _("support received")
        ordering = ["-received_on"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({short_date(self.received_on)})"
