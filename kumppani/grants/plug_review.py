"""Registrations of reviews: the reviewer's dashboard panel (a reviewer's reviews and recusals are
in grants' personal data, ``personal_data_pay``)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q
from django.http import HttpRequest

from kumppani.accounts import access as base_access
from kumppani.accounts.models import Role, User
from kumppani.core.panels import Panel
from kumppani.grants.models import Programme
from kumppani.grants.services.reviews import REVIEWABLE


def reviewer_programmes(user: User) -> list[Programme]:
    """Programmes the person reviews that have submitted applications, with how many they have
    reviewed (one query)."""
    municipalities = base_access.roles_of(user).municipalities(Role.OFFICER, Role.LIAISON)
    return list(
        Programme.objects.filter(Q(municipality_id__in=municipalities) | Q(reviewers__user=user))
        .annotate(
            submitted_count=Count(
                "applications",
                filter=Q(applications__status__in=REVIEWABLE),
                distinct=True,
            ),
            reviewed_count=Count(
                "applications__reviews",
                filter=Q(
                    applications__reviews__reviewer=user,
                    applications__status__in=REVIEWABLE,
                ),
                distinct=True,
            ),
        )
        .filter(submitted_count__gt=0)
        .select_related("municipality")
        .order_by("-closes_at", "pk")[:20]
    )


def dashboard_panel(request: HttpRequest, user: Any) -> Panel | None:
    if not isinstance(user, User):
        return None
    programmes = reviewer_programmes(user)
    if not programmes:
        return None
    return Panel(
        template="grants/review/panels/dashboard.html",
        context={"programmes": programmes},
        order=45,
    )


def register() -> None:
    from kumppani.core import panels

    panels.register(panels.DASHBOARD, dashboard_panel)
