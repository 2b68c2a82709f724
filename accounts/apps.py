from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from accounts.privacy import registry

        # Every app's `privacy` module declares its personal data (like `admin.py`).
        registry.autodiscover()
