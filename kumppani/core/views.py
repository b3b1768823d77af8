from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from kumppani.accounts import access
from kumppani.accounts.models import RoleAssignment
from kumppani.associations.models import Association, Category
from kumppani.core.page_cache import public_page
from kumppani.core.panels import DASHBOARD, panels_for
from kumppani.geography.models import Region


@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """A trivial view: the reference for speed ratios in bench/."""
    return HttpResponse("ok", content_type="text/plain")


@require_GET
@public_page
def home(request: HttpRequest) -> HttpResponse:
    context = {
        "regions": Region.objects.order_by("name_fi"),
        "categories": Category.objects.annotate(n=Count("associations")),
        "association_count": Association.objects.filter(is_active=True).count(),
    }
    return render(request, "core/home.html", context)


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    roles = RoleAssignment.objects.filter(user=access.authenticated_user(request)).select_related(
        "association", "municipality", "region"
    )
    context = {
        "roles": roles,
        "can_manage_roles": access.can_assign_roles(request.user),
        "panels": panels_for(DASHBOARD, request, request.user),
    }
    return render(request, "core/dashboard.html", context)
