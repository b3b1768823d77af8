"""The library of good practices and adoptions."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kumppani.accounts import access as base_access
from kumppani.accounts.access import authenticated_user, require
from kumppani.cooperation import access, selectors, services
from kumppani.cooperation.forms import AdoptionForm, PracticeForm
from kumppani.cooperation.models import GoodPractice
from kumppani.core.forms import apply_validation_error
from kumppani.geography.models import Municipality


@require_GET
def practices(request: HttpRequest) -> HttpResponse:
    context = {
        "practices": selectors.practices_list(),
        "can_create": access.can_create_practice(request.user),
    }
    return render(request, "cooperation/practices.html", context)


@require_GET
def practice(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        found = selectors.practice_detail(pk=pk)
    except GoodPractice.DoesNotExist:
        raise Http404 from None
    context = {
        "practice": found,
        "can_edit": access.can_edit_practice(request.user, found.origin_municipality),
        "can_adopt": request.user.is_authenticated and _adoptable(request, found).exists(),
    }
    return render(request, "cooperation/practice.html", context)


@require_GET
def practice_material(request: HttpRequest, pk: int) -> FileResponse:
    found = get_object_or_404(GoodPractice, pk=pk)
    if not found.material_file:
        raise Http404
    return FileResponse(
        found.material_file.open("rb"),
        as_attachment=True,
        filename=found.material_file.name.rsplit("/", 1)[-1],
    )


@require_http_methods(["GET", "POST"])
def practice_create(request: HttpRequest) -> HttpResponse:
    require(access.can_create_practice(request.user), request)
    form = PracticeForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.practice_create(
                actor=authenticated_user(request), **form.cleaned_data
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The good practice was added to the library."))
            return redirect(created)
    return render(
        request,
        "cooperation/form.html",
        {"form": form, "title": _("New good practice"), "multipart": True},
    )


@require_http_methods(["GET", "POST"])
def practice_edit(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(GoodPractice.objects.select_related("origin_municipality"), pk=pk)
    require(access.can_edit_practice(request.user, found.origin_municipality), request)
    form = PracticeForm(request.POST or None, request.FILES or None, instance=found)
    if request.method == "POST" and form.is_valid():
        try:
            services.practice_update(practice=found, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect(found)
    return render(
        request,
        "cooperation/form.html",
        {"form": form, "title": _("Edit good practice"), "multipart": True},
    )


def _adoptable(request: HttpRequest, found: GoodPractice):
    """Municipalities the user may record an adoption for (and that have not adopted yet)."""
    user = request.user
    if base_access.is_admin(user):
        qs = Municipality.objects.all()
    else:
        roles = base_access.roles_of(user)
        qs = Municipality.objects.filter(pk__in=access.managed_municipality_ids(user)) | (
            Municipality.objects.filter(region_id__in=roles.regions)
        )
    return (
        qs.exclude(practice_adoptions__practice=found)
        .exclude(pk=found.origin_municipality_id or 0)
        .select_related("region")
        .order_by("name_fi")
    )


@require_http_methods(["GET", "POST"])
def practice_adopt(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(GoodPractice.objects.select_related("origin_municipality"), pk=pk)
    user = authenticated_user(request)
    choices = _adoptable(request, found)
    require(choices.exists(), request)
    form = AdoptionForm(
        request.POST or None,
        municipalities=choices,
        initial={"adopted_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        municipality = form.cleaned_data["municipality"]
        require(access.can_record_adoption(user, municipality), request)
        try:
            services.adoption_record(
                practice=found,
                municipality=municipality,
                adopted_on=form.cleaned_data["adopted_on"],
                note=form.cleaned_data["note"],
                actor=user,
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(
                request,
                _("%(municipality)s adopted %(practice)s.")
                % {"municipality": municipality, "practice": found},
            )
            return redirect(found)
    return render(
        request,
        "cooperation/form.html",
        {
            "form": form,
            "title": _("Record an adoption of %(practice)s") % {"practice": found},
            "multipart": False,
        },
    )
