"""Errors as RFC 9457 problem details (``application/problem+json``), in the language the
request asked for (``Accept-Language``, German by default)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
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
        429: _("Too many requests"),
    }


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
