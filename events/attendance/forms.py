"""Recording who came to an event."""

from django import forms
from django.utils.translation import gettext_lazy as _

from events.models import Event, Registration, RegistrationStatus
from events.workspace.forms import ATTENDING
from events.workspace.selectors import event_choices_for
from lotsen.core.forms import ScopedChoicesMixin, VersionedModelForm
from lotsen.core.search import german


class RegistrationChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Registration) -> str:
        return f"{obj.name} ({obj.organisation})" if obj.organisation else obj.name


class AttendanceForm(ScopedChoicesMixin, VersionedModelForm):
    """Who came to an event: its confirmed registrations, organisations, agencies, guides.

    The one place where attendance is recorded; ``events.attendance.services.record_attendance``
    saves it.
    """

    registrations = RegistrationChoiceField(
        queryset=Registration.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Registered participants who came"),
    )

    class Meta(VersionedModelForm.Meta):
        model = Event
        fields = [*ATTENDING, "headcount"]
        widgets = dict.fromkeys(ATTENDING, forms.CheckboxSelectMultiple)

    field_order = ["registrations", *ATTENDING, "headcount"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        choices = event_choices_for(user, region=self.instance.region)
        for name in ATTENDING:
            # Guides of other regions are personal data: counted, not named.
            self.scope_choices(name, choices[name], personal=name == "attending_guides")
        confirmed = Registration.objects.filter(
            event=self.instance, status=RegistrationStatus.CONFIRMED
        ).order_by(german("name"), "pk")
        field = self.fields["registrations"]
        field.queryset = confirmed
        registered = list(confirmed)
        self.has_registrations = bool(registered)
        field.initial = [registration.pk for registration in registered if registration.attended]
        self.fields["headcount"].help_text = _(
            "Everyone who came, including people not recorded by name. Leave empty to count "
            "the ticked participants and guides."
        )
