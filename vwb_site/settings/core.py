"""Project-wide settings shared by every environment: Django, data, auth, the API, Celery,
e-mail, static files, Wagtail, encryption, observability. The apps' own settings are in
`apps.py`; `base.py` gathers both.

Values come from the environment (django-environ); `.env.example` documents each variable.
"""

import os
from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE

from vwb_site.settings.database import apply_pooler
from vwb_site.settings.storage import object_storage

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
# A developer's .env is read when present; production reads the process environment only.
if not os.environ.get("DJANGO_SETTINGS_MODULE", "").endswith(".production"):
    environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# --- Core -----------------------------------------------------------------------------------
SECRET_KEY = env("DJANGO_SECRET_KEY", default="insecure-local-development-key-change-me")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
SITE_NAME = "Vintage Without Borders"
WAGTAIL_SITE_NAME = SITE_NAME
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
# No Gravatar: the admin loads nothing from another origin (Content-Security-Policy).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
FRONTEND_BASE_URL = env("FRONTEND_BASE_URL", default="http://localhost:3000")

INSTALLED_APPS = [
    # Our apps first, so their templates and management commands win.
    "vwb_site",
    "vwb_site.outbox",
    "accounts",
    "catalog",
    "commerce",
    "quotes",
    "reporting",
    "cms_pages",
    "frontend_contract",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "wagtail_modeladmin",
    "modelcluster",
    "taggit",
    # Third party
    "rest_framework",
    "rest_framework_simplejwt.token_blacklist",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "corsheaders",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "csp",
    # Django
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
]

MIDDLEWARE = [
    "vwb_site.api.middleware.RequestIdMiddleware",
    "vwb_site.api.metrics.PrometheusMiddleware",
    "vwb_site.api.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "vwb_site.api.middleware.ApiBodySizeLimitMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Staff second factor (accounts.mfa): request.user.is_verified(), then enrol/verify/idle.
    "django_otp.middleware.OTPMiddleware",
    "accounts.mfa.middleware.StaffSecurityMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "vwb_site.csp.AdminAndDocsCSPMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "vwb_site.api.middleware.ApiProblemMiddleware",
    # Last, so it sees the outcome of authentication (django-axes lockouts).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "vwb_site.urls"
WSGI_APPLICATION = "vwb_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# --- Data -----------------------------------------------------------------------------------
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=0)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # TLS to PostgreSQL: "require" or "verify-full" in production when the server offers it.
    DATABASES["default"].setdefault("OPTIONS", {})["sslmode"] = env(
        "DATABASE_SSLMODE", default="prefer"
    )
apply_pooler(env, DATABASES["default"])  # DATABASE_POOLER=pgbouncer: see database.py
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "vwb_site.cache_backends.InstrumentedRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="vwb"),
            "TIMEOUT": env.int("CACHE_DEFAULT_TIMEOUT", default=300),
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                # A cache that is down must cost milliseconds, not a hung request.
                "SOCKET_CONNECT_TIMEOUT": env.float("REDIS_CONNECT_TIMEOUT", default=0.25),
                "SOCKET_TIMEOUT": env.float("REDIS_SOCKET_TIMEOUT", default=0.5),
                # Redis down: reads miss and writes are dropped; callers fall back to the DB.
                "IGNORE_EXCEPTIONS": True,
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "vwb_site.cache_backends.InstrumentedLocMemCache"}}
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
DJANGO_REDIS_LOGGER = "vwb_site.cache"

# --- Auth -----------------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "wagtailadmin_login"

