"""Throttles for every `/v1/` endpoint, counted in the default cache (Redis in production).

Anonymous and authenticated clients each have a general rate; views name a stricter scope with
`throttle_scope = "auth"` (or checkout, contact, quotes...). Rates come from the environment
(THROTTLE_RATE_*). When the cache is down the throttles let requests through rather than fail.
"""

from rest_framework import throttling


class AnonBurstThrottle(throttling.AnonRateThrottle):
    scope = "anon"


class UserBurstThrottle(throttling.UserRateThrottle):
    scope = "user"


class ScopedThrottle(throttling.ScopedRateThrottle):
    """Applies only to views that declare a `throttle_scope`."""
