"""Health endpoints for load balancers and monitoring.

/healthz: the process answers (it touches nothing else, so a database outage does not get
every app server restarted). /readyz: what a request needs is reachable (the database, the
cache, file storage and the task queue), each named in the JSON answer, 503 if any is not.
A shared cache that is down but standing in for itself (goodpractice.cache) is "degraded":
pages still work, so the answer stays 200.
"""

import contextlib
import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import storages
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)


def _database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def _cache():
    key = "goodpractice:readyz"
    cache.set(key, "ok", 30)
    if cache.get(key) != "ok":
        raise RuntimeError("the cache did not keep a value")


def _storage():
    """Uploaded files and submitted ones (folders or buckets), listed, never written."""
    for alias in settings.STORAGES:
        if alias == "staticfiles":
            continue  # collected at release and served by WhiteNoise
        # A new site with nothing uploaded yet has no folder: the first upload makes it.
        with contextlib.suppress(FileNotFoundError):
            storages[alias].listdir("")


def _queue():
    DBTaskResult.objects.order_by().values("pk")[:1].exists()


CHECKS = {"database": _database, "cache": _cache, "storage": _storage, "queue": _queue}


@never_cache
def healthz(request):
    return JsonResponse({"status": "ok"})


@never_cache
def readyz(request):
    results, ready = {}, True
    for name, check in CHECKS.items():
        started = time.monotonic()
        try:
            check()
        except Exception as error:  # anything at all: this is what the endpoint reports
            ready = False
            results[name] = {"status": "unavailable", "error": type(error).__name__}
            logger.warning("Readiness check %s failed: %s", name, error)
        else:
            status = "degraded" if getattr(cache, "degraded", False) and name == "cache" else "ok"
            results[name] = {"status": status, "ms": round((time.monotonic() - started) * 1000, 1)}
    return JsonResponse(
        {"status": "ok" if ready else "unavailable", "checks": results},
        status=200 if ready else 503,
    )
