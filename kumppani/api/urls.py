from django.urls import path

from kumppani.api.api import api

urlpatterns = [path("", api.urls)]
