from django.apps import AppConfig


class CooperationConfig(AppConfig):
    name = "kumppani.cooperation"
    label = "cooperation"
