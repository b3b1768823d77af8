from django.urls import path

from kumppani.surveys.views import answering, builder, results

app_name = "surveys"
urlpatterns = [
    path("surveys/", builder.survey_list_view, name="list"),
    path("surveys/new/", builder.create, name="create"),
    path("surveys/<int:pk>/", builder.detail, name="detail"),
    path("surveys/<int:pk>/edit/", builder.edit, name="edit"),
    path("surveys/<int:pk>/preview/", builder.preview, name="preview"),
    path("surveys/<int:pk>/sections/new/", builder.section_form, name="section_create"),
    path("surveys/<int:pk>/sections/<int:section_id>/", builder.section_form, name="section_edit"),
    path(
        "surveys/<int:pk>/sections/<int:section_id>/move/",
        builder.section_move_view,
        name="section_move",
    ),
    path(
        "surveys/<int:pk>/sections/<int:section_id>/delete/",
        builder.section_delete_view,
        name="section_delete",
    ),
    path(
        "surveys/<int:pk>/sections/<int:section_id>/questions/new/",
        builder.question_form,
        name="question_create",
    ),
    path(
        "surveys/<int:pk>/questions/<int:question_id>/", builder.question_form, name="question_edit"
    ),
    path(
        "surveys/<int:pk>/questions/<int:question_id>/move/",
        builder.question_move_view,
        name="question_move",
    ),
    path(
        "surveys/<int:pk>/questions/<int:question_id>/delete/",
        builder.question_delete_view,
        name="question_delete",
    ),
    path("surveys/<int:pk>/invitations/", answering.invitations, name="invitations"),
    path("surveys/<int:pk>/results/", results.results, name="results"),
    path("surveys/<int:pk>/results.csv", results.results_csv, name="results_csv"),
    path("surveys/<int:pk>/results.xlsx", results.results_xlsx, name="results_xlsx"),
    path("surveys/<int:pk>/publish/", results.publish, name="publish"),
    path("surveys/open/<str:token>/", answering.open_link, name="open"),
    path("surveys/continue/<int:invitation_id>/", answering.continue_answer, name="continue"),
    path("surveys/answer/<str:token>/", answering.respond, name="respond"),
    path(
        "surveys/answer/<str:token>/<int:index>/", answering.respond_section, name="respond_section"
    ),
    path("surveys/answer/<str:token>/send/", answering.respond_submit, name="respond_submit"),
]
