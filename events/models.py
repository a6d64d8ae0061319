import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce, Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotsen.core.dates import short_date

# What a calendar client shows: a change to any of these is a new revision (SEQUENCE) of the
# event, which clients that subscribed to a feed or imported the .ics pick up.
SCHEDULE_FIELDS = ("title", "starts_at", "ends_at", "venue", "street", "postal_code", "city")


class EventKind(models.TextChoices):
    EXCHANGE_WORKSHOP = "exchange_workshop", _("Exchange workshop (Austauschworkshop)")
    KICK_OFF = "kick_off", _("Kick-off event (Auftaktveranstaltung)")
    INFORMATION = "information", _("Information event (Informationsveranstaltung)")
    CONFERENCE = "conference", _("Conference (Fachtagung)")
    TRAINING = "training", _("Training (Qualifizierung)")
    NETWORK_MEETING = "network_meeting", _("Network meeting (Netzwerktreffen)")
    CLOSING_CONFERENCE = "closing_conference", _("Closing conference (Abschlusstagung)")


def soonest_first() -> Coalesce:
    """The order of lists of events not yet ended: by start, soonest first.

    An expression, not the column. Ordered by the column, PostgreSQL reads the index
    events_newest_first from the oldest event on and drops years of past events before it finds
    the few still to come, as it takes those for spread evenly over the years (at a thousand
    times the demo, 93,000 rows for the dashboard's next five dates). Ordered by an expression,
    it reads the events not yet ended through events_ends_at and sorts them.
    """
    return Coalesce("starts_at", "ends_at")


