"""Filters shared by the workspace lists."""

import django_filters
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from lotsen.search import german, search


class SearchFilter(django_filters.CharFilter):
    """Free text over the given fields (full-text on PostgreSQL, substrings on SQLite)."""

    def __init__(self, *args, fields: list[str], **kwargs):
        kwargs.setdefault("label", _("Search"))
        super().__init__(*args, **kwargs)
        self.search_fields = fields

    def filter(self, qs, value):
        return search(qs, value or "", self.search_fields)


class GermanOrderingFilter(django_filters.OrderingFilter):
    """Sorts text columns as a German reader expects (ICU collation on PostgreSQL)."""

    text_fields: set[str] = set()

    def __init__(self, *args, text_fields=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.text_fields = set(text_fields)

    def get_ordering_value(self, param):
        descending = param.startswith("-")
        field = self.param_map[param.lstrip("-")]
        if field in self.text_fields:
            expression = german(field)
            return expression.desc() if descending else expression.asc()
        return f"-{field}" if descending else field


class ArchiveStateFilter(django_filters.ChoiceFilter):
    """Active records unless archived ones are asked for."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("Archive"))
        kwargs.setdefault(
            "choices",
            [("active", _("active only")), ("archived", _("archived only")), ("all", _("all"))],
        )
        kwargs.setdefault("empty_label", None)
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        # Also called without a value: an unfiltered list shows active records only.
        if value == "archived":
            return qs.filter(archived_at__isnull=False)
        if value == "all":
            return qs
        return qs.filter(archived_at__isnull=True)


class WorkspaceFilterSet(django_filters.FilterSet):
    """Always bound, so defaults such as "active records only" apply to an unfiltered list."""

    def __init__(self, data=None, *args, user, **kwargs):
        super().__init__(data if data is not None else QueryDict(), *args, **kwargs)
        self.user = user
