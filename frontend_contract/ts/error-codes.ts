/**
 * This file is generated from the backend's error_codes.py modules by
 * frontend_contract/error_codes_ts.py (`make schema`). Do not edit it by hand.
 *
 * Every error of /v1/ is RFC 9457 problem details (`application/problem+json`) whose `code` is
 * one of ERROR_CODES: switch on it, never on `detail` or `title` (they are for people).
 */

export type ErrorCode =
  // accounts/error_codes.py
  | "email_taken"
  | "field_not_allowed"
  | "unknown_field"
  | "role_not_allowed"
  | "company_required"
  | "company_not_allowed"
  | "invalid_vat_number"
  | "vat_country_mismatch"
  | "unknown_country"
  | "invalid_phone"
  | "invalid_credentials"
  | "account_locked"
  | "account_inactive"
  | "token_not_valid"
  | "wrong_password"
  | "password_reset_link_invalid"
  | "email_confirmation_invalid"
  | "email_already_confirmed"
  | "admin_required"
  | "not_b2b_account"
  | "company_not_verified"
  | "address_not_found"
  | "address_limit_reached"
  | "user_not_found"
  | "company_not_found"
  | "invalid_verification_transition"
  | "company_not_a_duplicate"
  | "cannot_change_own_account"
  | "password_confirmation_failed"
  | "erasure_admin_account"
  | "already_erased"
  | "consent_unknown_purpose"
  | "export_not_found"
  | "export_link_invalid"
  | "mfa_required"
  | "mfa_code_invalid"
  | "mfa_enrolment_required"
  | "mfa_enrolment_expired"
  // catalog/error_codes.py
  | "insufficient_stock"
  | "barrel_not_available"
  | "barrel_not_found"
  | "stock_below_reserved"
  | "invalid_quantity"
  | "duplicate_sku"
  | "duplicate_slug"
  | "barrel_already_archived"
  | "barrel_not_deletable"
  | "invalid_status_transition"
  | "image_not_found"
  | "invalid_tier_price"
  // commerce/error_codes.py
  | "empty_order"
  | "duplicate_line"
  | "mixed_currencies"
  | "payment_method_not_allowed"
  | "payment_method_unavailable"
  | "idempotency_key_reused"
  | "idempotency_key_invalid"
  | "vat_rate_missing"
  | "order_not_found"
  | "invalid_transition"
  | "cannot_cancel"
  | "payment_not_needed"
  | "payment_provider_error"
  | "payment_provider_unavailable"
  | "paypal_order_not_approved"
  | "payment_not_paypal"
  | "payment_in_progress"
  | "payment_not_bank_transfer"
  | "amount_exceeds_outstanding"
  | "invalid_amount"
  | "refund_exceeds_captured"
  | "nothing_to_refund"
  | "invalid_signature"
  | "invalid_payload"
  | "webhook_not_configured"
  | "erasure_open_orders"
  // commerce/shipping/error_codes.py
  | "invalid_postcode"
  | "destination_blocked"
  | "no_shipping_method"
  | "unknown_shipping_option"
  | "unknown_carrier"
  | "shipment_not_found"
  | "webhook_secret_missing"
  | "webhook_secret_invalid"
  | "webhook_disabled"
  | "document_not_found"
  | "document_not_applicable"
  | "carrier_not_configured"
  | "carrier_unavailable"
  | "live_rates_unavailable"
  | "shipping_price_changed"
  | "shipping_quote_required"
  | "parcel_does_not_fit"
  | "webhook_signature_missing"
  | "webhook_signature_invalid"
  // quotes/error_codes.py
  | "quote_b2b_only"
  | "quote_company_not_verified"
  | "quote_staff_only"
  | "quote_not_found"
  | "quote_version_not_found"
  | "quote_request_empty"
  | "quote_unknown_barrel"
  | "quote_barrel_not_for_sale"
  | "quote_duplicate_barrel"
  | "quote_version_no_lines"
  | "quote_negative_price"
  | "quote_invalid_discount"
  | "quote_validity_in_past"
  | "quote_net_terms_not_allowed"
  | "quote_freight_required"
  | "quote_shipping_unavailable"
  | "quote_transition_not_allowed"
  | "quote_message_required"
  | "quote_reason_required"
  | "quote_expired"
  | "quote_already_accepted"
  | "quote_closed"
  | "quote_shipping_address_required"
  | "quote_shipping_address_mismatch"
  // reporting/error_codes.py
  | "report_unknown"
  | "report_invalid_parameters"
  | "report_unknown_parameter"
  | "report_unsupported_filter"
  | "report_invalid_date_range"
  | "report_unknown_format"
  | "report_unknown_table"
  | "report_permission_denied"
  | "report_job_not_found"
  | "report_job_not_ready"
  | "report_job_file_expired"
  // cms_pages/error_codes.py
  | "redirect_not_found"
  | "invalid_query"
  // the error format itself (vwb_site/api/errors.py)
  | "application_error"
  | "authentication_failed"
  | "bad_request"
  | "conflict"
  | "error"
  | "malformed_request"
  | "method_not_allowed"
  | "not_acceptable"
  | "not_authenticated"
  | "not_found"
  | "payload_too_large"
  | "permission_denied"
  | "server_error"
  | "service_unavailable"
  | "storage_unavailable"
  | "throttled"
  | "unprocessable"
  | "unsupported_media_type"
  | "validation_error";

