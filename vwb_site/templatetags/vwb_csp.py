"""`{% csp_nonce_attr %}`: ` nonce="..."` for an inline script in a template rendered without
the request (form widgets, panels); empty outside the pages the policy covers."""

from django import template
from django.utils.html import format_html

from vwb_site.csp import current_nonce

register = template.Library()


@register.simple_tag
def csp_nonce_attr() -> str:
    nonce = current_nonce()
    return format_html(' nonce="{}"', nonce) if nonce else ""
