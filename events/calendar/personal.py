"""The personal calendar feed of a member: its secret address, and resetting it.

The address is ``termine/mein-kalender/<user pk>-<mac>.ics``. The database holds only a random
key per account (``User.calendar_feed_key``, made with ``secrets``); the address carries a
keyed hash of it (HMAC with the project's secret key), compared in constant time. Neither a
copy of the database nor the address alone lets anyone forge another member's address. A new
key (reset) gives a new address, and the old one answers 404 from then on.
"""

import secrets
from urllib.parse import urlsplit, urlunsplit

from django.db import transaction
from django.urls import reverse
from django.utils.crypto import constant_time_compare, salted_hmac

from lotsen.core.permissions import is_member
from lotsen.models.accounts import User

SALT = "events.calendar.personal-feed"


def _mac(user: User) -> str:
    return salted_hmac(SALT, f"{user.pk}:{user.calendar_feed_key}", algorithm="sha256").hexdigest()


def feed_token(user: User) -> str:
    """The secret part of ``user``'s feed address; "" while no address was created."""
    if not user.calendar_feed_key:
        return ""
    return f"{user.pk}-{_mac(user)}"


@transaction.atomic
def reset_feed_key(*, user: User) -> str:
    """Give ``user`` a new feed address (the first one, or a replacement) and return its
    token; the previous address stops working at once."""
    user.calendar_feed_key = secrets.token_urlsafe(32)
    user.save(update_fields=["calendar_feed_key"])
    return feed_token(user)


def member_for_token(token: str) -> User | None:
    """The active member whose feed address carries ``token``, or ``None``."""
    pk, _, mac = token.partition("-")
    if not pk.isdigit() or not mac:
        return None
    user = User.objects.filter(pk=int(pk), is_active=True).exclude(calendar_feed_key="").first()
    if user is None or not is_member(user):
        return None
    return user if constant_time_compare(mac, _mac(user)) else None


def feed_links(request, user: User) -> dict[str, str] | None:
    """The address of ``user``'s feed for a page (``address``, and ``webcal`` for calendar
    apps to subscribe), or ``None`` while none was made."""
    token = feed_token(user)
    if not token:
        return None
    address = request.build_absolute_uri(reverse("calendar:member-feed", args=[token]))
    return {"address": address, "webcal": urlunsplit(urlsplit(address)._replace(scheme="webcal"))}
