"""Fixed-window counters in the cache (Redis in production), for rate limits."""

from allauth.account.adapter import get_adapter
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.shortcuts import render


def allow(key: str, *, limit: int, window: int) -> bool:
    """Count one more use of ``key``; ``False`` once it was used more than ``limit`` times
    within ``window`` seconds of its first use."""
    key = f"throttle:{key}"
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # the window ended between add() and incr()
        cache.set(key, 1, timeout=window)
        count = 1
    return count <= limit


def client_address(request) -> str:
    """The address a public form's rate limit counts: the one allauth's login limits use (it
    honours the trusted-proxy setting)."""
    try:
        return get_adapter(request).get_client_ip(request)
    except PermissionDenied:  # no address at all: one shared bucket rather than no limit
        return "unknown"


# Personal links (a needs questionnaire, an expert's request or profile): their keys are long
# and random, and guessing them from one address is slowed down further.
LINK_REQUESTS_PER_ADDRESS = 60
LINK_WINDOW = 600  # seconds


def link_guessing_refused(request, kind: str):
    """The 429 page once this address opened too many personal links of ``kind``, else None."""
    key = f"{kind}-link:{client_address(request)}"
    if allow(key, limit=LINK_REQUESTS_PER_ADDRESS, window=LINK_WINDOW):
        return None
    return render(request, "throttled.html", status=429)
