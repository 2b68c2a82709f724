from django.apps import AppConfig


class CommerceConfig(AppConfig):
    name = "commerce"
    verbose_name = "Commerce"

    def ready(self) -> None:
        from commerce import config_cache

        config_cache.connect()
