"""Absolute links in API responses, for schema resolvers (``resolve_url(obj, context)``)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest


def absolute_url(context: dict[str, Any] | None, path: str) -> str:
    """``path`` as an absolute link of the request being answered."""
    assert context is not None, "rendered outside a request"
    request: HttpRequest = context["request"]
    return request.build_absolute_uri(path)
