import logging
import sys

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from django.views.defaults import server_error

logger = logging.getLogger(__name__)

# How long a reader is told to wait when the database is unreachable.
RETRY_AFTER_SECONDS = 30


def database_state() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return "unavailable"
    return "ok"


def cache_state() -> str:
    try:
        cache.set("newsroom:health", "ok", timeout=10)
        if cache.get("newsroom:health") != "ok":
            return "unavailable"
    except Exception:  # noqa: BLE001 (any backend's connection error means the same)
        return "unavailable"
    return "ok"


@never_cache
def health(request):
    """For load balancers: 200 when the database answers, 503 when it does not.

    The cache is reported but does not fail the check: pages are served without it. Nothing
    about the configuration (hosts, versions, names) is told.
    """
    states = {"database": database_state(), "cache": cache_state()}
    healthy = states["database"] == "ok"
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", **states}, status=200 if healthy else 503
    )


def server_error_or_unavailable(request):
    """The 500 handler, which answers 503 with Retry-After when the database is the cause.

    Django calls it while handling the exception, so the exception is still at hand.
    """
    error = sys.exc_info()[1]
    if isinstance(error, DatabaseError):
        response = TemplateResponse(request, "503.html", status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        try:
            return response.render()
        except Exception:  # the page needs no database; should it fail anyway, answer 500
            logger.exception("The 503 page could not be rendered")
    return server_error(request)
