"""Dated status histories: the status of a thing on any past day, in one query.

Regions (cooperation status) and guides (guide status) change status over time, and reports ask
for the status *on a given day*. Each keeps one row per change; the status on day D is the
newest row whose ``valid_from`` is not after D.
"""

import datetime
from typing import TypeVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class StatusChange(models.Model):
    """One entry of a history: ``status`` holds from ``valid_from`` until the next entry."""

    valid_from = models.DateField(_("valid from"))
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        abstract = True


_Rows = TypeVar("_Rows", bound=models.QuerySet)
_Change = TypeVar("_Change", bound=StatusChange)


def annotate_status(
    queryset: _Rows,
    *,
    history: type[StatusChange],
    owner: str,
    on: datetime.date,
) -> _Rows:
    """Annotate ``status`` and ``status_since`` as they stood on day ``on``.

    Rows without any entry up to that day get ``None`` for both (not yet in the network).
    """
    latest = history.objects.filter(**{owner: OuterRef("pk")}, valid_from__lte=on).order_by(
        "-valid_from", "-pk"
    )
    return queryset.annotate(
        status=Subquery(latest.values("status")[:1]),
        status_since=Subquery(latest.values("valid_from")[:1]),
    )


def record_status_change(
    *,
    history: type[_Change],
    owner: str,
    instance: models.Model,
    status: str,
    valid_from: datetime.date,
    note: str = "",
    recorded_by=None,
) -> _Change:
    """Record that ``instance`` has ``status`` from ``valid_from`` on.

    A second change on the same day replaces the first, so the history keeps one entry per day.
    Dates in the future are refused: the history records what happened.
    """
    if valid_from > timezone.localdate():
        raise ValidationError(
            _("A status change cannot be dated in the future."), code="future_status_change"
        )
    entry, _created = history.objects.update_or_create(
        **{owner: instance},
        valid_from=valid_from,
        defaults={"status": status, "note": note, "recorded_by": recorded_by},
    )
    return entry
