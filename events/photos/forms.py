"""Forms of the report photos page: one to upload a photo, a formset to describe and order them."""

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from events.models import ReportPhoto
from events.photos.services import MAX_PHOTOS
from lotsen.core.photos import reencode_photo

# Report photos appear large on the public event page and in the newsletter's PDF.
STORED_SIDE = 1600


class PhotoUploadForm(forms.ModelForm):
    image = forms.FileField(
        label=_("Photo"),
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        help_text=_(
            "JPEG, PNG or WebP, at most 5 MB. We store a copy of at most 1600 pixels a side "
            "without the data your camera adds (place, time, device). Only upload photos whose "
            "author agreed, and on which everyone recognisable agreed to be shown."
        ),
    )

    class Meta:
        model = ReportPhoto
        fields = ["image", "alt_text", "caption", "credit"]

    def clean_image(self):
        image = self.cleaned_data.get("image")
        if isinstance(image, UploadedFile):
            return reencode_photo(image, stored_side=STORED_SIDE)
        return image


class PhotoEditForm(forms.ModelForm):
    class Meta:
        model = ReportPhoto
        fields = ["alt_text", "caption", "credit", "position"]
        # Not the model's "position": in German that word is a contact person's job title.
        labels = {"position": _("Place in the order")}
        help_texts = {"position": _("Photos are shown in ascending order of this number.")}


# Only the report's own photos can be edited: no new rows (edit_only), and no more forms than a
# report has photos, whatever a tampered TOTAL_FORMS says.
PhotoFormSet = forms.modelformset_factory(
    ReportPhoto,
    form=PhotoEditForm,
    extra=0,
    edit_only=True,
    can_delete=False,
    max_num=MAX_PHOTOS,
    absolute_max=MAX_PHOTOS,
    validate_max=True,
)
