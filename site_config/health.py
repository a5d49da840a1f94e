"""For a load balancer: ``/healthz`` says the process answers, ``/readyz`` that it can
reach its database and its cache (503 with what is missing otherwise)."""

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@never_cache
@require_GET
def healthz(request):
    return JsonResponse({"status": "ok"})


def _database_answers():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        return False


def _cache_answers():
    try:
        cache.set("samen:readyz", "1", timeout=10)
        return cache.get("samen:readyz") == "1"
    except Exception:  # noqa: BLE001 - any failure of the cache client means "not ready"
        return False


@never_cache
@require_GET
def readyz(request):
    checks = {"database": _database_answers(), "cache": _cache_answers()}
    ready = all(checks.values())
    report = {name: "ok" if answered else "failing" for name, answered in checks.items()}
    return JsonResponse({"status": "ready" if ready else "not ready", "checks": report}, status=200 if ready else 503)
