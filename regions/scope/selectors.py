"""Which regions a user works in: the choices of every form and filter that files a record
under a region, and the region lists of the workspace."""

import datetime

from django.db.models import QuerySet

from lotsen.core.permissions import visible_to
from lotsen.core.search import german
from regions.models import Region, RegionQuerySet


def regions_of(user) -> RegionQuerySet:
    """The regions ``user`` may file things under: theirs, or all for the Landeskoordination."""
    return visible_to(user, Region.objects.all())


def regions_for(user, *, on: datetime.date | None = None) -> QuerySet[Region]:
    """The regions ``user`` works in, with their status on day ``on``, sorted German-style."""
    return regions_of(user).with_status(on).order_by(german("name"), "pk")
