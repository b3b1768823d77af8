from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "kumppani.accounts"
    label = "accounts"

    def ready(self) -> None:
        from kumppani.accounts.admin_login import use_rate_limited_admin_login

        use_rate_limited_admin_login()
