"""The form of a message to a group, and each account's choices for messages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from lotsen.messages.selectors import audiences_for, events_to_write_about, groups_to_write_to
from lotsen.models import MessageAudience, MessageSettings


class AudienceForm(forms.Form):
    """Step one (GET): whom to write to."""

    audience = forms.ChoiceField(label=_("Recipients"), choices=[], widget=forms.RadioSelect)
    event = forms.ModelChoiceField(
        label=_("Event"), queryset=None, required=False, empty_label=_("choose an event")
    )
    group = forms.ModelChoiceField(
        label=_("Working group"), queryset=None, required=False, empty_label=_("choose a group")
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["audience"].choices = audiences_for(user)
        self.fields["event"].queryset = events_to_write_about(user)
        self.fields["group"].queryset = groups_to_write_to(user)

    def clean(self):
        cleaned = super().clean()
        audience = cleaned.get("audience")
        if audience == MessageAudience.EVENT_REGISTRANTS and not cleaned.get("event"):
            self.add_error("event", _("Choose the event whose registrants you write to."))
        if audience == MessageAudience.GROUP and not cleaned.get("group"):
            self.add_error("group", _("Choose the working group you write to."))
        return cleaned


class MessageForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(
        label=_("Text"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_(
            "Plain text. Each recipient gets a greeting with their name and a footer saying why "
            "they receive it; replies go to your address."
        ),
    )


class SettingsForm(forms.ModelForm):
    class Meta:
        model = MessageSettings
        fields = ["language", "opted_out"]
        help_texts = {
            "opted_out": _(
                "Messages the coordination writes to many guides at once or to a working group. "
                "Mails about your own account, referral requests and events you registered for "
                "still reach you."
            ),
        }
