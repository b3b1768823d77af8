"""Operational views: readiness check and the error handler that turns a lost database into 503."""

from __future__ import annotations

import logging

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from kumppani.core.health import readiness

logger = logging.getLogger("kumppani.health")
RETRY_AFTER_SECONDS = 5


@never_cache
@require_GET
def healthz_ready(request: HttpRequest) -> JsonResponse:
    """JSON readiness: 200 when the database, the cache and the task queue are fine, else 503."""
    checks = readiness()
    healthy = all(check.ok for check in checks)
    if not healthy:
        logger.warning("not ready: %s", ", ".join(c.name for c in checks if not c.ok))
    body = {
        "status": "ok" if healthy else "fail",
        "checks": {c.name: {"ok": c.ok, "ms": c.ms, "detail": c.detail} for c in checks},
    }
    return JsonResponse(body, status=200 if healthy else 503)


def database_unavailable(request: HttpRequest) -> HttpResponse:
    """The translated 503 page; it touches neither the database nor the session."""
    response = HttpResponse(
        render_to_string("503.html", request=None),
        status=503,
        content_type="text/html; charset=utf-8",
    )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
