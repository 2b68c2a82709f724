from django.apps import AppConfig


class VwbSiteConfig(AppConfig):
    name = "vwb_site"
    verbose_name = "Vintage Without Borders platform"
