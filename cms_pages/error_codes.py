"""Stable error codes of the cms_pages app (they appear as `code` in problem responses)."""

REDIRECT_NOT_FOUND = "redirect_not_found"
# The page API (/api/v2/) refused a filter, order or limit it does not know.
PAGE_API_INVALID_QUERY = "invalid_query"
