"""A short-lived cache of whole public pages for anonymous visitors.

Public pages (municipality, directory, guide, annual cycle) are the same for every anonymous
visitor, so a rendered page is kept for ``PUBLIC_PAGE_CACHE_SECONDS`` (0 turns the cache off).
Any write to the database bumps a content version that is part of every key, so a change shows
at once in the process that made it; with the default per-process memory cache other processes
see it within the timeout, and a shared cache (``CACHE_BACKEND`` = Redis) makes it immediate
everywhere. Logged-in people, pages with a CSRF token and pages with messages are never cached.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

VERSION_KEY = "kumppani:content-version"
V = TypeVar("V", bound=Callable[..., HttpResponse])


def content_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, None)
        version = cache.get(VERSION_KEY, 1)
    return int(version)


def content_changed(**kwargs: Any) -> None:
    """Signal receiver (any save or delete): cached public pages are out of date."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, None)


def _cacheable(request: HttpRequest) -> bool:
    return (
        settings.PUBLIC_PAGE_CACHE_SECONDS > 0
        and request.method == "GET"
        and not request.user.is_authenticated
        and len(get_messages(request)) == 0
    )


def public_page(view: V) -> V:
    """Serve the view from the page cache for anonymous visitors (see the module doc)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not _cacheable(request):
            return view(request, *args, **kwargs)
        path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
        key = f"kumppani:page:{content_version()}:{get_language()}:{path}"
        cached = cache.get(key)
        if cached is not None:
            return cached
        response = view(request, *args, **kwargs)
        if (
            response.status_code == 200
            and not response.streaming
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and not response.cookies
        ):
            if hasattr(response, "render") and callable(response.render):
                response.render()
            cache.set(key, response, settings.PUBLIC_PAGE_CACHE_SECONDS)
        return response

    return wrapper  # type: ignore[return-value]
