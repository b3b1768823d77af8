from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from kumppani.core.page_cache import public_page
from kumppani.core.panels import DASHBOARD, HOME_PAGE, panels_for
from kumppani.geography.models import Region
from kumppani.geography.selectors import municipality_names


@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """A trivial view: the reference for speed ratios in bench/."""
    return HttpResponse("ok", content_type="text/plain")


@require_GET
@public_page
def home(request: HttpRequest) -> HttpResponse:
    context = {
        "regions": Region.objects.order_by("name_fi"),
        "municipality_names": municipality_names(),
        "panels": panels_for(HOME_PAGE, request, None),
    }
    return render(request, "core/home.html", context)


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    context = {"panels": panels_for(DASHBOARD, request, request.user)}
    return render(request, "core/dashboard.html", context)
