"""Invitations and answering: personal links, drafts per section, submit."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kumppani.accounts import access as base_access
from kumppani.core.forms import apply_validation_error
from kumppani.surveys import access
from kumppani.surveys.forms import AnswerForm, AudienceForm, NamedInvitationForm
from kumppani.surveys.models import Invitation, Survey
from kumppani.surveys.selectors import (
    invitation_by_token,
    invitations_overview,
    response_answers,
    section_list,
    section_with_questions,
    survey_structure,
)
from kumppani.surveys.services import (
    invitation_create,
    invitation_for_resident,
    invitations_for_associations,
    response_save,
    response_submit,
)
from kumppani.surveys.services.responses import SurveyClosedError, missing_required
from kumppani.surveys.values import stored_value


@require_http_methods(["GET", "POST"])
def invitations(request: HttpRequest, pk: int) -> HttpResponse:
    survey = access.access_survey_to_manage(request, pk)
    audience = AudienceForm(
        request.POST if request.POST.get("action") == "associations" else None, survey=survey
    )
    named = NamedInvitationForm(
        request.POST if request.POST.get("action") == "named" else None, survey=survey
    )
    if request.method == "POST" and audience.is_bound and audience.is_valid():
        municipality = audience.cleaned_data["municipality"]
        created = invitations_for_associations(
            survey=survey,
            category=audience.cleaned_data["category"],
            municipalities=[municipality] if municipality else None,
            actor=base_access.authenticated_user(request),
        )
        messages.success(
            request,
            _("%(count)s associations were invited.") % {"count": len(created)},
        )
        return redirect("surveys:invitations", pk=pk)
    if request.method == "POST" and named.is_bound and named.is_valid():
        try:
            invitation_create(
                survey=survey,
                kind=named.cleaned_data["kind"],
                name=named.cleaned_data["name"],
                email=named.cleaned_data["email"],
                municipality=named.cleaned_data.get("municipality"),
                actor=base_access.authenticated_user(request),
            )
        except ValidationError as error:
            apply_validation_error(named, error)
        else:
            messages.success(
                request, _("%(name)s was invited.") % {"name": named.cleaned_data["name"]}
            )
            return redirect("surveys:invitations", pk=pk)
    context = {
        "survey": survey,
        "audience": audience,
        "named": named,
        "invitations": invitations_overview(survey=survey),
        "open_url": request.build_absolute_uri(_reverse_open(survey))
        if survey.open_link_enabled
        else "",
    }
    return render(request, "surveys/invitations.html", context)


def _reverse_open(survey: Survey) -> str:
    from django.urls import reverse

    return reverse("surveys:open", args=[survey.open_token])


@require_http_methods(["GET", "POST"])
def open_link(request: HttpRequest, token: str) -> HttpResponse:
    survey = get_object_or_404(Survey, open_token=token, open_link_enabled=True)
    if request.method == "POST":
        try:
            invitation = invitation_for_resident(survey=survey)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.info(
                request,
                _("Save the address of this page: it is your personal link to continue later."),
            )
            return redirect("surveys:respond", token=invitation.token)
    return render(request, "surveys/open.html", {"survey": survey})


@require_http_methods(["GET"])
def continue_answer(request: HttpRequest, invitation_id: int) -> HttpResponse:
    """A logged-in representative continues the association's answer from "My pages"."""
    invitation = get_object_or_404(Invitation, pk=invitation_id)
    base_access.require(access.can_continue_for_association(request.user, invitation), request)
    return redirect("surveys:respond", token=invitation.token)


def _invitation(token: str) -> Invitation:
    try:
        return invitation_by_token(token=token)
    except Invitation.DoesNotExist:
        raise Http404 from None


def _state(survey: Survey) -> str:
    now = timezone.now()
    if now < survey.opens_at:
        return "upcoming"
    if now >= survey.closes_at:
        return "closed"
    return "open"


