"""Settings shared by every environment.

Values come from the environment (django-environ); `.env.example` documents each variable.
Environment-specific modules (local, test, production) import this one and override.
"""

import os
from datetime import timedelta
from pathlib import Path

import environ

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
FRONTEND_BASE_URL = env("FRONTEND_BASE_URL", default="http://localhost:3000")

INSTALLED_APPS = [
    # Our apps first, so their templates and management commands win.
    "vwb_site",
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
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
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
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "wagtailadmin_login"

AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username"], ["ip_address"]]
AXES_USERNAME_FORM_FIELD = "email"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_IPWARE_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

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
        "checkout": env("THROTTLE_RATE_CHECKOUT", default="30/min"),
        "contact": env("THROTTLE_RATE_CONTACT", default="5/min"),
        "quotes": env("THROTTLE_RATE_QUOTES", default="20/min"),
        "reports": env("THROTTLE_RATE_REPORTS", default="30/min"),
    },
    "EXCEPTION_HANDLER": "vwb_site.api.errors.problem_exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    "NUM_PROXIES": env.int("TRUSTED_PROXY_COUNT", default=0) or None,
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
    ],
    # Status enums of different workflows share the field name "status": name each one.
    "ENUM_NAME_OVERRIDES": {
        "OrderStatusEnum": "commerce.models.orders.OrderStatus",
        # One ISO 3166 country enum for every country field.
        "CountryEnum": "accounts.countries.COUNTRY_CHOICES",
    },
    # Offline: every docs asset from /static/ (sidecar); no call to the online validator.
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SERVERS": [],
}

CORS_ALLOWED_ORIGINS = env.list("CORS_ALLOWED_ORIGINS", default=[])
CORS_URLS_REGEX = r"^/(v1|api)/.*$"
CORS_EXPOSE_HEADERS = ["X-Request-ID", "Retry-After"]
CORS_ALLOW_HEADERS = [
    "accept", "authorization", "content-type", "idempotency-key", "x-request-id",
]

# --- Celery ---------------------------------------------------------------------------------
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL or "memory://")
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=None)
# Without a broker (no REDIS_URL, no CELERY_BROKER_URL), tasks run in-process.
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not (
    env("CELERY_BROKER_URL", default="") or REDIS_URL))
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_DEFAULT_QUEUE = env("CELERY_DEFAULT_QUEUE", default="vwb")
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "UTC"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
# Workers log through Django's LOGGING (JSON lines with the request id), not Celery's format.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_WORKER_REDIRECT_STDOUTS = False
CELERY_BEAT_SCHEDULE: dict = {}

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
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

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
PROBLEM_TYPE_BASE = env("PROBLEM_TYPE_BASE", default="https://vintagewithoutborders.example/problems/")

from vwb_site.logging_config import logging_dict

LOGGING = logging_dict(level=LOG_LEVEL, json_output=LOG_JSON)

# =============================================================================================
# App settings. Each app keeps its own block (kept apart so that work on different apps merges
# cleanly). Beat entries go into CELERY_BEAT_SCHEDULE from the owning app's block.
# =============================================================================================

# --- accounts -------------------------------------------------------------------------------
ACCOUNTS_SETTINGS_BLOCK = "accounts"
# Password reset links work once and expire after this many seconds (Django's own setting).
PASSWORD_RESET_TIMEOUT = env.int("PASSWORD_RESET_TIMEOUT", default=3600)
# E-mail confirmation links (welcome e-mail, change of address) expire after this many seconds.
ACCOUNTS_EMAIL_CONFIRMATION_MAX_AGE = env.int(
    "ACCOUNTS_EMAIL_CONFIRMATION_MAX_AGE", default=7 * 24 * 3600
)
# Storefront pages the e-mailed links open; they POST the token to the API.
ACCOUNTS_EMAIL_CONFIRM_URL = env(
    "ACCOUNTS_EMAIL_CONFIRM_URL", default=FRONTEND_BASE_URL + "/account/confirm-email?token={token}"
)
ACCOUNTS_PASSWORD_RESET_URL = env(
    "ACCOUNTS_PASSWORD_RESET_URL",
    default=FRONTEND_BASE_URL + "/account/reset-password?uid={uid}&token={token}",
)
# Largest address book per user.
ACCOUNTS_MAX_ADDRESSES = env.int("ACCOUNTS_MAX_ADDRESSES", default=50)
# Access tokens carry a hash of the password: a password change or reset ends every session.
SIMPLE_JWT["CHECK_REVOKE_TOKEN"] = True
# A locked-out login answers in the one error format (429 account_locked, Retry-After).
AXES_LOCKOUT_CALLABLE = "accounts.api.lockout.lockout_response"
SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"].update({
    "AccountsRoleEnum": "accounts.models.Role",
    "AccountsSelfServiceRoleEnum": "accounts.api.serializers.common.SELF_SERVICE_ROLE_CHOICES",
    "AccountsVerificationStatusEnum": "accounts.models.Company.Verification",
    # One name for the ISO 3166 country table, whichever app's field uses it.
    "CountryEnum": "accounts.countries.COUNTRY_CHOICES",
})


