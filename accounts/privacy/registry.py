"""Where a person's data lives, and what erasure does to each field.

Models are named by label, so accounts imports nothing from the apps above it; an entry whose
app is not installed is skipped. Strategies for personal fields:

- BLANK: replaced by "" (encrypted fields included).
- PLACEHOLDER_EMAIL: replaced by the erased account's `erased-<uuid>@invalid`.
- JSON_KEEP_COUNTRY: an address snapshot; every key blanked except `country`, which VAT
  records (place of supply, OSS/reverse charge evidence) must keep.
- KEEP: kept for a legal reason given in `keep_reasons` (still exported).
- SECRET: never exported (password hash); erasure makes it unusable.
Rows of an entry with `delete_rows` are deleted instead.
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.db import models

BLANK = "blank"
PLACEHOLDER_EMAIL = "placeholder_email"
JSON_KEEP_COUNTRY = "json_keep_country"
KEEP = "keep"
SECRET = "secret"  # noqa: S105 - a strategy name
BLANK_IF_SOLE_MEMBER = "blank_if_sole_member"


@dataclass(frozen=True)
class Entry:
    model: str
    # How rows reach the person: a lookup to the user ("user", "order__user"), or
    # `email_lookup` matched case-insensitively against the user's e-mail.
    user_lookup: str | None = None
    email_lookup: str | None = None
    personal: dict[str, str] = field(default_factory=dict)
    # Text fields that hold no personal data (codes, amounts as text, staff notes).
    not_personal: tuple[str, ...] = ()
    keep_reasons: dict[str, str] = field(default_factory=dict)
    delete_rows: bool = False
    export: bool = True
    # Models whose foreign key to the user records who acted (staff), not whose data it is.
    actor_only: bool = False
    note: str = ""

    def model_class(self) -> type[models.Model] | None:
        app_label, name = self.model.split(".")
        try:
            return apps.get_model(app_label, name)
        except LookupError:
            return None


ORDER_NOT_PERSONAL = (
    "number",
    "status",
    "customer_type",
    "currency",
    "tax_regime",
    "tax_country",
    "tax_legal_text",
    "tax_breakdown",
    "shipping_method_code",
    "shipping_method_name",
    "payment_method",
    "payment_reference",
)

PERSONAL_DATA: list[Entry] = [
    Entry(
        "accounts.User",
        user_lookup="pk",
        personal={
            "email": PLACEHOLDER_EMAIL,
            "first_name": BLANK,
            "last_name": BLANK,
            "phone": BLANK,
            "password": SECRET,
        },
        not_personal=("role",),
    ),
    Entry(
        "accounts.Address",
        user_lookup="user",
        delete_rows=True,
        personal=dict.fromkeys(
            ("recipient_name", "company_name", "street", "city", "zip_code", "country", "phone"),
            BLANK,
        ),
    ),
    Entry(
        "accounts.Company",
        user_lookup="members",
        personal={
            "bank_account_holder": BLANK,
            "bank_iban": BLANK,
            "bank_bic": BLANK,
            "street": BLANK_IF_SOLE_MEMBER,
            "city": BLANK_IF_SOLE_MEMBER,
            "zip_code": BLANK_IF_SOLE_MEMBER,
            "legal_name": KEEP,
            "vat_number": KEEP,
            "country": KEEP,
        },
        not_personal=("verification_status", "rejection_reason"),
        keep_reasons=dict.fromkeys(
            ("legal_name", "vat_number", "country"),
            "The buyer on issued invoices (a company, needed for VAT records).",
        ),
    ),
    Entry(
        "accounts.CompanyVerificationEvent",
        actor_only=True,
        not_personal=("from_status", "to_status", "note"),
    ),
    Entry(
        "accounts.ConsentRecord",
        user_lookup="user",
        not_personal=("purpose", "policy_version", "source"),
        note="Kept after erasure as proof of what was agreed; holds no personal value.",
    ),
    Entry(
        "accounts.DataExport", user_lookup="user", delete_rows=True, not_personal=("status", "file")
    ),
    Entry(
        "accounts.AuditEntry",
        actor_only=True,
        not_personal=(
            "action",
            "source",
            "target_type",
            "target_id",
            "target_repr",
            "changes",
            "method",
            "path",
            "ip",
            "user_agent",
            "request_id",
        ),
        note="Values of personal fields are redacted when written (accounts.audit).",
    ),
    Entry(
        "catalog.StockMovement",
        actor_only=True,
        not_personal=("reason", "reference_kind", "reference_id", "note"),
    ),
    Entry(
        "token_blacklist.OutstandingToken",
        user_lookup="user",
        export=False,
        not_personal=("jti", "token"),
        note="Revoked (blacklisted) on erasure.",
    ),
    Entry(
        "axes.AccessLog",
        email_lookup="username",
        delete_rows=True,
        personal={"username": BLANK, "ip_address": BLANK, "user_agent": BLANK},
        not_personal=("http_accept", "path_info", "session_hash"),
    ),
    Entry(
        "axes.AccessAttempt",
        email_lookup="username",
        delete_rows=True,
        personal={
            "username": BLANK,
            "ip_address": BLANK,
            "user_agent": BLANK,
            "get_data": BLANK,
            "post_data": BLANK,
        },
        not_personal=("http_accept", "path_info"),
    ),
    Entry(
        "axes.AccessFailureLog",
        email_lookup="username",
        delete_rows=True,
        personal={"username": BLANK, "ip_address": BLANK, "user_agent": BLANK},
        not_personal=("http_accept", "path_info"),
    ),
    Entry(
        "cms_pages.ContactMessage",
        email_lookup="email",
        delete_rows=True,
        personal={
            "name": BLANK,
            "email": BLANK,
            "company": BLANK,
            "phone": BLANK,
            "message": BLANK,
        },
        not_personal=("topic",),
    ),
    Entry(
        "commerce.Order",
        user_lookup="user",
        personal={
            "customer_email": PLACEHOLDER_EMAIL,
            "shipping_address": JSON_KEEP_COUNTRY,
            "billing_address": JSON_KEEP_COUNTRY,
            "buyer_vat_number": KEEP,
        },
        not_personal=ORDER_NOT_PERSONAL,
        keep_reasons={"buyer_vat_number": "A company VAT number on an invoice (VAT records)."},
    ),
    Entry("commerce.OrderLine", user_lookup="order__user", not_personal=("sku", "name")),
    Entry(
        "commerce.OrderStatusHistory",
        user_lookup="order__user",
        not_personal=("from_status", "to_status", "note"),
    ),
    Entry(
        "commerce.Shipment",
        user_lookup="order__user",
        not_personal=("tracking_number", "tracking_url"),
    ),
    Entry(
        "commerce.TrackingEvent",
        user_lookup="shipment__order__user",
        personal={"raw_payload": JSON_KEEP_COUNTRY},
        not_personal=("kind", "location", "description", "source", "external_id"),
        note="A carrier's raw payload may name the recipient; blanked on erasure.",
    ),
    Entry(
        "commerce.OrderDocument",
        user_lookup="order__user",
        not_personal=("kind", "number", "file"),
        note="Exported as metadata (the file path). Issued invoices are kept unchanged "
        "(legal retention); their PDFs still show the buyer as at purchase.",
    ),
    Entry(
        "commerce.IdempotencyKey",
        user_lookup="user",
        export=False,
        not_personal=("key", "request_hash"),
    ),
    Entry(
        "commerce.Payment",
        user_lookup="order__user",
        not_personal=(
            "provider",
            "status",
            "currency",
            "provider_reference",
            "failure_code",
            "failure_message",
            "note",
        ),
    ),
    Entry(
        "commerce.Refund",
        user_lookup="order__user",
        not_personal=("currency", "status", "provider_reference", "reason"),
    ),
    # B2B quotes: the offers' prices stay (accounting); free text a buyer or staff wrote goes.
    Entry(
        "quotes.Quote",
        user_lookup="user",
        personal={
            "requested_items": JSON_KEEP_COUNTRY,
            "destination_postcode": BLANK,
            "notes": BLANK,
        },
        not_personal=("number", "status", "destination_country", "currency", "order_number"),
    ),
    Entry(
        "quotes.QuoteVersion",
        user_lookup="quote__user",
        personal={"message": BLANK},
        not_personal=(
            "currency",
            "freight_method_code",
            "freight_name",
            "freight_details",
            "vat_treatment",
            "vat_country",
            "vat_wording",
            "vat_breakdown",
            "payment_terms",
        ),
        note="`created_by` is the staff member who sent the offer.",
    ),
    Entry(
        "quotes.QuoteVersionLine",
        user_lookup="version__quote__user",
        not_personal=("sku", "description"),
    ),
    Entry("quotes.QuoteMessage", user_lookup="quote__user", personal={"body": BLANK}),
    Entry(
        "quotes.QuoteStatusHistory",
        user_lookup="quote__user",
        personal={"note": BLANK},
        not_personal=("from_status", "to_status"),
    ),
    Entry(
        "quotes.QuoteNotification", user_lookup="quote__user", export=False, not_personal=("key",)
    ),
    # Reporting belongs to staff: who ran a report, how a manager arranged a dashboard.
    Entry(
        "reporting.ReportJob",
        actor_only=True,
        not_personal=("report", "params", "format", "status", "file", "filename", "error"),
        note="Report files may name customers; retention purges them after "
        "REPORTING_FILE_TTL_HOURS.",
    ),
    Entry("reporting.DashboardPanelConfig", actor_only=True, not_personal=("panel", "filters")),
]

# Apps whose models refer to users only as staff who edit content or use the admin; customers
# never have accounts there.
STAFF_ONLY_APPS = frozenset(
    {
        "admin",
        "auth",
        "contenttypes",
        "sessions",
        "wagtailcore",
        "wagtailadmin",
        "wagtaildocs",
        "wagtailimages",
        "wagtailusers",
        "wagtailforms",
        "wagtailredirects",
        "wagtailembeds",
        "wagtailsearch",
        "wagtailsnippets",
        "taggit",
        "wagtail_localize",
        "django_celery_results",
    }
)

TEXT_FIELDS = (
    models.CharField,
    models.TextField,
    models.JSONField,
    models.GenericIPAddressField,
    models.FileField,
)


def is_staff_only(model: type[models.Model]) -> bool:
    """Models of staff-only apps, and CMS pages (their `owner` / `locked_by` are editors)."""
    from wagtail.models import Page

    return model._meta.app_label in STAFF_ONLY_APPS or issubclass(model, Page)


def installed_entries() -> list[tuple[Entry, type[models.Model]]]:
    return [(e, m) for e in PERSONAL_DATA if (m := e.model_class()) is not None]


def entry_for(model: type[models.Model]) -> Entry | None:
    label = model._meta.label
    return next((e for e in PERSONAL_DATA if e.model == label), None)


def rows_for(entry: Entry, model: type[models.Model], user) -> models.QuerySet:
    if entry.user_lookup:
        return model._default_manager.filter(**{entry.user_lookup: user.pk})
    if entry.email_lookup and user.email:
        return model._default_manager.filter(**{f"{entry.email_lookup}__iexact": user.email})
    return model._default_manager.none()
