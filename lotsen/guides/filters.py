"""Filters of the guide list and of the referral search."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lotsen.core.filters import (
    GermanOrderingFilter,
    RegionScopeFilter,
    SearchFilter,
    WorkspaceFilterSet,
    id_or_none,
)
from lotsen.core.permissions import coordinated_region_ids
from lotsen.guides.selectors import near, organisations_to_link, with_language
from lotsen.models.guides import ExpertiseArea, Guide, GuideStatus, LanguageLevel
from organisations.models import Language
from regions.scope.selectors import regions_of

NO_STATUS = "none"
ANY_STATUS = "any"


class _LanguageFilters(WorkspaceFilterSet):
    """Language and minimum level, matched together on one language entry of a guide."""

    language = django_filters.ModelChoiceFilter(
        queryset=Language.objects.all(),
        label=_("Language"),
        empty_label=_("any language"),
        method="applied_together",
    )
    level = django_filters.ChoiceFilter(
        choices=LanguageLevel.choices,
        label=_("Level at least"),
        empty_label=_("any level"),
        method="applied_together",
    )
    expertise = django_filters.ModelChoiceFilter(
        queryset=ExpertiseArea.objects.all(),
        label=_("Area of expertise"),
        empty_label=_("any area"),
    )

    def applied_together(self, queryset, name, value):
        return queryset  # see filter_queryset

    def filter_queryset(self, queryset):
        data = self.form.cleaned_data
        queryset = with_language(
            queryset, language=data.get("language"), level=data.get("level") or ""
        )
        return super().filter_queryset(queryset)


class GuideFilter(_LanguageFilters):
    q = SearchFilter(fields=["first_name", "last_name"], label=_("Name"))
    region = RegionScopeFilter()
    status = django_filters.ChoiceFilter(
        choices=[*GuideStatus.choices, (NO_STATUS, _("no status yet"))],
        label=_("Status today"),
        empty_label=_("any status"),
        method="filter_status",
    )
    organisation = django_filters.ModelChoiceFilter(
        queryset=None,
        field_name="organisations",
        label=_("Migrant organisation"),
        empty_label=_("all organisations"),
    )
    account = django_filters.ChoiceFilter(
        choices=[
            ("yes", _("has an account")),
            ("invited", _("invited, never logged in")),
            ("no", _("no account")),
        ],
        label=_("Portal account"),
        empty_label=_("all"),
        method="filter_account",
    )
    confirmed = django_filters.ChoiceFilter(
        choices=[
            ("stale", _("not confirmed for 6 months")),
            ("fresh", _("confirmed within 6 months")),
        ],
        label=_("Profile confirmed"),
        empty_label=_("all"),
        method="filter_confirmed",
    )
    order = GermanOrderingFilter(
        fields=[("last_name", "name"), ("region__name", "region"), ("status", "status"),
                ("profile_confirmed_at", "confirmed")],
        field_labels={"last_name": _("Name"), "region__name": _("Region"),
                      "status": _("Status"), "profile_confirmed_at": _("Profile confirmed")},
        text_fields=["last_name", "region__name"],
        label=_("Sort by"),
    )  # fmt: skip

    class Meta:
        model = Guide
        fields = ["q", "region", "status", "language", "level", "expertise", "organisation"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["region"].set_choices(regions_of(self.user))
        self.filters["organisation"].queryset = self._organisation_choices()

    def _organisation_choices(self):
        organisations = organisations_to_link(self.user)
        if coordinated_region_ids(self.user):
            return organisations
        # The Landeskoordination sees every organisation of the state: thousands of options
        # in one list would be unusable, so the list follows the region filter.
        self.filters["organisation"].extra["help_text"] = _(
            "Choose a region and apply the filters to pick one of its organisations."
        )
        wanted = Q(region_id=id_or_none(self.data.get("region")))
        return organisations.filter(wanted | Q(pk=id_or_none(self.data.get("organisation"))))

    def filter_status(self, queryset, name, value):
        if value == NO_STATUS:
            return queryset.filter(status__isnull=True)
        return queryset.filter(status=value)

    def filter_account(self, queryset, name, value):
        if value == "yes":
            return queryset.filter(user__isnull=False)
        if value == "invited":
            return queryset.filter(user__isnull=False, user__last_login__isnull=True)
        return queryset.filter(user__isnull=True)

    def filter_confirmed(self, queryset, name, value):
        stale = Guide.objects.stale().values("pk")
        if value == "stale":
            return queryset.filter(pk__in=stale)
        return queryset.exclude(pk__in=stale)


class ReferralFilter(_LanguageFilters):
    """One form for "who speaks Arabic and knows recognition near Hagen?"."""

    region = RegionScopeFilter(empty_label=_("all my regions"))
    place = django_filters.CharFilter(
        label=_("Place or organisation"),
        method="filter_place",
        help_text=_("A city, postal code or organisation name, e.g. Hagen."),
    )
    status = django_filters.ChoiceFilter(
        choices=[*GuideStatus.choices, (ANY_STATUS, _("any status"))],
        label=_("Status today"),
        empty_label=None,
        method="filter_status",
    )

    class Meta:
        model = Guide
        fields = ["language", "level", "expertise", "region", "place", "status"]

    def __init__(self, data=None, *args, **kwargs):
        if data is None or "status" not in data:
            # Referrals go to active guides unless asked otherwise; the form shows it.
            data = data.copy() if data is not None else {}
            data["status"] = GuideStatus.ACTIVE
        super().__init__(data, *args, **kwargs)
        self.filters["region"].set_choices(regions_of(self.user))

    def filter_place(self, queryset, name, value):
        return near(queryset, value)

    def filter_status(self, queryset, name, value):
        if value == ANY_STATUS:
            return queryset
        return queryset.filter(status=value)
