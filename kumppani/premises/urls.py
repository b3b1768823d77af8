"""URLs of the premises app: each domain module keeps its own list, joined here."""

from __future__ import annotations

from kumppani.premises.views import urls_book, urls_manage, urls_public, urls_rounds, urls_stats

app_name = "premises"

urlpatterns = [
    *urls_public.urlpatterns,
    *urls_manage.urlpatterns,
    *urls_book.urlpatterns,
    *urls_rounds.urlpatterns,
    *urls_stats.urlpatterns,
]
