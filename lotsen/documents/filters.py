"""Filters of the document library."""

import django_filters
from django.utils.translation import gettext_lazy as _

from lotsen.core.filters import RegionScopeFilter, SearchFilter, WorkspaceFilterSet
from lotsen.documents.selectors import groups_to_choose
from lotsen.models import Document, DocumentCategory
from regions.models import Region


class DocumentFilter(WorkspaceFilterSet):
    # German full-text search on PostgreSQL over title, description and the file's text.
    q = SearchFilter(fields=["title", "description", "text"], label=_("Search"))
    category = django_filters.ChoiceFilter(
        choices=DocumentCategory.choices, label=_("Category"), empty_label=_("all categories")
    )
    region = RegionScopeFilter()
    group = django_filters.ModelChoiceFilter(
        queryset=None, label=_("Working group"), empty_label=_("all")
    )
    year = django_filters.NumberFilter(field_name="date__year", label=_("Year"))

    class Meta:
        model = Document
        fields = ["q", "category", "region", "group", "year"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Documents of every region are visible to members: every region is a choice.
        self.filters["region"].set_choices(Region.objects.all(), statewide=True)
        self.filters["group"].queryset = groups_to_choose(self.user)
