"""Stable error codes of the commerce app (they appear as `code` in problem responses)."""
