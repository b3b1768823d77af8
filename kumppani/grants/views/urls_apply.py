"""URLs of the association's application path and "my cases"."""

from __future__ import annotations

from django.urls import URLPattern, path

from kumppani.grants.views import apply

urlpatterns: list[URLPattern] = [
    path("programmes/<int:pk>/apply/", apply.apply, name="apply"),
    path("applications/<int:pk>/", apply.application, name="application"),
    path("applications/<int:pk>/submit/", apply.submit, name="submit"),
    path("applications/<int:pk>/receipt/", apply.receipt, name="receipt"),
    path("applications/<int:pk>/attachments/", apply.attachment_new, name="attachment_add"),
    path("attachments/<int:pk>/remove/", apply.attachment_delete, name="attachment_remove"),
    path("attachments/<int:pk>/", apply.attachment_download, name="attachment_download"),
    path("applications/<int:pk>/reopen/", apply.reopen, name="reopen"),
    path("associations/<int:association_id>/cases/", apply.cases, name="cases"),
]
