from django.apps import AppConfig


class CmsPagesConfig(AppConfig):
    name = "cms_pages"
    verbose_name = "CMS pages"

    def ready(self) -> None:
        from cms_pages import cdn

        cdn.connect()
