"""The expert pool "MO und Arbeitsmarkt": people the regional networks can call on (seed 001)."""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lotsen.core.dates import short_date
from lotsen.core.visibility import Visibility
from organisations.models.agencies import Agency
from organisations.models.organisations import ArchivableQuerySet, MigrantOrganisation
from organisations.models.terms import Language, ProfessionalisationTopic
from regions.models import Region

# The parts of an expert's profile whose publication the expert decides, as a guide does.
EXPERT_PROFILE_PARTS = ("name", "contact", "profile")


class Conditions(models.TextChoices):
    HONORARIUM = "honorarium", _("for a fee (honorarium)")
    VOLUNTEER = "volunteer", _("voluntary")


class Expert(models.Model):
    """A person from an organisation or agency, with or without an account of the portal."""

    name = models.CharField(_("name"), max_length=200)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="expert",
    )
    organisation = models.ForeignKey(
        MigrantOrganisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="experts",
    )
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("agency"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="experts",
    )
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    topics = models.ManyToManyField(
        ProfessionalisationTopic, verbose_name=_("topics"), blank=True, related_name="experts"
    )
    languages = models.ManyToManyField(
        Language, verbose_name=_("languages"), blank=True, related_name="experts"
    )
    regions = models.ManyToManyField(
        Region,
        verbose_name=_("regions served"),
        blank=True,
        related_name="experts",
        help_text=_("None ticked: the expert works statewide."),
    )
    availability = models.CharField(
        _("availability"),
        max_length=200,
        blank=True,
        help_text=_("For example: weekday evenings, two dates a month."),
    )
    conditions = models.CharField(
        _("conditions"), max_length=20, choices=Conditions.choices, default=Conditions.VOLUNTEER
    )
    profile = models.TextField(_("short profile"), blank=True)
    name_visibility = models.CharField(
        _("who sees the name"), max_length=10, choices=Visibility, default=Visibility.NOBODY
    )
    contact_visibility = models.CharField(
        _("who sees email and phone"),
        max_length=10,
        choices=Visibility,
        default=Visibility.NOBODY,
    )
    profile_visibility = models.CharField(
        _("who sees the short profile"),
        max_length=10,
        choices=Visibility,
        default=Visibility.NOBODY,
    )
    # The personal link by which the expert keeps the profile current and answers requests.
    token = models.CharField(_("personal link key"), max_length=64, unique=True, editable=False)
    is_demo = models.BooleanField(_("demo data"), default=False)
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ArchivableQuerySet.as_manager()

    class Meta:
        verbose_name = _("expert")
        verbose_name_plural = _("experts")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if not self.token:
            self.token = secrets.token_urlsafe(32)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("organisations:expert-detail", args=[self.pk])


class RequestState(models.TextChoices):
    REQUESTED = "requested", _("requested")
    ACCEPTED = "accepted", _("accepted")
    DECLINED = "declined", _("declined")


class ExpertRequest(models.Model):
    """A regional coordination asks an expert for a date and a topic (a meeting, a training
    unit); the Landeskoordination or the expert (by a personal link) accepts or declines."""

    expert = models.ForeignKey(
        Expert, verbose_name=_("expert"), on_delete=models.CASCADE, related_name="requests"
    )
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="+"
    )
    topic = models.ForeignKey(
        ProfessionalisationTopic, verbose_name=_("topic"), on_delete=models.PROTECT
    )
    date = models.DateField(_("date"))
    # A string reference: events know organisations, so organisations never import events.
    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("event"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="expert_requests",
    )
    note = models.TextField(_("note"), max_length=2000, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    state = models.CharField(
        _("state"), max_length=20, choices=RequestState.choices, default=RequestState.REQUESTED
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    # Empty with a decision: the expert decided by the personal link.
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    token = models.CharField(_("personal link key"), max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("expert request")
        verbose_name_plural = _("expert requests")
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.expert} – {self.topic} ({short_date(self.date)})"

    def save(self, *args, **kwargs):
        if not self.token:
            self.token = secrets.token_urlsafe(32)
        super().save(*args, **kwargs)