@require_http_methods(["GET"])
def respond(request: HttpRequest, token: str) -> HttpResponse:
    invitation = _invitation(token)
    survey = survey_structure(survey_id=invitation.survey_id)
    response, answers = response_answers(invitation=invitation)
    sections = []
    for index, section in enumerate(survey.sections.all(), start=1):
        questions = list(section.questions.all())
        done = sum(1 for q in questions if q.pk in answers)
        sections.append({"index": index, "section": section, "count": len(questions), "done": done})
    missing = missing_required(response) if response is not None else []
    context = {
        "invitation": invitation,
        "survey": survey,
        "response": response,
        "sections": sections,
        "state": _state(survey),
        "missing": missing,
    }
    return render(request, "surveys/respond.html", context)


@require_http_methods(["GET", "POST"])
def respond_section(request: HttpRequest, token: str, index: int) -> HttpResponse:
    invitation = _invitation(token)
    survey = invitation.survey
    sections = section_list(survey_id=survey.pk)
    if not 1 <= index <= len(sections):
        raise Http404
    section = section_with_questions(section_id=sections[index - 1])
    questions = list(section.questions.all())
    state = _state(survey)
    autosave = request.headers.get("X-Autosave") == "1"
    response = None
    values: dict[int, object] = {}
    if request.method == "GET":
        response, answers = response_answers(invitation=invitation)
        values = {q.pk: stored_value(q, answers.get(q.pk)) for q in questions}
    read_only = state != "open" or (response is not None and response.is_submitted)
    form = AnswerForm(
        request.POST if request.method == "POST" else None,
        section=section,
        values=values,
        disabled=read_only,
    )
    error = ""
    if request.method == "POST":
        if form.is_valid():
            user = request.user if request.user.is_authenticated else None
            try:
                result = response_save(
                    invitation=invitation,
                    values=form.values(),
                    fingerprints=form.fingerprints(),
                    user=user,
                    questions=questions,
                )
            except SurveyClosedError as exc:
                error = " ".join(exc.messages)
            except ValidationError as exc:
                # e.g. an over-long text: shown at its question; the typed answers stay.
                apply_validation_error(form, exc)
                error = _("Check the answers marked below; nothing was saved.")
            else:
                saved_at = formats.time_format(timezone.localtime(), "H:i")
                if autosave:
                    return JsonResponse(
                        {
                            "saved": True,
                            "fingerprints": {f"h{k}": v for k, v in result.fingerprints.items()},
                            "message": _("Draft saved at %(time)s.") % {"time": saved_at},
                        }
                    )
                messages.success(request, _("Draft saved at %(time)s.") % {"time": saved_at})
                action = request.POST.get("go", "")
                if action == "next" and index < len(sections):
                    return redirect("surveys:respond_section", token=token, index=index + 1)
                if action == "prev" and index > 1:
                    return redirect("surveys:respond_section", token=token, index=index - 1)
                if action == "overview" or (action == "next" and index == len(sections)):
                    return redirect("surveys:respond", token=token)
                return redirect("surveys:respond_section", token=token, index=index)
        else:
            error = _("Check the answers marked below; nothing was saved.")
        if autosave:
            return JsonResponse({"saved": False, "message": error}, status=400)
        response = response_answers(invitation=invitation)[0]
        read_only = state != "open" or (response is not None and response.is_submitted)
    context = {
        "invitation": invitation,
        "survey": survey,
        "section": section,
        "index": index,
        "count": len(sections),
        "form": form,
        "groups": form.bound_groups(),
        "read_only": read_only,
        "state": state,
        "response": response,
        "error": error,
    }
    return render(request, "surveys/respond_section.html", context, status=400 if error else 200)


@require_POST
def respond_submit(request: HttpRequest, token: str) -> HttpResponse:
    invitation = _invitation(token)
    user = request.user if request.user.is_authenticated else None
    try:
        response_submit(invitation=invitation, user=user)
    except (SurveyClosedError, ValidationError) as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Thank you! Your answer was sent."))
    return redirect("surveys:respond", token=token)
