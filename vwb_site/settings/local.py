"""Local development (`make run`): SQLite, local-memory cache and eager tasks unless
DATABASE_URL / REDIS_URL are set; e-mails printed to the console unless EMAIL_BACKEND is set."""

from .base import *
from .base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["*"])
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
LOG_JSON = env.bool("LOG_JSON", default=False)
from vwb_site.logging_config import logging_dict

LOGGING = logging_dict(level=env("LOG_LEVEL", default="INFO"), json_output=LOG_JSON)
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"
# WhiteNoise serves static files straight from the apps (no collectstatic), with DEBUG off too.
WHITENOISE_USE_FINDERS = True
CORS_ALLOWED_ORIGINS = env.list(
    "CORS_ALLOWED_ORIGINS", default=["http://localhost:3000", "http://127.0.0.1:3000"]
)
DEMO_MODE = True
