from django.urls import path

from kumppani.associations import views

app_name = "associations"
urlpatterns = [
    path("", views.directory, name="directory"),
    path("new/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/confirm/", views.confirm, name="confirm"),
    path("<int:pk>/representatives/", views.representatives, name="representatives"),
    path(
        "<int:pk>/representatives/<int:user_id>/remove/",
        views.representative_remove_view,
        name="remove_representative",
    ),
    path("invitations/<str:token>/", views.accept_invitation, name="accept_invitation"),
]
