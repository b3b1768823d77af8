from django.urls import path

from kumppani.accounts import views

app_name = "accounts"
urlpatterns = [
    path("roles/", views.roles, name="roles"),
    path("roles/<int:pk>/remove/", views.role_remove_view, name="remove_role"),
    path("invitations/<str:token>/", views.role_invitation, name="role_invitation"),
    path(
        "invitations/<int:pk>/withdraw/",
        views.role_invitation_withdraw_view,
        name="withdraw_role_invitation",
    ),
    path("audit/", views.audit_log, name="audit"),
    path("me/name/", views.my_name, name="name"),
    path("me/data.json", views.my_data, name="my_data"),
    path("me/delete/", views.delete_account, name="delete_account"),
]
