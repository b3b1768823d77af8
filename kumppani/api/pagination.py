"""The list shape every API list uses: ``{"count", "next", "previous", "results"}``."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db.models import Model, QuerySet
from django.http import HttpRequest
from ninja import Schema

M = TypeVar("M", bound=Model)
PAGE_SIZE = 50
MAX_PAGE = 100_000  # past the end of any list; keeps the SQL OFFSET in range


class Page(Schema):
    count: int
    next: str | None
    previous: str | None


def paginate(
    request: HttpRequest, queryset: QuerySet[M], page: int, page_size: int = PAGE_SIZE
) -> dict[str, Any]:
    page = min(max(page, 1), MAX_PAGE)
    count = queryset.count()
    start = (page - 1) * page_size
    results = list(queryset[start : start + page_size])

    def link(number: int) -> str:
        params = request.GET.copy()
        params["page"] = str(number)
        return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")

    return {
        "count": count,
        "next": link(page + 1) if start + page_size < count else None,
        "previous": link(page - 1) if page > 1 else None,
        "results": results,
    }
