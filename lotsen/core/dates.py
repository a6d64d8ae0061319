"""Dates in running text (record names, messages) in the format of the page's language."""

import datetime

from django.utils import timezone
from django.utils.formats import date_format


def short_date(value: datetime.date | datetime.datetime) -> str:
    """02.03.2014 on German pages, 02/03/2014 on English ones; a moment in the portal's zone."""
    if isinstance(value, datetime.datetime):
        value = timezone.localdate(value)
    return date_format(value, "SHORT_DATE_FORMAT")


def short_datetime(value: datetime.datetime) -> str:
    return date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
