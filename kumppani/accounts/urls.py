from django.urls import path

from kumppani.accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.roles, name="roles"),
    path("<int:pk>/remove/", views.role_remove_view, name="remove_role"),
]
