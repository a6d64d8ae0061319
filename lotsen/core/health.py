import logging

import redis
from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from kombu import Connection

logger = logging.getLogger(__name__)


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
        return _embedded_broker_state()
    try:
        client = redis.Redis.from_url(
            settings.REDIS_URL, socket_connect_timeout=2, socket_timeout=2
        )
        client.ping()
    except redis.RedisError:
        logger.exception("Health check: broker unreachable")
        return "unavailable"
    return "ok"


def _embedded_broker_state() -> str:
    """The embedded default's broker, a SQLite file: "ok" when its queue can be found."""
    try:
        with Connection(
            settings.CELERY_BROKER_URL, transport_options=settings.CELERY_BROKER_TRANSPORT_OPTIONS
        ) as broker:
            broker.default_channel.queue_declare("celery", passive=True)
    except Exception:
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
