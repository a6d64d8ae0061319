from django import forms
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from lotsen.imports.reading import MAX_FILE_SIZE
from lotsen.imports.services import ImportKind, check_file, import_regions


class UploadForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What does the file hold?"), choices=ImportKind.choices, widget=forms.RadioSelect
    )
    region = forms.ModelChoiceField(
        label=_("Region"),
        queryset=None,
        required=False,
        empty_label=_("as named in the file's column “Region”"),
        help_text=_(
            "Rows are imported into this region, unless their column “Region” names another "
            "of your regions."
        ),
    )
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "A CSV file or an Excel workbook (.xlsx) of at most 5 MB, with the column headings "
            "in the first row."
        ),
        widget=forms.FileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        regions = import_regions(user)
        self.fields["region"].queryset = regions
        if len(choices := list(regions[:2])) == 1:
            self.fields["region"].initial = choices[0].pk
        self.content: bytes = b""
        self.format = ""

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_SIZE:
            raise ValidationError(
                _("The file is larger than %(max)s. Please split it into several files.")
                % {"max": filesizeformat(MAX_FILE_SIZE)},
                code="too_large",
            )
        return upload

    def clean(self):
        cleaned = super().clean()
        upload, kind = cleaned.get("file"), cleaned.get("kind")
        if upload and kind:
            content = upload.read()
            try:
                self.format = check_file(kind=kind, data=content, filename=upload.name)[0]
            except ValidationError as error:
                self.add_error("file", error)
            else:
                self.content = content
        return cleaned
