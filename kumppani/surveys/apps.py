from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "kumppani.surveys"
    label = "surveys"
