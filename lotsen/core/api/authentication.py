"""Personal tokens, sent as ``Authorization: Bearer <token>``.

Only the SHA-256 hash of a token is stored; a request's token is hashed and looked up by it,
so the database never holds anything a thief could send. A revoked token, or one of a
deactivated account, answers 401 like an unknown one.
"""

import hashlib
import secrets

from django.apps import apps
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

KEYWORD = "Bearer"
# Recognisable in logs and by secret scanners; the characters after it name the token.
TOKEN_MARK = "lotsen_"
PREFIX_LENGTH = 8


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def new_key() -> tuple[str, str, str]:
    """A fresh token: (the key shown once, its prefix, its hash)."""
    key = TOKEN_MARK + secrets.token_urlsafe(32)
    return key, key[len(TOKEN_MARK) : len(TOKEN_MARK) + PREFIX_LENGTH], hash_key(key)


class TokenAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != KEYWORD.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(
                _("The Authorization header is malformed.")
            ) from None
        try:
            key = header[1].decode()
        except UnicodeError:
            raise exceptions.AuthenticationFailed(
                _("The Authorization header is malformed.")
            ) from None
        ApiToken = apps.get_model("lotsen", "ApiToken")
        token = (
            ApiToken.objects.select_related("user")
            .filter(key_hash=hash_key(key), revoked_at__isnull=True, user__is_active=True)
            .first()
        )
        if token is None:
            raise exceptions.AuthenticationFailed(_("This token is unknown or was revoked."))
        return token.user, token

    def authenticate_header(self, request) -> str:
        return f'{KEYWORD} realm="api"'


class TokenScheme(OpenApiAuthenticationExtension):
    """How the schema describes the token (drf-spectacular finds it by the class it names)."""

    target_class = "lotsen.core.api.authentication.TokenAuthentication"
    name = "personalToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A personal token, created on the account page “API tokens”.",
        }
