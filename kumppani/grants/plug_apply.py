"""Registrations of the application path: "My cases" on the association's page for its
representatives, and the open applications and drafts on "My pages"."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from kumppani.core import panels
from kumppani.core.panels import Panel
from kumppani.grants import access
from kumppani.grants.selectors_apply import open_applications_of


def association_panel(request: HttpRequest, association: Any) -> Panel | None:
    """A link to the association's grant cases, for its representatives (no query)."""
    if not access.can_apply_for(request.user, association.pk):
        return None
    return Panel("grants/apply/panels/association.html", {"association": association}, order=50)


def dashboard_panel(request: HttpRequest, user: Any) -> Panel | None:
    """The person's associations' drafts and applications not yet decided (one query)."""
    applications = open_applications_of(user=user)
    if not applications:
        return None
    return Panel("grants/apply/panels/dashboard.html", {"applications": applications}, order=45)


def register() -> None:
    panels.register(panels.ASSOCIATION_PAGE, association_panel)
    panels.register(panels.DASHBOARD, dashboard_panel)
