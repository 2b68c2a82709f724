from django.apps import AppConfig


class OutboxConfig(AppConfig):
    """The transactional outbox: side effects recorded with the write that causes them."""

    name = "vwb_site.outbox"
    label = "outbox"
    verbose_name = "Outbox"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from vwb_site.api.metrics import register_scrape_time_collector
        from vwb_site.outbox.metrics import OutboxCollector

        register_scrape_time_collector(OutboxCollector())
