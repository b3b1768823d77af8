"""The person's own sections of "My pages": roles first, personal data last."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from kumppani.accounts import access
from kumppani.accounts.models import RoleAssignment
from kumppani.core.panels import Panel


def dashboard_roles_panel(request: HttpRequest, user: Any) -> Panel:
    roles = RoleAssignment.objects.filter(user=access.authenticated_user(request)).select_related(
        "association", "municipality", "region"
    )
    context = {"roles": roles, "can_manage_roles": access.can_assign_roles(request.user)}
    return Panel(template="accounts/panels/dashboard_roles.html", context=context, order=0)


def dashboard_data_panel(request: HttpRequest, user: Any) -> Panel:
    context = {"can_manage_roles": access.can_assign_roles(request.user)}
    return Panel(template="accounts/panels/dashboard_data.html", context=context, order=1000)
