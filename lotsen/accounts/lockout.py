"""Failed logins are counted per account and source address together.

allauth counts failed logins per account: five wrong passwords from anywhere lock the account
for everyone, so whoever knows an address can keep its owner out by guessing. Here the count
is kept per account *and* client address (allauth's per-address limit stays as it is), and
each account has a generation number in its key: raising it (an unlock by the
Landeskoordination, a password reset) starts every count of that account afresh, from every
address, without having to know which addresses were counted.
"""

from django.core.cache import cache

# Generations outlive the counts they reset (allauth keeps a count for minutes).
_GENERATION_TTL = 60 * 60 * 24 * 30


def _generation_key(login: str) -> str:
    return f"lotsen:login-generation:{login.strip().lower()}"


def attempts_key(*, site: str, login: str, client_ip: str) -> str:
    """The key allauth counts failed logins under: site, account, address and generation."""
    generation = cache.get(_generation_key(login), 0)
    return f"{site}:{login.strip().lower()}:{client_ip}:{generation}"


def reset_failed_logins(login: str) -> None:
    """Forget every failed login of this account, from every address."""
    key = _generation_key(login)
    cache.add(key, 0, _GENERATION_TTL)
    try:
        cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, _GENERATION_TTL)
    else:
        cache.touch(key, _GENERATION_TTL)
