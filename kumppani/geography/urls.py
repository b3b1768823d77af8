from django.urls import path

from kumppani.geography import views

app_name = "geography"
urlpatterns = [
    path("municipalities/", views.municipality_list, name="municipalities"),
    path("municipalities/<str:code>/", views.municipality_detail, name="municipality"),
    path("regions/<str:code>/", views.region_detail, name="region"),
    path("wellbeing-counties/<str:code>/", views.county_detail, name="county"),
]
