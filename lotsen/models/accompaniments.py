"""Anonymous case coding (Begleitung): one record per accompaniment a guide gave.

The coding follows the "Kennungssystem zur Bewerbererfassung" of the ARGE Saarbrücken
(language level, one of nine target sectors, how usable the home-country skills are there,
presumed motivation), so that groups can be filtered and outcomes measured. The person
accompanied stays anonymous by construction: there is no field for a name, a birth date, an
address or free text about them, so none can be typed in.
"""

import decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotsen.core.vocabulary import Term


class Sector(Term):
    """One of the nine target sectors (Zielbranchen) of the case coding."""

    class Meta(Term.Meta):
        verbose_name = _("target sector")
        verbose_name_plural = _("target sectors")
        constraints = [Term.unique_name("sector")]


class AccompanimentKind(models.TextChoices):
    JOBCENTER = "jobcenter", _("Jobcenter or Agentur für Arbeit visit")
    RECOGNITION = "recognition", _("recognition of a qualification")
    APPLICATION = "application", _("application")
    BUSINESS = "business", _("founding a business")
    LANGUAGE_COURSE = "language_course", _("language course")
    OTHER = "other", _("other")


class CaseLanguageLevel(models.TextChoices):
    """The person's German, on the Common European Framework of Reference."""

    NONE = "none", _("none")
    A1 = "A1", "A1"
    A2 = "A2", "A2"
    B1 = "B1", "B1"
    B2 = "B2", "B2"
    C1 = "C1", "C1"
    C2 = "C2", "C2"


class Usability(models.TextChoices):
    NONE = "none", _("not usable")
    PARTLY = "partly", _("partly usable")
    FULLY = "fully", _("fully usable")


class Motivation(models.TextChoices):
    LOW = "low", _("low")
    MEDIUM = "medium", _("medium")
    HIGH = "high", _("high")


class Outcome(models.TextChoices):
    NO_RESULT_YET = "open", _("no result yet")
    IN_WORK = "work", _("in work")
    IN_TRAINING = "training", _("in training")
    RECOGNITION_STARTED = "recognition_started", _("recognition started")
    RECOGNITION_GRANTED = "recognition_granted", _("recognition granted")
    REFERRED_ON = "referred", _("referred on")


class Accompaniment(models.Model):
    """One accompaniment by a guide. Anonymous: nothing here says who was accompanied."""

    guide = models.ForeignKey(
        "lotsen.Guide",
        verbose_name=_("guide"),
        on_delete=models.CASCADE,
        related_name="accompaniments",
    )
    date = models.DateField(_("date"), default=timezone.localdate)
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="accompaniments",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=AccompanimentKind)
    language_level = models.CharField(
        _("German language level"),
        max_length=4,
        choices=CaseLanguageLevel,
        default=CaseLanguageLevel.NONE,
    )
    sector = models.ForeignKey(
        Sector,
        verbose_name=_("target sector"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="accompaniments",
    )
    usability = models.CharField(
        _("usability of home-country skills"),
        max_length=10,
        choices=Usability,
        default=Usability.PARTLY,
        help_text=_("How far the skills from the home country are usable in the target sector."),
    )
    motivation = models.CharField(
        _("presumed motivation"), max_length=10, choices=Motivation, default=Motivation.MEDIUM
    )
    language = models.ForeignKey(
        "organisations.Language",
        verbose_name=_("language used"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    hours = models.DecimalField(
        _("hours"),
        max_digits=4,
        decimal_places=1,
        default=decimal.Decimal("1.0"),
        validators=[
            MinValueValidator(decimal.Decimal("0.5")),
            MaxValueValidator(decimal.Decimal("24.0")),
        ],
        help_text=_("Volunteer hours spent, including travel (0.5 to 24)."),
    )
    outcome = models.CharField(
        _("outcome"),
        max_length=20,
        choices=Outcome,
        default=Outcome.NO_RESULT_YET,
        help_text=_("Can be filled in later."),
    )
    # The request that led to this accompaniment, when there was one: it lets the coordination
    # see what came of a referral without asking the guide. Never required.
    referral = models.ForeignKey(
        "lotsen.ReferralRequest",
        verbose_name=_("referral request"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="accompaniments",
        help_text=_("If a coordinator passed this accompaniment on to you as a request."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("accompaniment")
        verbose_name_plural = _("accompaniments")
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["region", "date"], name="accompaniment_region_date")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(hours__gte=decimal.Decimal("0.5"))
                & models.Q(hours__lte=decimal.Decimal("24.0")),
                name="accompaniment_hours_range",
                violation_error_message=_("Hours must be between 0.5 and 24."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.date:%Y-%m-%d})"
