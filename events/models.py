from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    EXCHANGE_WORKSHOP = "exchange_workshop", _("Exchange workshop (Austauschworkshop)")
    KICK_OFF = "kick_off", _("Kick-off event (Auftaktveranstaltung)")
    INFORMATION = "information", _("Information event (Informationsveranstaltung)")
    CONFERENCE = "conference", _("Conference (Fachtagung)")
    TRAINING = "training", _("Training (Qualifizierung)")
    NETWORK_MEETING = "network_meeting", _("Network meeting (Netzwerktreffen)")
    CLOSING_CONFERENCE = "closing_conference", _("Closing conference (Abschlusstagung)")


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
        indexes = [models.Index(fields=["region", "starts_at"])]

    def __str__(self) -> str:
        return f"{self.title} ({self.starts_at:%d.%m.%Y})"


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
