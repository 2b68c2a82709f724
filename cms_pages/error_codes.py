"""Stable error codes of the cms_pages app (they appear as `code` in problem responses)."""

REDIRECT_NOT_FOUND = "redirect_not_found"
