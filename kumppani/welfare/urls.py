from django.urls import path

from kumppani.welfare.views import approval, editing, public

app_name = "welfare"
urlpatterns = [
    path("municipalities/<str:code>/welfare-plan/", public.plan_current, name="plan_current"),
    path("municipalities/<str:code>/welfare-plan/new/", editing.plan_create, name="plan_create"),
    path("welfare/plans/<int:pk>/", public.plan_detail, name="plan"),
    path("welfare/plans/<int:pk>/approved/", public.plan_approved, name="plan_approved"),
    path("welfare/plans/<int:pk>/approved.pdf", public.plan_pdf, name="plan_pdf"),
    path("welfare/plans/<int:pk>/measures.xlsx", public.plan_xlsx, name="plan_xlsx"),
    path("welfare/plans/<int:pk>/edit/", editing.plan_edit, name="plan_edit"),
    path("welfare/plans/<int:pk>/themes/new/", editing.theme_create, name="theme_create"),
    path("welfare/plans/<int:pk>/approvals/", approval.approvals, name="approvals"),
    path("welfare/plans/<int:pk>/reviews/", editing.reviews, name="reviews"),
    path("welfare/themes/<int:pk>/", public.theme_detail, name="theme"),
    path("welfare/themes/<int:pk>/edit/", editing.theme_edit, name="theme_edit"),
    path("welfare/themes/<int:pk>/goals/new/", editing.goal_create, name="goal_create"),
    path(
        "welfare/themes/<int:pk>/indicators/new/",
        editing.indicator_create,
        name="indicator_create",
    ),
    path(
        "welfare/themes/<int:pk>/observations/new/",
        approval.observation_create,
        name="observation_create",
    ),
    path("welfare/goals/<int:pk>/edit/", editing.goal_edit, name="goal_edit"),
    path("welfare/goals/<int:pk>/measures/new/", editing.measure_create, name="measure_create"),
    path("welfare/measures/<int:pk>/", public.measure_detail, name="measure"),
    path("welfare/measures/<int:pk>/edit/", editing.measure_edit, name="measure_edit"),
    path("welfare/indicators/<int:pk>/edit/", editing.indicator_edit, name="indicator_edit"),
    path("welfare/indicators/<int:pk>/values/", editing.indicator_values, name="indicator_values"),
    path("welfare/observations/<int:pk>/hide/", approval.observation_hide, name="observation_hide"),
    path(
        "welfare/observations/<int:pk>/restore/",
        approval.observation_restore,
        name="observation_restore",
    ),
]
