"""Each app's own settings, one block per app (kept apart so that work on different apps merges
cleanly), on top of the project-wide ones in `core.py`. Beat entries go into
CELERY_BEAT_SCHEDULE from the owning app's block."""

from decimal import Decimal

from .core import *
from .core import env

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
# A rotated refresh token presented again after this many seconds revokes all the user's
# refresh tokens (theft); sooner, it is a retry or a race and is only refused.
ACCOUNTS_REFRESH_REUSE_GRACE_SECONDS = env.int("ACCOUNTS_REFRESH_REUSE_GRACE_SECONDS", default=30)
# Access tokens carry a hash of the password: a password change or reset ends every session.
SIMPLE_JWT["CHECK_REVOKE_TOKEN"] = True
# A locked-out login answers in the one error format (429 account_locked, Retry-After).
AXES_LOCKOUT_CALLABLE = "accounts.api.views.lockout.lockout_response"
# Pair and per-client counters, and attempts that name only existing accounts by e-mail.
AXES_HANDLER = "accounts.services.lockouts.AccountClientLockoutHandler"
AXES_USERNAME_CALLABLE = "accounts.services.lockouts.attempt_username"
# Staff second factor (accounts.mfa): TOTP through django-otp, hashed recovery codes.
OTP_TOTP_ISSUER = env("OTP_TOTP_ISSUER", default="Vintage Without Borders")
# How long the pre-2FA challenge token of POST /v1/auth/token lives (seconds).
ACCOUNTS_MFA_CHALLENGE_SECONDS = env.int("ACCOUNTS_MFA_CHALLENGE_SECONDS", default=300)
# Recovery codes issued at enrolment (each works once).
ACCOUNTS_MFA_RECOVERY_CODES = env.int("ACCOUNTS_MFA_RECOVERY_CODES", default=10)
# A staff session in the Wagtail admin ends after this many idle minutes.
ACCOUNTS_ADMIN_IDLE_MINUTES = env.int("ACCOUNTS_ADMIN_IDLE_MINUTES", default=30)
SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"].update(
    {
        "AccountsRoleEnum": "accounts.models.Role",
        "AccountsSelfServiceRoleEnum": "accounts.api.serializers.common.SELF_SERVICE_ROLE_CHOICES",
        "AccountsVerificationStatusEnum": "accounts.models.Company.Verification",
        # One name for the ISO 3166 country table, whichever app's field uses it.
        "CountryEnum": "vwb_site.core.countries.COUNTRY_CHOICES",
    }
)


