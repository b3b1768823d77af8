"""Liaisons and agents, bodies and their members, partnership agreements."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kumppani.accounts.access import authenticated_user, require
from kumppani.associations.selectors import associations_in_municipality
from kumppani.cooperation import access, selectors, services
from kumppani.cooperation.forms import (
    AgentForm,
    AgreementForm,
    BodyForm,
    BodyMemberForm,
    LiaisonForm,
)
from kumppani.cooperation.models import (
    AgentPairing,
    Body,
    BodyMember,
    Liaison,
    PartnershipAgreement,
)
from kumppani.core.forms import apply_validation_error
from kumppani.core.panels import BODY_PAGE, panels_for
from kumppani.geography.selectors import municipality_or_404

# --- liaisons --------------------------------------------------------------------------------


@require_GET
def contacts(request: HttpRequest, code: str) -> HttpResponse:
    municipality = municipality_or_404(code)
    context = {
        "municipality": municipality,
        "liaisons": selectors.liaisons_of(municipality=municipality),
        "can_manage": access.can_manage(request.user, municipality),
    }
    return render(request, "cooperation/contacts.html", context)


@require_http_methods(["GET", "POST"])
def liaisons_manage(request: HttpRequest, code: str) -> HttpResponse:
    municipality = municipality_or_404(code)
    require(access.can_manage(request.user, municipality), request)
    form = LiaisonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.liaison_create(
                municipality=municipality, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The liaison was added."))
            return redirect("cooperation:liaisons_manage", code=code)
    context = {
        "municipality": municipality,
        "form": form,
        "liaisons": selectors.liaisons_of(municipality=municipality, public_only=False),
        "agent_associations": list(
            associations_in_municipality(municipality.pk).values_list("pk", "name_fi")
        ),
    }
    return render(request, "cooperation/liaisons_manage.html", context)


@require_http_methods(["GET", "POST"])
def liaison_edit(request: HttpRequest, pk: int) -> HttpResponse:
    liaison = get_object_or_404(Liaison.objects.select_related("municipality__region"), pk=pk)
    require(access.can_manage(request.user, liaison.municipality), request)
    form = LiaisonForm(request.POST or None, instance=liaison)
    if request.method == "POST" and form.is_valid():
        try:
            services.liaison_update(liaison=liaison, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("cooperation:liaisons_manage", code=liaison.municipality.code)
    return render(
        request,
        "cooperation/form.html",
        {"form": form, "title": _("Edit liaison"), "back": liaison.municipality},
    )


@require_POST
def liaison_delete(request: HttpRequest, pk: int) -> HttpResponse:
    liaison = get_object_or_404(Liaison.objects.select_related("municipality__region"), pk=pk)
    require(access.can_manage(request.user, liaison.municipality), request)
    code = liaison.municipality.code
    services.liaison_delete(liaison=liaison, actor=request.user)
    messages.success(request, _("The liaison was removed."))
    return redirect("cooperation:liaisons_manage", code=code)


@require_POST
def agent_add(request: HttpRequest, pk: int) -> HttpResponse:
    liaison = get_object_or_404(Liaison.objects.select_related("municipality__region"), pk=pk)
    municipality = liaison.municipality
    require(access.can_manage(request.user, municipality), request)
    form = AgentForm(request.POST, municipality=municipality, auto_id="agent_%s")
    if not form.is_valid():
        messages.error(request, _("The agent was not added: give the agent's name."))
        return redirect("cooperation:liaisons_manage", code=municipality.code)
    try:
        services.agent_pair(liaison=liaison, actor=authenticated_user(request), **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The agent was paired with the liaison."))
    return redirect("cooperation:liaisons_manage", code=municipality.code)


@require_POST
def agent_remove(request: HttpRequest, pk: int) -> HttpResponse:
    pairing = get_object_or_404(
        AgentPairing.objects.select_related("liaison__municipality__region"), pk=pk
    )
    municipality = pairing.liaison.municipality
    require(access.can_manage(request.user, municipality), request)
    services.agent_unpair(pairing=pairing, actor=authenticated_user(request))
    messages.success(request, _("The agent was removed."))
    return redirect("cooperation:liaisons_manage", code=municipality.code)


# --- bodies ----------------------------------------------------------------------------------


@require_GET
def bodies(request: HttpRequest, code: str) -> HttpResponse:
    municipality = municipality_or_404(code)
    context = {
        "municipality": municipality,
        "bodies": selectors.bodies_of(municipality=municipality),
        "can_manage": access.can_manage(request.user, municipality),
    }
    return render(request, "cooperation/bodies.html", context)


@require_GET
def body(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        found = selectors.body_detail(pk=pk)
    except Body.DoesNotExist:
        raise Http404 from None
    context = {
        "body": found,
        "municipality": found.municipality,
        "can_manage": access.can_manage(request.user, found.municipality),
        "panels": panels_for(BODY_PAGE, request, found),
    }
    return render(request, "cooperation/body.html", context)


@require_http_methods(["GET", "POST"])
def body_create(request: HttpRequest, code: str) -> HttpResponse:
    municipality = municipality_or_404(code)
    require(access.can_manage(request.user, municipality), request)
    form = BodyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.body_create(municipality=municipality, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The body was added. Add its members next."))
            return redirect("cooperation:body_members", pk=created.pk)
    return render(
        request,
        "cooperation/form.html",
        {"form": form, "title": _("New body"), "back": municipality},
    )


@require_http_methods(["GET", "POST"])
def body_edit(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(Body.objects.select_related("municipality__region"), pk=pk)
    require(access.can_manage(request.user, found.municipality), request)
    form = BodyForm(request.POST or None, instance=found)
    if request.method == "POST" and form.is_valid():
        try:
            services.body_update(body=found, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect(found)
    return render(
        request, "cooperation/form.html", {"form": form, "title": _("Edit body"), "back": found}
    )


@require_http_methods(["GET", "POST"])
def body_members(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        found = selectors.body_detail(pk=pk)
    except Body.DoesNotExist:
        raise Http404 from None
    require(access.can_manage(request.user, found.municipality), request)
    form = BodyMemberForm(request.POST or None, municipality=found.municipality)
    if request.method == "POST" and form.is_valid():
        try:
            services.body_member_add(body=found, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The member was added."))
            return redirect("cooperation:body_members", pk=pk)
    return render(request, "cooperation/body_members.html", {"body": found, "form": form})


@require_POST
def body_member_remove(request: HttpRequest, pk: int) -> HttpResponse:
    member = get_object_or_404(
        BodyMember.objects.select_related("body__municipality__region"), pk=pk
    )
    require(access.can_manage(request.user, member.body.municipality), request)
    body_id = member.body_id
    services.body_member_remove(member=member)
    messages.success(request, _("The member was removed."))
    return redirect("cooperation:body_members", pk=body_id)


# --- partnership agreements ------------------------------------------------------------------


@require_GET
def agreements(request: HttpRequest, code: str) -> HttpResponse:
    municipality = municipality_or_404(code)
    context = {
        "municipality": municipality,
        "agreements": selectors.agreements_of(
            municipality=municipality,
            public_only=not access.sees_summaries(request.user, municipality),
        ),
        "can_manage": access.can_manage(request.user, municipality),
    }
    return render(request, "cooperation/agreements.html", context)


def _agreement(request: HttpRequest, pk: int) -> PartnershipAgreement:
    agreement = get_object_or_404(
        PartnershipAgreement.objects.select_related("municipality__region", "association"), pk=pk
    )
    if not agreement.is_public and not access.sees_summaries(request.user, agreement.municipality):
        raise Http404
    return agreement


@require_GET
def agreement(request: HttpRequest, pk: int) -> HttpResponse:
    found = _agreement(request, pk)
    context = {
        "agreement": found,
        "municipality": found.municipality,
        "can_manage": access.can_manage(request.user, found.municipality),
    }
    return render(request, "cooperation/agreement.html", context)


@require_GET
def agreement_attachment(request: HttpRequest, pk: int) -> FileResponse:
    found = _agreement(request, pk)
    if not found.attachment:
        raise Http404
    return FileResponse(
        found.attachment.open("rb"),
        as_attachment=True,
        filename=found.attachment.name.rsplit("/", 1)[-1],
    )


@require_http_methods(["GET", "POST"])
def agreement_create(request: HttpRequest, code: str) -> HttpResponse:
    municipality = municipality_or_404(code)
    require(access.can_manage(request.user, municipality), request)
    form = AgreementForm(request.POST or None, request.FILES or None, municipality=municipality)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.agreement_create(
                municipality=municipality, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The agreement was saved."))
            return redirect("cooperation:agreement", pk=created.pk)
    return render(
        request,
        "cooperation/form.html",
        {
            "form": form,
            "title": _("New partnership agreement"),
            "back": municipality,
            "multipart": True,
        },
    )


@require_http_methods(["GET", "POST"])
def agreement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(
        PartnershipAgreement.objects.select_related("municipality__region"), pk=pk
    )
    require(access.can_manage(request.user, found.municipality), request)
    form = AgreementForm(
        request.POST or None,
        request.FILES or None,
        instance=found,
        municipality=found.municipality,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.agreement_update(agreement=found, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("cooperation:agreement", pk=pk)
    return render(
        request,
        "cooperation/form.html",
        {
            "form": form,
            "title": _("Edit partnership agreement"),
            "back": found.municipality,
            "multipart": True,
        },
    )
