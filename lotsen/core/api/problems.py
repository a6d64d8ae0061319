"""Errors as RFC 9457 problem details (``application/problem+json``), in the language the
request asked for (``Accept-Language``, German by default)."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

PROBLEM_TYPE = "application/problem+json"


def _titles() -> dict[int, str]:
    return {
        400: _("Invalid request"),
        401: _("Authentication required"),
        403: _("Permission denied"),
        404: _("Not found"),
        405: _("Method not allowed"),
        406: _("Not acceptable"),
        415: _("Unsupported media type"),
        409: _("Conflict"),
        429: _("Too many requests"),
    }


class Conflict(exceptions.APIException):
    """A change that would overwrite a newer one."""

    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


def problem(status_code: int, detail: str, **extra) -> Response:
    title = _titles().get(status_code, _("Error"))
    body = {"type": "about:blank", "title": title, "status": status_code, "detail": detail}
    return Response({**body, **extra}, status=status_code, content_type=PROBLEM_TYPE)


def exception_handler(exc, context):
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(_("No such record, or not one you may see."))
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None  # a bug: Django's 500 handling and logging take over
    extra = {}
    if isinstance(exc, exceptions.ValidationError):
        detail = _("Some values are invalid; see “errors”.")
        extra["errors"] = response.data
    else:
        detail = str(getattr(exc, "detail", "")) or _titles().get(response.status_code, "")
    result = problem(response.status_code, detail, **extra)
    for header in ("WWW-Authenticate", "Retry-After", "Allow"):
        if header in response:
            result[header] = response[header]
    if response.status_code == status.HTTP_401_UNAUTHORIZED and "WWW-Authenticate" not in result:
        result["WWW-Authenticate"] = 'Bearer realm="api"'
    return result


@csrf_exempt  # no session is read here: a PATCH to a wrong address is a 404 like a GET
def not_found(request, *args, **kwargs) -> JsonResponse:
    """Any other path under /api/v1/ (``/events/-1/``, a typo): a problem, not the HTML page."""
    if settings.LANGUAGE_COOKIE_NAME not in request.COOKIES:
        translation.activate(translation.get_language_from_request(request))
    body = {
        "type": "about:blank",
        "title": _titles()[404],
        "status": 404,
        "detail": _("There is no endpoint at this address."),
    }
    return JsonResponse(body, status=404, content_type=PROBLEM_TYPE)