# --- catalog --------------------------------------------------------------------------------
CATALOG_SETTINGS_BLOCK = "catalog"
# Available units at or below which a barrel shows as `low_stock`.
CATALOG_LOW_STOCK_THRESHOLD = env.int("CATALOG_LOW_STOCK_THRESHOLD", default=2)
# Seconds a rendered list/detail response stays in the cache (0 turns response caching off).
CATALOG_CACHE_TIMEOUT = env.int("CATALOG_CACHE_TIMEOUT", default=300)
# Rendered catalog responses each worker also keeps in memory (with the catalog version, kept
# fresh by Redis key tracking): a hit then needs no Redis round trip. 0: off.
CATALOG_LOCAL_CACHE_ENTRIES = env.int("CATALOG_LOCAL_CACHE_ENTRIES", default=1000)
# HTTP caching for a CDN in front of the API (README "CDN in front of the API"): max-age of
# anonymous catalog (/v1/barrels) and page (/api/v2/pages/) responses, and the
# stale-while-revalidate window of both. Purged by surrogate key on change when CDN_PURGE_URL is
# set (a POST of {"surrogate_keys": [...]} with `Authorization: Bearer CDN_PURGE_TOKEN`).
CDN_CATALOG_MAX_AGE = env.int("CDN_CATALOG_MAX_AGE", default=60)
CDN_PAGES_MAX_AGE = env.int("CDN_PAGES_MAX_AGE", default=300)
CDN_STALE_WHILE_REVALIDATE = env.int("CDN_STALE_WHILE_REVALIDATE", default=300)
CDN_PURGE_URL = env("CDN_PURGE_URL", default="")
CDN_PURGE_TOKEN = env("CDN_PURGE_TOKEN", default="")
CDN_PURGE_TIMEOUT_SECONDS = env.float("CDN_PURGE_TIMEOUT_SECONDS", default=5.0)
# Trigram word-similarity cut-off of search typo tolerance (PostgreSQL default 0.6 is stricter).
CATALOG_SEARCH_TYPO_THRESHOLD = env.float("CATALOG_SEARCH_TYPO_THRESHOLD", default=0.5)
# How often the per-barrel view counters kept in Redis are written to BarrelViewCount.
CATALOG_VIEWS_FLUSH_SECONDS = env.int("CATALOG_VIEWS_FLUSH_SECONDS", default=300)
# Detail views a worker process holds before it pushes them to Redis in one round trip, and the
# longest it holds them (checked at its next view; it also pushes when it exits).
VIEW_COUNT_BATCH = env.int("VIEW_COUNT_BATCH", default=200)
VIEW_COUNT_INTERVAL = env.float("VIEW_COUNT_INTERVAL", default=10.0)
CELERY_BEAT_SCHEDULE["catalog-flush-barrel-views"] = {
    "task": "catalog.flush_barrel_views",
    "schedule": CATALOG_VIEWS_FLUSH_SECONDS,
}
# Number of barrels catalog/demo.py creates for `make run` (skipped when barrels exist).
CATALOG_DEMO_BARRELS = env.int("CATALOG_DEMO_BARRELS", default=300)
# Stable OpenAPI enum names for the catalog's choice sets ("status" is a common field name).
SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"].update(
    {
        "BarrelStatusEnum": "catalog.models.BarrelStatus",
        "BarrelAvailabilityEnum": "catalog.models.Availability",
        "StockMovementReasonEnum": "catalog.models.StockMovementReason",
        "StockMovementReferenceKindEnum": "catalog.models.StockMovementReferenceKind",
        "StockAdjustmentKindEnum": ["adjustment", "receipt", "return"],
    }
)


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
# PayPal (Orders v2 through the official server SDK): REST app client id and secret (both empty
# switches PayPal off), the webhook id that verifies deliveries, sandbox or live, and a base URL
# override (a test server); an empty override means PayPal's host for the environment.
PAYPAL_CLIENT_ID = env("PAYPAL_CLIENT_ID", default="")
PAYPAL_CLIENT_SECRET = env("PAYPAL_CLIENT_SECRET", default="")
PAYPAL_WEBHOOK_ID = env("PAYPAL_WEBHOOK_ID", default="")
PAYPAL_ENVIRONMENT = env("PAYPAL_ENVIRONMENT", default="sandbox")
PAYPAL_BASE_URL = env("PAYPAL_BASE_URL", default="")
# The currency the storefront's PayPal buttons load with (the shop prices in it).
PAYPAL_CURRENCY = env("PAYPAL_CURRENCY", default="EUR")
PAYPAL_TIMEOUT_SECONDS = env.int("PAYPAL_TIMEOUT_SECONDS", default=15)
PAYPAL_MAX_NETWORK_RETRIES = env.int("PAYPAL_MAX_NETWORK_RETRIES", default=2)
# Bank details printed on bank-transfer orders (B2B).
BANK_TRANSFER_ACCOUNT_HOLDER = env(
    "BANK_TRANSFER_ACCOUNT_HOLDER", default="Vintage Without Borders SAS"
)
BANK_TRANSFER_IBAN = env("BANK_TRANSFER_IBAN", default="FR76 3000 6000 0112 3456 7890 189")
BANK_TRANSFER_BIC = env("BANK_TRANSFER_BIC", default="AGRIFRPPXXX")
BANK_TRANSFER_BANK_NAME = env("BANK_TRANSFER_BANK_NAME", default="Crédit Agricole")
# Reconcile card payments whose webhook never came (every 15 minutes), expire unpaid orders.
CELERY_BEAT_SCHEDULE["commerce-expire-unpaid-orders"] = {
    "task": "commerce.expire_unpaid_orders",
    "schedule": 300.0,
}
CELERY_BEAT_SCHEDULE["commerce-reconcile-payments"] = {
    "task": "commerce.reconcile_payments",
    "schedule": 900.0,
}


