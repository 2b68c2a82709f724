"""Stable error codes of the commerce app (they appear as `code` in problem responses)."""

# Checkout
EMPTY_ORDER = "empty_order"
DUPLICATE_LINE = "duplicate_line"
INVALID_QUANTITY = "invalid_quantity"
BARREL_NOT_FOUND = "barrel_not_found"
BARREL_NOT_AVAILABLE = "barrel_not_available"  # archived or draft (same code as catalog)
INSUFFICIENT_STOCK = "insufficient_stock"  # same code as catalog
ADDRESS_NOT_FOUND = "address_not_found"
MIXED_CURRENCIES = "mixed_currencies"
PAYMENT_METHOD_NOT_ALLOWED = "payment_method_not_allowed"
PAYMENT_METHOD_UNAVAILABLE = "payment_method_unavailable"
IDEMPOTENCY_KEY_REUSED = "idempotency_key_reused"
IDEMPOTENCY_KEY_INVALID = "idempotency_key_invalid"
# Tax
VAT_RATE_MISSING = "vat_rate_missing"
# Lifecycle
ORDER_NOT_FOUND = "order_not_found"
INVALID_TRANSITION = "invalid_transition"
CANNOT_CANCEL = "cannot_cancel"
# Payments and refunds
PAYMENT_NOT_NEEDED = "payment_not_needed"
PAYMENT_PROVIDER_ERROR = "payment_provider_error"
PAYMENT_PROVIDER_UNAVAILABLE = "payment_provider_unavailable"  # 502: retry or pay another way
PAYPAL_ORDER_NOT_APPROVED = "paypal_order_not_approved"
PAYMENT_NOT_PAYPAL = "payment_not_paypal"
PAYMENT_IN_PROGRESS = "payment_in_progress"  # 409: no method change while money is on its way
PAYMENT_NOT_BANK_TRANSFER = "payment_not_bank_transfer"
AMOUNT_EXCEEDS_OUTSTANDING = "amount_exceeds_outstanding"
INVALID_AMOUNT = "invalid_amount"
REFUND_EXCEEDS_CAPTURED = "refund_exceeds_captured"
NOTHING_TO_REFUND = "nothing_to_refund"
INVALID_SIGNATURE = "invalid_signature"
INVALID_PAYLOAD = "invalid_payload"
WEBHOOK_NOT_CONFIGURED = "webhook_not_configured"
# Privacy: an account with an order unpaid or in transit cannot be erased (409)
ERASURE_OPEN_ORDERS = "erasure_open_orders"