# --- catalog --------------------------------------------------------------------------------
CATALOG_SETTINGS_BLOCK = "catalog"
# Available units at or below which a barrel shows as `low_stock`.
CATALOG_LOW_STOCK_THRESHOLD = env.int("CATALOG_LOW_STOCK_THRESHOLD", default=2)
# Seconds a rendered list/detail response stays in the cache (0 turns response caching off).
CATALOG_CACHE_TIMEOUT = env.int("CATALOG_CACHE_TIMEOUT", default=300)
# Trigram word-similarity cut-off of search typo tolerance (PostgreSQL default 0.6 is stricter).
CATALOG_SEARCH_TYPO_THRESHOLD = env.float("CATALOG_SEARCH_TYPO_THRESHOLD", default=0.5)
# How often the per-barrel view counters kept in Redis are written to BarrelViewCount.
CATALOG_VIEWS_FLUSH_SECONDS = env.int("CATALOG_VIEWS_FLUSH_SECONDS", default=300)
CELERY_BEAT_SCHEDULE["catalog-flush-barrel-views"] = {
    "task": "catalog.flush_barrel_views",
    "schedule": CATALOG_VIEWS_FLUSH_SECONDS,
}
# Number of barrels catalog/demo.py creates for `make run` (skipped when barrels exist).
CATALOG_DEMO_BARRELS = env.int("CATALOG_DEMO_BARRELS", default=300)
# Serve GET /v1/_bench/constant (a bare Django JSON view) for bench/catalog_bench.py only.
CATALOG_BENCH_VIEW = env.bool("CATALOG_BENCH_VIEW", default=False)
# Stable OpenAPI enum names for the catalog's choice sets ("status" is a common field name).
SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"].update({
    "BarrelStatusEnum": "catalog.models.BarrelStatus",
    "BarrelAvailabilityEnum": "catalog.models.Availability",
    "StockMovementReasonEnum": "catalog.models.StockMovementReason",
    "StockMovementReferenceKindEnum": "catalog.models.StockMovementReferenceKind",
    "StockAdjustmentKindEnum": ["adjustment", "receipt", "return"],
})


# --- commerce: orders, payments, tax --------------------------------------------------------
COMMERCE_SETTINGS_BLOCK = "commerce"
# Country the seller is established in (home VAT rate, domestic sales).
SELLER_COUNTRY = env("SELLER_COUNTRY", default="FR")
# Unpaid orders are cancelled (stock released) after these delays.
ORDER_CARD_TTL_MINUTES = env.int("ORDER_CARD_TTL_MINUTES", default=60)
ORDER_BANK_TRANSFER_TTL_DAYS = env.int("ORDER_BANK_TRANSFER_TTL_DAYS", default=10)
# Stripe: secret key (an empty key switches card payments off), webhook signing secret, and an
# API base override (localstripe in tests and local runs).
STRIPE_SECRET_KEY = env("STRIPE_SECRET_KEY", default="")
STRIPE_WEBHOOK_SECRET = env("STRIPE_WEBHOOK_SECRET", default="")
STRIPE_API_BASE = env("STRIPE_API_BASE", default="")
STRIPE_MAX_NETWORK_RETRIES = env.int("STRIPE_MAX_NETWORK_RETRIES", default=2)
# Bank details printed on bank-transfer orders (B2B).
BANK_TRANSFER_ACCOUNT_HOLDER = env(
    "BANK_TRANSFER_ACCOUNT_HOLDER", default="Vintage Without Borders SAS"
)
BANK_TRANSFER_IBAN = env("BANK_TRANSFER_IBAN", default="FR76 3000 6000 0112 3456 7890 189")
BANK_TRANSFER_BIC = env("BANK_TRANSFER_BIC", default="AGRIFRPPXXX")
BANK_TRANSFER_BANK_NAME = env("BANK_TRANSFER_BANK_NAME", default="Crédit Agricole")
# Reconcile card payments whose webhook never came (every 15 minutes), expire unpaid orders.
CELERY_BEAT_SCHEDULE["commerce-expire-unpaid-orders"] = {
    "task": "commerce.expire_unpaid_orders", "schedule": 300.0,
}
CELERY_BEAT_SCHEDULE["commerce-reconcile-payments"] = {
    "task": "commerce.reconcile_payments", "schedule": 900.0,
}


