"""Free-text search and German sorting that use PostgreSQL when it is there.

On PostgreSQL, search combines German full-text search (finds "Vereine" for "Verein") with a
substring match (finds "Tami" in "Tamilischer"); the embedded SQLite default falls back to the
substring match alone. Sorting uses the German ICU collation on PostgreSQL, so "Märkische
Region" comes before "MEO", not after "Mittleres Ruhrgebiet".
"""

from functools import reduce
from operator import and_, or_

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import F, Q, QuerySet
from django.db.models.functions import Collate

GERMAN_COLLATION = "de-x-icu"


def search(queryset: QuerySet, term: str, fields: list[str]) -> QuerySet:
    """Rows of ``queryset`` matching every word of ``term`` in one of ``fields``."""
    words = term.split()
    if not words:
        return queryset
    substring = reduce(
        and_, (reduce(or_, (Q(**{f"{f}__icontains": w}) for f in fields)) for w in words)
    )
    if connection.vendor != "postgresql":
        return queryset.filter(substring)
    full_text = SearchQuery(term, config="german", search_type="websearch")
    return queryset.annotate(search_vector=SearchVector(*fields, config="german")).filter(
        Q(search_vector=full_text) | substring
    )


def german(field: str):
    """An ordering expression for ``field`` that sorts as a German reader expects."""
    if connection.vendor == "postgresql":
        return Collate(F(field), GERMAN_COLLATION)
    return F(field)
