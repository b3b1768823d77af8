from __future__ import annotations

from django.urls import URLPattern, path

from kumppani.grants.views import review

urlpatterns: list[URLPattern] = [
    path("programmes/<int:pk>/review/", review.review_list_view, name="review_list"),
    path("applications/<int:pk>/review/", review.review_view, name="review"),
    path("applications/<int:pk>/conflict/", review.conflict_view, name="conflict"),
    path("programmes/<int:pk>/ranking/", review.ranking_view, name="ranking"),
    path("applications/<int:pk>/decide/", review.decide_view, name="decide"),
    path("applications/<int:pk>/letter.pdf", review.letter_view, name="letter"),
]
