"""Cooperating agencies and the contact persons of organisations and agencies."""

from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from organisations.models.organisations import ArchivableQuerySet, MigrantOrganisation
from regions.models import Region

# --- Cooperating agencies -------------------------------------------------------------------


class AgencyKind(models.TextChoices):
    REGIONAL_AGENCY = "regional_agency", _("Regional agency (Regionalagentur)")
    INTEGRATION_CENTRE = (
        "integration_centre",
        _("Municipal integration centre (Kommunales Integrationszentrum)"),
    )
    JOB_CENTRE = "job_centre", _("Job centre (Jobcenter)")
    EMPLOYMENT_AGENCY = "employment_agency", _("Employment agency (Agentur für Arbeit)")
    CHAMBER = "chamber", _("Chamber (IHK/HWK)")
    ECONOMIC_DEVELOPMENT = "economic_development", _("Economic development (Wirtschaftsförderung)")
    MUNICIPALITY = "municipality", _("Municipality or staff unit (Kommune/Stabsstelle)")
    EDUCATION_PROVIDER = "education_provider", _("Education provider (Bildungsträger)")
    WELFARE_ASSOCIATION = "welfare_association", _("Welfare association (Wohlfahrtsverband)")
    STATE_BODY = "state_body", _("State body (Landesstelle)")


class Agency(models.Model):
    """A cooperating agency (Kooperationspartner); without regions it works statewide."""

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=AgencyKind.choices)
    regions = models.ManyToManyField(
        Region,
        verbose_name=_("regions"),
        related_name="agencies",
        blank=True,
        help_text=_("Leave empty for a statewide agency."),
    )
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    website = models.URLField(_("website"), blank=True)
    cooperation_agreed_on = models.DateField(
        _("cooperation agreement signed on"), null=True, blank=True
    )
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ArchivableQuerySet.as_manager()

    class Meta:
        verbose_name = _("cooperating agency")
        verbose_name_plural = _("cooperating agencies")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                name="agency_unique_name",
                violation_error_message=_("An agency of this name already exists."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organisations:agency-detail", args=[self.pk])

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None


# --- Contact persons ------------------------------------------------------------------------


class ContactPerson(models.Model):
    """A person to contact at an organisation or an agency; personal data, never public."""

    organisation = models.ForeignKey(
        MigrantOrganisation,
        verbose_name=_("migrant organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="contact_persons",
    )
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("cooperating agency"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="contact_persons",
    )
    name = models.CharField(_("name"), max_length=150)
    position = models.CharField(_("position"), max_length=150, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    is_demo = models.BooleanField(
        _("demo data"), default=False, help_text=_("Invented for the demonstration network.")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(organisation__isnull=False, agency__isnull=True)
                    | Q(organisation__isnull=True, agency__isnull=False)
                ),
                name="contact_person_belongs_to_exactly_one",
                violation_error_message=_(
                    "A contact person belongs either to an organisation or to an agency."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.parent})"

    @property
    def parent(self) -> "MigrantOrganisation | Agency":
        return self.organisation or self.agency
