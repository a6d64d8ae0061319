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


# Beyond this many regions a region filter asks for a name instead of listing them: a network a
# thousand times the demo's size has 16,016 regions, 1.5 MB of options on every page with a filter.
MANY_REGIONS = 300


class RegionScopeFilter(django_filters.ChoiceFilter):
    """One of the user's regions, or "statewide" (no region) for those who may see such rows.

    While there are at most ``MANY_REGIONS`` regions to choose from, a select; beyond, a text
    field: the value is a region's key or part of its name, and every region whose name holds it
    matches. ``key`` is what the URL carries: the primary key in the workspace, the slug on public
    pages, so that links such as ``?region=muensterland`` stay readable.

    Call ``set_choices`` from the filter set's ``__init__``: the choices depend on the user.
    """

    def __init__(self, *args, key: str = "pk", statewide_value: str = STATEWIDE, **kwargs):
        kwargs.setdefault("label", _("Region"))
        kwargs.setdefault("empty_label", _("all regions"))
        kwargs.setdefault("widget", QuickSelect)
        super().__init__(*args, choices=[], **kwargs)
        self.key = key
        self.statewide_value = statewide_value
        self.regions = None  # the regions the user may choose from, once set_choices ran
        self.names: dict[str, str] = {}  # key -> name of each choice, while a select
        self.typed = False

    def set_choices(self, regions, *, statewide: bool = False, statewide_label=None) -> None:
        self.regions = regions
        ordered = regions.order_by(german("name"), "pk").values_list(self.key, "name")
        rows = list(ordered[: MANY_REGIONS + 1])
        if len(rows) > MANY_REGIONS:
            self._type_instead()
            return
        self.names = {str(key): name for key, name in rows}
        choices = list(self.names.items())
        if statewide:
            choices.insert(0, (self.statewide_value, statewide_label or _("statewide (no region)")))
        # A callable: the form copies every field for each request, and the choices with it.
        self.extra["choices"] = lambda: choices

    def _type_instead(self) -> None:
        self.typed = True
        self.field_class = forms.CharField
        self.extra = {
            "required": False,
            "max_length": 150,
            "help_text": _("The region's name or part of it."),
            "widget": forms.TextInput(attrs={"type": "search"}),
        }

    def matching_regions(self, value: str):
        """The regions a typed value stands for: the one with that key, else every region whose
        name holds it."""
        by_key = self.regions.filter(**{self.key: value}) if self._is_key(value) else None
        if by_key is not None and by_key.exists():
            return by_key
        return self.regions.filter(name__icontains=value.strip())

    def chosen_region(self, value: str) -> tuple[str, str] | None:
        """(key, name) of the one region a valid value stands for, or None (none, statewide or
        a typed part of several names)."""
        if not value or value == self.statewide_value:
            return None
        if not self.typed:
            return (value, self.names[value]) if value in self.names else None
        matching = list(self.matching_regions(value).values_list(self.key, "name")[:2])
        return (str(matching[0][0]), matching[0][1]) if len(matching) == 1 else None

    def _is_key(self, value: str) -> bool:
        return id_or_none(value) is not None if self.key == "pk" else True

    def filter(self, qs, value):
        if not value:
            return qs
        if value == self.statewide_value:
            return qs.filter(**{f"{self.field_name}__isnull": True})
        if not self.typed:
            return qs.filter(**{f"{self.field_name}__{self.key}": value})
        # A subquery, so that a row with several matching regions is listed once.
        matching = qs.model._base_manager.filter(
            **{f"{self.field_name}__in": self.matching_regions(value)}
        )
        return qs.filter(pk__in=matching.values("pk"))


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
