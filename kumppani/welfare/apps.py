from django.apps import AppConfig


class WelfareConfig(AppConfig):
    name = "kumppani.welfare"
    label = "welfare"
