"""Reads of staff accounts (Landeskoordination and coordinators)."""

from django.db.models import Prefetch, QuerySet

from lotsen.core.audit import HistoryEntry, history_of
from lotsen.core.roles import Role
from lotsen.models.accounts import User
from regions.models import Region


def staff_accounts() -> QuerySet[User]:
    """Every account of the Landeskoordination and of coordinators, with their regions."""
    return User.objects.filter(role__in=[Role.ADMIN, Role.COORDINATOR]).prefetch_related(
        Prefetch("coordinated_regions", queryset=Region.objects.only("pk", "name"))
    )


def account_history(user: User) -> list[HistoryEntry]:
    return history_of(user)
