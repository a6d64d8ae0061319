"""Counts of related rows beside each row of a list, as subqueries.

A list page that joins and groups to count (``Count("guides")``) must aggregate every row of
the table before it can sort and cut its page of 50; a count per row in a subquery leaves
the outer query ungrouped, so an index in the list's order can stop after the page.
"""

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce


def count_per(queryset: QuerySet, field: str) -> Coalesce:
    """The number of rows of ``queryset`` whose ``field`` is the outer row, as a subquery."""
    counted = (
        queryset.filter(**{field: OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)
