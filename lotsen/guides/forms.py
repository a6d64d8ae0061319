"""Forms for guides: the coordinators' guide form, the status form and the guide's own profile."""

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from lotsen.core.forms import VersionedModelForm
from lotsen.core.permissions import coordinated_region_ids
from lotsen.core.photos import reencode_photo
from lotsen.guides.selectors import organisations_to_link
from lotsen.models.guides import Guide, GuideLanguage, GuideStatus
from organisations.models import MigrantOrganisation
from regions.scope.fields import RegionField
from regions.scope.selectors import regions_of

# --- Languages with CEFR levels -------------------------------------------------------------


class LanguageRowForm(forms.ModelForm):
    class Meta:
        model = GuideLanguage
        fields = ["language", "level"]


class BaseLanguageFormSet(forms.BaseInlineFormSet):
    """Spare empty rows are ignored; a language may appear only once."""

    @cached_property
    def _language_choices(self) -> list:
        return list(self.form.base_fields["language"].choices)

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        # Every row offers the same languages: read them once, not once per row.
        form.fields["language"].choices = self._language_choices
        return form

    def clean(self):
        # Replaces the generic "duplicate data" check with a message naming the language.
        if any(self.errors):
            return
        seen = set()
        for form in self.forms:
            if not form.has_changed() or self._should_delete_form(form):
                continue
            language = form.cleaned_data.get("language")
            if language in seen:
                raise forms.ValidationError(
                    _("%(language)s is listed twice. Please keep one row per language."),
                    code="duplicate_language",
                    params={"language": language},
                )
            seen.add(language)


LanguageFormSet = forms.inlineformset_factory(
    Guide,
    GuideLanguage,
    form=LanguageRowForm,
    formset=BaseLanguageFormSet,
    extra=3,
    can_delete=True,
    max_num=30,
    validate_max=True,
)


def language_formset(data=None, *, instance: Guide) -> BaseLanguageFormSet:
    return LanguageFormSet(data, instance=instance, prefix="languages")


# --- Coordinators ---------------------------------------------------------------------------


class GuideForm(VersionedModelForm):
    """A guide's master data as a coordinator keeps it; consent stays the guide's own choice."""

    class Meta(VersionedModelForm.Meta):
        model = Guide
        field_classes = {"region": RegionField}
        fields = [
            "first_name", "last_name", "email", "phone", "region", "organisations", "expertise",
            "availability", "contact_preference",
        ]  # fmt: skip
        widgets = {
            "organisations": forms.CheckboxSelectMultiple,
            "expertise": forms.CheckboxSelectMultiple,
            "contact_preference": forms.RadioSelect,
        }
        help_texts = {
            "email": _(
                "Needed for the invitation to the portal. Changing it later does not change "
                "the address the guide logs in with."
            ),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions_of(user)
        linkable = organisations_to_link(user)
        if self.instance.pk and not coordinated_region_ids(user):
            # The Landeskoordination would otherwise scroll through every organisation.
            linkable = linkable.filter(region=self.instance.region_id)
        choices = Q(pk__in=linkable.values("pk"))
        if self.instance.pk:
            # Links made earlier (by the Landeskoordination, or to an organisation archived
            # since) stay ticked instead of disappearing silently on the next save.
            choices |= Q(pk__in=self.instance.organisations.values("pk"))
        self.fields["organisations"].queryset = MigrantOrganisation.objects.filter(
            choices
        ).order_by("name")


class GuideCreateForm(GuideForm):
    initial_status = forms.ChoiceField(
        label=_("Status"),
        choices=GuideStatus.choices,
        initial=GuideStatus.INTERESTED,
        help_text=_("The guide's status from today on; later changes are kept as a history."),
    )


class GuideStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=GuideStatus.choices)
    valid_from = forms.DateField(
        label=_("Valid from"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("The day the change took effect; today or earlier."),
    )
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["valid_from"].initial = timezone.localdate()

    def clean_valid_from(self):
        day = self.cleaned_data["valid_from"]
        if day > timezone.localdate():
            raise forms.ValidationError(
                _("A status change cannot be dated in the future."), code="future_status_change"
            )
        return day


# --- The guide's own profile ----------------------------------------------------------------


class ProfileForm(VersionedModelForm):
    """What a guide keeps up to date about themselves, and who may see which part of it."""

    photo = forms.FileField(
        label=_("New photo"),
        required=False,
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        help_text=_(
            "JPEG, PNG or WebP, at most 5 MB. We store a smaller copy without the data your "
            "camera adds (place, time, device)."
        ),
    )
    remove_photo = forms.BooleanField(label=_("Remove my photo"), required=False)

    class Meta(VersionedModelForm.Meta):
        model = Guide
        fields = [
            "email", "phone", "contact_preference", "availability", "expertise", "photo",
            "public_profile", "name_visibility", "photo_visibility", "contact_visibility",
            "languages_visibility", "expertise_visibility",
        ]  # fmt: skip
        labels = {
            "email": _("Email address for contacts"),
            "public_profile": _("Show me in the public guide finder"),
        }
        help_texts = {
            "email": _("Shown as your contact address; you keep logging in with your account."),
            "public_profile": _(
                "Your master switch for the public. Off: nothing about you appears on the "
                "public pages, whatever you choose below. On: the parts you set to “public "
                "directory” appear in the public guide finder."
            ),
            "name_visibility": _("Your first and last name."),
            "photo_visibility": _("The photo above, if you uploaded one."),
            "contact_visibility": _("Your email address and phone number."),
            "languages_visibility": _("Your languages and their levels."),
            "expertise_visibility": _("Your areas of expertise."),
        }
        widgets = {
            "expertise": forms.CheckboxSelectMultiple,
            "contact_preference": forms.RadioSelect,
            "name_visibility": forms.RadioSelect,
            "photo_visibility": forms.RadioSelect,
            "contact_visibility": forms.RadioSelect,
            "languages_visibility": forms.RadioSelect,
            "expertise_visibility": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.photo:
            del self.fields["remove_photo"]

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if isinstance(photo, UploadedFile):
            return reencode_photo(photo)
        return photo

    def clean(self):
        cleaned = super().clean()
        new_upload = self.files.get(self.add_prefix("photo"))
        if cleaned.get("remove_photo") and not new_upload:
            cleaned["photo"] = False  # clears the model field
        return cleaned
