from django.urls import path

from kumppani.core import views

urlpatterns = [path("", views.healthz, name="healthz")]
