"""Registrations of programme management: the annual cycle and the guide's "grants" section."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from kumppani.accounts import access as base_access
from kumppani.accounts.models import Role, User
from kumppani.core.cycle import CycleItem
from kumppani.core.panels import Panel
from kumppani.geography.models import Municipality
from kumppani.grants.selectors_manage import (
    day_start,
    guide_programmes,
    programme_url,
    programmes_between,
)


def grant_cycle_source(municipality: Municipality, start: dt.date, end: dt.date) -> list[CycleItem]:
    """Each published programme's opening (its application period) and its deadline; one query."""
    since, until = day_start(start), day_start(end + dt.timedelta(days=1))
    items = []
    for programme in programmes_between(municipality, start, end):
        url = programme_url(programme)
        if since <= programme.opens_at < until:
            items.append(
                CycleItem(
                    uid=f"grant-open-{programme.pk}@kumppani",
                    kind="grant_period",
                    title=_("Grant application period: %(title)s") % {"title": programme},
                    start=programme.opens_at,
                    end=programme.closes_at,
                    url=url,
                    description=_("%(branch)s: %(kind)s")
                    % {
                        "branch": programme.get_branch_display(),
                        "kind": programme.get_kind_display(),
                    },
                )
            )
        if since <= programme.closes_at < until:
            items.append(
                CycleItem(
                    uid=f"grant-close-{programme.pk}@kumppani",
                    kind="grant_deadline",
                    title=_("Grant deadline: %(title)s") % {"title": programme},
                    start=programme.closes_at,
                    url=url,
                    description=_("Applications must be submitted before this time."),
                )
            )
    return items


def guide_grants(municipality: Municipality, language: str) -> SafeString:
    """The live part of the guide's section "Grants and their criteria"."""
    with translation.override(language):
        programmes = guide_programmes(municipality)
        for programme in programmes:
            programme.public_url = programme_url(programme)  # type: ignore[attr-defined]
        html = render_to_string(
            "grants/manage/guide_live.html",
            {"programmes": programmes, "municipality": municipality, "now": timezone.now()},
        )
    return mark_safe(html)  # rendered by an autoescaping template


def dashboard_panel(request: HttpRequest, user: Any) -> Panel | None:
    """ "My pages" of an officer or a liaison: the way to the grants they run (one query)."""
    if not isinstance(user, User):
        return None
    ids = base_access.roles_of(user).municipalities(Role.OFFICER, Role.LIAISON)
    if not ids:
        return None
    municipalities = list(Municipality.objects.filter(pk__in=ids).order_by("name_fi"))
    return Panel(
        template="grants/manage/panels/dashboard.html",
        context={"municipalities": municipalities},
        order=44,
    )


def register() -> None:
    from kumppani.core import panels
    from kumppani.core.cycle import register_cycle_source
    from kumppani.core.guide_live import register_guide_live

    panels.register(panels.DASHBOARD, dashboard_panel)

    register_cycle_source(grant_cycle_source)
    register_guide_live("grants", guide_grants)
