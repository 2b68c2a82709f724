from django.urls import path  # noqa: F401

app_name = "cms_pages"

urlpatterns: list = []
