"""Human documentation of every `/v1/` operation, kept in one table beside the contract.

`document_operations` is a drf-spectacular postprocessing hook (SPECTACULAR_SETTINGS): for each
operation of the generated schema it takes the entry of OPERATIONS with its operationId and
sets the summary (unless the view declares one) and a description that says who may call the
operation, what it changes and which stable error codes it answers, after the view's own
description if it has one. TAGS describes each tag. The views stay untouched;
`frontend_contract/tests/test_operation_docs.py` fails when an operation or a tag has no entry,
when an entry names an operation that no longer exists, or when it names an unknown code.
"""

from dataclasses import dataclass

ANYONE = "Anyone, signed in or not."
SIGNED_IN = "Any signed-in user (a JWT access token in `Authorization: Bearer`)."
OWNER = SIGNED_IN + " Only the caller's own objects are visible: another user's is a 404."
ADMIN = "Administrators only (role `admin`)."
REPORT_READER = "Administrators and managers (the Managers group)."
QUOTE_PARTY = (
    "Signed-in members of a verified B2B company see their company's quotes; staff see all."
)
BUYER = "A signed-in member of the verified B2B company that requested the quote."
STAFF = "Staff (administrators) only."
SERVICE = "The provider's servers only: the request is authenticated by its signature."
READ_ONLY = "Nothing: a read."


@dataclass(frozen=True)
class OperationDoc:
    who: str
    changes: str
    errors: tuple[str, ...] = ()
    summary: str | None = None  # None: the view declares one
    notes: str = ""


def op(who: str, changes: str, *errors: str, summary: str | None = None, notes: str = ""):
    return OperationDoc(who=who, changes=changes, errors=errors, summary=summary, notes=notes)


TAGS: dict[str, str] = {
    "admin": "Back-office administration of users and B2B companies (verification).",
    "admin-orders": "Back-office order handling: shipping, delivery, cancellation, refunds, "
    "bank transfers.",
    "auth": "Registration, JWT tokens (obtain, refresh, logout), passwords and e-mail "
    "confirmation.",
    "barrels": "The catalog of used barrels: browsing with facets for everyone, editing and "
    "stock for administrators.",
    "cms": "What the storefront needs from the CMS besides pages: the contact form and redirects.",
    "me": "The signed-in user's own profile, e-mail address and address book.",
    "orders": "Checkout (preview, place with an Idempotency-Key), the customer's orders, "
    "payments and documents.",
    "payments": "Incoming webhooks of the payment provider (not for the storefront).",
    "privacy": "GDPR: consents, the site's privacy configuration and data exports.",
    "quotes": "B2B quotes: a company requests, staff send an offer (a version), the buyer "
    "accepts it into an order.",
    "reports": "Business reports (CSV or Excel) and the background jobs that build large ones.",
    "shipping": "Shipping rates and destinations, and the carriers' tracking webhooks.",
}

