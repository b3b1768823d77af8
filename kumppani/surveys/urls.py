from django.urls import path

from kumppani.surveys.views import answering, builder, results

app_name = "surveys"
urlpatterns = [
    path("", builder.survey_list_view, name="list"),
    path("new/", builder.create, name="create"),
    path("<int:pk>/", builder.detail, name="detail"),
    path("<int:pk>/edit/", builder.edit, name="edit"),
    path("<int:pk>/sections/new/", builder.section_form, name="section_create"),
    path("<int:pk>/sections/<int:section_id>/", builder.section_form, name="section_edit"),
    path(
        "<int:pk>/sections/<int:section_id>/move/",
        builder.section_move_view,
        name="section_move",
    ),
    path(
        "<int:pk>/sections/<int:section_id>/delete/",
        builder.section_delete_view,
        name="section_delete",
    ),
    path(
        "<int:pk>/sections/<int:section_id>/questions/new/",
        builder.question_form,
        name="question_create",
    ),
    path("<int:pk>/questions/<int:question_id>/", builder.question_form, name="question_edit"),
    path(
        "<int:pk>/questions/<int:question_id>/move/",
        builder.question_move_view,
        name="question_move",
    ),
    path(
        "<int:pk>/questions/<int:question_id>/delete/",
        builder.question_delete_view,
        name="question_delete",
    ),
    path("<int:pk>/invitations/", answering.invitations, name="invitations"),
    path("<int:pk>/results/", results.results, name="results"),
    path("<int:pk>/results.csv", results.results_csv, name="results_csv"),
    path("<int:pk>/results.xlsx", results.results_xlsx, name="results_xlsx"),
    path("<int:pk>/publish/", results.publish, name="publish"),
    path("open/<str:token>/", answering.open_link, name="open"),
    path("continue/<int:invitation_id>/", answering.continue_answer, name="continue"),
    path("answer/<str:token>/", answering.respond, name="respond"),
    path("answer/<str:token>/<int:index>/", answering.respond_section, name="respond_section"),
    path("answer/<str:token>/send/", answering.respond_submit, name="respond_submit"),
]
