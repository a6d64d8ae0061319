"""The volunteer guides (Arbeitsmarktlotsinnen und -lotsen): profile, languages, status history
and completed trainings."""

import datetime
import uuid

from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotsen.core.dates import short_date
from lotsen.core.status_history import CurrentStatus, StatusChange, annotate_status
from lotsen.core.visibility import Visibility
from lotsen.core.vocabulary import Term

# A profile nobody confirmed for this long counts as stale: its guide gets a reminder, and
# coordinators see it in their lists.
PROFILE_FRESH_FOR = datetime.timedelta(days=183)

# The parts of a profile whose visibility the guide decides (``<part>_visibility`` fields).
PROFILE_PARTS = ("name", "photo", "contact", "languages", "expertise")


class ExpertiseArea(Term):
    """What a guide knows about: recognition of qualifications, job centre, founding, ..."""

    class Meta(Term.Meta):
        verbose_name = _("area of expertise")
        verbose_name_plural = _("areas of expertise")
        constraints = [Term.unique_name("expertisearea")]


class GuideStatus(models.TextChoices):
    INTERESTED = "interested", _("interested")
    IN_TRAINING = "in_training", _("in training")
    ACTIVE = "active", _("active")
    PAUSED = "paused", _("paused")
    LEFT = "left", _("left")


class ContactPreference(models.TextChoices):
    COORDINATION = "coordination", _("through my regional coordination")
    EMAIL = "email", _("by email")
    PHONE = "phone", _("by phone")


def guide_photo_path(guide: "Guide", filename: str) -> str:
    # A random name: the file name must not reveal whose photo it is.
    return f"guides/photos/{uuid.uuid4().hex}.jpg"


class LanguageLevel(models.TextChoices):
    """Common European Framework of Reference levels, plus native speakers."""

    A1 = "A1", "A1"
    A2 = "A2", "A2"
    B1 = "B1", "B1"
    B2 = "B2", "B2"
    C1 = "C1", "C1"
    C2 = "C2", "C2"
    NATIVE = "native", _("native language")

    @classmethod
    def at_least(cls, level: str) -> list[str]:
        """``level`` and every higher one, native speakers last (the members are in order)."""
        values = list(cls.values)
        return values[values.index(level) :]


class GuideQuerySet(models.QuerySet["Guide"]):
    def with_status(self, on: datetime.date | None = None) -> "GuideQuerySet":
        """Annotate ``status`` and ``status_since`` as of day ``on`` (default: today)."""
        return annotate_status(
            self, history=GuideStatusChange, owner="guide", on=on or timezone.localdate()
        )

    def not_confirmed_since(self, cutoff: datetime.datetime) -> "GuideQuerySet":
        """Guides whose profile was last confirmed (or, if never, created) before ``cutoff``."""
        return self.filter(
            Q(profile_confirmed_at__lt=cutoff)
            | Q(profile_confirmed_at__isnull=True, created_at__lt=cutoff)
        )

    def stale(self, now: datetime.datetime | None = None) -> "GuideQuerySet":
        """Guides whose profile nobody confirmed for ``PROFILE_FRESH_FOR`` (six months)."""
        return self.not_confirmed_since((now or timezone.now()) - PROFILE_FRESH_FOR)


