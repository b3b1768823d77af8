from django.apps import AppConfig


class AssociationsConfig(AppConfig):
    name = "kumppani.associations"
    label = "associations"
