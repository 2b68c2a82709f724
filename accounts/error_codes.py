"""Stable error codes of the accounts app (they appear as `code` in problem responses)."""
