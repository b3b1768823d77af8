from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "kumppani.accounts"
    label = "accounts"
