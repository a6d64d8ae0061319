"""Reads of accompaniments: a guide's own, the coordination's (without the guide's identity
in lists), and the regions whose figures a user may see."""

from django.db.models import QuerySet

from lotsen.core.permissions import visible_to
from lotsen.models.accompaniments import Accompaniment
from regions.models import Region


def accompaniments_for(user) -> QuerySet[Accompaniment]:
    """The accompaniments ``user`` may open: a guide their own, a coordinator those of their
    regions, the Landeskoordination all."""
    return visible_to(user, Accompaniment.objects.all()).select_related(
        "region", "sector", "language"
    )


def impact_regions(user) -> QuerySet[Region]:
    return visible_to(user, Region.objects.all()).order_by("name")
