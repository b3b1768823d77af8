from django.apps import AppConfig


class ProposalsConfig(AppConfig):
    name = "kumppani.proposals"
    label = "proposals"
