"""Filters shared by the workspace lists."""

from html import escape

import django_filters
from django import forms
from django.forms.utils import flatatt
from django.http import QueryDict
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from lotsen.core.search import german, search


def id_or_none(value) -> int | None:
    """A primary key typed into a URL, or None for anything that is not one (no 500 on "x")."""
    return int(value) if isinstance(value, str) and value.isdigit() and len(value) < 18 else None


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
        # Each list's own order (its queryset's) unless another is chosen; named, not "---------".
        kwargs.setdefault("empty_label", _("the list's usual order"))
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


def forget_built_fields(filters: dict[str, django_filters.Filter]) -> None:
    """Drop the form fields a filter built and cached before this request.

    A filter builds its form field once and keeps it; the API's schema generator builds the
    fields of the class's own filters, which every filter set then copies. Choices set per
    request would never reach such a field, and a valid choice added since would be refused.
    """
    for declared in filters.values():
        declared.__dict__.pop("_field", None)


class WorkspaceFilterSet(django_filters.FilterSet):
    """Always bound, so defaults such as "active records only" apply to an unfiltered list."""

    def __init__(self, data=None, *args, user, **kwargs):
        super().__init__(data if data is not None else QueryDict(), *args, **kwargs)
        forget_built_fields(self.filters)
        self.user = user


STATEWIDE = "statewide"


class QuickSelect(forms.Select):
    """A select of flat choices rendered in Python, without a template per option.

    The Landeskoordination of a network a hundred times the demo's size picks from some 1,600
    regions; Django's template per option would take most of a second for that one list.
    """

    def render(self, name, value, attrs=None, renderer=None):
        selected = set(self.format_value(value))
        parts = [f'<select name="{escape(name)}"{flatatt(self.build_attrs(self.attrs, attrs))}>']
        for option_value, label in self.choices:
            option_value = "" if option_value is None else str(option_value)
            mark = " selected" if option_value in selected else ""
            # The standard library's escape: Django's adds a lazy-text check per call, which
            # costs more than the rest of this loop.
            parts.append(
                f'<option value="{escape(option_value)}"{mark}>{escape(str(label))}</option>'
            )
        parts.append("</select>")
        return mark_safe("".join(parts))  # every value and label is escaped above


class RegionScopeFilter(django_filters.ChoiceFilter):
    """One of the user's regions, or "statewide" (no region) for those who may see such rows.

    Call ``set_choices`` from the filter set's ``__init__``: the choices depend on the user.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("Region"))
        kwargs.setdefault("empty_label", _("all regions"))
        kwargs.setdefault("widget", QuickSelect)
        super().__init__(*args, choices=[], **kwargs)

    def set_choices(self, regions, *, statewide: bool = False) -> None:
        ordered = regions.order_by(german("name"))
        choices = [(str(pk), name) for pk, name in ordered.values_list("pk", "name")]
        if statewide:
            choices.insert(0, (STATEWIDE, _("statewide (no region)")))
        # A callable: the form copies every field for each request, and a list of 1,600
        # regions would be copied with it.
        self.extra["choices"] = lambda: choices

    def filter(self, qs, value):
        if not value:
            return qs
        if value == STATEWIDE:
            return qs.filter(**{f"{self.field_name}__isnull": True})
        return qs.filter(**{self.field_name: value})


def quick_choice(label, **kwargs) -> django_filters.ChoiceFilter:
    """A choice filter whose choices a ``ChoicesPerRequestFilterSet`` fills in.

    Choices are read once per request; a ModelChoiceFilter would read its table once to show
    the options and once more to check the chosen value.
    """
    return django_filters.ChoiceFilter(
        choices=[], label=label, empty_label=_("all"), widget=QuickSelect, **kwargs
    )


def term_choices(model) -> list[tuple[str, str]]:
    """(pk, label) of every term of a controlled vocabulary (languages, areas of expertise)."""
    return [(str(term.pk), term.label) for term in model.objects.all()]


class ChoicesPerRequestFilterSet(django_filters.FilterSet):
    """Always bound, so a list without parameters takes the same path as a filtered one; the
    choices of its ``quick_choice`` filters come from ``get_choices``, once per request."""

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data if data is not None else QueryDict(), *args, **kwargs)
        forget_built_fields(self.filters)
        for name, choices in self.get_choices().items():
            self.filters[name].extra["choices"] = choices

    def get_choices(self) -> dict[str, list[tuple[str, str]]]:
        return {}
