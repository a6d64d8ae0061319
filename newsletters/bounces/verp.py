"""VERP: each delivery's envelope sender names the delivery, so a bounce report tells which.

With ``NEWSLETTER_BOUNCE_ADDRESS = "bounces@example.org"`` delivery 42 goes out with the
Return-Path ``bounces+42-<mac>@example.org``. The MAC (a truncated HMAC keyed by the secret
key) keeps strangers from bouncing other people's subscriptions with forged reports. It is
lower-case hexadecimal because some mail servers fold the local part to lower case.
"""

from django.conf import settings
from django.utils.crypto import constant_time_compare, salted_hmac

__all__ = ["HEADER", "delivery_id_from_address", "delivery_id_from_token", "return_path", "token"]

# Each copy also names its delivery in this header, for reports that quote the original
# message but lost the envelope (forwarded, or sent to the From address).
HEADER = "X-Lotsen-Delivery"
_SALT = "newsletters.bounces.verp"
_MAC_LENGTH = 16


def _mac(delivery_id: int) -> str:
    return salted_hmac(_SALT, str(delivery_id), algorithm="sha256").hexdigest()[:_MAC_LENGTH]


def token(delivery_id: int) -> str:
    """The signed token of a delivery: ``<id>-<mac>``."""
    return f"{delivery_id}-{_mac(delivery_id)}"


def delivery_id_from_token(value: str) -> int | None:
    """The delivery a token names, or None for anything not signed by this portal."""
    number, _sep, mac = value.strip().lower().partition("-")
    if not number.isdigit() or len(number) > 18 or not mac:
        return None
    delivery_id = int(number)
    return delivery_id if constant_time_compare(mac, _mac(delivery_id)) else None


def return_path(delivery_id: int) -> str | None:
    """The envelope sender for a delivery, or None when no bounce address is configured."""
    address = settings.NEWSLETTER_BOUNCE_ADDRESS
    if not address:
        return None
    local, _at, domain = address.rpartition("@")
    return f"{local}+{token(delivery_id)}@{domain}"


def delivery_id_from_address(address: str) -> int | None:
    """The delivery a VERP address (``bounces+<token>@domain``) names, if it is ours."""
    configured = settings.NEWSLETTER_BOUNCE_ADDRESS
    if not configured:
        return None
    address = address.strip().strip("<>").lower()
    local, _at, domain = address.rpartition("@")
    base_local, _at, base_domain = configured.lower().rpartition("@")
    prefix = f"{base_local}+"
    if domain != base_domain or not local.startswith(prefix):
        return None
    return delivery_id_from_token(local[len(prefix) :])
