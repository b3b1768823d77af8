"""Refuses a request whose declared body is too large before anything reads the body.

The reverse proxy should refuse such bodies first (nginx ``client_max_body_size``, see README);
this is the application's own limit: ``MAX_REQUEST_BYTES`` for pages (uploads), and
``DATA_UPLOAD_MAX_MEMORY_SIZE`` under /api/, which takes JSON only.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

API_PREFIX = "/api/"
MEGABYTE = 1024 * 1024


def declared_length(request: HttpRequest) -> int:
    try:
        return max(int(request.META.get("CONTENT_LENGTH") or 0), 0)
    except ValueError:
        return 0


def request_limit(request: HttpRequest) -> int:
    if request.path.startswith(API_PREFIX):
        return int(settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 0)
    return int(settings.MAX_REQUEST_BYTES)


def too_large(request: HttpRequest, limit: int) -> HttpResponse:
    megabytes = max(limit // MEGABYTE, 1)
    if request.path.startswith(API_PREFIX):
        language = translation.get_language_from_request(request)
        with translation.override(language):
            message = _("The request is too large: at most %(megabytes)s MB can be sent.") % {
                "megabytes": megabytes
            }
        return JsonResponse({"detail": message}, status=413)
    html = render_to_string("413.html", {"megabytes": megabytes})
    return HttpResponse(html, status=413)


class RequestSizeLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit = request_limit(request)
        if limit and declared_length(request) > limit:
            # The unread body stays in the socket: close the connection rather than read it.
            response = too_large(request, limit)
            response["Connection"] = "close"
            return response
        return self.get_response(request)
