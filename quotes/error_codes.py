"""Stable error codes of the quotes app (they appear as `code` in problem responses)."""
