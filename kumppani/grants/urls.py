"""URLs of the grants app: each domain module keeps its own list, joined here."""

from __future__ import annotations

from kumppani.grants.views import urls_apply, urls_manage, urls_pay, urls_public, urls_review

app_name = "grants"

urlpatterns = [
    *urls_public.urlpatterns,
    *urls_manage.urlpatterns,
    *urls_apply.urlpatterns,
    *urls_review.urlpatterns,
    *urls_pay.urlpatterns,
]
