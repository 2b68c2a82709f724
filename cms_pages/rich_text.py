"""Rich text as the storefront renders it: a short list of features, always sanitised HTML.

The editor (Draftail) only offers FEATURES, and pasted HTML is converted through it, so the
admin cannot store anything else. Content can also arrive from code, imports or old revisions,
so the API cleans again on the way out: every value is run through Wagtail's database-HTML
whitelister for the field's features (unknown tags unwrapped, their text escaped, scripts,
styles, event handlers and `javascript:` links dropped) and then expanded to display HTML
(internal links resolved to page URLs).
"""

from collections.abc import Sequence

from wagtail.rich_text import expand_db_html

# What the storefront's renderer supports (and nothing else).
BODY_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul"]
ANSWER_FEATURES = ["bold", "italic", "link", "ol", "ul"]
INLINE_FEATURES = ["bold", "italic", "link"]


def render_safe_html(db_html: str | None, *, features: Sequence[str]) -> str:
    """Database rich text -> display HTML containing only `features` (never raw markup)."""
    if not db_html:
        return ""
    # Imported here: the admin's converters need the app registry (models import this module).
    from wagtail.admin.rich_text.converters.db_html import DbHTMLConverter

    cleaned, _removals = DbHTMLConverter(list(features)).clean(db_html)
    return expand_db_html(cleaned)