# Login lockouts (accounts.services.lockouts): AXES_FAILURE_LIMIT failures lock one account for
# one client address; AXES_CLIENT_FAILURE_LIMIT failures over any accounts lock the client.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_CLIENT_FAILURE_LIMIT = env.int("AXES_CLIENT_FAILURE_LIMIT", default=20)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "email"
# Masked in the attempt's stored POST data: an e-mail is kept only as the attempt's username.
AXES_SENSITIVE_PARAMETERS = ["username", "email", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Reverse proxies in front of the app: the client address of throttles, lockouts and the audit
# log is read by one function, vwb_site.core.client_address.client_ip (X-Forwarded-For).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "vwb_site.core.client_address.client_ip"

# --- REST API -------------------------------------------------------------------------------
API_MAX_BODY_BYTES = env.int("API_MAX_BODY_BYTES", default=1_048_576)
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DATA_UPLOAD_MAX_MEMORY_SIZE", default=10 * 1_048_576)
PAGE_SIZE_DEFAULT = env.int("API_PAGE_SIZE", default=24)
PAGE_SIZE_MAX = env.int("API_PAGE_SIZE_MAX", default=100)

REST_FRAMEWORK = {
    "DEFAULT_VERSIONING_CLASS": "vwb_site.api.versioning.V1NamespaceVersioning",
    "DEFAULT_VERSION": "v1",
    "ALLOWED_VERSIONS": ["v1"],
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.authentication.JWTAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "vwb_site.api.parsers.LimitedJSONParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "vwb_site.api.pagination.PageNumberPagination",
    "PAGE_SIZE": PAGE_SIZE_DEFAULT,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_THROTTLE_CLASSES": [
        "vwb_site.api.throttling.AnonBurstThrottle",
        "vwb_site.api.throttling.UserBurstThrottle",
        "vwb_site.api.throttling.ScopedThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env("THROTTLE_RATE_ANON", default="120/min"),
        "user": env("THROTTLE_RATE_USER", default="600/min"),
        # Stricter scopes where abuse is likely.
        "auth": env("THROTTLE_RATE_AUTH", default="10/min"),
        "register": env("THROTTLE_RATE_REGISTER", default="5/min"),
        "password_reset": env("THROTTLE_RATE_PASSWORD_RESET", default="5/hour"),
        "email_resend": env("THROTTLE_RATE_EMAIL_RESEND", default="5/hour"),
        "checkout": env("THROTTLE_RATE_CHECKOUT", default="30/min"),
        "contact": env("THROTTLE_RATE_CONTACT", default="5/min"),
        "quotes": env("THROTTLE_RATE_QUOTES", default="20/min"),
        "reports": env("THROTTLE_RATE_REPORTS", default="30/min"),
    },
    "EXCEPTION_HANDLER": "vwb_site.api.errors.problem_exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}

SIMPLE_JWT = {
    "ACCESS_TOKEN_LIFETIME": timedelta(minutes=env.int("JWT_ACCESS_MINUTES", default=10)),
    "REFRESH_TOKEN_LIFETIME": timedelta(days=env.int("JWT_REFRESH_DAYS", default=7)),
    "ROTATE_REFRESH_TOKENS": True,
    "BLACKLIST_AFTER_ROTATION": True,
    "UPDATE_LAST_LOGIN": True,
    "ALGORITHM": "HS256",
    "SIGNING_KEY": env("JWT_SIGNING_KEY", default=SECRET_KEY),
    "AUTH_HEADER_TYPES": ("Bearer",),
    "USER_ID_FIELD": "id",
    "USER_ID_CLAIM": "user_id",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Vintage Without Borders API",
    "DESCRIPTION": (
        "Commerce API of the Vintage Without Borders barrel marketplace: catalog, accounts, "
        "orders, payments, B2B quotes, shipping and reports. Every error is RFC 9457 problem "
        "details (`application/problem+json`)."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/v1",
    "SCHEMA_PATH_PREFIX_TRIM": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "PREPROCESSING_HOOKS": ["vwb_site.api.schema.only_v1_paths"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "vwb_site.api.schema.add_problem_responses",
        # Summaries, descriptions (who, what changes, error codes) and tag descriptions, from
        # one table keyed by operationId beside the contract.
        "frontend_contract.operations.document_operations",
    ],
    # Status enums of different workflows share the field name "status": name each one.
    "ENUM_NAME_OVERRIDES": {
        "OrderStatusEnum": "commerce.models.orders.OrderStatus",
        # One ISO 3166 country enum for every country field.
        "CountryEnum": "vwb_site.core.countries.COUNTRY_CHOICES",
    },
    # Offline: every docs asset from /static/ (sidecar); no call to the online validator.
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SERVERS": [],
}

# Content-Security-Policy (django-csp 4, vwb_site/csp.py) on the pages a browser renders: the
# Wagtail admin and the API docs. This origin only; inline scripts only with the request's nonce.
CSP_PATH_PREFIXES = ("/admin/", "/v1/docs", "/v1/redoc")
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        # Wagtail and ReDoc set style attributes and inject <style> from script.
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "media-src": [SELF],
        "frame-src": [SELF],
        # ReDoc's search index runs in a worker built from a blob.
        "worker-src": [SELF, "blob:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    }
}

CORS_ALLOWED_ORIGINS = env.list("CORS_ALLOWED_ORIGINS", default=[])
CORS_URLS_REGEX = r"^/(v1|api)/.*$"
# What the storefront's JavaScript may read (docs/frontend.md): the request id to quote, the
# throttle's wait, a replayed checkout, and the deprecation policy's headers.
CORS_EXPOSE_HEADERS = [
    "X-Request-ID",
    "Retry-After",
    "Location",
    "Idempotent-Replayed",
    "Deprecation",
    "Sunset",
    "Link",
]
CORS_ALLOW_HEADERS = [
    "accept",
    "authorization",
    "content-type",
    "idempotency-key",
    "x-request-id",
]

# --- Celery ---------------------------------------------------------------------------------
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL or "memory://")
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=None)
# Without a broker (no REDIS_URL, no CELERY_BROKER_URL), tasks run in-process.
CELERY_TASK_ALWAYS_EAGER = env.bool(
    "CELERY_TASK_ALWAYS_EAGER", default=not (env("CELERY_BROKER_URL", default="") or REDIS_URL)
)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_DEFAULT_QUEUE = env("CELERY_DEFAULT_QUEUE", default="vwb")
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "UTC"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
_VISIBILITY_TIMEOUT = env.int("CELERY_VISIBILITY_TIMEOUT", default=3600)
CELERY_BROKER_TRANSPORT_OPTIONS = {
    # An unacknowledged task (its worker died) goes back to the queue after this many seconds.
    "visibility_timeout": _VISIBILITY_TIMEOUT,
    # How often a worker sweeps for such tasks: kombu's default (every 10 s, scanning on every
    # 10th sweep: about 100 s) for the usual hour; every second for a short timeout, which
    # would otherwise wait for the sweep far longer than for the timeout itself.
    "unacked_restore_interval": max(1, min(10, _VISIBILITY_TIMEOUT // 4)),
    "unacked_restore_throttle": 10 if _VISIBILITY_TIMEOUT >= 1000 else 1,
    # A publish gives up quickly on a broker that does not answer; the outbox sends it later.
    "socket_connect_timeout": env.float("CELERY_BROKER_CONNECT_TIMEOUT", default=1.0),
}
# Workers log through Django's LOGGING (JSON lines with the request id), not Celery's format.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_WORKER_REDIRECT_STDOUTS = False
CELERY_BEAT_SCHEDULE: dict = {}

# The transactional outbox (vwb_site/outbox): every side effect is a row written with its cause.
# Publish right after commit (off: only the relay sends, e.g. to measure it).
OUTBOX_FAST_PATH = env.bool("OUTBOX_FAST_PATH", default=True)
# After a broker error the fast path stands aside this many seconds in that process.
OUTBOX_FAST_PATH_COOLDOWN_SECONDS = env.float("OUTBOX_FAST_PATH_COOLDOWN_SECONDS", default=5.0)
# The relay leaves a row this long to the fast path before it sends the row itself.
OUTBOX_RELAY_GRACE_SECONDS = env.float("OUTBOX_RELAY_GRACE_SECONDS", default=5.0)
OUTBOX_RELAY_INTERVAL_SECONDS = env.float("OUTBOX_RELAY_INTERVAL_SECONDS", default=1.0)
OUTBOX_RELAY_BATCH_SIZE = env.int("OUTBOX_RELAY_BATCH_SIZE", default=200)
# A row that fails this many times for its own reason is dead (a broker outage counts none).
OUTBOX_MAX_ATTEMPTS = env.int("OUTBOX_MAX_ATTEMPTS", default=8)
OUTBOX_BACKOFF_BASE_SECONDS = env.float("OUTBOX_BACKOFF_BASE_SECONDS", default=5.0)
OUTBOX_BACKOFF_MAX_SECONDS = env.float("OUTBOX_BACKOFF_MAX_SECONDS", default=900.0)
# Sent rows and effect markers are deleted after this many days (dead rows stay).
OUTBOX_RETENTION_DAYS = env.int("OUTBOX_RETENTION_DAYS", default=14)
CELERY_BEAT_SCHEDULE["outbox-relay-backstop"] = {
    "task": "vwb_site.outbox_relay",
    "schedule": env.float("OUTBOX_BEAT_RELAY_SECONDS", default=60.0),
}
CELERY_BEAT_SCHEDULE["outbox-purge"] = {"task": "vwb_site.outbox_purge", "schedule": 24 * 3600}

# --- Email ----------------------------------------------------------------------------------
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", default="127.0.0.1")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
DEFAULT_FROM_EMAIL = env(
    "DEFAULT_FROM_EMAIL", default="Vintage Without Borders <shop@vintagewithoutborders.example>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
STAFF_NOTIFICATION_EMAILS = env.list(
    "STAFF_NOTIFICATION_EMAILS", default=["sales@vintagewithoutborders.example"]
)

# --- Static and media -----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = env("STATIC_ROOT", default=str(BASE_DIR / "staticfiles"))
MEDIA_URL = "/media/"
MEDIA_ROOT = env("MEDIA_ROOT", default=str(BASE_DIR / "media"))
# Folders of MEDIA_ROOT whose files are served only through the API's or the admin's checks
# (order documents, privacy exports, report files): the DEBUG media handler answers 404 for
# them (vwb_site/media.py). SHIPPING_DOCUMENTS_DIR must lie in one of them.
MEDIA_PRIVATE_PREFIXES = ["private/", "privacy/", "reports/"]
# "default" holds public files (Wagtail images, renditions); "private" the files under the
# MEDIA_PRIVATE_PREFIXES folders (vwb_site/core/storage.py). Both are MEDIA_ROOT on the local
# filesystem (`make run`, the tests) unless AWS_STORAGE_BUCKET_NAME names a bucket.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
_object_storage = object_storage(env)
STORAGES.update(_object_storage.pop("STORAGES", {}))
globals().update(_object_storage)

# --- I18N -----------------------------------------------------------------------------------
LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# --- Wagtail --------------------------------------------------------------------------------
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "pdf", "xlsx", "txt"]
WAGTAILAPI_BASE_URL = env("WAGTAILAPI_BASE_URL", default=WAGTAILADMIN_BASE_URL)
WAGTAILAPI_LIMIT_MAX = 100
WAGTAIL_ENABLE_UPDATE_CHECK = False

# --- Encryption of sensitive fields (first key encrypts; all keys decrypt, for rotation) ----
FIELD_ENCRYPTION_KEYS = env.list(
    "FIELD_ENCRYPTION_KEYS", default=["bG9jYWwtZGV2ZWxvcG1lbnQta2V5LW5vdC1zZWNyZXQ="]
)

# --- Observability --------------------------------------------------------------------------
LOG_LEVEL = env("LOG_LEVEL", default="INFO")
LOG_JSON = env.bool("LOG_JSON", default=True)
METRICS_TOKEN = env("METRICS_TOKEN", default="")
METRICS_ALLOWED_IPS = env.list("METRICS_ALLOWED_IPS", default=["127.0.0.1", "::1"])
PROBLEM_TYPE_BASE = env(
    "PROBLEM_TYPE_BASE", default="https://vintagewithoutborders.example/problems/"
)

from vwb_site.logging_config import logging_dict

LOGGING = logging_dict(level=LOG_LEVEL, json_output=LOG_JSON)
