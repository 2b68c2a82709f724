from django.apps import AppConfig


class OutboxConfig(AppConfig):
    """The transactional outbox: side effects recorded with the write that causes them."""

    name = "vwb_site.outbox"
    label = "outbox"
    verbose_name = "Outbox"
    default_auto_field = "django.db.models.BigAutoField"
