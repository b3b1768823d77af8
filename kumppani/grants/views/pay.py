"""Payments and use reports of a granted application, and the officer's list of use reports."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kumppani.accounts.access import authenticated_user, require
from kumppani.core.confirm import confirmation_page
from kumppani.core.forms import apply_validation_error
from kumppani.core.money import euros
from kumppani.grants import access_pay
from kumppani.grants.access import can_edit_application, can_manage_programme
from kumppani.grants.models import Decision, UseReportStatus
from kumppani.grants.selectors_pay import (
    decision_payments,
    municipality_use_reports,
    use_report_counts,
)
from kumppani.grants.services.payments import (
    payment_delete,
    payment_mark_paid,
    payment_schedule,
)
from kumppani.grants.services.use_reports import use_report_review, use_report_submit
from kumppani.grants.views.pay_forms import (
    PaidForm,
    PaymentForm,
    ReviewForm,
    UseReportFilterForm,
    UseReportForm,
)

PAGE_SIZE = 50


@require_http_methods(["GET", "POST"])
def payments(request: HttpRequest, pk: int) -> HttpResponse:
    """The instalments of the grant: the officer schedules them and marks them paid; the
    applicant sees them."""
    application = access_pay.access_application(request, pk)
    can_manage = can_manage_programme(request.user, application.programme)
    try:
        decision: Decision | None = application.decision
    except Decision.DoesNotExist:
        decision = None
    granted = decision is not None and decision.granted
    form = PaymentForm(request.POST or None) if can_manage and granted else None
    if request.method == "POST":
        require(form is not None, request)
        assert form is not None and decision is not None
        if form.is_valid():
            try:
                payment_schedule(
                    decision=decision,
                    user=authenticated_user(request),
                    amount_eur=form.cleaned_data["amount_eur"],
                    due_on=form.cleaned_data["due_on"],
                    note=form.cleaned_data["note"],
                )
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(
                    request,
                    _("An instalment of %(amount)s was scheduled.")
                    % {"amount": euros(form.cleaned_data["amount_eur"])},
                )
                return redirect("grants:payments", pk=pk)
    rows = decision_payments(decision) if decision else []
    scheduled = sum((p.amount_eur for p in rows), start=Decimal("0"))
    paid = sum((p.amount_eur for p in rows if p.paid_on), start=Decimal("0"))
    context: dict[str, Any] = {
        "application": application,
        "decision": decision,
        "payments": rows,
        "scheduled": scheduled,
        "paid": paid,
        "left": decision.amount_eur - scheduled if decision else Decimal("0"),
        "form": form,
        "paid_form": PaidForm(),
        "can_manage": can_manage,
    }
    return render(request, "grants/pay/payments.html", context)


@require_POST
def payment_paid(request: HttpRequest, pk: int, payment_id: int) -> HttpResponse:
    payment = access_pay.access_payment(request, pk, payment_id)
    form = PaidForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter the date of payment."))
        return redirect("grants:payments", pk=pk)
    try:
        payment_mark_paid(
            payment=payment, user=authenticated_user(request), paid_on=form.cleaned_data["paid_on"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The instalment of %(amount)s is marked paid.")
            % {"amount": euros(payment.amount_eur)},
        )
    return redirect("grants:payments", pk=pk)


@require_http_methods(["GET", "POST"])
def payment_delete_view(request: HttpRequest, pk: int, payment_id: int) -> HttpResponse:
    payment = access_pay.access_payment(request, pk, payment_id)
    amount = euros(payment.amount_eur)
    return confirmation_page(
        request,
        title=_("Remove the instalment"),
        question=_("Remove the instalment of %(amount)s due on %(date)s?")
        % {"amount": amount, "date": date_format(payment.due_on, "SHORT_DATE_FORMAT")},
        can_confirm=payment.paid_on is None,
        closed=_("A paid instalment cannot be removed."),
        action=lambda: payment_delete(payment=payment, user=authenticated_user(request)),
        done=_("The instalment of %(amount)s was removed.") % {"amount": amount},
        back_url=reverse("grants:payments", args=[pk]),
        back_text=_("Back to the payments"),
    )


@require_http_methods(["GET", "POST"])
def use_report(request: HttpRequest, pk: int) -> HttpResponse:
    """The representative writes and submits the use report; afterwards it is read-only."""
    report = access_pay.access_use_report(request, pk)
    application = report.decision.application
    can_write = can_edit_application(request.user, application) and report.status in (
        UseReportStatus.DUE,
        UseReportStatus.RETURNED,
    )
    form = None
    if can_write:
        initial = {"text": report.text, "spent_eur": report.spent_eur}
        form = UseReportForm(request.POST or None, initial=initial)
    if request.method == "POST":
        require(form is not None, request)
        assert form is not None
        if form.is_valid():
            try:
                use_report_submit(
                    report=report,
                    user=authenticated_user(request),
                    text=form.cleaned_data["text"],
                    spent_eur=form.cleaned_data["spent_eur"],
                )
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(request, _("The use report was submitted. Thank you!"))
                return redirect("grants:use_report", pk=pk)
    context = {
        "application": application,
        "report": report,
        "form": form,
        "overdue": report.status in (UseReportStatus.DUE, UseReportStatus.RETURNED)
        and report.due_on < timezone.localdate(),
        "can_review": can_manage_programme(request.user, application.programme),
    }
    return render(request, "grants/pay/use_report.html", context)


@require_http_methods(["GET", "POST"])
def use_report_review_view(request: HttpRequest, pk: int) -> HttpResponse:
    report = access_pay.access_use_report_to_review(request, pk)
    application = report.decision.application
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        accept = form.cleaned_data["decision"] == "accept"
        try:
            use_report_review(
                report=report,
                user=authenticated_user(request),
                accept=accept,
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            if accept:
                messages.success(request, _("The use report was accepted."))
            else:
                messages.success(request, _("The use report was returned for changes."))
            return redirect("grants:use_reports", code=application.programme.municipality.code)
    context = {"application": application, "report": report, "form": form}
    return render(request, "grants/pay/use_report_review.html", context)


@require_GET
def use_reports(request: HttpRequest, code: str) -> HttpResponse:
    """Every use report of the municipality's programmes, for the officers who run them."""
    municipality = access_pay.access_municipality_use_reports(request, code)
    form = UseReportFilterForm(request.GET or None)
    show = form.cleaned_data["show"] if form.is_valid() else ""
    reports = municipality_use_reports(municipality.pk, show=show)
    page = Paginator(reports, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "municipality": municipality,
        "form": form,
        "show": show,
        "page": page,
        "counts": use_report_counts(municipality.pk),
        "today": timezone.localdate(),
    }
    return render(request, "grants/pay/use_reports.html", context)
