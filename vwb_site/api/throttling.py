"""Throttles for every `/v1/` endpoint, counted in the default cache (Redis in production).

Anonymous and authenticated clients each have a general rate; views name a stricter scope with
`throttle_scope = "auth"` (or checkout, contact, quotes...). One exception: an anonymous catalog
page already in the response cache is answered before DRF runs, so it is not counted
(catalog/api/views.py; every request that reaches the database is). Rates come from the environment
(THROTTLE_RATE_*) and are read when a request is throttled, not frozen at import time, so a
settings override applies at once.

When Redis is down the cache (IGNORE_EXCEPTIONS) reads as empty and drops writes: the throttles
then let requests through rather than fail them. Availability wins over rate limiting for the
minutes Redis is away; the readiness probe reports the outage.

Anonymous clients are told apart by `vwb_site.core.client_address.client_ip`, the same address
the login lockouts (django-axes) and the audit log read (TRUSTED_PROXY_COUNT).
"""

from rest_framework import throttling
from rest_framework.settings import api_settings

from vwb_site.core.client_address import client_ip


class _RatesFromSettings:
    def get_rate(self):
        # An unknown scope still raises ImproperlyConfigured (DRF's check), loudly.
        self.THROTTLE_RATES = api_settings.DEFAULT_THROTTLE_RATES
        return super().get_rate()

    def get_ident(self, request):
        return client_ip(request) or ""


class AnonBurstThrottle(_RatesFromSettings, throttling.AnonRateThrottle):
    scope = "anon"


class UserBurstThrottle(_RatesFromSettings, throttling.UserRateThrottle):
    scope = "user"


class ScopedThrottle(_RatesFromSettings, throttling.ScopedRateThrottle):
    """Applies only to views that declare a `throttle_scope`."""
