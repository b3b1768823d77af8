"""Premises management: the space tree, hours, photos, principles, prices and approvals."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kumppani.accounts.access import authenticated_user, require
from kumppani.core.confirm import confirmation_page
from kumppani.core.forms import apply_validation_error
from kumppani.core.i18n import localized
from kumppani.core.markdown import render_markdown
from kumppani.geography.models import Municipality
from kumppani.geography.selectors import municipality_or_404
from kumppani.premises.access import can_manage_space, manages_premises_in
from kumppani.premises.models import Booking, PriceRule, Space, SpacePhoto
from kumppani.premises.selectors_manage import (
    hours_of,
    pending_bookings,
    price_rules_of,
    principles_of,
    public_page_url,
    space_rows,
    spaces_for_choice,
)
from kumppani.premises.services import spaces as services
from kumppani.premises.services.approvals import booking_approve_or_reject
from kumppani.premises.services.pricing import booking_price
from kumppani.premises.views.forms_manage import (
    WEEKDAYS,
    DecideForm,
    HoursForm,
    PhotoForm,
    PriceRuleForm,
    PrinciplesForm,
    SpaceForm,
    TryPriceForm,
)

PAGE_SIZE = 50


def _municipality(request: HttpRequest, code: str) -> Municipality:
    municipality = municipality_or_404(code)
    require(manages_premises_in(request.user, municipality.pk), request)
    return municipality


def _space(request: HttpRequest, pk: int) -> Space:
    space = get_object_or_404(Space.objects.select_related("municipality", "parent"), pk=pk)
    require(can_manage_space(request.user, space), request)
    return space


def _rule(request: HttpRequest, pk: int) -> PriceRule:
    rule = get_object_or_404(PriceRule.objects.select_related("municipality", "space"), pk=pk)
    require(manages_premises_in(request.user, rule.municipality_id), request)
    return rule


# --- the overview -----------------------------------------------------------------------------


@require_http_methods(["GET"])
def manage(request: HttpRequest, code: str) -> HttpResponse:
    municipality = _municipality(request, code)
    principles = principles_of(municipality)
    pending = list(pending_bookings(municipality)[:10])
    context = {
        "municipality": municipality,
        "rows": space_rows(municipality.pk),
        "principles": principles,
        "principles_html": render_markdown(localized(principles, "text")) if principles else "",
        "rules": list(price_rules_of(municipality)),
        "pending": pending,
        "pending_count": pending_bookings(municipality).count(),
        "public_url": public_page_url(municipality),
    }
    return render(request, "premises/manage/manage.html", context)


# --- spaces -----------------------------------------------------------------------------------


def _space_form_page(
    request: HttpRequest, municipality: Municipality, form: SpaceForm, space: Space | None
) -> HttpResponse:
    context = {"municipality": municipality, "form": form, "space": space}
    return render(request, "premises/manage/space_form.html", context)


@require_http_methods(["GET", "POST"])
def space_create(request: HttpRequest, code: str) -> HttpResponse:
    municipality = _municipality(request, code)
    spaces = spaces_for_choice(municipality)
    initial: dict[str, Any] = {}
    parent_id = request.GET.get("parent", "")
    if parent_id.isdigit() and spaces.filter(pk=int(parent_id)).exists():
        initial["parent"] = int(parent_id)
    form = SpaceForm(request.POST or None, initial=initial, spaces=spaces)
    if request.method == "POST" and form.is_valid():
        try:
            space = services.space_create(
                municipality=municipality,
                by=authenticated_user(request),
                **services.space_fields(form.cleaned_data),
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The space “%(name)s” was added.") % {"name": space})
            return redirect("premises:manage", code=municipality.code)
    return _space_form_page(request, municipality, form, None)


@require_http_methods(["GET", "POST"])
def space_edit(request: HttpRequest, pk: int) -> HttpResponse:
    space = _space(request, pk)
    municipality = space.municipality
    form = SpaceForm(request.POST or None, instance=space, spaces=spaces_for_choice(municipality))
    if request.method == "POST" and form.is_valid():
        try:
            services.space_update(
                space=space,
                by=authenticated_user(request),
                **services.space_fields(form.cleaned_data),
            )
        except ValidationError as error:
            space.refresh_from_db()
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("premises:manage", code=municipality.code)
    return _space_form_page(request, municipality, form, space)


@require_http_methods(["GET", "POST"])
def space_delete(request: HttpRequest, pk: int) -> HttpResponse:
    space = _space(request, pk)
    by = authenticated_user(request)
    refusal = services.space_delete_refusal(space)
    return confirmation_page(
        request,
        title=_("Remove space"),
        question=_("Remove the space “%(name)s” and its photos and opening hours?")
        % {"name": space},
        can_confirm=not refusal,
        closed=refusal,
        action=lambda: services.space_delete(space=space, by=by),
        done=_("The space was removed."),
        back_url=reverse("premises:manage", args=[space.municipality.code]),
        back_text=_("Back to the premises"),
    )


# --- opening hours ----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def space_hours(request: HttpRequest, pk: int) -> HttpResponse:
    space = _space(request, pk)
    initial: dict[str, Any] = {}
    for weekday, row in hours_of(space).items():
        initial[f"opens_{weekday}"] = row.opens
        initial[f"closes_{weekday}"] = row.closes
    form = HoursForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.opening_hours_set(
                space=space, hours=form.hours(), by=authenticated_user(request)
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The opening hours were saved."))
            return redirect("premises:space_hours", pk=space.pk)
    context = {"space": space, "municipality": space.municipality, "form": form}
    return render(request, "premises/manage/hours.html", context)


# --- photos -----------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def space_photos(request: HttpRequest, pk: int) -> HttpResponse:
    space = _space(request, pk)
    form = PhotoForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.photo_add(
                space=space,
                image=form.cleaned_data.get("image"),
                alt_fi=form.cleaned_data.get("alt_fi", ""),
                alt_sv=form.cleaned_data.get("alt_sv", ""),
                alt_en=form.cleaned_data.get("alt_en", ""),
                by=authenticated_user(request),
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The photo was added."))
            return redirect("premises:space_photos", pk=space.pk)
    context = {
        "space": space,
        "municipality": space.municipality,
        "photos": list(space.photos.all()),
        "form": form,
    }
    return render(request, "premises/manage/photos.html", context)


@require_http_methods(["GET", "POST"])
def photo_delete(request: HttpRequest, pk: int) -> HttpResponse:
    photo = get_object_or_404(SpacePhoto.objects.select_related("space"), pk=pk)
    require(can_manage_space(request.user, photo.space), request)
    by = authenticated_user(request)
    return confirmation_page(
        request,
        title=_("Remove photo"),
        question=_("Remove the photo “%(description)s”?") % {"description": photo.alt_fi},
        can_confirm=True,
        closed="",
        action=lambda: services.photo_delete(photo=photo, by=by),
        done=_("The photo was removed."),
        back_url=reverse("premises:space_photos", args=[photo.space_id]),
        back_text=_("Back to the photos"),
    )


# --- usage principles -------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def principles(request: HttpRequest, code: str) -> HttpResponse:
    municipality = _municipality(request, code)
    current = principles_of(municipality)
    initial = (
        {"text_fi": current.text_fi, "text_sv": current.text_sv, "text_en": current.text_en}
        if current
        else {}
    )
    form = PrinciplesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.principles_set(
                municipality=municipality, by=authenticated_user(request), **form.cleaned_data
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The usage principles were saved."))
            return redirect("premises:manage", code=municipality.code)
    context = {"municipality": municipality, "form": form, "principles": current}
    return render(request, "premises/manage/principles.html", context)


# --- prices -----------------------------------------------------------------------------------


@require_http_methods(["GET"])
def prices(request: HttpRequest, code: str) -> HttpResponse:
    municipality = _municipality(request, code)
    spaces = spaces_for_choice(municipality)
    trying = "space" in request.GET
    form = TryPriceForm(request.GET if trying else None, spaces=spaces)
    tried: dict[str, Any] | None = None
    if trying and form.is_valid():
        data = form.cleaned_data
        tried = {
            **data,
            "price": booking_price(
                space=data["space"],
                customer_type=data["customer_type"],
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
            ),
        }
    days = dict(WEEKDAYS)
    rules = list(price_rules_of(municipality))
    for rule in rules:
        rule.weekday_names = [str(days[d]) for d in rule.weekdays]  # type: ignore[attr-defined]
    context = {"municipality": municipality, "rules": rules, "form": form, "tried": tried}
    return render(request, "premises/manage/prices.html", context)


def _price_form_page(
    request: HttpRequest, municipality: Municipality, form: PriceRuleForm, title: str
) -> HttpResponse:
    context = {
        "municipality": municipality,
        "form": form,
        "title": title,
        "back_url": reverse("premises:prices", args=[municipality.code]),
    }
    return render(request, "premises/manage/form.html", context)


@require_http_methods(["GET", "POST"])
def price_create(request: HttpRequest, code: str) -> HttpResponse:
    municipality = _municipality(request, code)
    form = PriceRuleForm(request.POST or None, spaces=spaces_for_choice(municipality))
    if request.method == "POST" and form.is_valid():
        try:
            services.price_rule_create(
                municipality=municipality, by=authenticated_user(request), **form.service_fields()
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The price rule was added."))
            return redirect("premises:prices", code=municipality.code)
    return _price_form_page(request, municipality, form, _("New price rule"))


@require_http_methods(["GET", "POST"])
def price_edit(request: HttpRequest, pk: int) -> HttpResponse:
    rule = _rule(request, pk)
    municipality = rule.municipality
    form = PriceRuleForm(
        request.POST or None, instance=rule, spaces=spaces_for_choice(municipality)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.price_rule_update(
                rule=rule, by=authenticated_user(request), **form.service_fields()
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("premises:prices", code=municipality.code)
    return _price_form_page(request, municipality, form, _("Edit price rule"))


@require_http_methods(["GET", "POST"])
def price_delete(request: HttpRequest, pk: int) -> HttpResponse:
    rule = _rule(request, pk)
    by = authenticated_user(request)
    return confirmation_page(
        request,
        title=_("Remove price rule"),
        question=_("Remove the price rule “%(rule)s”?") % {"rule": rule},
        can_confirm=True,
        closed="",
        action=lambda: services.price_rule_delete(rule=rule, by=by),
        done=_("The price rule was removed."),
        back_url=reverse("premises:prices", args=[rule.municipality.code]),
        back_text=_("Back to the price list"),
    )


# --- approvals --------------------------------------------------------------------------------


@require_http_methods(["GET"])
def approvals(request: HttpRequest, code: str) -> HttpResponse:
    municipality = _municipality(request, code)
    page = Paginator(pending_bookings(municipality), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"municipality": municipality, "page": page}
    return render(request, "premises/manage/approvals.html", context)


@require_http_methods(["GET", "POST"])
def booking_decide(request: HttpRequest, pk: int) -> HttpResponse:
    booking = get_object_or_404(
        Booking.objects.select_related("space__municipality", "organisation", "booked_by"), pk=pk
    )
    require(can_manage_space(request.user, booking.space), request)
    municipality = booking.space.municipality
    form = DecideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        approve = form.cleaned_data["decision"] == "approve"
        try:
            booking_approve_or_reject(
                booking=booking,
                by=authenticated_user(request),
                approve=approve,
                reason=form.cleaned_data["reason"],
                whole_series=form.cleaned_data["whole_series"],
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(
                request,
                _("The booking was approved and the booker was told.")
                if approve
                else _("The booking was rejected and the booker was told."),
            )
            return redirect("premises:approvals", code=municipality.code)
    series_pending = (
        Booking.objects.filter(series_id=booking.series_id, status="pending").count()
        if booking.series_id
        else 0
    )
    context = {
        "municipality": municipality,
        "booking": booking,
        "form": form,
        "series_pending": series_pending,
    }
    return render(request, "premises/manage/decide.html", context)
