from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lotsen.core.dates import short_date
from lotsen.core.vocabulary import Term
from regions.models import Region

# --- Controlled vocabularies ----------------------------------------------------------------


class Language(Term):
    code = models.CharField(
        _("ISO 639 code"), max_length=8, blank=True, help_text=_("For example ar, ta, tr.")
    )

    class Meta(Term.Meta):
        verbose_name = _("language")
        verbose_name_plural = _("languages")
        constraints = [Term.unique_name("language")]


class Community(Term):
    class Meta(Term.Meta):
        verbose_name = _("community")
        verbose_name_plural = _("communities")
        constraints = [Term.unique_name("community")]


class ThematicField(Term):
    class Meta(Term.Meta):
        verbose_name = _("thematic field")
        verbose_name_plural = _("thematic fields")
        constraints = [Term.unique_name("thematicfield")]


class OrganisationRole(Term):
    """The roles a migrant organisation can take towards the labour market (seed 001)."""

    class Meta(Term.Meta):
        verbose_name = _("organisation role")
        verbose_name_plural = _("organisation roles")
        constraints = [Term.unique_name("organisationrole")]


class ProfessionalisationTopic(Term):
    """Where organisations need professionalisation: Vereinsrecht, Projektmanagement, ..."""

    class Meta(Term.Meta):
        verbose_name = _("professionalisation topic")
        verbose_name_plural = _("professionalisation topics")
        constraints = [Term.unique_name("professionalisationtopic")]


# --- Migrant organisations ------------------------------------------------------------------


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
