"""Forms of the newsletter's workspace: an issue, an item per section, the time to send."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotsen.core.forms import VersionedModelForm
from lotsen.core.search import german
from newsletters.models import Issue, IssueItem, Section
from regions.scope.fields import RegionField
from regions.scope.selectors import regions_of

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME_INPUT = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024


class IssueForm(VersionedModelForm):
    class Meta(VersionedModelForm.Meta):
        model = Issue
        fields = ["number", "title", "issue_date", "copy_deadline"]
        widgets = {"issue_date": DATE_INPUT, "copy_deadline": DATE_INPUT}
        error_messages = {
            "number": {"unique": _("There is already an issue with this number.")},
        }
        help_texts = {
            "title": _("For example: Newsletter März 2014"),
            "copy_deadline": _(
                "Redaktionsschluss: items are due by this day. A week before it, coordinators "
                "of regions without an item are reminded."
            ),
        }

    def clean(self):
        cleaned_data = super().clean()
        issue_date = cleaned_data.get("issue_date")
        deadline = cleaned_data.get("copy_deadline")
        if issue_date and deadline and deadline > issue_date:
            self.add_error(
                "copy_deadline",
                ValidationError(
                    _("The copy deadline must not fall after the issue date."), code="deadline"
                ),
            )
        return cleaned_data


# --- Items, one form per section ------------------------------------------------------------


class ItemForm(VersionedModelForm):
    """The fields of one section; ``required`` names those a person must fill in."""

    required: tuple[str, ...] = ()

    class Meta(VersionedModelForm.Meta):
        model = IssueItem
        field_classes = {"region": RegionField}
        fields: list[str] = []

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        for name in self.required:
            self.fields[name].required = True
        if "region" in self.fields:
            region = self.fields["region"]
            region.queryset = regions_of(user).order_by(german("name"), "pk")
            # The rules decide who may write an item without a region: ask them about one.
            if user.has_perm("newsletters.add_issueitem", IssueItem(region=None)):
                region.empty_label = _("statewide (no region)")
                region.required = False
            else:
                region.empty_label = _("Please choose")
                region.required = True

    def clean(self):
        cleaned_data = super().clean()
        if "region" in cleaned_data:
            action = "change" if self.instance.pk else "add"
            candidate = IssueItem(section=self.instance.section, region=cleaned_data["region"])
            if not self.user.has_perm(f"newsletters.{action}_issueitem", candidate):
                self.add_error(
                    "region",
                    ValidationError(
                        _("Please choose one of your regions."), code="region_not_allowed"
                    ),
                )
        return cleaned_data


class LeadItemForm(ItemForm):
    required = ("headline", "teaser")

    class Meta(ItemForm.Meta):
        fields = ["headline", "dateline", "teaser", "body"]


class RegionalItemForm(ItemForm):
    required = ("headline", "teaser")

    class Meta(ItemForm.Meta):
        fields = ["region", "headline", "dateline", "teaser", "body"]
        help_texts = {
            "body": _(
                "Leave empty for an item taken from an event report: the full text is on the "
                "event's public page, and the newsletter links to it."
            ),
        }


class TickerItemForm(ItemForm):
    required = ("teaser",)

    class Meta(ItemForm.Meta):
        fields = ["region", "teaser"]
        labels = {"teaser": _("Text")}
        help_texts = {"teaser": _("A few sentences: what happened, when, who took part.")}


class ProductItemForm(ItemForm):
    required = ("headline",)

    class Meta(ItemForm.Meta):
        fields = ["headline", "teaser", "attachment", "link"]
        labels = {"headline": _("Title"), "teaser": _("Description")}
        help_texts = {
            "attachment": _("A PDF file of at most 10 MB, offered for download."),
            "link": _("Or a link to where the publication can be downloaded."),
        }
        widgets = {"attachment": forms.ClearableFileInput(attrs={"accept": "application/pdf"})}

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if not isinstance(upload, UploadedFile):
            return upload
        if upload.size > MAX_ATTACHMENT_BYTES:
            raise ValidationError(_("The file is larger than 10 MB."), code="too_large")
        head = upload.read(5)
        upload.seek(0)
        if head != b"%PDF-" or not upload.name.lower().endswith(".pdf"):
            raise ValidationError(_("Please upload a PDF file."), code="not_pdf")
        return upload

    def clean(self):
        cleaned_data = super().clean()
        has_download = cleaned_data.get("attachment") or cleaned_data.get("link")
        if not has_download and not (self.has_error("attachment") or self.has_error("link")):
            self.add_error(
                None,
                ValidationError(
                    _("Please upload the publication as a PDF file or give a link to it."),
                    code="no_download",
                ),
            )
        return cleaned_data


class DateItemForm(ItemForm):
    required = ("date", "headline")

    class Meta(ItemForm.Meta):
        fields = ["date", "label", "headline", "link"]
        labels = {"headline": _("Title")}
        widgets = {"date": DATE_INPUT}


ITEM_FORMS: dict[str, type[ItemForm]] = {
    Section.LEAD: LeadItemForm,
    Section.REGIONAL: RegionalItemForm,
    Section.TICKER: TickerItemForm,
    Section.PRODUCT: ProductItemForm,
    Section.DATE: DateItemForm,
}


# --- Scheduling -----------------------------------------------------------------------------


class ScheduleForm(forms.Form):
    """A day and a time, local time in Germany."""

    day = forms.DateField(label=_("Day"), widget=DATE_INPUT)
    time = forms.TimeField(label=_("Time"), widget=TIME_INPUT)

    def clean(self):
        cleaned_data = super().clean()
        day, time = cleaned_data.get("day"), cleaned_data.get("time")
        if day and time:
            when = timezone.make_aware(
                datetime.datetime.combine(day, time), timezone.get_default_timezone()
            )
            if when <= timezone.now():
                raise ValidationError(
                    _("The time to send lies in the past. Please choose a later one."),
                    code="past",
                )
            cleaned_data["when"] = when
        return cleaned_data
