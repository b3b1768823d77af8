"""Registrations of premises management: the dashboard panel and the guide's "premises"
section (the usage principles and the spaces available to associations, live)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from kumppani.accounts import access as base_access
from kumppani.accounts.models import Role, User
from kumppani.core.i18n import localized
from kumppani.core.markdown import render_markdown
from kumppani.core.panels import Panel
from kumppani.geography.models import Municipality
from kumppani.premises.selectors_manage import (
    pending_counts,
    principles_of,
    public_page_url,
    space_rows,
)


def guide_premises(municipality: Municipality, language: str) -> SafeString:
    """The live part of the guide's premises section; two queries."""
    with translation.override(language):
        principles = principles_of(municipality)
        text = localized(principles, "text", language) if principles else ""
        html = render_to_string(
            "premises/manage/guide_live.html",
            {
                "municipality": municipality,
                "principles_html": render_markdown(text) if text.strip() else "",
                "rows": space_rows(municipality.pk, public=True),
                "public_url": public_page_url(municipality),
            },
        )
    return mark_safe(html)  # rendered by an autoescaping template


def dashboard_panel(request: HttpRequest, user: Any) -> Panel | None:
    """ "My pages" of an officer or a liaison: their municipalities' premises and the bookings
    awaiting approval (two queries)."""
    if not isinstance(user, User):
        return None
    ids = base_access.roles_of(user).municipalities(Role.OFFICER, Role.LIAISON)
    if not ids:
        return None
    municipalities = list(Municipality.objects.filter(pk__in=ids).order_by("name_fi"))
    counts = pending_counts([m.pk for m in municipalities])
    for municipality in municipalities:
        municipality.pending_count = counts.get(municipality.pk, 0)  # type: ignore[attr-defined]
    return Panel(
        template="premises/manage/panels/dashboard.html",
        context={"municipalities": municipalities},
        order=46,
    )


def register() -> None:
    from kumppani.core import panels
    from kumppani.core.guide_live import register_guide_live

    panels.register(panels.DASHBOARD, dashboard_panel)
    register_guide_live("premises", guide_premises)
