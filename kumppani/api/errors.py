"""Error pages that answer JSON under /api/: Django's own errors (no route matched, a bad
request, a server error) happen before or outside the API's handlers."""

from __future__ import annotations

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views import defaults

from kumppani.core.ops_views import database_unavailable

API_PREFIX = "/api/"


def is_api(request: HttpRequest) -> bool:
    return request.path.startswith(API_PREFIX)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """404: e.g. ``/api/v1/organisations/abc``, which no route matches (ids are integers)."""
    if is_api(request):
        return JsonResponse({"detail": "Not Found"}, status=404)
    return defaults.page_not_found(request, exception)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if is_api(request):
        return JsonResponse({"detail": "Bad Request"}, status=400)
    return defaults.bad_request(request, exception)  # type: ignore[arg-type]


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if is_api(request):
        return JsonResponse({"detail": "Forbidden"}, status=403)
    return defaults.permission_denied(request, exception)  # type: ignore[arg-type]


def server_error(request: HttpRequest) -> HttpResponse:
    """A lost database connection is a temporary 503 (JSON under /api/, the translated page
    elsewhere); anything else a 500."""
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        if is_api(request):
            return JsonResponse(
                {"detail": "Service Unavailable"}, status=503, headers={"Retry-After": "5"}
            )
        return database_unavailable(request)
    if is_api(request):
        return JsonResponse({"detail": "Server Error"}, status=500)
    return defaults.server_error(request)