OPERATIONS: dict[str, OperationDoc] = {
    # --- admin: users and companies ---------------------------------------------------------
    "admin_users_list": op(ADMIN, READ_ONLY, "admin_required", summary="List users"),
    "admin_users_retrieve": op(
        ADMIN, READ_ONLY, "admin_required", "user_not_found", summary="Read a user"
    ),
    "admin_users_update": op(
        ADMIN,
        "The user's role, company or active flag.",
        "admin_required",
        "user_not_found",
        "field_not_allowed",
        "company_required",
        "cannot_change_own_account",
        summary="Change a user's role, company or status",
    ),
    "admin_companies_list": op(ADMIN, READ_ONLY, "admin_required", summary="List B2B companies"),
    "admin_companies_retrieve": op(
        ADMIN, READ_ONLY, "admin_required", "company_not_found", summary="Read a B2B company"
    ),
    "admin_companies_verify": op(
        ADMIN,
        "The company's verification status (to verified); its members may then request quotes.",
        "admin_required",
        "company_not_found",
        "invalid_verification_transition",
        summary="Verify a B2B company",
    ),
    "admin_companies_reject": op(
        ADMIN,
        "The company's verification status (to rejected), with a reason.",
        "admin_required",
        "company_not_found",
        "invalid_verification_transition",
        summary="Reject a B2B company's verification",
    ),
    # --- admin: orders ----------------------------------------------------------------------
    "admin_orders_list": op(ADMIN, READ_ONLY, "admin_required"),
    "admin_orders_retrieve": op(ADMIN, READ_ONLY, "admin_required", "order_not_found"),
    "admin_orders_ship": op(
        ADMIN,
        "The order's status (to shipped) with a history row; a shipment with its carrier and "
        "tracking number; the customer is e-mailed. A carrier that books labels (the carrier "
        "API) buys the shipment, stores its label as the order's `shipping_label` document and "
        "returns the tracking number.",
        "admin_required",
        "order_not_found",
        "invalid_transition",
        "unknown_carrier",
        "carrier_not_configured",
        "carrier_unavailable",
        "parcel_does_not_fit",
    ),
    "admin_carriers_list": op(ADMIN, READ_ONLY, "admin_required"),
    "admin_orders_deliver": op(
        ADMIN,
        "The order's status (to delivered) with a history row.",
        "admin_required",
        "order_not_found",
        "invalid_transition",
    ),
    "admin_orders_cancel": op(
        ADMIN,
        "The order's status (to cancelled) with a history row; reserved stock is released.",
        "admin_required",
        "order_not_found",
        "invalid_transition",
        "cannot_cancel",
    ),
    "admin_orders_refunds_create": op(
        ADMIN,
        "A refund with the payment provider, recorded on the order.",
        "admin_required",
        "order_not_found",
        "invalid_amount",
        "refund_exceeds_captured",
        "nothing_to_refund",
        "payment_provider_error",
    ),
    "admin_orders_bank_transfers_create": op(
        ADMIN,
        "A received bank transfer recorded against the order; a fully paid order moves to paid.",
        "admin_required",
        "order_not_found",
        "payment_not_bank_transfer",
        "invalid_amount",
        "amount_exceeds_outstanding",
        "payment_not_needed",
    ),
    "admin_order_documents_regenerate": op(
        ADMIN,
        "The order's document of that kind (invoice, packing list...) is built again.",
        "admin_required",
        "order_not_found",
        "document_not_found",
        "document_not_applicable",
    ),
    # --- auth -------------------------------------------------------------------------------
    "auth_register": op(
        ANYONE,
        "A new user (and, for a B2B registration, a company awaiting verification); an e-mail "
        "confirmation link is sent.",
        "email_taken",
        "role_not_allowed",
        "company_required",
        "company_not_allowed",
        "invalid_vat_number",
        "vat_country_mismatch",
        "unknown_country",
        "invalid_phone",
        summary="Register an account",
    ),
    "auth_token_obtain": op(
        ANYONE,
        "Nothing but the failed-login counters: repeated failures lock further attempts from "
        "that client for a while (429 `account_locked` with Retry-After).",
        "invalid_credentials",
        "account_locked",
        "account_inactive",
        "mfa_enrolment_required",
        summary="Log in: obtain an access and a refresh token",
        notes="Send the access token as `Authorization: Bearer <access>`; refresh it with "
        "`POST /v1/auth/token/refresh` before it expires. Staff accounts get "
        "`mfa_required: true` and a `challenge` instead: send it with the code to "
        "`POST /v1/auth/token/2fa`. Buyers are unaffected.",
    ),
    "auth_token_2fa": op(
        ANYONE,
        "The failed-login counters (a wrong code counts like a wrong password); the code or "
        "recovery code is spent.",
        "token_not_valid",
        "mfa_code_invalid",
        "account_locked",
        summary="Staff login, second step: the authenticator code for the tokens",
        notes="The tokens carry `amr` and `mfa`; staff endpoints refuse tokens without them "
        "(401 `mfa_required`).",
    ),
    "auth_token_refresh": op(
        ANYONE,
        "The refresh token is rotated: the old one is blacklisted, use the new one next time.",
        "token_not_valid",
        "account_inactive",
        summary="Refresh the access token",
    ),
    "auth_logout": op(
        ANYONE,
        "The refresh token is blacklisted.",
        "token_not_valid",
        summary="Log out (revoke a refresh token)",
    ),
    "auth_password_change": op(
        SIGNED_IN,
        "The password; other sessions' refresh tokens are revoked.",
        "wrong_password",
        summary="Change the password",
    ),
    "auth_password_reset": op(
        ANYONE,
        "A reset link is e-mailed when the address has an account (the answer is the same "
        "either way).",
        summary="Ask for a password reset link",
    ),
    "auth_password_reset_confirm": op(
        ANYONE,
        "The password, from a reset link's uid and token.",
        "password_reset_link_invalid",
        summary="Set a new password from a reset link",
    ),
    "auth_email_confirm": op(
        ANYONE,
        "The account's e-mail address is marked confirmed.",
        "email_confirmation_invalid",
        "email_already_confirmed",
        summary="Confirm an e-mail address",
    ),
    "auth_email_confirm_resend": op(
        SIGNED_IN,
        "A new confirmation link is e-mailed.",
        "email_already_confirmed",
        summary="Send the e-mail confirmation link again",
    ),
    # --- barrels ----------------------------------------------------------------------------
    "barrels_list": op(ANYONE, READ_ONLY),
    "barrels_create": op(
        ADMIN,
        "A new barrel in the catalog (draft or published).",
        "admin_required",
        "duplicate_sku",
        "duplicate_slug",
        "invalid_tier_price",
        "image_not_found",
    ),
    "barrels_retrieve": op(ANYONE, READ_ONLY, "barrel_not_found"),
    "barrels_partial_update": op(
        ADMIN,
        "The barrel's fields, prices or status.",
        "admin_required",
        "barrel_not_found",
        "duplicate_sku",
        "duplicate_slug",
        "invalid_tier_price",
        "image_not_found",
        "invalid_status_transition",
    ),
    "barrels_destroy": op(
        ADMIN,
        "The barrel is deleted (only one that was never ordered or quoted).",
        "admin_required",
        "barrel_not_found",
        "barrel_not_deletable",
    ),
    "barrels_archive": op(
        ADMIN,
        "The barrel's status (to archived): it leaves the storefront.",
        "admin_required",
        "barrel_not_found",
        "barrel_already_archived",
    ),
    "barrels_stock_adjustments_create": op(
        ADMIN,
        "The barrel's stock, with a stock movement row.",
        "admin_required",
        "barrel_not_found",
        "invalid_quantity",
        "stock_below_reserved",
    ),
    "barrels_stock_movements_list": op(ADMIN, READ_ONLY, "admin_required", "barrel_not_found"),
    # --- cms --------------------------------------------------------------------------------
    "contact_messages_create": op(
        ANYONE,
        "A contact message (personal fields encrypted at rest); staff are e-mailed.",
    ),
    "redirects_list": op(ANYONE, READ_ONLY),
    "redirects_resolve": op(ANYONE, READ_ONLY, "redirect_not_found"),
    # --- me ---------------------------------------------------------------------------------
    "me_retrieve": op(SIGNED_IN, READ_ONLY, summary="Read my profile"),
    "me_update": op(
        SIGNED_IN,
        "The caller's profile fields.",
        "field_not_allowed",
        "invalid_phone",
        "invalid_vat_number",
        "vat_country_mismatch",
        summary="Change my profile",
    ),
    "me_destroy": op(
        SIGNED_IN,
        "The account is erased (personal data removed, orders kept anonymised); needs the "
        "password.",
        "password_confirmation_failed",
        "erasure_admin_account",
        "erasure_open_orders",
        "already_erased",
        summary="Erase my account",
    ),
    "me_email_change": op(
        SIGNED_IN,
        "The caller's e-mail address (confirmed again by a link); needs the password.",
        "wrong_password",
        "email_taken",
        summary="Change my e-mail address",
    ),
    "me_addresses_list": op(OWNER, READ_ONLY, summary="List my addresses"),
    "me_addresses_create": op(
        OWNER,
        "A new address in the caller's address book.",
        "address_limit_reached",
        "unknown_country",
        "unknown_field",
        summary="Add an address",
    ),
    "me_addresses_retrieve": op(OWNER, READ_ONLY, "address_not_found", summary="Read an address"),
    "me_addresses_update": op(
        OWNER,
        "The address's fields.",
        "address_not_found",
        "unknown_country",
        "unknown_field",
        summary="Change an address",
    ),
    "me_addresses_delete": op(
        OWNER, "The address is deleted.", "address_not_found", summary="Delete an address"
    ),
    # --- privacy ----------------------------------------------------------------------------
    "me_consents_retrieve": op(SIGNED_IN, READ_ONLY, summary="Read my consents"),
    "me_consents_create": op(
        SIGNED_IN,
        "A consent record (given or withdrawn) for a purpose.",
        "consent_unknown_purpose",
        summary="Give or withdraw a consent",
    ),
    "me_export_retrieve": op(SIGNED_IN, READ_ONLY, summary="Read the state of my latest export"),
    "me_export_create": op(
        SIGNED_IN,
        "A data export job; a download link is e-mailed when it is ready.",
        summary="Ask for an export of my data",
    ),
    "me_export_download": op(
        "Anyone holding the signed link from the export e-mail.",
        READ_ONLY,
        "export_link_invalid",
        "export_not_found",
        summary="Download a data export",
    ),
    "me_exports_retrieve": op(
        OWNER, READ_ONLY, "export_not_found", summary="Read the state of one export"
    ),
    "site_config_retrieve": op(
        ANYONE, READ_ONLY, summary="Read the site's privacy configuration (consent purposes)"
    ),
    # --- orders -----------------------------------------------------------------------------
    "orders_list": op(OWNER, READ_ONLY),
    "orders_preview": op(
        SIGNED_IN,
        "Nothing: prices, tax and shipping are computed as placing the order would.",
        "empty_order",
        "duplicate_line",
        "invalid_quantity",
        "barrel_not_found",
        "barrel_not_available",
        "insufficient_stock",
        "address_not_found",
        "mixed_currencies",
        "vat_rate_missing",
        "unknown_country",
        "invalid_postcode",
        "destination_blocked",
        "no_shipping_method",
        "unknown_shipping_option",
    ),
    "orders_create": op(
        SIGNED_IN,
        "A new order (status awaiting payment) with its stock reserved; the confirmation "
        "e-mail is sent after commit. Send an `Idempotency-Key` header: a retry with the same "
        "key and body answers the first order instead of placing a second one.",
        "empty_order",
        "duplicate_line",
        "invalid_quantity",
        "barrel_not_found",
        "barrel_not_available",
        "insufficient_stock",
        "address_not_found",
        "mixed_currencies",
        "payment_method_not_allowed",
        "payment_method_unavailable",
        "shipping_quote_required",
        "shipping_price_changed",
        "live_rates_unavailable",
        "idempotency_key_reused",
        "idempotency_key_invalid",
        "vat_rate_missing",
        "unknown_country",
        "invalid_postcode",
        "destination_blocked",
        "no_shipping_method",
        "unknown_shipping_option",
    ),
    "orders_retrieve": op(OWNER, READ_ONLY, "order_not_found"),
    "orders_cancel": op(
        OWNER,
        "The order's status (to cancelled) with a history row; reserved stock is released.",
        "order_not_found",
        "cannot_cancel",
        "invalid_transition",
    ),
    "orders_payments_create": op(
        OWNER,
        "A payment with the order's provider (card: a client secret to confirm; PayPal: the "
        "PayPal order id and approval link; bank transfer: the instructions). With "
        "`payment_method`, the pending order's payment method (its open payments stopped).",
        "order_not_found",
        "payment_not_needed",
        "payment_provider_error",
        "payment_provider_unavailable",
        "payment_method_not_allowed",
        "payment_method_unavailable",
        "payment_in_progress",
    ),
    "orders_payments_paypal_capture": op(
        OWNER,
        "The PayPal payment (captured once) and, when the capture is COMPLETED, the order's "
        "status (to processing) with a history row and the payment e-mail.",
        "order_not_found",
        "payment_not_paypal",
        "paypal_order_not_approved",
        "payment_provider_error",
        "payment_provider_unavailable",
    ),
    "order_documents_list": op(OWNER, READ_ONLY, "order_not_found"),
    "order_documents_download": op(OWNER, READ_ONLY, "order_not_found", "document_not_found"),
    # --- payments and carriers (servers, not the storefront) --------------------------------
    "payments_stripe_webhook": op(
        SERVICE,
        "The payment named by the event (succeeded, failed, refunded) and so the order's "
        "status; each event is applied once.",
        "invalid_signature",
        "invalid_payload",
        "webhook_not_configured",
    ),
    "shipping_easypost_webhook": op(
        SERVICE,
        "The shipment's tracking events and, on delivery, the order's status.",
        "webhook_signature_missing",
        "webhook_signature_invalid",
        "webhook_disabled",
    ),
    "payments_paypal_webhook": op(
        SERVICE,
        "The PayPal payment the event names, re-read at PayPal: captured when approved, "
        "succeeded, pending, declined, refunded (dashboard refunds and reversals recorded "
        "once), and so the order's status; each event is applied once.",
        "invalid_signature",
        "invalid_payload",
        "webhook_not_configured",
        "payment_provider_unavailable",
        notes="Verified with PayPal's verify-webhook-signature (the PAYPAL-TRANSMISSION-* "
        "headers); 502 when PayPal cannot verify it now, so PayPal delivers it again.",
    ),
    "shipping_carrier_webhook": op(
        SERVICE,
        "The shipment's tracking events and, on delivery, the order's status.",
        "unknown_carrier",
        "shipment_not_found",
        "webhook_secret_missing",
        "webhook_secret_invalid",
        "webhook_disabled",
    ),
    # --- quotes -----------------------------------------------------------------------------
    "quotes_list": op(QUOTE_PARTY, READ_ONLY, "quote_b2b_only", "quote_company_not_verified"),
    "quotes_create": op(
        "A signed-in member of a verified B2B company.",
        "A new quote request (pending); staff are notified.",
        "quote_b2b_only",
        "quote_company_not_verified",
        "quote_request_empty",
        "quote_unknown_barrel",
        "quote_barrel_not_for_sale",
        "quote_duplicate_barrel",
    ),
    "quotes_retrieve": op(QUOTE_PARTY, READ_ONLY, "quote_not_found"),
    "quotes_messages_create": op(
        QUOTE_PARTY,
        "A message in the quote's thread; the other party is notified.",
        "quote_not_found",
        "quote_message_required",
        "quote_closed",
    ),
    "quotes_request_changes": op(
        BUYER,
        "The quote's status (approved to pending) with a history row and the buyer's message.",
        "quote_not_found",
        "quote_transition_not_allowed",
        "quote_message_required",
    ),
    "quotes_decline": op(
        BUYER,
        "The quote's status (approved to rejected) with a history row.",
        "quote_not_found",
        "quote_transition_not_allowed",
    ),
    "quotes_cancel": op(
        BUYER,
        "The quote's status (pending to cancelled) with a history row.",
        "quote_not_found",
        "quote_transition_not_allowed",
    ),
    "quotes_accept": op(
        BUYER,
        "The quote's status (to accepted) and one new order at the quoted prices, with its "
        "stock reserved.",
        "quote_not_found",
        "quote_transition_not_allowed",
        "quote_expired",
        "quote_already_accepted",
        "quote_shipping_address_required",
        "quote_shipping_address_mismatch",
        "insufficient_stock",
    ),
    "quotes_versions_create": op(
        STAFF,
        "A new version (the offer) and the quote's status (pending to approved); the buyer is "
        "e-mailed with its PDF.",
        "quote_staff_only",
        "quote_not_found",
        "quote_transition_not_allowed",
        "quote_version_no_lines",
        "quote_negative_price",
        "quote_invalid_discount",
        "quote_validity_in_past",
        "quote_net_terms_not_allowed",
        "quote_freight_required",
        "quote_shipping_unavailable",
        "quote_unknown_barrel",
        "quote_duplicate_barrel",
    ),
    "quotes_reject": op(
        STAFF,
        "The quote's status (to rejected) with a history row and the reason.",
        "quote_staff_only",
        "quote_not_found",
        "quote_transition_not_allowed",
        "quote_reason_required",
    ),
    "quotes_versions_pdf": op(QUOTE_PARTY, READ_ONLY, "quote_not_found", "quote_version_not_found"),
    # --- reports ----------------------------------------------------------------------------
    "reports_list": op(REPORT_READER, READ_ONLY, "report_permission_denied"),
    "reports_download": op(
        REPORT_READER,
        "Nothing, or (for a large report) a background job whose status URL is answered with 202.",
        "report_permission_denied",
        "report_unknown",
        "report_invalid_parameters",
        "report_unknown_parameter",
        "report_unsupported_filter",
        "report_invalid_date_range",
        "report_unknown_format",
        "report_unknown_table",
    ),
    "report_jobs_retrieve": op(
        REPORT_READER, READ_ONLY, "report_permission_denied", "report_job_not_found"
    ),
    "report_jobs_file": op(
        REPORT_READER,
        READ_ONLY,
        "report_permission_denied",
        "report_job_not_found",
        "report_job_not_ready",
        "report_job_file_expired",
    ),
    # --- shipping ---------------------------------------------------------------------------
    "shipping_rates": op(
        ANYONE,
        "Nothing: the shipping options and prices for a destination and a basket.",
        "unknown_country",
        "invalid_postcode",
        "destination_blocked",
        "no_shipping_method",
        "barrel_not_found",
    ),
    "shipping_destination_retrieve": op(
        ANYONE, READ_ONLY, "unknown_country", "destination_blocked"
    ),
}

