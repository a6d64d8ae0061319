from django import forms

from lotsen.core.forms import VersionedModelForm
from lotsen.models import ContactNote

DATE = {"type": "date"}


class ContactNoteForm(VersionedModelForm):
    class Meta(VersionedModelForm.Meta):
        model = ContactNote
        fields = ["kind", "happened_on", "who", "summary", "next_step", "next_step_on", "shareable"]
        widgets = {
            "happened_on": forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
            "next_step_on": forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
            "summary": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.guide_id is None:
            # Only a guide can be shown a note; organisations and agencies never see the log.
            del self.fields["shareable"]

    def clean(self):
        from django.utils.translation import gettext as _

        data = super().clean()
        happened, next_on = data.get("happened_on"), data.get("next_step_on")
        if happened and next_on and next_on < happened:
            self.add_error("next_step_on", _("The next step cannot lie before the contact."))
        if next_on and not data.get("next_step"):
            self.add_error("next_step", _("Say what the next step is, or remove its date."))
        return data
