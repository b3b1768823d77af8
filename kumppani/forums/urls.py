from django.urls import path

from kumppani.forums.views import manage, network, plans, public

app_name = "forums"
urlpatterns = [
    path("", public.forum_list_view, name="list"),
    path("new/", manage.create, name="create"),
    path("<int:pk>/", public.detail, name="detail"),
    path("<int:pk>/edit/", manage.edit, name="edit"),
    path("<int:pk>/register/", public.register, name="register"),
    path("<int:pk>/invite/", manage.invite, name="invite"),
    path("<int:pk>/registrations/", manage.registrations, name="registrations"),
    path("<int:pk>/attendance/", manage.attendance, name="attendance"),
    path("<int:pk>/outcome/", manage.outcome, name="outcome"),
    path("<int:pk>/plans/new/", plans.plan_new, name="plan_create"),
    path("registrations/<int:pk>/edit/", public.registration_edit, name="registration_edit"),
    path("registrations/<int:pk>/cancel/", public.cancel, name="cancel_registration"),
    path("plans/<int:pk>/", plans.plan_detail, name="plan"),
    path("municipality/<str:code>/plans/", plans.municipality_plans_view, name="plans"),
    path("plans/<int:pk>/edit/", plans.plan_edit, name="plan_edit"),
    path("plans/<int:pk>/steps/", plans.step_new, name="step_add"),
    path("plans/<int:pk>/team/", plans.team_new, name="team_add"),
    path("steps/<int:pk>/status/", plans.step_status, name="step_status"),
    path("network/<str:code>/", network.network, name="network"),
    path("materials/<int:pk>/", network.material_file, name="material"),
    path("target/<str:code>/", network.target, name="target"),
]
