"""Sections on shared pages: "My association's proposals" (My pages), the municipality page and
the welfare measure page (the proposals a measure came from)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q
from django.http import HttpRequest

from kumppani.accounts.access import roles_of
from kumppani.accounts.models import Role
from kumppani.core.panels import DASHBOARD, MEASURE_PAGE, MUNICIPALITY_PAGE, Panel, register
from kumppani.geography.models import Municipality
from kumppani.proposals import access
from kumppani.proposals.models import Decision
from kumppani.proposals.selectors import (
    measure_url,
    my_proposals,
    proposals_for_measure,
    public_proposals,
)

PANEL_ROWS = 10


def dashboard_panel(request: HttpRequest, user: Any) -> Panel | None:
    """Every proposal of the person's associations (and their own) with its fate, and for the
    wellbeing working group and liaisons the proposal boards of their municipalities: at most
    three queries. A resident (no roles) gets the panel too: they may submit proposals."""
    roles = roles_of(user)
    associations = roles.associations
    assessed = roles.municipalities(Role.WELLBEING_GROUP, Role.LIAISON)
    resident = roles.is_empty
    proposals = list(my_proposals(user=user)[:PANEL_ROWS])
    if not (proposals or associations or assessed or resident):
        return None
    for proposal in proposals:
        proposal.measure_link = measure_url(proposal.measure)  # type: ignore[attr-defined]
    municipalities = (
        list(
            Municipality.objects.filter(associations__pk__in=associations)
            .distinct()
            .order_by("name_fi")
        )
        if associations
        else []
    )
    boards = (
        list(Municipality.objects.filter(pk__in=assessed).order_by("name_fi")) if assessed else []
    )
    return Panel(
        template="proposals/panels/mine.html",
        context={
            "proposals": proposals,
            "municipalities": municipalities,
            "boards": boards,
            "show_mine": bool(proposals or associations or resident),
        },
        order=60,
    )


def municipality_panel(request: HttpRequest, municipality: Municipality) -> Panel | None:
    counts = (
        public_proposals()
        .filter(municipality=municipality)
        .aggregate(total=Count("id"), adopted=Count("id", filter=Q(decision=Decision.ADOPTED)))
    )
    can_assess = access.can_assess(request.user, municipality.pk)
    return Panel(
        template="proposals/panels/municipality.html",
        context={"municipality": municipality, "can_assess": can_assess, **counts},
        order=60,
    )


def measure_panel(request: HttpRequest, measure: Any) -> Panel | None:
    """On a measure's page: the proposals it came from (one query). Residents' names are not
    shown; the assessors get links to the proposals."""
    can_assess = access.can_assess(request.user, measure.goal.theme.plan.municipality_id)
    proposals = list(proposals_for_measure(measure, public=not can_assess)[:100])
    if not proposals:
        return None
    return Panel(
        template="proposals/panels/measure.html",
        context={"proposals": proposals, "can_assess": can_assess},
        order=60,
    )


# The welfare app's key for its measure page (kumppani.welfare.views.public.MEASURE_PAGE).


def register_panels() -> None:
    register(DASHBOARD, dashboard_panel)
    register(MUNICIPALITY_PAGE, municipality_panel)
    register(MEASURE_PAGE, measure_panel)
