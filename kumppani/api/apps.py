from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "kumppani.api"
    label = "api"
