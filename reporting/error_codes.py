"""Stable error codes of the reporting app (they appear as `code` in problem responses)."""
