"""Settings of bench/catalog_bench.py: production settings (from the environment the bench
sets) with API throttling off, since every benchmark request comes from one address, and the
benchmarks' URLconf (bench_urls: the project's routes plus the constant baseline view)."""

from vwb_site.settings.production import *  # noqa: F403
from vwb_site.settings.production import REST_FRAMEWORK

REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_CLASSES": []}
ROOT_URLCONF = "bench_urls"
