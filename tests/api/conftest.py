import pytest

from lotsen.api.services import create_token, revoke_token
from lotsen.models.api_tokens import TokenScope


def bearer(key: str | None) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"} if key else {}


@pytest.fixture
def tokens(admin_user, coordinator, other_coordinator, guide):
    """A key per caller of the API matrix (tests/matrix/api.py)."""

    def key(user, scope=TokenScope.READ_WRITE):
        return create_token(user=user, name="Partner", scope=scope).key

    revoked = create_token(user=coordinator, name="Old", scope=TokenScope.READ_WRITE)
    revoke_token(token=revoked.token)
    return {
        "anonymous": None,
        "guide": key(guide.user),
        "other_coordinator": key(other_coordinator),
        "coordinator": key(coordinator),
        "admin": key(admin_user),
        "revoked": revoked.key,
        "read_only": key(coordinator, TokenScope.READ),
    }
