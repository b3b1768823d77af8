"""Seasonal allocation rounds: the officer's list, form, demand grid, proposal and confirmation;
the public page of a round and the representative's applications."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kumppani.accounts.access import authenticated_user, represents, require
from kumppani.core.confirm import confirmation_page
from kumppani.core.forms import apply_validation_error
from kumppani.geography.selectors import municipality_or_404
from kumppani.premises.access import manages_premises_in
from kumppani.premises.models import Allocation, AllocationRound, RoundStatus, SlotRequest, Space
from kumppani.premises.selectors_rounds import (
    demand,
    represented,
    requests_of,
    round_visible,
    rounds_of,
)
from kumppani.premises.services import allocation as allocator
from kumppani.premises.services import rounds as services
from kumppani.premises.views.forms_rounds import (
    AllocationForm,
    GrantForm,
    RoundForm,
    SlotRequestForm,
)


def _managed_round(request: HttpRequest, pk: int) -> AllocationRound:
    """The round, if the person manages the premises of its municipality."""
    round = get_object_or_404(AllocationRound.objects.select_related("municipality"), pk=pk)
    require(manages_premises_in(request.user, round.municipality_id), request)
    return round


def _visible_round(request: HttpRequest, pk: int) -> AllocationRound:
    round = get_object_or_404(AllocationRound.objects.select_related("municipality"), pk=pk)
    if not round_visible(round, request.user):
        raise Http404
    return round


def _bookable(municipality_id: int) -> object:
    return Space.objects.filter(municipality_id=municipality_id, bookable=True).order_by(
        "name_fi", "pk"
    )


# --- the officer ------------------------------------------------------------------------------


@require_http_methods(["GET"])
def rounds(request: HttpRequest, code: str) -> HttpResponse:
    municipality = municipality_or_404(code)
    require(manages_premises_in(request.user, municipality.pk), request)
    context = {"municipality": municipality, "rounds": rounds_of(municipality)}
    return render(request, "premises/rounds/rounds.html", context)


@require_http_methods(["GET", "POST"])
def round_create(request: HttpRequest, code: str) -> HttpResponse:
    municipality = municipality_or_404(code)
    require(manages_premises_in(request.user, municipality.pk), request)
    form = RoundForm(
        request.POST or None,
        instance=AllocationRound(municipality=municipality),
        spaces=_bookable(municipality.pk),  # type: ignore[arg-type]
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        spaces = data.pop("spaces")
        try:
            round = services.round_create(
                municipality=municipality,
                actor=authenticated_user(request),
                spaces=spaces,
                **data,
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The round was created as a draft. Open it when ready."))
            return redirect("premises:round_manage", pk=round.pk)
    context = {"municipality": municipality, "form": form, "round": None}
    return render(request, "premises/rounds/round_form.html", context)


@require_http_methods(["GET", "POST"])
def round_edit(request: HttpRequest, pk: int) -> HttpResponse:
    round = _managed_round(request, pk)
    form = RoundForm(
        request.POST or None,
        instance=round,
        spaces=_bookable(round.municipality_id),  # type: ignore[arg-type]
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        spaces = data.pop("spaces")
        try:
            services.round_update(
                round=round, actor=authenticated_user(request), spaces=spaces, **data
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("premises:round_manage", pk=round.pk)
    context = {"municipality": round.municipality, "form": form, "round": round}
    return render(request, "premises/rounds/round_form.html", context)


@require_http_methods(["GET", "POST"])
def round_open(request: HttpRequest, pk: int) -> HttpResponse:
    round = _managed_round(request, pk)
    actor = authenticated_user(request)
    return confirmation_page(
        request,
        title=_("Open the round"),
        question=_(
            "Open “%(round)s”? It becomes public, and associations can apply between the "
            "opening and closing times."
        )
        % {"round": round},
        can_confirm=round.status == RoundStatus.DRAFT,
        closed=_("The round is already open."),
        action=lambda: services.round_open(round=round, actor=actor),
        done=_("The round is open."),
        back_url=reverse("premises:round_manage", args=[round.pk]),
        back_text=_("Back to the round"),
    )


@require_http_methods(["GET"])
def round_manage(request: HttpRequest, pk: int) -> HttpResponse:
    round = _managed_round(request, pk)
    context = {
        "round": round,
        "demand": demand(round),
        "spaces": round.spaces.order_by("name_fi", "pk"),
        "can_propose": round.status in (RoundStatus.OPEN, RoundStatus.ALLOCATING),
        "can_adjust": round.status == RoundStatus.ALLOCATING,
        "applications_open": services.accepts_applications(round),
    }
    return render(request, "premises/rounds/manage.html", context)


@require_http_methods(["POST"])
def round_propose(request: HttpRequest, pk: int) -> HttpResponse:
    round = _managed_round(request, pk)
    try:
        created = allocator.allocation_propose(round=round, actor=authenticated_user(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The proposal is ready: %(count)d slots granted. Adjust it below, then confirm.")
            % {"count": len(created)},
        )
    return redirect(reverse("premises:round_manage", args=[round.pk]) + "#proposal")


def _allocation(request: HttpRequest, pk: int) -> Allocation:
    allocation = get_object_or_404(
        Allocation.objects.select_related("round__municipality", "organisation", "space"), pk=pk
    )
    require(manages_premises_in(request.user, allocation.round.municipality_id), request)
    return allocation


@require_http_methods(["GET", "POST"])
def allocation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    allocation = _allocation(request, pk)
    round = allocation.round
    form = AllocationForm(
        request.POST or None, instance=allocation, spaces=round.spaces.order_by("name_fi", "pk")
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.allocation_update(
                allocation=allocation, actor=authenticated_user(request), **form.cleaned_data
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The allocation was changed."))
            return redirect(reverse("premises:round_manage", args=[round.pk]) + "#proposal")
    context = {"round": round, "form": form, "allocation": allocation}
    return render(request, "premises/rounds/allocation_form.html", context)


@require_http_methods(["GET", "POST"])
def allocation_delete(request: HttpRequest, pk: int) -> HttpResponse:
    allocation = _allocation(request, pk)
    round = allocation.round
    actor = authenticated_user(request)
    return confirmation_page(
        request,
        title=_("Remove the allocation"),
        question=_("Remove the slot of %(association)s in %(space)s on %(slot)s from the proposal?")
        % {
            "association": allocation.organisation,
            "space": allocation.space,
            "slot": services.slot_text(allocation.weekday, allocation.starts, allocation.ends),
        },
        can_confirm=round.status == RoundStatus.ALLOCATING,
        closed=_("The proposal can no longer be changed."),
        action=lambda: services.allocation_delete(allocation=allocation, actor=actor),
        done=_("The allocation was removed."),
        back_url=reverse("premises:round_manage", args=[round.pk]) + "#proposal",
        back_text=_("Back to the round"),
    )


@require_http_methods(["GET", "POST"])
def allocation_create(request: HttpRequest, pk: int) -> HttpResponse:
    round = _managed_round(request, pk)
    requests = (
        SlotRequest.objects.filter(round=round, allocations__isnull=True)
        .select_related("organisation", "space")
        .order_by("organisation__name_fi", "priority", "pk")
    )
    form = GrantForm(request.POST or None, requests=requests)
    if request.method == "POST" and form.is_valid():
        try:
            services.allocation_create(
                round=round, request=form.cleaned_data["request"], actor=authenticated_user(request)
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The request was granted."))
            return redirect(reverse("premises:round_manage", args=[round.pk]) + "#proposal")
    context = {
        "round": round,
        "form": form,
        "can_adjust": round.status == RoundStatus.ALLOCATING,
        "has_requests": requests.exists(),
    }
    return render(request, "premises/rounds/allocation_create.html", context)


@require_http_methods(["GET", "POST"])
def round_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    round = _managed_round(request, pk)
    failure = None
    if request.method == "POST":
        try:
            created = services.round_confirm(round=round, actor=authenticated_user(request))
        except services.ConfirmFailed as error:
            failure = error
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("premises:round_manage", pk=round.pk)
        else:
            messages.success(
                request,
                _(
                    "The round is confirmed: %(count)d booking series were created and "
                    "the applicants were told."
                )
                % {"count": len(created)},
            )
            return redirect("premises:round_manage", pk=round.pk)
    context = {
        "round": round,
        "demand": demand(round),
        "can_confirm": round.status == RoundStatus.ALLOCATING,
        "failure": failure,
        "failed_slot": (
            services.slot_text(
                failure.allocation.weekday, failure.allocation.starts, failure.allocation.ends
            )
            if failure
            else ""
        ),
    }
    return render(request, "premises/rounds/confirm.html", context, status=409 if failure else 200)


# --- the public and the representative --------------------------------------------------------


@require_http_methods(["GET"])
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    round = _visible_round(request, pk)
    associations = represented(request.user)
    context = {
        "round": round,
        "spaces": round.spaces.order_by("name_fi", "pk"),
        "accepts": services.accepts_applications(round),
        "can_apply": bool(associations),
        "manages": manages_premises_in(request.user, round.municipality_id),
    }
    return render(request, "premises/rounds/round.html", context)


@require_http_methods(["GET", "POST"])
def round_apply(request: HttpRequest, pk: int) -> HttpResponse:
    round = _visible_round(request, pk)
    associations = represented(request.user)
    require(bool(associations), request)
    accepts = services.accepts_applications(round)
    form = SlotRequestForm(
        request.POST or None,
        spaces=round.spaces.order_by("name_fi", "pk"),
        associations=associations,
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        organisation = data.pop("organisation")
        try:
            services.slot_request_create(
                round=round, organisation=organisation, actor=authenticated_user(request), **data
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The request was added."))
            return redirect("premises:round_apply", pk=round.pk)
    context = {
        "round": round,
        "form": form,
        "accepts": accepts,
        "confirmed": round.status == RoundStatus.CONFIRMED,
        "requests": requests_of(round, [a.pk for a in associations]),
        "several": len(associations) > 1,
    }
    return render(request, "premises/rounds/apply.html", context)


def _own_request(request: HttpRequest, pk: int) -> SlotRequest:
    slot = get_object_or_404(
        SlotRequest.objects.select_related("round__municipality", "organisation", "space"), pk=pk
    )
    require(represents(request.user, slot.organisation_id), request)
    return slot


@require_http_methods(["GET", "POST"])
def request_edit(request: HttpRequest, pk: int) -> HttpResponse:
    slot = _own_request(request, pk)
    round = slot.round
    form = SlotRequestForm(
        request.POST or None,
        instance=slot,
        spaces=round.spaces.order_by("name_fi", "pk"),
        associations=[slot.organisation],
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.slot_request_update(
                request=slot, actor=authenticated_user(request), **form.cleaned_data
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("premises:round_apply", pk=round.pk)
    context = {"round": round, "form": form, "slot": slot}
    return render(request, "premises/rounds/request_form.html", context)


@require_http_methods(["GET", "POST"])
def request_delete(request: HttpRequest, pk: int) -> HttpResponse:
    slot = _own_request(request, pk)
    round = slot.round
    actor = authenticated_user(request)
    return confirmation_page(
        request,
        title=_("Remove the request"),
        question=_("Remove the request for %(space)s on %(slot)s?")
        % {"space": slot.space, "slot": services.slot_text(slot.weekday, slot.starts, slot.ends)},
        can_confirm=services.accepts_applications(round),
        closed=_("The round does not accept changes now."),
        action=lambda: services.slot_request_delete(request=slot, actor=actor),
        done=_("The request was removed."),
        back_url=reverse("premises:round_apply", args=[round.pk]),
        back_text=_("Back to the applications"),
    )
