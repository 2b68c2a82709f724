"""Content-Security-Policy (django-csp) on the pages a browser renders: the Wagtail admin and
the API docs. The JSON API and the headless page API carry no HTML and are left alone.

The policy (CONTENT_SECURITY_POLICY in settings) allows this origin only. Scripts: 'self' plus
a per-request nonce (`request.csp_nonce`) for the few inline scripts our templates keep; no
'unsafe-inline', no 'unsafe-eval'. Styles allow 'unsafe-inline': Wagtail's admin and ReDoc set
style attributes and inject <style> elements from script, which a nonce cannot cover.
"""

from contextvars import ContextVar

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.http import HttpRequest

# The request being answered, for templates rendered without it (form widgets): Wagtail's date
# and time widgets and its inline panels print an inline script, which gets the nonce through
# the `csp_nonce_attr` tag (vwb_site/templatetags/vwb_csp.py, templates in vwb_site/templates).
_request: ContextVar[HttpRequest | None] = ContextVar("csp_request", default=None)


def current_nonce() -> str:
    request = _request.get()
    if request is None or not csp_applies(request.path_info):
        return ""
    nonce = getattr(request, "csp_nonce", None)
    # django-csp's lazy nonce is falsy until read; reading it puts it in the header.
    return str(nonce) if nonce is not None else ""


def csp_applies(path: str) -> bool:
    return path.startswith(tuple(settings.CSP_PATH_PREFIXES))


class AdminAndDocsCSPMiddleware(CSPMiddleware):
    def __call__(self, request):
        token = _request.set(request)
        try:
            return super().__call__(request)
        finally:
            _request.reset(token)

    def process_response(self, request, response):
        if not csp_applies(request.path_info):
            return response
        return super().process_response(request, response)
