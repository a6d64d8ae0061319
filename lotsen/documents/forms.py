"""Forms of the document library."""

from django import forms
from django.utils.translation import gettext_lazy as _

from lotsen.core.permissions import is_admin
from lotsen.core.search import german
from lotsen.documents.files import ACCEPT, MAX_BYTES
from lotsen.documents.selectors import groups_to_choose
from lotsen.models import Document
from regions.scope.fields import RegionField
from regions.scope.selectors import regions_of


class _FileField(forms.FileField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("File"))
        kwargs.setdefault(
            "help_text",
            _("PDF, DOCX, XLSX, PPTX, ODT, JPEG, PNG or WebP; at most %(max)d MB.")
            % {"max": MAX_BYTES // (1024 * 1024)},
        )
        kwargs.setdefault("widget", forms.ClearableFileInput(attrs={"accept": ACCEPT}))
        super().__init__(**kwargs)


class DocumentForm(forms.ModelForm):
    """Title, category, audience ... and, for a new document, its first file."""

    file = _FileField()

    class Meta:
        model = Document
        field_classes = {"region": RegionField}
        fields = ["title", "description", "category", "date", "region", "audience", "group",
                  "event"]  # fmt: skip
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "audience": forms.RadioSelect,
        }

    def __init__(self, *args, user, events, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if self.instance.pk:
            del self.fields["file"]
        self.fields["region"].queryset = regions_of(user).order_by(german("name"))
        self.fields["group"].queryset = groups_to_choose(user)
        self.fields["event"].queryset = events
        if not is_admin(user):
            self.fields["region"].help_text = _(
                "One of your regions; without a region, choose one of your working groups."
            )

    def clean(self):
        cleaned = super().clean()
        audience, group = cleaned.get("audience"), cleaned.get("group")
        if audience == "group" and not group:
            self.add_error("group", _("Choose the working group the document is for."))
        if audience and audience != "group" and group:
            self.add_error(
                "group", _("A working group is chosen only for the audience “one working group”.")
            )
        if not is_admin(self.user) and not cleaned.get("region") and not group:
            self.add_error(
                "region",
                _("Choose one of your regions, or address the document to a working group."),
            )
        return cleaned


class VersionForm(forms.Form):
    file = _FileField(label=_("New version"))