# --- commerce: shipping ---------------------------------------------------------------------
SHIPPING_SETTINGS_BLOCK = "shipping"
# Seller's legal details printed on invoices and customs documents. SELLER_ADDRESS: lines
# separated by "|".
SELLER_NAME = env("SELLER_NAME", default="Vintage Without Borders SAS")
SELLER_ADDRESS = env(
    "SELLER_ADDRESS", default="12 quai des Chartrons|33000 Bordeaux|France"
).split("|")
SELLER_VAT_NUMBER = env("SELLER_VAT_NUMBER", default="FR12345678901")
SELLER_EORI = env("SELLER_EORI", default="FR12345678901000")
SELLER_REGISTRATION = env(
    "SELLER_REGISTRATION", default="SAS with a capital of EUR 10,000 - RCS Bordeaux 123 456 789"
)
SELLER_EMAIL = env("SELLER_EMAIL", default="invoices@vintagewithoutborders.example")
# Incoterm printed on commercial invoices (exports).
SHIPPING_INCOTERM = env("SHIPPING_INCOTERM", default="DAP")
# Carrier webhook secrets, "carrier-code=secret,other-code=secret". A carrier without one has
# its webhook switched off (403).
SHIPPING_CARRIER_WEBHOOK_SECRETS = env.dict("SHIPPING_CARRIER_WEBHOOK_SECRETS", default={})
# Where generated order documents are stored, relative to MEDIA_ROOT (served only by the API).
SHIPPING_DOCUMENTS_DIR = env("SHIPPING_DOCUMENTS_DIR", default="private/order-documents")
# Shipping's Celery tasks live in commerce.shipping.tasks (autodiscovery finds commerce.tasks).
CELERY_IMPORTS = (*globals().get("CELERY_IMPORTS", ()), "commerce.shipping.tasks")


# --- quotes ---------------------------------------------------------------------------------
QUOTES_SETTINGS_BLOCK = "quotes"
# Seller details printed on quote PDFs (address lines separated by "|").
QUOTES_SELLER_NAME = env("QUOTES_SELLER_NAME", default="Vintage Without Borders SAS")
QUOTES_SELLER_ADDRESS = env(
    "QUOTES_SELLER_ADDRESS", default="12 quai des Chartrons|33000 Bordeaux|France"
)
QUOTES_SELLER_VAT_NUMBER = env("QUOTES_SELLER_VAT_NUMBER", default="FR12345678901")
QUOTES_SELLER_EMAIL = env("QUOTES_SELLER_EMAIL", default="sales@vintagewithoutborders.example")
SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"].update({
    "QuoteStatusEnum": "quotes.models.QuoteStatus",
    "QuotePaymentTermsEnum": "quotes.models.PaymentTerms",
})
# Expire offers past validity, release lapsed holds, send 48-hour reminders.
CELERY_BEAT_SCHEDULE["quotes-expire-due"] = {
    "task": "quotes.expire_due_quotes",
    "schedule": env.float("QUOTES_EXPIRY_SWEEP_SECONDS", default=900.0),
}


# --- reporting ------------------------------------------------------------------------------
REPORTING_SETTINGS_BLOCK = "reporting"
from celery.schedules import crontab

# Ranges (in days) longer than this run as a Celery job (202 + job URL) instead of inline.
REPORTING_SYNC_MAX_DAYS = env.int("REPORTING_SYNC_MAX_DAYS", default=92)
# The longest range a report accepts at all.
REPORTING_MAX_RANGE_DAYS = env.int("REPORTING_MAX_RANGE_DAYS", default=3660)
# How long a job's file is kept before the purge task deletes it.
REPORTING_FILE_TTL_HOURS = env.int("REPORTING_FILE_TTL_HOURS", default=48)
# Who receives the weekly sales and inventory workbook (empty: nobody, the task does nothing).
REPORTING_WEEKLY_RECIPIENTS = env.list("REPORTING_WEEKLY_RECIPIENTS", default=[])
CELERY_BEAT_SCHEDULE["reporting-purge-report-files"] = {
    "task": "reporting.purge_report_files",
    "schedule": timedelta(hours=1),
}
CELERY_BEAT_SCHEDULE["reporting-weekly-workbook"] = {
    "task": "reporting.send_weekly_workbook",
    # Mondays 06:00 UTC: the previous Monday-to-Sunday week.
    "schedule": crontab(minute=0, hour=6, day_of_week="mon"),
}


