"""Forms of referral requests: the partners' public form, the coordinators' proposal and
closing forms, and the guide's answer."""

import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from lotsen.core.search import german
from lotsen.models.guides import ExpertiseArea
from lotsen.models.referrals import ReferralOutcome, ReferralRequest
from organisations.models import Language
from regions.models import Region
from regions.scope.fields import RegionField

TRAP_FIELD = "website"


def _model_field(name: str, **kwargs) -> forms.Field:
    """The form field of ``ReferralRequest.<name>``, with its label, help text and length."""
    return ReferralRequest._meta.get_field(name).formfield(**kwargs)


class ReferralRequestForm(forms.Form):
    """The public form "Lotsin oder Lotsen anfragen"; the view hands its data to
    ``services.submit_request``."""

    # Made when the empty form is shown and sent back with it: the same form sent twice
    # (a double click, a reload after a slow answer) is recognised as one request.
    submission_key = forms.UUIDField(widget=forms.HiddenInput)
    organisation = _model_field(
        "organisation", widget=forms.TextInput(attrs={"autocomplete": "organization"})
    )
    contact_name = _model_field(
        "contact_name", widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = _model_field("email", widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    phone = _model_field("phone", widget=forms.TextInput(attrs={"autocomplete": "tel"}))
    languages = forms.ModelMultipleChoiceField(
        queryset=Language.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label=_("Languages the guide should speak"),
        error_messages={"required": _("Choose at least one language.")},
    )
    topics = forms.ModelMultipleChoiceField(
        queryset=ExpertiseArea.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label=_("Topics"),
        help_text=_("What the accompaniment is about."),
        error_messages={"required": _("Choose at least one topic.")},
    )
    region = RegionField(
        queryset=Region.objects.none(),
        required=False,
        label=_("Region"),
        empty_label=_("I don't know"),
        help_text=ReferralRequest._meta.get_field("region").help_text,
    )
    place = _model_field("place")
    time_frame = _model_field("time_frame")
    note = _model_field(
        "note",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Please write no names, dates of birth, addresses or other personal data of the "
            "person to be accompanied: describe only what the guide needs to know to decide, "
            'e.g. "an appointment about the recognition of a nursing degree".'
        ),
    )
    consent = forms.BooleanField(
        label=_("I agree that my details are used to arrange a guide."),
        help_text=_(
            "Your regional coordination sees your details. The guide who takes the request "
            "learns your organisation, name and contact details, so that you can agree on the "
            "next steps. Nothing is published."
        ),
        error_messages={
            "required": _("Please agree to the use of your details: without it we cannot "
                          "arrange a guide.")
        },
    )  # fmt: skip
    # A trap for robots that fill in every field; people never see it (hidden by CSS).
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("submission_key", uuid.uuid4())
        super().__init__(*args, **kwargs)
        self.fields["languages"].queryset = Language.objects.order_by(german("name"), "pk")
        self.fields["topics"].queryset = ExpertiseArea.objects.order_by(german("name"), "pk")
        self.fields["region"].queryset = Region.objects.order_by(german("name"), "pk")
        for name in ("phone", "place", "note"):
            field = self.fields[name]
            field.label = _("%(label)s (optional)") % {"label": capfirst(field.label)}

    @property
    def visible_fields_without_trap(self):
        return [field for field in self.visible_fields() if field.name != TRAP_FIELD]

    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get(TRAP_FIELD))

    def clean_submission_key(self):
        return self.cleaned_data["submission_key"] or uuid.uuid4()

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("place") and not cleaned.get("region"):
            raise ValidationError(
                _("Please choose a region or name a place, so that we find a guide nearby."),
                code="where",
            )
        return cleaned


class ProposeForm(forms.Form):
    """The guides a coordinator proposes a request to, out of those they may refer to."""

    guides = forms.ModelMultipleChoiceField(
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        label=_("Propose to"),
        error_messages={"required": _("Choose at least one guide.")},
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["guides"].queryset = candidates


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[("", "–"), *ReferralOutcome.choices],
        error_messages={"required": _("Choose an outcome.")},
    )


class AnswerForm(forms.Form):
    """The guide's answer: accept (with the contact details to share) or decline."""

    decision = forms.ChoiceField(
        choices=[("accept", _("accept")), ("decline", _("decline"))],
        widget=forms.HiddenInput,
        error_messages={"required": _("Please accept or decline the request.")},
    )
    share_email = forms.BooleanField(required=False)
    share_phone = forms.BooleanField(required=False)

    def __init__(self, *args, guide, **kwargs):
        super().__init__(*args, **kwargs)
        if guide.email:
            self.fields["share_email"].label = _("Share my email address %(email)s") % {
                "email": guide.email
            }
        else:
            del self.fields["share_email"]
        if guide.phone:
            self.fields["share_phone"].label = _("Share my phone number %(phone)s") % {
                "phone": guide.phone
            }
        else:
            del self.fields["share_phone"]
