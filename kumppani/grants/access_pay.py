"""Access to the payments and use reports of one application: each helper returns the object
when the person may use it, and raises otherwise (404 for what does not exist)."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from kumppani.accounts.access import AnyUser, require
from kumppani.geography.models import Municipality
from kumppani.grants.access import (
    can_edit_application,
    can_handle_application,
    can_manage_programme,
    runs_grants_in,
)
from kumppani.grants.models import Application, Decision, Payment, UseReport


def can_see_payments(user: AnyUser, application: Application) -> bool:
    """Officers who run the programme, and the applicant (read-only)."""
    return can_manage_programme(user, application.programme) or can_edit_application(
        user, application
    )


def access_application(request: HttpRequest, pk: int) -> Application:
    """The application whose payments and use report the person may see."""
    application = get_object_or_404(
        Application.objects.select_related("programme__municipality", "association"), pk=pk
    )
    require(can_see_payments(request.user, application), request)
    return application


def access_decision_to_pay(request: HttpRequest, pk: int) -> Decision:
    """The granted decision of the application, for an officer who runs the programme."""
    application = access_application(request, pk)
    require(can_handle_application(request.user, application), request)
    try:
        decision = application.decision
    except Decision.DoesNotExist:
        raise Http404 from None
    return decision


def access_payment(request: HttpRequest, pk: int, payment_id: int) -> Payment:
    decision = access_decision_to_pay(request, pk)
    return get_object_or_404(
        Payment.objects.select_related("decision__application"), pk=payment_id, decision=decision
    )


def access_use_report(request: HttpRequest, pk: int) -> UseReport:
    application = access_application(request, pk)
    report = (
        UseReport.objects.select_related("decision")
        .filter(decision__application=application)
        .first()
    )
    if report is None:
        raise Http404
    report.decision.application = application
    return report


def access_use_report_to_review(request: HttpRequest, pk: int) -> UseReport:
    report = access_use_report(request, pk)
    require(can_handle_application(request.user, report.decision.application), request)
    return report


def access_municipality_use_reports(request: HttpRequest, code: str) -> Municipality:
    municipality = get_object_or_404(Municipality, code=code)
    require(runs_grants_in(request.user, municipality.pk), request)
    return municipality
