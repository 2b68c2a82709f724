"""The test suite: real PostgreSQL and Redis (defaults: the local servers)."""

from .base import *
from .base import env
from .database import add_replica, apply_pooler

DATABASES = {"default": env.db("DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/vwb")}
DATABASES["default"]["TEST"] = {"NAME": env("TEST_DATABASE_NAME", default="test_vwb")}
apply_pooler(env, DATABASES["default"])  # DATABASE_POOLER=pgbouncer: see database.py
# DATABASE_REPLICA_URL (a server the tests start, vwb_site/tests/test_read_replica.py): the
# "replica" alias as named. Were pytest itself given one, the test database would stand in
# for it (TEST MIRROR): no second test database is made or migrated.
add_replica(env, DATABASES)
if "replica" in DATABASES:
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
REDIS_URL = env("REDIS_URL", default="redis://127.0.0.1:6379/1")
CACHES = {
    "default": {
        "BACKEND": "vwb_site.cache_backends.InstrumentedRedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="vwb-test"),
        "OPTIONS": {
            "CLIENT_CLASS": "django_redis.client.DefaultClient",
            "SOCKET_CONNECT_TIMEOUT": 0.25,
            "SOCKET_TIMEOUT": 0.5,
            "IGNORE_EXCEPTIONS": True,
        },
    }
}
# Off by default: the autouse cache flush and real Celery workers change Redis from outside the
# test process, and a worker-local copy learns of that milliseconds later. The catalog cache
# tests run with it on as well (catalog/tests/test_caching.py).
CATALOG_LOCAL_CACHE_ENTRIES = 0
# Tasks run in-process unless a test starts a real worker (see the `celery_worker` fixture).
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL)
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=True)
CELERY_TASK_DEFAULT_QUEUE = env("CELERY_DEFAULT_QUEUE", default="vwb-test")

# Argon2 still, but cheap: tests create many users.
PASSWORD_HASHERS = ["vwb_site.testing.FastArgon2PasswordHasher", *PASSWORD_HASHERS]

# E-mail goes to the SMTP server the test session starts (conftest sets host and port).
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
LOG_JSON = True
MEDIA_ROOT = env("MEDIA_ROOT", default=str(BASE_DIR / ".test-media"))
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"
# WhiteNoise serves static files straight from the apps (no collectstatic), with DEBUG off too.
WHITENOISE_USE_FINDERS = True
DEMO_MODE = False
