from __future__ import annotations

from django.urls import URLPattern, path

from kumppani.grants.views import pay

urlpatterns: list[URLPattern] = [
    path("applications/<int:pk>/payments/", pay.payments, name="payments"),
    path(
        "applications/<int:pk>/payments/<int:payment_id>/paid/",
        pay.payment_paid,
        name="payment_paid",
    ),
    path(
        "applications/<int:pk>/payments/<int:payment_id>/delete/",
        pay.payment_delete_view,
        name="payment_delete",
    ),
    path("applications/<int:pk>/use-report/", pay.use_report, name="use_report"),
    path(
        "applications/<int:pk>/use-report/review/",
        pay.use_report_review_view,
        name="use_report_review",
    ),
    path("manage/<str:code>/use-reports/", pay.use_reports, name="use_reports"),
]
