"""Absolute links into the portal, for mails, calendar files and PDFs."""

from django.conf import settings


def portal_url(path: str, base_url: str = "") -> str:
    """An absolute link into the portal, also outside a request (Celery tasks).

    ``base_url`` (from the request) wins; otherwise ``PORTAL_URL`` from the settings, else the
    first allowed host.
    """
    base = base_url or getattr(settings, "PORTAL_URL", "")
    if not base:
        hosts = [h.lstrip(".") for h in settings.ALLOWED_HOSTS if h not in ("*", "")]
        base = f"{settings.ACCOUNT_DEFAULT_HTTP_PROTOCOL}://{hosts[0] if hosts else 'localhost'}"
    return base.rstrip("/") + path
