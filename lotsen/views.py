import logging

import redis
from django.conf import settings
from django.core.paginator import Paginator
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from lotsen.public_selectors import network_overview

logger = logging.getLogger(__name__)


REGIONS_PER_PAGE = 50


@require_safe
def home(request):
    """The network at a glance: every region with its cooperation status today, and figures."""
    today = timezone.localdate()
    overview = network_overview(today)
    # A network a hundred times the demo's size would make one page of thousands of rows.
    page = Paginator(overview.pop("regions"), REGIONS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "home.html",
        {
            "today": today,
            "regions": page.object_list,
            "page_obj": page,
            "paginator": page.paginator,
            "is_paginated": page.has_other_pages(),
            **overview,
        },
    )


def _database_state() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        logger.exception("Health check: database unreachable")
        return "unavailable"
    return "ok"


def _broker_state() -> str:
    if not settings.REDIS_URL:
        return "in-process"
    try:
        client = redis.Redis.from_url(
            settings.REDIS_URL, socket_connect_timeout=2, socket_timeout=2
        )
        client.ping()
    except redis.RedisError:
        logger.exception("Health check: broker unreachable")
        return "unavailable"
    return "ok"


@never_cache
def healthz(request):
    """200 when the database and the broker answer, 503 otherwise; no details leak out."""
    state = {"database": _database_state(), "broker": _broker_state()}
    healthy = "unavailable" not in state.values()
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", **state}, status=200 if healthy else 503
    )