# --- cms_pages ------------------------------------------------------------------------------
CMS_SETTINGS_BLOCK = "cms_pages"
# The storefront route that renders a draft; Wagtail's preview redirects there with ?token=...
FRONTEND_PREVIEW_URL = env("FRONTEND_PREVIEW_URL", default=f"{FRONTEND_BASE_URL}/preview")
# How long a signed preview token stays valid (seconds).
CMS_PREVIEW_TOKEN_MAX_AGE = env.int("CMS_PREVIEW_TOKEN_MAX_AGE", default=3600)
# Longest message accepted by the contact form (characters).
CMS_CONTACT_MESSAGE_MAX_LENGTH = env.int("CMS_CONTACT_MESSAGE_MAX_LENGTH", default=5000)
# Rate of the public page API (/api/v2/...), per client IP.
REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["pages"] = env("THROTTLE_RATE_PAGES", default="600/min")
# Rich text in the page API is always sanitised display HTML (see cms_pages/rich_text.py).
WAGTAILAPI_RICH_TEXT_FORMAT = "html"
WAGTAILREDIRECTS_AUTO_CREATE = True


# --- privacy --------------------------------------------------------------------------------
PRIVACY_SETTINGS_BLOCK = "privacy"
# Client IP, user agent and administrators' writes go to the audit log (accounts.audit).
MIDDLEWARE.insert(
    MIDDLEWARE.index("vwb_site.api.middleware.RequestIdMiddleware") + 1,
    "accounts.audit.middleware.AuditContextMiddleware",
)
AUDIT_PATH_PREFIXES = ("/v1/", "/admin/")
# The version of the privacy policy consents are given under; a new version asks again.
PRIVACY_POLICY_VERSION = env("PRIVACY_POLICY_VERSION", default="2026-01")
# Exports with more rows than this are built by a Celery task and the link is e-mailed.
PRIVACY_EXPORT_SYNC_MAX_ROWS = env.int("PRIVACY_EXPORT_SYNC_MAX_ROWS", default=2000)
# How long an e-mailed export link (and its file) stays valid, in hours.
PRIVACY_EXPORT_LINK_HOURS = env.int("PRIVACY_EXPORT_LINK_HOURS", default=72)
# Where e-mailed export links point (the API's public origin).
PRIVACY_EXPORT_BASE_URL = env("PRIVACY_EXPORT_BASE_URL", default="http://localhost:8000")
# Retention periods, in days.
RETENTION_CONTACT_MESSAGES_DAYS = env.int("RETENTION_CONTACT_MESSAGES_DAYS", default=365)
RETENTION_REPORT_FILES_DAYS = env.int("RETENTION_REPORT_FILES_DAYS", default=90)
RETENTION_INACTIVE_ACCOUNT_DAYS = env.int("RETENTION_INACTIVE_ACCOUNT_DAYS", default=3 * 365)
RETENTION_UNCONFIRMED_ACCOUNT_DAYS = env.int("RETENTION_UNCONFIRMED_ACCOUNT_DAYS", default=30)
RETENTION_LOGIN_HISTORY_DAYS = env.int("RETENTION_LOGIN_HISTORY_DAYS", default=365)
CELERY_BEAT_SCHEDULE["privacy-retention"] = {
    "task": "accounts.privacy_retention_run", "schedule": 24 * 3600.0,
}
CELERY_BEAT_SCHEDULE["privacy-expire-exports"] = {
    "task": "accounts.privacy_exports_expire", "schedule": 3600.0,
}
# Google Analytics 4 (Measurement Protocol): off while GA4_MEASUREMENT_ID or the secret is empty.
GA4_MEASUREMENT_ID = env("GA4_MEASUREMENT_ID", default="")
GA4_API_SECRET = env("GA4_API_SECRET", default="")
GA4_ENDPOINT = env("GA4_ENDPOINT", default="https://www.google-analytics.com/mp/collect")
GA4_TIMEOUT_SECONDS = env.float("GA4_TIMEOUT_SECONDS", default=5.0)
