"""Dated status histories: the status of a thing on any past day, in one query.

Regions (cooperation status) and guides (guide status) change status over time, and reports ask
for the status *on a given day*. Each keeps one row per change; the status on day D is the
newest row whose ``valid_from`` is not after D.

Today's status is also kept on the owner itself (``CurrentStatus``), because every list, count
and filter of the workspace and the public pages asks for it: read from the history it is a
subquery per row, some 8 ms to count the guides of a network 100 times the demo's and ten times
that at 1,000. ``annotate_status`` reads the kept value for today and the history for any
other day. It is derived, never typed: signals refresh it whenever a history entry or its owner
is saved or deleted, bulk inserts call ``refresh_current_status`` themselves, and since no
entry may be dated in the future, the newest entry up to today is the newest entry; the nightly
refresh (``refresh_all_current_statuses``) covers any that was.
"""

import datetime
from typing import TypeVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, OuterRef, Subquery
from django.db.models.signals import post_delete, post_save
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


class CurrentStatus(models.Model):
    """Today's status of the owner of a history, kept beside it (see the module's docstring)."""

    # NULL, not "", for "no status yet": what the history's subquery gives for such an owner.
    current_status = models.CharField(  # noqa: DJ001
        _("status today"), max_length=20, null=True, blank=True, editable=False, db_index=True
    )
    current_status_since = models.DateField(
        _("status today since"), null=True, blank=True, editable=False
    )

    class Meta:
        abstract = True


_Rows = TypeVar("_Rows", bound=models.QuerySet)
_Change = TypeVar("_Change", bound=StatusChange)


def _latest(history: type[StatusChange], owner: str, on: datetime.date) -> models.QuerySet:
    return history.objects.filter(**{owner: OuterRef("pk")}, valid_from__lte=on).order_by(
        "-valid_from", "-pk"
    )


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
    if on == timezone.localdate() and issubclass(queryset.model, CurrentStatus):
        return queryset.annotate(status=F("current_status"), status_since=F("current_status_since"))
    latest = _latest(history, owner, on)
    return queryset.annotate(
        status=Subquery(latest.values("status")[:1]),
        status_since=Subquery(latest.values("valid_from")[:1]),
    )


def refresh_current_status(
    owners: models.QuerySet, *, history: type[StatusChange], owner: str
) -> int:
    """Set the kept status of ``owners`` from their history, in one statement."""
    latest = _latest(history, owner, timezone.localdate())
    return owners.update(
        current_status=Subquery(latest.values("status")[:1]),
        current_status_since=Subquery(latest.values("valid_from")[:1]),
    )


# (owner model, history model, name of the history's foreign key to its owner)
_HISTORIES: list[tuple[type[models.Model], type[StatusChange], str]] = []


def keep_current_status(owner_model: type[models.Model], history: type[StatusChange], owner: str):
    """Refresh ``owner_model``'s kept status whenever an entry of ``history`` or an owner is
    saved or deleted. An owner saved from a copy loaded before its history changed would write
    the old value back; refreshing after every save of an owner undoes that."""
    _HISTORIES.append((owner_model, history, owner))

    def entry_changed(sender, instance, raw=False, **kwargs):
        if raw:  # fixtures carry the kept values themselves
            return
        refresh_current_status(
            owner_model.objects.filter(pk=getattr(instance, f"{owner}_id")),
            history=history,
            owner=owner,
        )

    def owner_saved(sender, instance, raw=False, **kwargs):
        if not raw:
            refresh_current_status(
                owner_model.objects.filter(pk=instance.pk), history=history, owner=owner
            )

    uid = f"current-status-{owner_model._meta.label_lower}"
    post_save.connect(entry_changed, sender=history, dispatch_uid=f"{uid}-saved", weak=False)
    post_delete.connect(entry_changed, sender=history, dispatch_uid=f"{uid}-deleted", weak=False)
    post_save.connect(owner_saved, sender=owner_model, dispatch_uid=f"{uid}-owner", weak=False)


def refresh_all_current_statuses() -> int:
    """The nightly refresh: every owner of every history (a few statements)."""
    return sum(
        refresh_current_status(owner_model.objects.all(), history=history, owner=owner)
        for owner_model, history, owner in _HISTORIES
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
