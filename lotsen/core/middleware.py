from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class GermanFirstLocaleMiddleware(LocaleMiddleware):
    """German unless the user chose another language with the language switch.

    The browser's Accept-Language is ignored on purpose: the network works in German, and many
    of its users run browsers set to English or to their first language; the switch is one click.
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = dict(settings.LANGUAGES)
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


# Browser features no page of the portal uses, switched off for its pages and anything they
# embed: a script that got in (or a third-party frame) can neither ask for the camera or the
# location nor track for ads. "browsing-topics" is the successor of FLoC's "interest-cohort",
# which current browsers no longer know and would report as an error on every page.
PERMISSIONS_POLICY = (
    ", ".join(
        f"{feature}=()"
        for feature in (
            "accelerometer",
            "ambient-light-sensor",
            "autoplay",
            "bluetooth",
            "browsing-topics",
            "camera",
            "display-capture",
            "encrypted-media",
            "geolocation",
            "gyroscope",
            "hid",
            "idle-detection",
            "local-fonts",
            "magnetometer",
            "microphone",
            "midi",
            "payment",
            "picture-in-picture",
            "screen-wake-lock",
            "serial",
            "usb",
            "xr-spatial-tracking",
        )
    )
    + ", publickey-credentials-get=(self)"
)  # passkeys for two-factor login on the portal itself


class PermissionsPolicyMiddleware:
    """``Permissions-Policy`` on every response, static files (WhiteNoise) and errors included:
    it comes first in ``MIDDLEWARE``. Django's SecurityMiddleware does not set this header."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
