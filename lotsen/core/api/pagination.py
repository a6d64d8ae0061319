"""Cursor pagination: stable pages however many rows are added meanwhile, and no COUNT(*)
over a large table. Each list view names its ``ordering`` (ending with a unique field)."""

from rest_framework.pagination import CursorPagination


class Cursor(CursorPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    ordering = ("pk",)
