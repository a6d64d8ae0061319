from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.models import Event, EventReport
from events.workspace.selectors import event_choices_for
from lotsen.core.forms import ScopedChoicesMixin, VersionedModelForm
from regions.scope.fields import RegionField
from regions.scope.selectors import regions_of

# Works without JavaScript: browsers show their own date and time picker, and the value is read
# as local time of the portal (Europe/Berlin).
DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

FACTS = [
    "title", "kind", "region", "is_public", "venue", "street", "postal_code", "city",
    "starts_at", "ends_at", "description", "takes_registrations", "capacity",
    "registration_deadline",
]  # fmt: skip
ORGANISERS = ["organising_agencies", "organising_organisations"]
# Recorded afterwards on the attendance page only (``AttendanceForm``).
ATTENDING = ["attending_organisations", "attending_agencies", "attending_guides"]


class EventForm(VersionedModelForm):
    """A new event: its facts.

    Who organised it follows on the edit page (``EventUpdateForm``), which offers the
    organisations and agencies of the event's region once the region is known; who attended,
    on the attendance page (``AttendanceForm``).
    """

    class Meta(VersionedModelForm.Meta):
        model = Event
        field_classes = {"region": RegionField}
        fields = FACTS
        widgets = {
            "starts_at": DATETIME_INPUT,
            "ends_at": DATETIME_INPUT,
            "registration_deadline": DATETIME_INPUT,
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        region = self.fields["region"]
        region.queryset = regions_of(user)
        # The rules decide who may file statewide events: ask them about one without a region.
        if user.has_perm("events.add_event", Event(region=None)):
            region.empty_label = _("statewide (no region)")
        else:
            region.empty_label = _("Please choose")
            region.help_text = ""

    def clean(self):
        cleaned_data = super().clean()
        starts_at, ends_at = cleaned_data.get("starts_at"), cleaned_data.get("ends_at")
        if starts_at and ends_at and ends_at < starts_at:
            message = _("An event cannot end before it starts.")
            self.add_error("ends_at", ValidationError(message, code="ends_before_start"))
        deadline = cleaned_data.get("registration_deadline")
        if starts_at and deadline and deadline > starts_at:
            message = _("The registration deadline must not be after the start of the event.")
            self.add_error(
                "registration_deadline", ValidationError(message, code="deadline_after_start")
            )
        if cleaned_data.get("takes_registrations") and not cleaned_data.get("is_public"):
            message = _("Only public events take registrations: please tick “public” as well.")
            self.add_error("takes_registrations", ValidationError(message, code="not_public"))
        if "region" in cleaned_data:
            action = "change" if self.instance.pk else "add"
            candidate = Event(region=cleaned_data["region"])
            if not self.user.has_perm(f"events.{action}_event", candidate):
                message = _(
                    "Only the Landeskoordination files statewide events: please choose one of "
                    "your regions."
                )
                self.add_error("region", ValidationError(message, code="statewide"))
        return cleaned_data


class EventUpdateForm(ScopedChoicesMixin, EventForm):
    """An event's facts and organisers."""

    class Meta(EventForm.Meta):
        fields = [*FACTS, *ORGANISERS]
        widgets = {
            **EventForm.Meta.widgets,
            **dict.fromkeys(ORGANISERS, forms.CheckboxSelectMultiple),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = event_choices_for(self.user, region=self.instance.region)
        for name in ORGANISERS:
            self.scope_choices(name, choices[name])


def default_dateline(event: Event) -> str:
    """What a new report's place-and-date line starts as: "Schwelm – 13.03.2014"."""
    return f"{event.city} – {timezone.localtime(event.starts_at):%d.%m.%Y}"


class EventReportForm(VersionedModelForm):
    class Meta(VersionedModelForm.Meta):
        model = EventReport
        fields = ["headline", "dateline", "teaser", "body"]
        widgets = {"teaser": forms.Textarea(attrs={"rows": 4})}
