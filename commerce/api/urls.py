from django.urls import path  # noqa: F401

app_name = "commerce"

urlpatterns: list = []
