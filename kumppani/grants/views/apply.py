"""The association's one application path: start, the form (autosaved), submit, receipt,
attachments, the officer's reopening, and the association's "my cases"."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kumppani.accounts import access as base_access
from kumppani.associations.models import Association
from kumppani.core.confirm import confirmation_page
from kumppani.core.forms import apply_validation_error
from kumppani.grants import access
from kumppani.grants.models import Application, ApplicationStatus, Attachment, Programme
from kumppani.grants.selectors_apply import (
    application_answers,
    application_attachments,
    application_detail,
    application_existing,
    application_questions,
    application_theme_ids,
    application_version,
    association_cases,
    associations_to_apply,
    reopenable_by_deadline,
    welfare_themes_for,
)
from kumppani.grants.services.application_attachments import attachment_add, attachment_remove
from kumppani.grants.services.application_reopen import application_reopen
from kumppani.grants.services.applications import (
    ApplicationClosed,
    application_save,
    application_start,
    application_submit,
    editable_error,
)
from kumppani.grants.services.reviews import recusals_apply_for
from kumppani.grants.views.forms_apply import ApplicationForm, AttachmentForm, ReopenForm, hash_name

ZERO = Decimal("0.00")


def _application(request: HttpRequest, pk: int) -> Application:
    """The application, if the person may see it; raises otherwise."""
    try:
        application = application_detail(pk=pk)
    except Application.DoesNotExist:
        raise Http404 from None
    user = request.user
    if (
        user.is_authenticated
        and application.submitted_version
        and not access.can_edit_application(user, application)
        and not access.can_manage_programme(user, application.programme)
        and access.is_reviewer(user, application.programme)
    ):
        # A reviewer's conflicts are recorded before they see anything (idempotent, cheap).
        recusals_apply_for(application=application, user=base_access.authenticated_user(request))
    base_access.require(access.can_see_application(user, application), request)
    return application


def _editor(request: HttpRequest, application: Application) -> None:
    base_access.require(access.can_edit_application(request.user, application), request)


# --- start ----------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest, pk: int) -> HttpResponse:
    """A representative chooses which of their associations applies, and starts or continues."""
    programme = get_object_or_404(Programme.objects.select_related("municipality"), pk=pk)
    user = base_access.authenticated_user(request)
    associations = associations_to_apply(user=user)
    if not associations:
        raise PermissionDenied
    existing = {
        a.pk: application_existing(programme=programme, association=a) for a in associations
    }
    error = ""
    if request.method == "POST":
        chosen = request.POST.get("association", "")
        association = next((a for a in associations if str(a.pk) == chosen), None)
        if association is None and len(associations) == 1:
            association = associations[0]
        if association is None:
            error = _("Choose the association that applies.")
        else:
            try:
                application = application_start(
                    programme=programme, association=association, user=user
                )
            except ValidationError as exc:
                error = " ".join(exc.messages)
            else:
                return redirect(application)
    choices = [{"association": a, "application": existing[a.pk]} for a in associations]
    context = {"programme": programme, "choices": choices, "error": error}
    return render(request, "grants/apply/start.html", context, status=400 if error else 200)


# --- the form -------------------------------------------------------------------------------


def _form(application: Application, data: Any = None, *, disabled: bool = False) -> ApplicationForm:
    return ApplicationForm(
        data,
        application=application,
        questions=application_questions(programme=application.programme),
        themes=welfare_themes_for(programme=application.programme),
        answers=application_answers(application=application),
        theme_ids=application_theme_ids(application=application),
        disabled=disabled,
        language=(get_language() or "fi")[:2],
    )


def _labels(form: ApplicationForm, keys: list[str]) -> str:
    return "; ".join(str(form.fields[k].label) for k in keys if k in form.fields)


@require_http_methods(["GET", "POST"])
def application(request: HttpRequest, pk: int) -> HttpResponse:
    found = _application(request, pk)
    if not access.can_edit_application(request.user, found):
        return _read_only(request, found)
    user = base_access.authenticated_user(request)
    closed = editable_error(found, timezone.now())
    autosave = request.headers.get("X-Autosave") == "1"
    form = _form(found, request.POST if request.method == "POST" else None, disabled=bool(closed))
    error = ""
    if request.method == "POST":
        if closed is not None:
            error = " ".join([*closed.messages, _("Nothing was saved.")])
        elif not form.is_valid():
            error = _("Check the fields marked below; nothing was saved.")
        else:
            try:
                result = application_save(
                    application=found,
                    user=user,
                    fields=form.field_values(),
                    answers=form.answer_values(),
                    fingerprints=form.fingerprints(),
                )
            except ApplicationClosed as exc:
                error = " ".join([*exc.messages, _("Nothing was saved.")])
            except ValidationError as exc:
                apply_validation_error(form, exc)
                error = _("Check the fields marked below; nothing was saved.")
            else:
                saved_at = formats.time_format(timezone.localtime(), "H:i")
                conflict = ""
                if result.conflicts:
                    conflict = _(
                        "Someone else changed these meanwhile, so your text was not saved: "
                        "%(fields)s. Your text is kept below; check it and save again to replace "
                        "theirs."
                    ) % {"fields": _labels(form, result.conflicts)}
                if autosave:
                    return JsonResponse(
                        {
                            "saved": True,
                            "version": result.application.version,
                            "conflicts": result.conflicts,
                            # A conflicting field keeps the fingerprint it was shown with, so
                            # typing on does not overwrite the other person's text unasked.
                            "fingerprints": {
                                hash_name(k): v
                                for k, v in result.fingerprints.items()
                                if k not in result.conflicts
                            },
                            "message": conflict
                            or _("Draft saved at %(time)s.") % {"time": saved_at},
                        }
                    )
                if not conflict:
                    messages.success(request, _("Draft saved at %(time)s.") % {"time": saved_at})
                    if request.POST.get("action") == "submit":
                        return redirect("grants:submit", pk=pk)
                    return redirect("grants:application", pk=pk)
                data = request.POST.copy()
                for key, value in result.fingerprints.items():
                    data[hash_name(key)] = value
                found = application_detail(pk=pk)
                form = _form(found, data)
                form.is_valid()
                error = conflict
        if autosave:
            return JsonResponse({"saved": False, "message": error}, status=400)
    context = {
        "application": found,
        "programme": found.programme,
        "form": form,
        "groups": form.question_groups(),
        "closed": closed,
        "error": error,
        "attachments": application_attachments(application=found),
        "attachment_form": AttachmentForm(),
        "can_reopen": access.can_manage_programme(request.user, found.programme)
        and reopenable_by_deadline(application=found),
    }
    status = 400 if error and request.method == "POST" and not form.is_valid() else 200
    return render(request, "grants/apply/application.html", context, status=status)


def _read_only(request: HttpRequest, found: Application) -> HttpResponse:
    """Officers and reviewers: the submitted version as it was submitted."""
    version = None
    content: dict[str, Any] = {}
    if found.submitted_version:
        version = application_version(application=found, number=found.submitted_version)
        content = json.loads(version.content) if version else {}
    questions = application_questions(programme=found.programme)
    answers = content.get("answers", {})
    rows = [{"question": q, "value": _shown(q, answers.get(str(q.pk)))} for q in questions]
    themes = {t.pk: t for t in welfare_themes_for(programme=found.programme)}
    context = {
        "application": found,
        "programme": found.programme,
        "version": version,
        "content": content,
        "rows": rows,
        "themes": [themes[i] for i in content.get("welfare_themes", []) if i in themes],
        "attachments": content.get("attachments", []),
        "can_reopen": access.can_manage_programme(request.user, found.programme)
        and reopenable_by_deadline(application=found),
        "runs_programme": access.can_manage_programme(request.user, found.programme),
    }
    return render(request, "grants/apply/read_only.html", context)


def _shown(question: Any, value: Any) -> str:
    if value in (None, "", []):
        return ""
    if question.kind == "yes_no":
        return _("Yes") if value == "yes" else _("No")
    if question.kind in ("single", "multiple"):
        labels = question.choice_labels((get_language() or "fi")[:2])
        items = value if isinstance(value, list) else [value]
        return ", ".join(labels[int(i)] for i in items if str(i).isdigit() and int(i) < len(labels))
    return str(value)


# --- submit, receipt ------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    found = _application(request, pk)
    _editor(request, found)
    user = base_access.authenticated_user(request)
    closed = editable_error(found, timezone.now())
    if request.method == "POST":
        try:
            stored = application_submit(application=found, user=user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("grants:application", pk=pk)
        messages.success(
            request,
            _("The application was submitted. A receipt was sent by email (SHA-256 %(hash)s).")
            % {"hash": stored.sha256},
        )
        return redirect("grants:receipt", pk=pk)
    return confirmation_page(
        request,
        title=_("Submit the application"),
        question=_(
            "Submit the application of %(association)s to “%(programme)s”? After submitting it "
            "can no longer be changed."
        )
        % {"association": found.association, "programme": found.programme},
        can_confirm=closed is None,
        closed=" ".join(closed.messages) if closed else "",
        action=lambda: None,
        done="",
        back_url=reverse("grants:application", args=[pk]),
        back_text=_("Back to the application"),
    )


@require_http_methods(["GET"])
def receipt(request: HttpRequest, pk: int) -> HttpResponse:
    found = _application(request, pk)
    context = {"application": found, "programme": found.programme}
    return render(request, "grants/apply/receipt.html", context)


# --- attachments ----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def attachment_new(request: HttpRequest, pk: int) -> HttpResponse:
    found = _application(request, pk)
    _editor(request, found)
    form = AttachmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            attachment_add(
                application=found,
                user=base_access.authenticated_user(request),
                title=form.cleaned_data["title"],
                file=form.cleaned_data["file"],
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The attachment was added."))
            return redirect("grants:application", pk=pk)
    context = {"application": found, "programme": found.programme, "form": form}
    status = 400 if form.errors else 200
    return render(request, "grants/apply/attachment_form.html", context, status=status)


@require_http_methods(["GET", "POST"])
def attachment_delete(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = get_object_or_404(
        Attachment.objects.select_related("application__programme"), pk=pk
    )
    found = _application(request, attachment.application_id)
    _editor(request, found)
    closed = editable_error(found, timezone.now())
    return confirmation_page(
        request,
        title=_("Remove the attachment"),
        question=_("Remove the attachment “%(title)s” from the application?")
        % {"title": attachment.title},
        can_confirm=closed is None,
        closed=" ".join(closed.messages) if closed else "",
        action=lambda: attachment_remove(
            attachment=attachment, user=base_access.authenticated_user(request)
        ),
        done=_("The attachment was removed."),
        back_url=reverse("grants:application", args=[found.pk]),
        back_text=_("Back to the application"),
    )


@require_http_methods(["GET"])
def attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    attachment = get_object_or_404(Attachment, pk=pk)
    found = _application(request, attachment.application_id)
    # Officers and reviewers see submitted applications only, never a draft's files.
    if not attachment.file or (
        not access.can_edit_application(request.user, found) and not found.submitted_version
    ):
        raise Http404
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.file.name.rsplit("/", 1)[-1],
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- reopen ---------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def reopen(request: HttpRequest, pk: int) -> HttpResponse:
    found = _application(request, pk)
    base_access.require(access.can_manage_programme(request.user, found.programme), request)
    form = ReopenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            application_reopen(
                application=found,
                user=base_access.authenticated_user(request),
                reason=form.cleaned_data["reason"],
                until=form.cleaned_data["until"],
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The application was reopened and the applicants told."))
            return redirect("grants:application", pk=pk)
    context = {
        "application": found,
        "programme": found.programme,
        "form": form,
        "reopenable": reopenable_by_deadline(application=found),
    }
    return render(request, "grants/apply/reopen.html", context, status=400 if form.errors else 200)


# --- my cases -------------------------------------------------------------------------------


@require_http_methods(["GET"])
def cases(request: HttpRequest, association_id: int) -> HttpResponse:
    association = get_object_or_404(Association, pk=association_id)
    base_access.require(
        base_access.is_admin(request.user) or access.can_apply_for(request.user, association.pk),
        request,
    )
    today = timezone.localdate()
    rows = []
    for app in association_cases(association=association):
        decision = getattr(app, "decision", None)
        payments = list(decision.payments.all()) if decision else []
        report = getattr(decision, "use_report", None) if decision else None
        rows.append(
            {
                "application": app,
                "decision": decision,
                "payments": payments,
                "paid": sum((p.amount_eur for p in payments if p.paid_on), start=ZERO),
                "due": sum((p.amount_eur for p in payments if not p.paid_on), start=ZERO),
                "report": report,
                "overdue": bool(
                    report and report.status in ("due", "returned") and report.due_on < today
                ),
            }
        )
    context = {"association": association, "rows": rows, "submitted": ApplicationStatus.SUBMITTED}
    return render(request, "grants/apply/cases.html", context)
