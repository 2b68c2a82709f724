from django.apps import AppConfig


class CommerceConfig(AppConfig):
    name = "commerce"
    verbose_name = "Commerce"

    def ready(self) -> None:
        from commerce import checks, config_cache  # noqa: F401 - checks registers itself

        config_cache.connect()
