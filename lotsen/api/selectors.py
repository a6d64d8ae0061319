"""Reads of the API's guide endpoints and of the token page.

The guide finder reuses the public finder's selectors unchanged: only guides who agreed, and
of each only the parts they made public (hidden parts are not even loaded). The workspace
list reuses the workspace's ``guides_for``.
"""

from django.db.models import QuerySet

from lotsen.guides.selectors import guides_for
from lotsen.models.api_tokens import ApiToken
from lotsen.models.guides import Guide
from lotsen.public.selectors import guide_cards, guide_finder

__all__ = ["active_tokens_of", "guide_cards", "guide_finder", "tokens_of", "workspace_guides"]


def workspace_guides(user) -> QuerySet[Guide]:
    return guides_for(user)


def tokens_of(user) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).order_by("revoked_at", "-created_at", "pk")


def active_tokens_of(user) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True)
