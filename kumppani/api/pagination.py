"""The list shapes of the API, and the one function that pages a queryset into them.

Every paged list is ``Page[ItemOut]``: ``{"count", "next", "previous", "results"}`` where
``next``/``previous`` are absolute links keeping the other query parameters. The reference lists
of geography are short and always complete: ``WholeList[ItemOut]`` (``count``, ``next`` always
null, ``results``), the shape they had since the first version.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from django.db.models import Model, QuerySet
from django.http import HttpRequest
from ninja import Schema

M = TypeVar("M", bound=Model)
T = TypeVar("T")
PAGE_SIZE = 50
MAX_PAGE = 100_000  # past the end of any list; keeps the SQL OFFSET in range


class Page(Schema, Generic[T]):
    count: int
    next: str | None
    previous: str | None
    results: list[T]


class WholeList(Schema, Generic[T]):
    count: int
    next: str | None = None
    results: list[T]


def paginate(
    request: HttpRequest, queryset: QuerySet[M], page: int, page_size: int = PAGE_SIZE
) -> dict[str, Any]:
    """One page of ``queryset`` as a ``Page``; the route's response schema renders the rows."""
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


def whole_list(rows: list[Any]) -> dict[str, Any]:
    """Every row as a ``WholeList``."""
    return {"count": len(rows), "next": None, "results": rows}
