"""Stable error codes of the catalog app (they appear as `code` in problem responses)."""

INSUFFICIENT_STOCK = "insufficient_stock"
BARREL_NOT_AVAILABLE = "barrel_not_available"
BARREL_NOT_FOUND = "barrel_not_found"
RESERVATION_NOT_FOUND = "reservation_not_found"
STOCK_BELOW_RESERVED = "stock_below_reserved"
INVALID_QUANTITY = "invalid_quantity"
