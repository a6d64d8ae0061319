"""Reads of the guide's kit."""

from django.db.models import Prefetch, Q, QuerySet

from lotsen.core.permissions import visible_to
from lotsen.models import Attestation, Guide, GuideKit, GuideLanguage, User
from lotsen.models.kit import normalise_code


def kit_guides_for(user) -> QuerySet[Guide]:
    """The guides whose kit ``user`` may download: their own profile, or the guides of the
    regions they manage. Everyone else gets none (a 404, as if the guide did not exist)."""
    if not (user and user.is_authenticated and user.is_active):
        return Guide.objects.none()
    workspace = visible_to(user, Guide.objects.all()).values("pk")
    return (
        Guide.objects.filter(Q(pk__in=workspace) | Q(user=user))
        .select_related("region", "kit")
        .prefetch_related(
            Prefetch("languages", queryset=GuideLanguage.objects.select_related("language")),
            "organisations",
        )
    )


def kit_of(guide: Guide) -> GuideKit:
    """The guide's choices; the defaults (unsaved) when the guide never made any."""
    try:
        return guide.kit
    except GuideKit.DoesNotExist:
        return GuideKit(guide=guide)


def kit_attestations_for(user) -> QuerySet[Attestation]:
    """The attestations ``user`` may download: their own, or those of their regions."""
    if not (user and user.is_authenticated and user.is_active):
        return Attestation.objects.none()
    workspace = visible_to(user, Attestation.objects.all()).values("pk")
    return Attestation.objects.filter(Q(pk__in=workspace) | Q(guide__user=user)).select_related(
        "guide", "region", "issued_by"
    )


def coordinators_of(region) -> list[User]:
    """The active coordinators of ``region``: the coordination's contact on the kit."""
    return list(region.coordinators.filter(is_active=True).order_by("name", "email"))


def attestation_by_code(typed: str) -> Attestation | None:
    code = normalise_code(typed)
    if not code:
        return None
    return Attestation.objects.filter(code=code).only("revoked_at", "valid_until").first()
