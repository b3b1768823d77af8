from django.apps import AppConfig


class GeographyConfig(AppConfig):
    name = "kumppani.geography"
    label = "geography"