GENERIC_NOTE = (
    "Any operation may also answer the generic codes of the error format (`validation_error` "
    "with per-field `errors`, `not_authenticated`, `token_not_valid`, `permission_denied`, "
    "`not_found`, `throttled`, `server_error`...); every error is `application/problem+json`."
)

HTTP_METHODS = {"get", "post", "put", "patch", "delete"}


def describe(doc: OperationDoc, view_description: str = "") -> str:
    parts = [view_description.strip()] if view_description.strip() else []
    if doc.notes:
        parts.append(doc.notes)
    parts.append(f"**Who may call it:** {doc.who}")
    parts.append(f"**What it changes:** {doc.changes}")
    codes = ", ".join(f"`{code}`" for code in doc.errors) if doc.errors else "none of its own"
    parts.append(f"**Error codes:** {codes}. {GENERIC_NOTE}")
    return "\n\n".join(parts)


def document_operations(result, generator, request, public):
    """drf-spectacular postprocessing hook: summaries, descriptions and tag descriptions."""
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            if method not in HTTP_METHODS:
                continue
            doc = OPERATIONS.get(operation.get("operationId", ""))
            if doc is None:
                continue  # the docs test names it
            if doc.summary:
                operation["summary"] = doc.summary
            operation["description"] = describe(doc, operation.get("description", ""))
    used = sorted(
        {
            tag
            for path_item in result.get("paths", {}).values()
            for method, operation in path_item.items()
            if method in HTTP_METHODS
            for tag in operation.get("tags", [])
        }
    )
    result["tags"] = [{"name": tag, "description": TAGS.get(tag, "")} for tag in used]
    return result


def undocumented(schema: dict) -> list[str]:
    """What the docs test reports: operations without an entry, a summary or a description,
    and tags without a description."""
    problems = []
    for path, path_item in schema.get("paths", {}).items():
        for method, operation in path_item.items():
            if method not in HTTP_METHODS:
                continue
            name = operation.get("operationId", f"{method.upper()} {path}")
            if name not in OPERATIONS:
                problems.append(f"{name}: no entry in frontend_contract/operations.py OPERATIONS")
            for key in ("summary", "description"):
                if not str(operation.get(key, "")).strip():
                    problems.append(f"{name}: no {key}")
    for tag in schema.get("tags", []):
        if not tag.get("description", "").strip():
            problems.append(f"tag {tag['name']}: no description in TAGS")
    return problems
