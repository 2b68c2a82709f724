"""Cache backends that time their operations for Prometheus."""

import time

from django.core.cache.backends.locmem import LocMemCache
from django_redis.cache import RedisCache

from vwb_site.api.metrics import CACHE_OPERATION_DURATION, CACHE_RESULTS

_MISS = object()


class _Instrumented:
    def get(self, key, default=None, version=None):
        started = time.perf_counter()
        value = super().get(key, _MISS, version=version)
        CACHE_OPERATION_DURATION.labels("get").observe(time.perf_counter() - started)
        CACHE_RESULTS.labels("miss" if value is _MISS else "hit").inc()
        return default if value is _MISS else value

    def set(self, *args, **kwargs):
        started = time.perf_counter()
        try:
            return super().set(*args, **kwargs)
        finally:
            CACHE_OPERATION_DURATION.labels("set").observe(time.perf_counter() - started)

    def delete(self, *args, **kwargs):
        started = time.perf_counter()
        try:
            return super().delete(*args, **kwargs)
        finally:
            CACHE_OPERATION_DURATION.labels("delete").observe(time.perf_counter() - started)


class InstrumentedRedisCache(_Instrumented, RedisCache):
    pass


class InstrumentedLocMemCache(_Instrumented, LocMemCache):
    pass