class Guide(CurrentStatus):
    """A volunteer labour-market guide. Personal data: nothing is public without consent."""

    user = models.OneToOneField(
        "lotsen.User",
        verbose_name=_("user account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="guide",
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    region = models.ForeignKey(
        "regions.Region", verbose_name=_("region"), on_delete=models.PROTECT, related_name="guides"
    )
    organisations = models.ManyToManyField(
        "organisations.MigrantOrganisation",
        verbose_name=_("migrant organisations"),
        related_name="guides",
        blank=True,
    )
    expertise = models.ManyToManyField(
        ExpertiseArea, verbose_name=_("areas of expertise"), blank=True
    )
    availability = models.CharField(
        _("availability"),
        max_length=200,
        blank=True,
        help_text=_("For example: weekday evenings, Saturdays."),
    )
    contact_preference = models.CharField(
        _("preferred contact"),
        max_length=20,
        choices=ContactPreference.choices,
        default=ContactPreference.COORDINATION,
    )
    photo = models.ImageField(_("photo"), upload_to=guide_photo_path, blank=True)
    public_profile = models.BooleanField(
        _("public profile"),
        default=False,
        help_text=_("The guide agreed to appear in the public guide finder."),
    )
    name_visibility = models.CharField(
        _("who sees my name"), max_length=10, choices=Visibility, default=Visibility.NOBODY
    )
    photo_visibility = models.CharField(
        _("who sees my photo"), max_length=10, choices=Visibility, default=Visibility.NOBODY
    )
    contact_visibility = models.CharField(
        _("who sees my email and phone"),
        max_length=10,
        choices=Visibility,
        default=Visibility.NOBODY,
    )
    languages_visibility = models.CharField(
        _("who sees my languages"), max_length=10, choices=Visibility, default=Visibility.NOBODY
    )
    expertise_visibility = models.CharField(
        _("who sees my areas of expertise"),
        max_length=10,
        choices=Visibility,
        default=Visibility.NOBODY,
    )
    profile_confirmed_at = models.DateTimeField(
        _("profile last confirmed"),
        null=True,
        blank=True,
        help_text=_("When the guide last confirmed that the profile is still right."),
    )
    profile_reminder_sent_at = models.DateTimeField(
        _("last reminded to confirm the profile"), null=True, blank=True, editable=False
    )
    invited_at = models.DateTimeField(
        _("invited at"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("When the guide was last invited to the portal by email."),
    )
    deletion_requested_at = models.DateTimeField(_("deletion requested at"), null=True, blank=True)
    is_demo = models.BooleanField(
        _("demo data"), default=False, help_text=_("Invented for the demonstration network.")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = GuideQuerySet.as_manager()

    class Meta:
        verbose_name = _("guide")
        verbose_name_plural = _("guides")
        ordering = ["last_name", "first_name"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                condition=~Q(email=""),
                name="guide_unique_email_ci",
                violation_error_message=_("A guide with this email address already exists."),
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def status_on(self, day: datetime.date) -> str | None:
        entry = self.status_changes.filter(valid_from__lte=day).order_by("-valid_from").first()
        return entry.status if entry else None

    @property
    def status_label(self) -> str:
        """Label of the ``status`` annotated by ``Guide.objects.with_status()``."""
        status = getattr(self, "status", None)
        return GuideStatus(status).label if status else ""

    def audience(self, part: str) -> str:
        """Who may see ``part`` (one of ``PROFILE_PARTS``) outside the guide's coordination.

        "Public" takes effect only while the guide keeps the ``public_profile`` master switch
        on; with the switch off, a part the guide made public is shown to the network only
        (consent to the public includes consent to the network).
        """
        if part not in PROFILE_PARTS:
            raise ValueError(f"Unknown profile part: {part}")
        chosen = getattr(self, f"{part}_visibility")
        if chosen == Visibility.PUBLIC and not self.public_profile:
            return Visibility.NETWORK
        return chosen


class GuideLanguage(models.Model):
    guide = models.ForeignKey(
        Guide, verbose_name=_("guide"), on_delete=models.CASCADE, related_name="languages"
    )
    language = models.ForeignKey(
        "organisations.Language", verbose_name=_("language"), on_delete=models.PROTECT
    )
    level = models.CharField(_("level"), max_length=10, choices=LanguageLevel.choices)

    class Meta:
        verbose_name = _("language of a guide")
        verbose_name_plural = _("languages of guides")
        ordering = ["language__name"]
        constraints = [
            models.UniqueConstraint(fields=["guide", "language"], name="guide_language_once"),
        ]

    def __str__(self) -> str:
        return f"{self.language} ({self.get_level_display()})"


class GuideStatusChange(StatusChange):
    guide = models.ForeignKey(
        Guide, verbose_name=_("guide"), on_delete=models.CASCADE, related_name="status_changes"
    )
    status = models.CharField(_("status"), max_length=20, choices=GuideStatus)

    class Meta:
        verbose_name = _("guide status change")
        verbose_name_plural = _("guide status history")
        ordering = ["guide", "-valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["guide", "valid_from"], name="guide_one_status_change_per_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.guide}: {self.get_status_display()} ({short_date(self.valid_from)})"


class CompletedTraining(models.Model):
    """A training (Qualifizierung) a guide completed, at a portal event or elsewhere."""

    guide = models.ForeignKey(
        Guide, verbose_name=_("guide"), on_delete=models.CASCADE, related_name="trainings"
    )
    title = models.CharField(_("title"), max_length=200)
    completed_on = models.DateField(_("completed on"))
    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("event"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="completed_trainings",
    )
    provider = models.CharField(_("provided by"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("completed training")
        verbose_name_plural = _("completed trainings")
        ordering = ["-completed_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["guide", "event"],
                condition=Q(event__isnull=False),
                name="guide_training_once_per_event",
            ),
        ]

    def __str__(self) -> str:
        # The change history names a new training before it is read back from the database,
        # when the date may still be the ISO string it was created with.
        completed_on = self.completed_on
        if isinstance(completed_on, str):
            completed_on = datetime.date.fromisoformat(completed_on)
        return f"{self.title} ({short_date(completed_on)})"
