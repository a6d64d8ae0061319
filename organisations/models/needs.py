"""The needs assessment (Bedarfsermittlung, seed 001): a versioned questionnaire the
Landeskoordination keeps, personal invitations to organisations, and their answers.

A version that has been sent is frozen: its questions and options refuse every change, and
editing the questionnaire means starting a new version (``organisations.needs.services``).
"""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organisations.models.organisations import MigrantOrganisation
from organisations.models.terms import ProfessionalisationTopic


def new_invitation_token() -> str:
    # 256 bits: guessing a link is hopeless, so a long random value needs no hashing to be safe
    # against guessing; it stays out of the history (audit SKIPPED_FIELDS: "token").
    return secrets.token_urlsafe(32)


class FrozenVersionError(ValidationError):
    """A change to a questionnaire version that has already been sent."""


class Questionnaire(models.Model):
    title = models.CharField(_("title"), max_length=200)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("needs questionnaire")
        verbose_name_plural = _("needs questionnaires")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class QuestionnaireVersion(models.Model):
    questionnaire = models.ForeignKey(
        Questionnaire,
        verbose_name=_("questionnaire"),
        on_delete=models.CASCADE,
        related_name="versions",
    )
    number = models.PositiveIntegerField(_("version"))
    intro = models.TextField(_("introduction"), blank=True)
    released = models.BooleanField(
        _("ready to send"),
        default=False,
        help_text=_(
            "Coordinators invite to the newest version that is ready to send; a new version "
            "stays a draft until this is ticked."
        ),
    )
    sent_at = models.DateTimeField(
        _("first sent at"),
        null=True,
        blank=True,
        help_text=_("Once sent, a version never changes: editing starts a new version."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("questionnaire version")
        verbose_name_plural = _("questionnaire versions")
        ordering = ["questionnaire", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "number"],
                name="needs_version_unique_number",
                violation_error_message=_("This version number already exists."),
            )
        ]

    def __str__(self) -> str:
        return _("%(title)s, version %(number)s") % {
            "title": self.questionnaire.title,
            "number": self.number,
        }

    @property
    def is_sent(self) -> bool:
        return self.sent_at is not None


class QuestionKind(models.TextChoices):
    CHOOSE_ONE = "one", _("choose one")
    CHOOSE_SEVERAL = "several", _("choose several")
    SCALE = "scale", _("scale from 1 to 5")
    TEXT = "text", _("short text")


SCALE_MIN, SCALE_MAX = 1, 5


class _FrozenWithVersion(models.Model):
    """Rows that belong to a version and must not change once it was sent."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self._version().is_sent:
            raise FrozenVersionError(
                _("This version has been sent and can no longer be changed."), code="frozen"
            )
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self._version().is_sent:
            raise FrozenVersionError(
                _("This version has been sent and can no longer be changed."), code="frozen"
            )
        return super().delete(*args, **kwargs)

    def _version(self) -> QuestionnaireVersion:
        raise NotImplementedError


class Question(_FrozenWithVersion):
    version = models.ForeignKey(
        QuestionnaireVersion,
        verbose_name=_("version"),
        on_delete=models.CASCADE,
        related_name="questions",
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    kind = models.CharField(_("kind"), max_length=10, choices=QuestionKind.choices)
    text = models.CharField(_("question"), max_length=300)
    help_text = models.CharField(_("explanation"), max_length=300, blank=True)
    required = models.BooleanField(_("required"), default=False)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["version", "position", "pk"]

    def __str__(self) -> str:
        return self.text

    def _version(self) -> QuestionnaireVersion:
        return self.version

    @property
    def has_options(self) -> bool:
        return self.kind in (QuestionKind.CHOOSE_ONE, QuestionKind.CHOOSE_SEVERAL)


class QuestionOption(_FrozenWithVersion):
    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="options"
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    label = models.CharField(_("answer option"), max_length=200)
    topic = models.ForeignKey(
        ProfessionalisationTopic,
        verbose_name=_("professionalisation topic"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        help_text=_("Choosing this option adds the topic to the organisation's needs."),
    )

    class Meta:
        verbose_name = _("answer option")
        verbose_name_plural = _("answer options")
        ordering = ["question", "position", "pk"]

    def __str__(self) -> str:
        return self.label

    def _version(self) -> QuestionnaireVersion:
        return self.question.version


class NeedsInvitation(models.Model):
    """One organisation's personal invitation to one version of the questionnaire."""

    version = models.ForeignKey(
        QuestionnaireVersion,
        verbose_name=_("questionnaire version"),
        on_delete=models.PROTECT,
        related_name="invitations",
    )
    organisation = models.ForeignKey(
        MigrantOrganisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="needs_invitations",
    )
    email = models.EmailField(_("sent to"))
    token = models.CharField(
        max_length=64, unique=True, default=new_invitation_token, editable=False
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires at"))
    first_reminder_at = models.DateTimeField(_("first reminder at"), null=True, blank=True)
    second_reminder_at = models.DateTimeField(_("second reminder at"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("needs assessment invitation")
        verbose_name_plural = _("needs assessment invitations")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "version"],
                name="needs_invitation_one_per_version",
                violation_error_message=_(
                    "This organisation has already been invited to this version."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.version})"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None

    def is_expired(self, now=None) -> bool:
        return (now or timezone.now()) >= self.expires_at


class NeedsAnswer(models.Model):
    """The answer of one invitation to one question (a draft until the invitation is
    submitted)."""

    invitation = models.ForeignKey(
        NeedsInvitation,
        verbose_name=_("invitation"),
        on_delete=models.CASCADE,
        related_name="answers",
    )
    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.PROTECT, related_name="answers"
    )
    options = models.ManyToManyField(
        QuestionOption, verbose_name=_("chosen options"), blank=True, related_name="answers"
    )
    scale = models.PositiveSmallIntegerField(
        _("value"),
        null=True,
        blank=True,
        validators=[MinValueValidator(SCALE_MIN), MaxValueValidator(SCALE_MAX)],
    )
    text = models.CharField(_("text"), max_length=1000, blank=True)

    class Meta:
        verbose_name = _("needs assessment answer")
        verbose_name_plural = _("needs assessment answers")
        constraints = [
            models.UniqueConstraint(
                fields=["invitation", "question"], name="needs_answer_one_per_question"
            ),
            models.CheckConstraint(
                condition=models.Q(scale__isnull=True)
                | models.Q(scale__gte=SCALE_MIN, scale__lte=SCALE_MAX),
                name="needs_answer_scale_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.invitation} – {self.question}"
