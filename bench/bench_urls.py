"""The benchmarks' URLconf (ROOT_URLCONF of bench_settings): the project's routes plus the
baseline of bench/catalog_bench.py, GET /v1/_bench/constant (a bare Django JSON view)."""

from constant_view import constant_list
from django.urls import path

from vwb_site.urls import urlpatterns as site_urlpatterns

urlpatterns = [path("v1/_bench/constant", constant_list, name="bench-constant"), *site_urlpatterns]
