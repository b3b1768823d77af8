"""Programme management (officers) and common application periods (liaisons)."""

from __future__ import annotations

from django.urls import URLPattern, path

from kumppani.grants.views import manage

urlpatterns: list[URLPattern] = [
    path("manage/<str:code>/", manage.manage, name="manage"),
    path("manage/<str:code>/new/", manage.programme_new, name="programme_new"),
    path("manage/<str:code>/periods/", manage.periods, name="periods"),
    path("periods/<int:pk>/edit/", manage.period_edit, name="period_edit"),
    path("periods/<int:pk>/delete/", manage.period_delete, name="period_delete"),
    path("programmes/<int:pk>/edit/", manage.programme_edit, name="programme_edit"),
    path("programmes/<int:pk>/questions/", manage.questions, name="questions"),
    path(
        "programmes/<int:pk>/questions/<int:question_pk>/edit/",
        manage.question_edit,
        name="question_edit",
    ),
    path(
        "programmes/<int:pk>/questions/<int:question_pk>/delete/",
        manage.question_delete,
        name="question_delete",
    ),
    path("programmes/<int:pk>/criteria/", manage.criteria, name="criteria"),
    path(
        "programmes/<int:pk>/criteria/<int:criterion_pk>/edit/",
        manage.criterion_edit,
        name="criterion_edit",
    ),
    path(
        "programmes/<int:pk>/criteria/<int:criterion_pk>/delete/",
        manage.criterion_delete,
        name="criterion_delete",
    ),
    path("programmes/<int:pk>/reviewers/", manage.reviewers, name="reviewers"),
    path(
        "programmes/<int:pk>/reviewers/<int:reviewer_pk>/remove/",
        manage.reviewer_remove,
        name="reviewer_remove",
    ),
]