# --- commerce: shipping ---------------------------------------------------------------------
SHIPPING_SETTINGS_BLOCK = "shipping"
# Seller's legal details printed on invoices and customs documents. SELLER_ADDRESS: lines
# separated by "|". The defaults are samples for local use: `check --deploy` warns while any
# of SELLER_SAMPLE_VALUES is still in use (commerce/checks.py, commerce.W001).
SELLER_SAMPLE_VALUES = {
    "SELLER_VAT_NUMBER": "FR12345678901",
    "SELLER_EORI": "FR12345678901000",
    "SELLER_REGISTRATION": "SAS with a capital of EUR 10,000 - RCS Bordeaux 123 456 789",
    "SELLER_EMAIL": "invoices@vintagewithoutborders.example",
    "QUOTES_SELLER_VAT_NUMBER": "FR12345678901",
    "QUOTES_SELLER_EMAIL": "sales@vintagewithoutborders.example",
}
SELLER_NAME = env("SELLER_NAME", default="Vintage Without Borders SAS")
SELLER_ADDRESS = env("SELLER_ADDRESS", default="12 quai des Chartrons|33000 Bordeaux|France").split(
    "|"
)
SELLER_VAT_NUMBER = env("SELLER_VAT_NUMBER", default=SELLER_SAMPLE_VALUES["SELLER_VAT_NUMBER"])
SELLER_EORI = env("SELLER_EORI", default=SELLER_SAMPLE_VALUES["SELLER_EORI"])
SELLER_REGISTRATION = env(
    "SELLER_REGISTRATION", default=SELLER_SAMPLE_VALUES["SELLER_REGISTRATION"]
)
SELLER_EMAIL = env("SELLER_EMAIL", default=SELLER_SAMPLE_VALUES["SELLER_EMAIL"])
# Incoterm printed on commercial invoices (exports).
SHIPPING_INCOTERM = env("SHIPPING_INCOTERM", default="DAP")
# Carrier webhook secrets, "carrier-code=secret,other-code=secret". A carrier without one has
# its webhook switched off (403).
SHIPPING_CARRIER_WEBHOOK_SECRETS = env.dict("SHIPPING_CARRIER_WEBHOOK_SECRETS", default={})
# Where generated order documents are stored, relative to MEDIA_ROOT (served only by the API);
# under a MEDIA_PRIVATE_PREFIXES folder, which the development media handler never serves.
SHIPPING_DOCUMENTS_DIR = env("SHIPPING_DOCUMENTS_DIR", default="private/order-documents")

