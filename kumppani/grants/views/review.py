"""Reviews, conflicts of interest, the ranking, decisions and decision letters."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kumppani.accounts.access import authenticated_user, require
from kumppani.core.forms import apply_validation_error
from kumppani.grants import access
from kumppani.grants.forms_review import ConflictForm, DecisionForm, ReviewForm
from kumppani.grants.models import (
    Answer,
    Application,
    ApplicationVersion,
    Attachment,
    Criterion,
    Decision,
    Programme,
    Question,
    Recusal,
    Review,
    UseReport,
    UseReportStatus,
)
from kumppani.grants.selectors_review import budget_of, ranking, review_list
from kumppani.grants.services.decisions import decision_letter_pdf, decision_make
from kumppani.grants.services.reviews import (
    REVIEWABLE,
    conflict_declare,
    recusals_apply,
    recusals_apply_for,
    review_save,
)

RANKING_PAGE_SIZE = 100


def _programme(pk: int) -> Programme:
    return get_object_or_404(Programme.objects.select_related("municipality"), pk=pk)


def _application(pk: int) -> Application:
    application = get_object_or_404(
        Application.objects.select_related("programme__municipality", "association"), pk=pk
    )
    if application.status not in REVIEWABLE:
        raise Http404
    return application


def access_application_to_review(request: HttpRequest, pk: int) -> Application:
    """The submitted application, if the person reviews it and is not recused; raises otherwise
    (a recused reviewer gets 403: they see none of the application or its reviews)."""
    application = _application(pk)
    require(access.is_reviewer(request.user, application.programme), request)
    recusals_apply_for(application=application, user=authenticated_user(request))
    if access.is_recused(request.user, application):
        raise PermissionDenied
    return application


def _answer_text(question: Question, value: Any) -> str:
    if value is None or value == "" or value == []:
        return ""
    if question.kind in ("single", "multiple"):
        labels = question.choice_labels()
        indexes = value if isinstance(value, list) else [value]
        shown = []
        for index in indexes:
            try:
                shown.append(labels[int(index)])
            except (ValueError, IndexError, TypeError):
                shown.append(str(index))
        return ", ".join(shown)
    if question.kind == "yes_no":
        return str(_("Yes")) if value in ("yes", True) else str(_("No"))
    return str(value)


def _version_answers(application: Application) -> dict[int, Any] | None:
    """The answers of the submitted version, ``{question id: value}``, when it stores them."""
    if application.submitted_version is None:
        return None
    version = ApplicationVersion.objects.filter(
        application=application, number=application.submitted_version
    ).first()
    if version is None:
        return None
    try:
        content = json.loads(version.content)
    except ValueError:
        return None
    answers = content.get("answers") if isinstance(content, dict) else None
    result: dict[int, Any] = {}
    if isinstance(answers, dict):
        for key, value in answers.items():
            if str(key).isdigit():
                result[int(key)] = value
        return result
    if isinstance(answers, list):
        for item in answers:
            if isinstance(item, dict) and str(item.get("question", "")).isdigit():
                result[int(item["question"])] = item.get("value")
        return result
    return None


def _answers(application: Application) -> list[tuple[Question, str]]:
    questions = list(Question.objects.filter(programme_id=application.programme_id))
    stored = _version_answers(application)
    if stored is None:
        stored = dict(
            Answer.objects.filter(application=application).values_list("question_id", "value")
        )
    return [(q, _answer_text(q, stored.get(q.pk))) for q in questions]


@require_GET
def review_list_view(request: HttpRequest, pk: int) -> HttpResponse:
    programme = _programme(pk)
    require(access.is_reviewer(request.user, programme), request)
    user = authenticated_user(request)
    recusals_apply(programme=programme, extra_reviewers=[user])
    return render(
        request,
        "grants/review/list.html",
        {
            "programme": programme,
            "rows": review_list(programme, user),
            "can_manage": access.can_manage_programme(user, programme),
        },
    )


@require_http_methods(["GET", "POST"])
def review_view(request: HttpRequest, pk: int) -> HttpResponse:
    application = access_application_to_review(request, pk)
    user = authenticated_user(request)
    criteria = list(
        Criterion.objects.filter(programme_id=application.programme_id).select_related(
            "welfare_theme"
        )
    )
    own = (
        Review.objects.filter(application=application, reviewer=user)
        .prefetch_related("scores")
        .first()
    )
    initial: dict[str, Any] = {}
    if own is not None:
        initial = {f"criterion_{s.criterion_id}": s.points for s in own.scores.all()}
        initial["comment"] = own.comment
    form = ReviewForm(request.POST or None, criteria=criteria, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                review_save(
                    application=application,
                    reviewer=user,
                    scores=form.scores(),
                    comment=form.cleaned_data["comment"],
                )
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(request, _("Your review was saved."))
                return redirect("grants:review_list", pk=application.programme_id)
        status = 400
    return render(
        request,
        "grants/review/review.html",
        {
            "application": application,
            "programme": application.programme,
            "answers": _answers(application),
            "attachments": list(Attachment.objects.filter(application=application)),
            "form": form,
            "reviewed": own is not None,
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def conflict_view(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application(pk)
    require(access.is_reviewer(request.user, application.programme), request)
    user = authenticated_user(request)
    recused = Recusal.objects.filter(application=application, user=user).first()
    form = ConflictForm(request.POST or None)
    status = 200
    if request.method == "POST" and recused is None:
        if form.is_valid():
            try:
                conflict_declare(application=application, user=user, note=form.cleaned_data["note"])
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(request, _("You declared a conflict of interest and are recused."))
                return redirect("grants:review_list", pk=application.programme_id)
        status = 400
    return render(
        request,
        "grants/review/conflict.html",
        {"application": application, "form": form, "recusal": recused},
        status=status,
    )


@require_GET
def ranking_view(request: HttpRequest, pk: int) -> HttpResponse:
    programme = _programme(pk)
    require(access.can_manage_programme(request.user, programme), request)
    user = authenticated_user(request)
    recusals_apply(programme=programme, extra_reviewers=[user])
    recused = set(
        Recusal.objects.filter(application__programme=programme, user=user).values_list(
            "application_id", flat=True
        )
    )
    # The whole ranking is computed (a constant number of queries); a page shows 100 rows.
    page = Paginator(ranking(programme), RANKING_PAGE_SIZE).get_page(request.GET.get("page"))
    # Applications whose use report has come in (to review, or reviewed): one query.
    reported = set(
        UseReport.objects.filter(decision__application__programme=programme)
        .exclude(status=UseReportStatus.DUE)
        .values_list("decision__application_id", flat=True)
    )
    return render(
        request,
        "grants/review/ranking.html",
        {
            "programme": programme,
            "page": page,
            "rows": page.object_list,
            "recused": recused,
            "reported": reported,
            "budget": budget_of(programme),
        },
    )


@require_http_methods(["GET", "POST"])
def decide_view(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application(pk)
    programme = application.programme
    require(access.can_manage_programme(request.user, programme), request)
    user = authenticated_user(request)
    recusals_apply_for(application=application, user=user)
    if access.is_recused(user, application):
        raise PermissionDenied
    decision = Decision.objects.filter(application=application).first()
    form = DecisionForm(
        request.POST or None,
        initial={"amount_eur": application.amount_eur} if decision is None else None,
    )
    status = 200
    if request.method == "POST" and decision is None:
        if form.is_valid():
            try:
                decision_make(
                    application=application,
                    user=user,
                    amount_eur=form.cleaned_data["amount_eur"],
                    reasons=form.cleaned_data["reasons"],
                )
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(
                    request, _("The decision was made. The decision letter is being sent.")
                )
                return redirect("grants:ranking", pk=programme.pk)
        status = 400
    return render(
        request,
        "grants/review/decide.html",
        {
            "application": application,
            "programme": programme,
            "form": form,
            "decision": decision,
            "budget": budget_of(programme),
        },
        status=status,
    )


@require_GET
def letter_view(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_object_or_404(Application.objects.select_related("programme"), pk=pk)
    require(
        access.can_edit_application(request.user, application)
        or access.can_manage_programme(request.user, application.programme),
        request,
    )
    decision = get_object_or_404(
        Decision.objects.select_related(
            "application__programme__municipality", "application__association", "decided_by"
        ),
        application=application,
    )
    pdf = decision_letter_pdf(decision=decision, language=application.language)
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = _("decision-%(id)s.pdf") % {"id": application.pk}
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
