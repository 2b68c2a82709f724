"""Stable error codes of the catalog app (they appear as `code` in problem responses)."""
