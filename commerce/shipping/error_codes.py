"""Stable error codes of commerce shipping (they appear as `code` in problem responses)."""

from vwb_site.core import countries

UNKNOWN_COUNTRY = countries.UNKNOWN_COUNTRY  # the kernel's normalize_country raises it
INVALID_POSTCODE = "invalid_postcode"
DESTINATION_BLOCKED = "destination_blocked"
NO_SHIPPING_METHOD = "no_shipping_method"
UNKNOWN_SHIPPING_OPTION = "unknown_shipping_option"
UNKNOWN_CARRIER = "unknown_carrier"
SHIPMENT_NOT_FOUND = "shipment_not_found"
WEBHOOK_SECRET_MISSING = "webhook_secret_missing"  # noqa: S105 (an error code)
WEBHOOK_SECRET_INVALID = "webhook_secret_invalid"  # noqa: S105 (an error code)
WEBHOOK_DISABLED = "webhook_disabled"
DOCUMENT_NOT_FOUND = "document_not_found"
DOCUMENT_NOT_APPLICABLE = "document_not_applicable"
# Carrier APIs (live parcel rates, booking, signed webhooks).
CARRIER_NOT_CONFIGURED = "carrier_not_configured"
CARRIER_UNAVAILABLE = "carrier_unavailable"
LIVE_RATES_UNAVAILABLE = "live_rates_unavailable"
SHIPPING_PRICE_CHANGED = "shipping_price_changed"
SHIPPING_QUOTE_REQUIRED = "shipping_quote_required"
PARCEL_DOES_NOT_FIT = "parcel_does_not_fit"
WEBHOOK_SIGNATURE_MISSING = "webhook_signature_missing"
WEBHOOK_SIGNATURE_INVALID = "webhook_signature_invalid"
