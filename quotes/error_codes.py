"""Stable error codes of the quotes app (they appear as `code` in problem responses)."""

# Who may do what
B2B_ONLY = "quote_b2b_only"
B2B_NOT_VERIFIED = "quote_company_not_verified"
STAFF_ONLY = "quote_staff_only"
NOT_FOUND = "quote_not_found"
VERSION_NOT_FOUND = "quote_version_not_found"

# Requests
EMPTY_REQUEST = "quote_request_empty"
UNKNOWN_BARREL = "quote_unknown_barrel"
BARREL_NOT_FOR_SALE = "quote_barrel_not_for_sale"
DUPLICATE_BARREL = "quote_duplicate_barrel"

# Versions (offers)
NO_LINES = "quote_version_no_lines"
NEGATIVE_PRICE = "quote_negative_price"
INVALID_DISCOUNT = "quote_invalid_discount"
VALIDITY_IN_PAST = "quote_validity_in_past"
NET_TERMS_NOT_ALLOWED = "quote_net_terms_not_allowed"
FREIGHT_REQUIRED = "quote_freight_required"
SHIPPING_UNAVAILABLE = "quote_shipping_unavailable"

# Workflow
TRANSITION_NOT_ALLOWED = "quote_transition_not_allowed"
MESSAGE_REQUIRED = "quote_message_required"
REASON_REQUIRED = "quote_reason_required"
EXPIRED = "quote_expired"
ALREADY_ACCEPTED = "quote_already_accepted"
CLOSED = "quote_closed"
SHIPPING_ADDRESS_REQUIRED = "quote_shipping_address_required"
SHIPPING_ADDRESS_MISMATCH = "quote_shipping_address_mismatch"
