"""The annual cycle (vuosikello): month grid with a list beside it, and hand-made entries."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kumppani.accounts.access import require
from kumppani.cooperation import access, selectors, services
from kumppani.cooperation.calendar import year_months
from kumppani.cooperation.forms import CycleEntryForm
from kumppani.cooperation.models import CycleEntry
from kumppani.core.forms import apply_validation_error
from kumppani.core.page_cache import public_page
from kumppani.geography.selectors import municipality_or_404


def _year(request: HttpRequest) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year


@require_GET
@public_page
def cycle(request: HttpRequest, code: str) -> HttpResponse:
    municipality = municipality_or_404(code)
    year = _year(request)
    months, items = year_months(municipality=municipality, year=year)
    can_manage = access.can_manage(request.user, municipality)
    context = {
        "municipality": municipality,
        "year": year,
        "months": months,
        "items": items,
        "can_manage": can_manage,
        "entries": list(selectors.cycle_entries_of(municipality=municipality))
        if can_manage
        else [],
    }
    return render(request, "cooperation/cycle.html", context)


@require_http_methods(["GET", "POST"])
def cycle_entry_create(request: HttpRequest, code: str) -> HttpResponse:
    municipality = municipality_or_404(code)
    require(access.can_manage(request.user, municipality), request)
    form = CycleEntryForm(request.POST or None, initial={"recurring": True})
    if request.method == "POST" and form.is_valid():
        try:
            services.cycle_entry_create(municipality=municipality, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The entry was added to the annual cycle."))
            return redirect("cooperation:cycle", code=code)
    return render(
        request,
        "cooperation/form.html",
        {"form": form, "title": _("New annual cycle entry"), "back": municipality},
    )


@require_http_methods(["GET", "POST"])
def cycle_entry_edit(request: HttpRequest, pk: int) -> HttpResponse:
    entry = get_object_or_404(CycleEntry.objects.select_related("municipality__region"), pk=pk)
    require(access.can_manage(request.user, entry.municipality), request)
    form = CycleEntryForm(request.POST or None, instance=entry)
    if request.method == "POST" and form.is_valid():
        try:
            services.cycle_entry_update(entry=entry, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("cooperation:cycle", code=entry.municipality.code)
    return render(
        request,
        "cooperation/form.html",
        {"form": form, "title": _("Edit annual cycle entry"), "back": entry.municipality},
    )


@require_POST
def cycle_entry_delete(request: HttpRequest, pk: int) -> HttpResponse:
    entry = get_object_or_404(CycleEntry.objects.select_related("municipality__region"), pk=pk)
    require(access.can_manage(request.user, entry.municipality), request)
    code = entry.municipality.code
    services.cycle_entry_delete(entry=entry)
    messages.success(request, _("The entry was removed."))
    return redirect("cooperation:cycle", code=code)
