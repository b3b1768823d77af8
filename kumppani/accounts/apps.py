from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "kumppani.accounts"
    label = "accounts"

    def ready(self) -> None:
        from kumppani.accounts.panels import dashboard_data_panel, dashboard_roles_panel
        from kumppani.core.panels import DASHBOARD, register

        register(DASHBOARD, dashboard_roles_panel)
        register(DASHBOARD, dashboard_data_panel)
        from kumppani.accounts.admin_login import use_rate_limited_admin_login
        from kumppani.accounts.personal_data import register_accounts_data

        use_rate_limited_admin_login()
        register_accounts_data()
