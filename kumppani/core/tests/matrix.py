"""The shape of the permission matrix every app declares in ``<app>/tests/access_matrix.py``.

Each app's module defines ``PAGES: dict[str, Case]`` keyed by URL name ("associations:edit") and
``API: dict[str, Case]`` keyed by "METHOD /api/v1/path/{param}" exactly as in the OpenAPI
document. ``test_permissions`` fails when a URL or API operation has no entry, and checks every
role of the shared test world (kumppani.accounts.testing) against the expected outcome.

Outcomes: an HTTP status, a tuple of acceptable statuses, or LOGIN (redirect to the login page).
``hidden``: a text the case's setup puts in the database that no role may see in the response
(e.g. a proposal of a survey whose results are not published, in the public pool).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from kumppani.accounts.testing import ROLES, World

LOGIN = "login"
OK = (200, 302)
CREATED = (200, 201)
Outcome = int | tuple[int, ...] | str


@dataclass
class Case:
    expect: dict[str, Outcome]
    kwargs: Callable[[World], dict[str, Any]] = field(default=lambda w: {})
    method: str = "get"
    data: Callable[[World], dict[str, Any]] | None = None
    query: str = ""
    hidden: str = ""


def roles_expect(
    allowed: set[str] | tuple[str, ...],
    ok: Outcome = 200,
    denied: Outcome = 403,
    anonymous: Outcome = LOGIN,
) -> dict[str, Outcome]:
    result: dict[str, Outcome] = {}
    for role in ROLES:
        if role == "anonymous":
            result[role] = ok if role in allowed else anonymous
        else:
            result[role] = ok if role in allowed else denied
    return result


def public(ok: Outcome = 200, **kw: Any) -> Case:
    return Case(expect=roles_expect(set(ROLES), ok=ok), **kw)


def logged_in(ok: Outcome = 200, **kw: Any) -> Case:
    return Case(expect=roles_expect(set(ROLES) - {"anonymous"}, ok=ok), **kw)


def only(*allowed: str, ok: Outcome = 200, **kw: Any) -> Case:
    return Case(expect=roles_expect(set(allowed), ok=ok), **kw)


def api_public(ok: Outcome = 200, **kw: Any) -> Case:
    return Case(expect=roles_expect(set(ROLES), ok=ok), **kw)


def api_only(*allowed: str, ok: Outcome = CREATED, **kw: Any) -> Case:
    """A token-authenticated write: no token 401, wrong role 403."""
    return Case(expect=roles_expect(set(allowed), ok=ok, anonymous=401), **kw)


# Role groups of the shared world, for readability in the matrices.
ADMIN = ("admin",)
REP = ("rep", "admin")
LIAISON = ("liaison", "coordinator", "admin")
