"""Stable error codes of the accounts app (they appear as `code` in problem responses)."""

from vwb_site.core import countries

# Registration and profile
EMAIL_TAKEN = "email_taken"
FIELD_NOT_ALLOWED = "field_not_allowed"
UNKNOWN_FIELD = "unknown_field"
ROLE_NOT_ALLOWED = "role_not_allowed"
COMPANY_REQUIRED = "company_required"
COMPANY_NOT_ALLOWED = "company_not_allowed"
INVALID_VAT_NUMBER = "invalid_vat_number"
VAT_COUNTRY_MISMATCH = "vat_country_mismatch"
UNKNOWN_COUNTRY = countries.UNKNOWN_COUNTRY  # the kernel's normalize_country raises it
INVALID_PHONE = "invalid_phone"

# Authentication
INVALID_CREDENTIALS = "invalid_credentials"
ACCOUNT_LOCKED = "account_locked"
ACCOUNT_INACTIVE = "account_inactive"
TOKEN_INVALID = "token_not_valid"  # noqa: S105 - an error code, not a secret
WRONG_PASSWORD = "wrong_password"  # noqa: S105
PASSWORD_RESET_LINK_INVALID = "password_reset_link_invalid"  # noqa: S105
EMAIL_CONFIRMATION_INVALID = "email_confirmation_invalid"
EMAIL_ALREADY_CONFIRMED = "email_already_confirmed"

# Permissions
ADMIN_REQUIRED = "admin_required"
NOT_B2B_ACCOUNT = "not_b2b_account"
COMPANY_NOT_VERIFIED = "company_not_verified"

# Addresses
ADDRESS_NOT_FOUND = "address_not_found"
ADDRESS_LIMIT_REACHED = "address_limit_reached"

# Administration
USER_NOT_FOUND = "user_not_found"
COMPANY_NOT_FOUND = "company_not_found"
INVALID_TRANSITION = "invalid_verification_transition"
COMPANY_NOT_A_DUPLICATE = "company_not_a_duplicate"
CANNOT_CHANGE_OWN_ACCOUNT = "cannot_change_own_account"

# --- privacy ---
PASSWORD_CONFIRMATION_FAILED = "password_confirmation_failed"  # noqa: S105
ERASURE_ADMIN_ACCOUNT = "erasure_admin_account"
ALREADY_ERASED = "already_erased"
CONSENT_UNKNOWN_PURPOSE = "consent_unknown_purpose"
EXPORT_NOT_FOUND = "export_not_found"
EXPORT_LINK_INVALID = "export_link_invalid"
# Staff second factor (accounts.mfa).
MFA_REQUIRED = "mfa_required"
MFA_CODE_INVALID = "mfa_code_invalid"
MFA_ENROLMENT_REQUIRED = "mfa_enrolment_required"
MFA_ENROLMENT_EXPIRED = "mfa_enrolment_expired"
