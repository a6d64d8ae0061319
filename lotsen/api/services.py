"""Personal API tokens: created by their owner, shown once, revoked by their owner."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from lotsen.core.api.authentication import new_key
from lotsen.models.api_tokens import ApiToken, TokenScope


@dataclass(frozen=True)
class NewToken:
    token: ApiToken
    key: str  # the secret: shown to its owner once, stored nowhere


@transaction.atomic
def create_token(*, user, name: str, scope: str = TokenScope.READ) -> NewToken:
    """A new token of ``user``; only its hash and prefix are stored."""
    key, prefix, key_hash = new_key()
    token = ApiToken.objects.create(
        user=user, name=name.strip(), scope=TokenScope(scope), prefix=prefix, key_hash=key_hash
    )
    return NewToken(token=token, key=key)


@transaction.atomic
def revoke_token(*, token: ApiToken) -> ApiToken:
    """Revoke ``token`` at once: the next request with it answers 401. Revoking twice keeps the
    first date."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])  # through save(): the change is audited
    return token
