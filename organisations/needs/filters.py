import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotsen.core.filters import RegionScopeFilter, WorkspaceFilterSet
from organisations.models import Community, NeedsInvitation, QuestionnaireVersion, ThematicField
from regions.scope.selectors import regions_of


class NeedsResultFilter(WorkspaceFilterSet):
    """The results page's filters: the organisations counted, and how they are broken down."""

    region = RegionScopeFilter(field_name="organisation__region")
    community = django_filters.ModelChoiceFilter(
        field_name="organisation__communities",
        queryset=Community.objects.all(),
        label=_("Community"),
        empty_label=_("all"),
        distinct=True,
    )
    thematic_field = django_filters.ModelChoiceFilter(
        field_name="organisation__thematic_fields",
        queryset=ThematicField.objects.all(),
        label=_("Thematic field"),
        empty_label=_("all"),
        distinct=True,
    )
    version = django_filters.ModelChoiceFilter(
        label=_("Questionnaire version"),
        queryset=QuestionnaireVersion.objects.filter(sent_at__isnull=False).select_related(
            "questionnaire"
        ),
        empty_label=_("the current one"),
        method="keep",
    )
    by = django_filters.ChoiceFilter(
        label=_("Break down by"),
        choices=[
            ("region", _("region")),
            ("community", _("community")),
            ("thematic_field", _("thematic field")),
        ],
        empty_label=None,
        method="keep",
    )

    class Meta:
        model = NeedsInvitation
        fields = ["version", "region", "community", "thematic_field", "by"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["region"].set_choices(regions_of(self.user))

    @staticmethod
    def keep(queryset, name, value):
        return queryset

    @property
    def chosen_version(self) -> QuestionnaireVersion | None:
        return self.form.cleaned_data.get("version") if self.form.is_valid() else None

    @property
    def dimension(self) -> str:
        value = self.form.cleaned_data.get("by") if self.form.is_valid() else ""
        return value or "region"


class NeedsInvitationFilter(WorkspaceFilterSet):
    region = RegionScopeFilter(field_name="organisation__region")
    state = django_filters.ChoiceFilter(
        label=_("State"),
        choices=[
            ("open", _("open")),
            ("submitted", _("submitted")),
            ("expired", _("expired")),
        ],
        empty_label=_("all"),
        method="filter_state",
    )

    class Meta:
        model = NeedsInvitation
        fields = ["region", "state"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["region"].set_choices(regions_of(self.user))

    @staticmethod
    def filter_state(queryset, name, value):
        now = timezone.now()
        if value == "submitted":
            return queryset.filter(submitted_at__isnull=False)
        if value == "expired":
            return queryset.filter(submitted_at__isnull=True, expires_at__lte=now)
        return queryset.filter(submitted_at__isnull=True, expires_at__gt=now)
