from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        # accounts' own personal data registers itself on import; then every app's `privacy`
        # module declares its own (discovered like `admin.py`).
        from accounts.privacy import declarations, registry  # noqa: F401

        registry.autodiscover()
