"""Fixed-window counters in the cache (Redis in production), for rate limits."""

from django.core.cache import cache


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
