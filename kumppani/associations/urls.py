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
    path(
        "<int:pk>/invitations/<int:invitation_id>/withdraw/",
        views.withdraw_invitation,
        name="withdraw_invitation",
    ),
    path("<int:pk>/board/", views.board, name="board"),
    path("<int:pk>/request/", views.request_representation, name="request_representation"),
    path("<int:pk>/requests/", views.requests, name="requests"),
    path("<int:pk>/requests/<int:request_id>/decide/", views.decide_request, name="decide_request"),
    path("invitations/<str:token>/", views.accept_invitation, name="accept_invitation"),
]