export const ERROR_CODES = [
  // accounts/error_codes.py
  "email_taken",
  "field_not_allowed",
  "unknown_field",
  "role_not_allowed",
  "company_required",
  "company_not_allowed",
  "invalid_vat_number",
  "vat_country_mismatch",
  "unknown_country",
  "invalid_phone",
  "invalid_credentials",
  "account_locked",
  "account_inactive",
  "token_not_valid",
  "wrong_password",
  "password_reset_link_invalid",
  "email_confirmation_invalid",
  "email_already_confirmed",
  "admin_required",
  "not_b2b_account",
  "company_not_verified",
  "address_not_found",
  "address_limit_reached",
  "user_not_found",
  "company_not_found",
  "invalid_verification_transition",
  "company_not_a_duplicate",
  "cannot_change_own_account",
  "password_confirmation_failed",
  "erasure_admin_account",
  "already_erased",
  "consent_unknown_purpose",
  "export_not_found",
  "export_link_invalid",
  "mfa_required",
  "mfa_code_invalid",
  "mfa_enrolment_required",
  "mfa_enrolment_expired",
  // catalog/error_codes.py
  "insufficient_stock",
  "barrel_not_available",
  "barrel_not_found",
  "stock_below_reserved",
  "invalid_quantity",
  "duplicate_sku",
  "duplicate_slug",
  "barrel_already_archived",
  "barrel_not_deletable",
  "invalid_status_transition",
  "image_not_found",
  "invalid_tier_price",
  // commerce/error_codes.py
  "empty_order",
  "duplicate_line",
  "mixed_currencies",
  "payment_method_not_allowed",
  "payment_method_unavailable",
  "idempotency_key_reused",
  "idempotency_key_invalid",
  "vat_rate_missing",
  "order_not_found",
  "invalid_transition",
  "cannot_cancel",
  "payment_not_needed",
  "payment_provider_error",
  "payment_provider_unavailable",
  "paypal_order_not_approved",
  "payment_not_paypal",
  "payment_in_progress",
  "payment_not_bank_transfer",
  "amount_exceeds_outstanding",
  "invalid_amount",
  "refund_exceeds_captured",
  "nothing_to_refund",
  "invalid_signature",
  "invalid_payload",
  "webhook_not_configured",
  "erasure_open_orders",
  // commerce/shipping/error_codes.py
  "invalid_postcode",
  "destination_blocked",
  "no_shipping_method",
  "unknown_shipping_option",
  "unknown_carrier",
  "shipment_not_found",
  "webhook_secret_missing",
  "webhook_secret_invalid",
  "webhook_disabled",
  "document_not_found",
  "document_not_applicable",
  "carrier_not_configured",
  "carrier_unavailable",
  "live_rates_unavailable",
  "shipping_price_changed",
  "shipping_quote_required",
  "parcel_does_not_fit",
  "webhook_signature_missing",
  "webhook_signature_invalid",
  // quotes/error_codes.py
  "quote_b2b_only",
  "quote_company_not_verified",
  "quote_staff_only",
  "quote_not_found",
  "quote_version_not_found",
  "quote_request_empty",
  "quote_unknown_barrel",
  "quote_barrel_not_for_sale",
  "quote_duplicate_barrel",
  "quote_version_no_lines",
  "quote_negative_price",
  "quote_invalid_discount",
  "quote_validity_in_past",
  "quote_net_terms_not_allowed",
  "quote_freight_required",
  "quote_shipping_unavailable",
  "quote_transition_not_allowed",
  "quote_message_required",
  "quote_reason_required",
  "quote_expired",
  "quote_already_accepted",
  "quote_closed",
  "quote_shipping_address_required",
  "quote_shipping_address_mismatch",
  // reporting/error_codes.py
  "report_unknown",
  "report_invalid_parameters",
  "report_unknown_parameter",
  "report_unsupported_filter",
  "report_invalid_date_range",
  "report_unknown_format",
  "report_unknown_table",
  "report_permission_denied",
  "report_job_not_found",
  "report_job_not_ready",
  "report_job_file_expired",
  // cms_pages/error_codes.py
  "redirect_not_found",
  "invalid_query",
  // the error format itself (vwb_site/api/errors.py)
  "application_error",
  "authentication_failed",
  "bad_request",
  "conflict",
  "error",
  "malformed_request",
  "method_not_allowed",
  "not_acceptable",
  "not_authenticated",
  "not_found",
  "payload_too_large",
  "permission_denied",
  "server_error",
  "service_unavailable",
  "storage_unavailable",
  "throttled",
  "unprocessable",
  "unsupported_media_type",
  "validation_error",
] as const satisfies readonly ErrorCode[];

/** One field's error inside a problem: `field` is a JavaScript accessor path
 * (`lines[0].quantity`, `company.vat_number`) or null for the whole request. Its `code` is a
 * stable ErrorCode or one of the generic field codes of the validators (`required`, `blank`,
 * `min_value`, `invalid`...). */
export interface ProblemFieldError {
  field: string | null;
  code: ErrorCode | (string & {});
  message: string;
}

/** RFC 9457 problem details: the body of every /v1/ error response. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  instance?: string | null;
  request_id?: string | null;
  errors: ProblemFieldError[];
  /** Some problems carry more members (for example `allowed_transitions`). */
  [member: string]: unknown;
}

const ERROR_CODE_SET: ReadonlySet<string> = new Set(ERROR_CODES);

/** Whether a string is one of the stable error codes. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && ERROR_CODE_SET.has(value);
}

/** Whether a parsed response body is a problem of this API. */
export function isProblem(body: unknown): body is Problem {
  if (typeof body !== "object" || body === null) return false;
  const candidate = body as Record<string, unknown>;
  return (
    typeof candidate.status === "number" &&
    typeof candidate.code === "string" &&
    Array.isArray(candidate.errors)
  );
}
