from django.apps import AppConfig


class ForumsConfig(AppConfig):
    name = "kumppani.forums"
    label = "forums"
