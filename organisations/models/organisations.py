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
    activities = models.TextField(
        _("what the organisation does"),
        max_length=2000,
        blank=True,
        help_text=_("A few sentences for the public directory, in the organisation's words."),
    )
    audience = models.TextField(
        _("for whom"),
        max_length=500,
        blank=True,
        help_text=_("Who the organisation's offers are for."),
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
    """Support an organisation received for its professionalisation (seed 001), and when the
    coordination wants to hear how it went (the follow-up)."""

    organisation = models.ForeignKey(
        MigrantOrganisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="support_received",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=SupportKind.choices)
    topics = models.ManyToManyField(
        ProfessionalisationTopic,
        verbose_name=_("topics addressed"),
        blank=True,
        related_name="support_measures",
    )
    received_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True)
    providing_organisation = models.ForeignKey(
        MigrantOrganisation,
        verbose_name=_("providing organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="support_given",
        help_text=_("For a tandem: the experienced organisation."),
    )
    expert = models.ForeignKey(
        "organisations.Expert",
        verbose_name=_("expert"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="support_measures",
    )
    # Kept for measures recorded before providers were linked, and for providers outside the
    # network; a linked organisation or expert wins over it.
    provider = models.CharField(
        _("other provider"),
        max_length=200,
        blank=True,
        help_text=_("Only if the provider is neither an organisation nor an expert of the pool."),
    )
    note = models.TextField(_("note"), blank=True)
    follow_up_on = models.DateField(
        _("follow-up on"),
        null=True,
        blank=True,
        help_text=_("The coordinators of the region get a reminder by email on this day."),
    )
    follow_up_note = models.TextField(_("result of the follow-up"), blank=True)
    follow_up_reminded_at = models.DateTimeField(
        _("follow-up reminder sent at"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, null=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, null=True)

    class Meta:
        verbose_name = _("support measure")
        verbose_name_plural = _("support measures")
        ordering = ["-received_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("received_on")),
                name="support_measure_ends_after_start",
                violation_error_message=_("The end date cannot lie before the start date."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({short_date(self.received_on)})"

    def get_absolute_url(self) -> str:
        return reverse("organisations:support-update", args=[self.pk])

    @property
    def provider_label(self) -> str:
        if self.providing_organisation_id:
            return str(self.providing_organisation)
        if self.expert_id:
            return str(self.expert)
        return self.provider