class Event(models.Model):
    """Something the network meets for; without a region it is statewide."""

    title = models.CharField(_("title"), max_length=250)
    kind = models.CharField(_("kind"), max_length=30, choices=EventKind.choices)
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
        help_text=_("Leave empty for a statewide event."),
    )
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    organising_agencies = models.ManyToManyField(
        "organisations.Agency",
        verbose_name=_("organising agencies"),
        related_name="organised_events",
        blank=True,
    )
    organising_organisations = models.ManyToManyField(
        "organisations.MigrantOrganisation",
        verbose_name=_("organising migrant organisations"),
        related_name="organised_events",
        blank=True,
    )
    is_public = models.BooleanField(
        _("public"),
        default=False,
        help_text=_("Public events appear in the calendar; internal ones only in the workspace."),
    )
    description = models.TextField(_("description"), blank=True)
    takes_registrations = models.BooleanField(
        _("takes registrations"),
        default=False,
        help_text=_("Visitors of the public calendar can register for this event."),
    )
    capacity = models.PositiveIntegerField(
        _("places"),
        null=True,
        blank=True,
        help_text=_("Leave empty for no limit. Beyond it, registrations go on a waiting list."),
    )
    registration_deadline = models.DateTimeField(
        _("registration deadline"),
        null=True,
        blank=True,
        help_text=_("Leave empty to take registrations until the event starts."),
    )
    # Calendar identity: the UID never changes; SEQUENCE counts revisions of the schedule.
    uid = models.UUIDField(_("calendar UID"), default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(_("revision"), default=0, editable=False)
    attending_organisations = models.ManyToManyField(
        "organisations.MigrantOrganisation",
        verbose_name=_("attending migrant organisations"),
        related_name="attended_events",
        blank=True,
    )
    attending_agencies = models.ManyToManyField(
        "organisations.Agency",
        verbose_name=_("attending agencies"),
        related_name="attended_events",
        blank=True,
    )
    attending_guides = models.ManyToManyField(
        "lotsen.Guide",
        verbose_name=_("attending guides"),
        related_name="attended_events",
        blank=True,
    )
    headcount = models.PositiveIntegerField(
        _("number of participants"),
        null=True,
        blank=True,
        help_text=_("Everyone who came, including people not recorded by name."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=F("starts_at")),
                name="event_ends_after_start",
                violation_error_message=_("An event cannot end before it starts."),
            ),
            models.UniqueConstraint(
                fields=["title", "starts_at"],
                name="event_unique_title_and_start",
                violation_error_message=_("An event with this title already starts at this time."),
            ),
        ]
        indexes = [
            models.Index(fields=["region", "starts_at"]),
            # The workspace's list, newest first: its first page without sorting every event.
            models.Index(fields=["-starts_at", "id"], name="events_newest_first"),
            # Events not yet ended (the dashboard's next dates), among years of past ones.
            models.Index(fields=["ends_at"], name="events_ends_at"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({short_date(self.starts_at)})"

    def save(self, *args, **kwargs):
        loaded = getattr(self, "_loaded_schedule", None)
        if (
            self.pk
            and loaded
            and any(getattr(self, name) != value for name, value in loaded.items())
        ):
            self.sequence += 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "sequence"}
        super().save(*args, **kwargs)
        self._loaded_schedule = {name: getattr(self, name) for name in SCHEDULE_FIELDS}

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        # Remembered so that save() can tell a changed schedule without another query.
        loaded = zip(field_names, values, strict=True)
        instance._loaded_schedule = {name: v for name, v in loaded if name in SCHEDULE_FIELDS}
        return instance

    @property
    def registration_closes_at(self):
        """Until when registrations are taken: the deadline, and never after the start."""
        if self.registration_deadline:
            return min(self.registration_deadline, self.starts_at)
        return self.starts_at

    def registration_is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return bool(
            self.is_public and self.takes_registrations and now < self.registration_closes_at
        )


class EventReport(models.Model):
    """What happened at an event, written once afterwards.

    The same text becomes a regional item of the newsletter and a line of the interim report,
    so it is shaped like a newsletter item: headline, place-and-date line, teaser, full text.
    """

    event = models.OneToOneField(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="report"
    )
    headline = models.CharField(_("headline"), max_length=250)
    dateline = models.CharField(
        _("place and date line"),
        max_length=150,
        help_text=_("For example: Schwelm – Am 13.03.2014"),
    )
    teaser = models.TextField(_("teaser"), help_text=_("One paragraph for the newsletter."))
    body = models.TextField(_("full text"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("event report")
        verbose_name_plural = _("event reports")
        ordering = ["-event__starts_at"]

    def __str__(self) -> str:
        return self.headline


class ReportPhoto(models.Model):
    """A photo of an event report, shown with the report wherever it appears.

    Stored re-encoded (``lotsen.core.photos``) under MEDIA_ROOT, which no URL serves: the photo view
    hands it out to whoever may see the event.
    """

    report = models.ForeignKey(
        EventReport, verbose_name=_("report"), on_delete=models.CASCADE, related_name="photos"
    )
    image = models.ImageField(_("photo"), upload_to="reports/%Y/")
    alt_text = models.CharField(
        _("description for screen readers"),
        max_length=250,
        help_text=_("What the photo shows, for people who cannot see it."),
    )
    caption = models.CharField(_("caption"), max_length=250, blank=True)
    credit = models.CharField(_("photo credit"), max_length=150, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("report photo")
        verbose_name_plural = _("report photos")
        ordering = ["report", "position", "pk"]

    def __str__(self) -> str:
        return self.caption or self.alt_text


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("confirmed")
    WAITING = "waiting", _("waiting list")
    CANCELLED = "cancelled", _("cancelled")


def _new_token() -> str:
    return secrets.token_urlsafe(24)


class Registration(models.Model):
    """Someone who registered for a public event, with a seat or on its waiting list.

    Whether a registration gets a seat is decided in the database
    (``events.registrations.services``), so two people asking for the last seat at once never
    both get it.
    """

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="registrations"
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email address"))
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    interpreting = models.CharField(
        _("interpreting needed into"),
        max_length=100,
        blank=True,
        help_text=_("The language you would like an interpreter for, if any."),
    )
    accessibility = models.TextField(
        _("accessibility needs"),
        blank=True,
        help_text=_("For example step-free access, sign language or seating."),
    )
    language = models.CharField(
        _("language"), max_length=2, choices=settings.LANGUAGES, default="de"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=RegistrationStatus.choices, db_index=True
    )
    # The personal link in the confirmation mail: who holds it may see and cancel this
    # registration, nothing else.
    token = models.CharField(max_length=40, unique=True, default=_new_token, editable=False)
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    created_at = models.DateTimeField(_("registered at"), default=timezone.now, db_index=True)
    promoted_at = models.DateTimeField(
        _("moved up from the waiting list at"), null=True, blank=True
    )
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)
    # Proof of consent, as for newsletter subscribers: which text the form showed, and when it
    # was sent. Empty for registrations from before consent was recorded.
    consent_text_version = models.CharField(
        _("version of the consent text"), max_length=20, blank=True, editable=False
    )
    consent_given_at = models.DateTimeField(
        _("consent given at"), null=True, blank=True, editable=False
    )
    # The Datenschutzerklärung the form linked to when the person agreed; empty for records
    # from before it was recorded.
    privacy_text = models.ForeignKey(
        "lotsen.LegalText",
        verbose_name=_("privacy policy shown"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    # Set by the retention schedule (lotsen.retention) once the person's details were removed.
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["event", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                "event",
                Lower("email"),
                condition=~Q(status="cancelled"),
                name="registration_once_per_event_and_email",
                violation_error_message=_("This email address is already registered."),
            ),
        ]
        indexes = [models.Index(fields=["event", "status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.name} – {self.event}"
