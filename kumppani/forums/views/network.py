"""The regional liaison network, shared materials and the municipality's forum target."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kumppani.accounts import access as base_access
from kumppani.core.forms import apply_validation_error
from kumppani.forums import access
from kumppani.forums.forms import MaterialForm, TargetForm
from kumppani.forums.models import NetworkMaterial, RegularityTarget
from kumppani.forums.selectors import (
    municipality_regularity,
    network_meetings,
    network_members,
    region_tours,
)
from kumppani.forums.services.forums import target_set
from kumppani.forums.services.network import material_add
from kumppani.forums.views.helpers import current_user
from kumppani.geography.models import Municipality, Region
from kumppani.geography.selectors import municipality_or_404


def _region_municipality_ids(region: Region) -> frozenset[int]:
    return frozenset(Municipality.objects.filter(region=region).values_list("pk", flat=True))


@require_http_methods(["GET", "POST"])
def network(request: HttpRequest, code: str) -> HttpResponse:
    region = get_object_or_404(Region, code=code)
    base_access.require(
        access.in_network(request.user, region, _region_municipality_ids(region)), request
    )
    runs = access.runs_network(request.user, region)
    meetings = network_meetings(region)
    form = None
    if runs:
        form = MaterialForm(
            request.POST or None, request.FILES or None, meetings=meetings, prefix="material"
        )
        if request.method == "POST" and form.is_valid():
            try:
                material_add(
                    region=region,
                    title=form.cleaned_data["title"],
                    url=form.cleaned_data["url"],
                    file=form.cleaned_data["file"],
                    forum=form.cleaned_data["forum"],
                    actor=current_user(request),
                )
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(request, _("The material was shared with the network."))
                return redirect("forums:network", code=code)
    elif request.method == "POST":
        base_access.require(False, request)
    context = {
        "region": region,
        "members": network_members(region),
        "meetings": meetings,
        "tours": region_tours(region),
        "materials": NetworkMaterial.objects.filter(region=region).select_related("forum"),
        "form": form,
        "runs": runs,
    }
    return render(
        request, "forums/network.html", context, status=400 if form and form.errors else 200
    )


@require_GET
def material_file(request: HttpRequest, pk: int) -> FileResponse:
    material = get_object_or_404(NetworkMaterial.objects.select_related("region"), pk=pk)
    base_access.require(
        access.in_network(request.user, material.region, _region_municipality_ids(material.region)),
        request,
    )
    if not material.file:
        raise Http404
    response = FileResponse(
        material.file.open("rb"), as_attachment=True, filename=material.file.name.rsplit("/", 1)[-1]
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_http_methods(["GET", "POST"])
def target(request: HttpRequest, code: str) -> HttpResponse:
    municipality = municipality_or_404(code)
    base_access.require(access.can_set_target(request.user, municipality), request)
    instance = RegularityTarget.objects.filter(
        municipality=municipality
    ).first() or RegularityTarget(municipality=municipality)
    form = TargetForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            target_set(municipality=municipality, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The target was saved."))
            return redirect(municipality)
    context = {
        "municipality": municipality,
        "form": form,
        "regularity": municipality_regularity(municipality),
    }
    return render(request, "forums/target.html", context)
