"""The API's rate limits (README: API): per client address without a token, per token with
one. The rates are ``settings.API_RATES``; counters live in the cache (Redis in production)."""

from rest_framework.throttling import SimpleRateThrottle

from lotsen.core.throttle import client_address


class AnonymousThrottle(SimpleRateThrottle):
    scope = "anonymous"

    def get_cache_key(self, request, view):
        if request.auth is not None:
            return None
        return self.cache_format % {"scope": self.scope, "ident": client_address(request)}


class TokenThrottle(SimpleRateThrottle):
    scope = "token"

    def get_cache_key(self, request, view):
        if request.auth is None:
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.auth.pk}