# Live parcel rates, labels and tracking through EasyPost (UPS, DHL Express, FedEx, ...): off
# unless EASYPOST_API_KEY is set (docs/commerce-shipping.md, "Carrier APIs").
EASYPOST_API_KEY = env("EASYPOST_API_KEY", default="")
# The HMAC secret of the EasyPost webhook (X-Hmac-Signature); empty: the webhook answers 403.
EASYPOST_WEBHOOK_SECRET = env("EASYPOST_WEBHOOK_SECRET", default="")
# Override of the API's base URL (a proxy, a sandbox); empty: the SDK's default.
EASYPOST_BASE_URL = env("EASYPOST_BASE_URL", default="")
# Which carriers and services to offer: "UPS,DHLExpress,FedEx" and "UPS:Express,FedEx:..."
# (empty: every carrier / every service of the offered carriers).
EASYPOST_CARRIERS = env.list("EASYPOST_CARRIERS", default=["UPS", "DHLExpress", "FedEx"])
EASYPOST_SERVICES = env.list("EASYPOST_SERVICES", default=[])
# The whole live-rate call (connect, create, read) must answer within this many seconds.
EASYPOST_RATE_TIMEOUT_SECONDS = env.float("EASYPOST_RATE_TIMEOUT_SECONDS", default=2.0)
# Live rates are cached per route and parcel this long; a quote shown to a buyer is honoured
# at checkout this long.
EASYPOST_RATE_CACHE_SECONDS = env.int("EASYPOST_RATE_CACHE_SECONDS", default=120)
EASYPOST_QUOTE_VALIDITY_SECONDS = env.int("EASYPOST_QUOTE_VALIDITY_SECONDS", default=900)
# Booking (buy + label download) timeout, per call.
EASYPOST_BOOKING_TIMEOUT_SECONDS = env.float("EASYPOST_BOOKING_TIMEOUT_SECONDS", default=15.0)
# Parcel limits of the express carriers: heavier or larger goes by pallet.
SHIPPING_PARCEL_MAX_WEIGHT_KG = Decimal(env("SHIPPING_PARCEL_MAX_WEIGHT_KG", default="70"))
SHIPPING_PARCEL_MAX_LENGTH_CM = Decimal(env("SHIPPING_PARCEL_MAX_LENGTH_CM", default="274"))
SHIPPING_PARCEL_MAX_GIRTH_CM = Decimal(env("SHIPPING_PARCEL_MAX_GIRTH_CM", default="400"))
SHIPPING_PARCEL_PACKAGING_KG = Decimal(env("SHIPPING_PARCEL_PACKAGING_KG", default="2"))
# Where parcels leave from (the warehouse): street|city|postcode|country.
SHIPPING_PARCEL_FROM_ADDRESS = env(
    "SHIPPING_PARCEL_FROM_ADDRESS", default="12 quai des Chartrons|Bordeaux|33000|FR"
).split("|")
SHIPPING_PARCEL_FROM_PHONE = env("SHIPPING_PARCEL_FROM_PHONE", default="+33556000000")
# Exchange rates for carrier prices in another currency: "USD=0.92,GBP=1.17" = EUR per unit.
# A settings table until a rates feed exists; the rate used is recorded on the order.
SHIPPING_FX_RATES_TO_EUR = env.dict(
    "SHIPPING_FX_RATES_TO_EUR", default={"USD": "0.92", "GBP": "1.17", "CHF": "1.06"}
)


# --- quotes ---------------------------------------------------------------------------------
QUOTES_SETTINGS_BLOCK = "quotes"
# Seller details printed on quote PDFs (address lines separated by "|").
QUOTES_SELLER_NAME = env("QUOTES_SELLER_NAME", default="Vintage Without Borders SAS")
QUOTES_SELLER_ADDRESS = env(
    "QUOTES_SELLER_ADDRESS", default="12 quai des Chartrons|33000 Bordeaux|France"
)
QUOTES_SELLER_VAT_NUMBER = env(
    "QUOTES_SELLER_VAT_NUMBER", default=SELLER_SAMPLE_VALUES["QUOTES_SELLER_VAT_NUMBER"]
)
QUOTES_SELLER_EMAIL = env(
    "QUOTES_SELLER_EMAIL", default=SELLER_SAMPLE_VALUES["QUOTES_SELLER_EMAIL"]
)
SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"].update(
    {
        "QuoteStatusEnum": "quotes.models.QuoteStatus",
        "QuotePaymentTermsEnum": "commerce.models.PaymentTerms",
    }
)
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
    "task": "accounts.privacy_retention_run",
    "schedule": 24 * 3600.0,
}
CELERY_BEAT_SCHEDULE["privacy-expire-exports"] = {
    "task": "accounts.privacy_exports_expire",
    "schedule": 3600.0,
}
# Google Analytics 4 (Measurement Protocol): off while GA4_MEASUREMENT_ID or the secret is empty.
GA4_MEASUREMENT_ID = env("GA4_MEASUREMENT_ID", default="")
GA4_API_SECRET = env("GA4_API_SECRET", default="")
GA4_ENDPOINT = env("GA4_ENDPOINT", default="https://www.google-analytics.com/mp/collect")
GA4_TIMEOUT_SECONDS = env.float("GA4_TIMEOUT_SECONDS", default=5.0)
