"""Content-Security-Policy (django-csp) on the pages a browser renders: the Wagtail admin and
the API docs. The JSON API and the headless page API carry no HTML and are left alone.

The policy (CONTENT_SECURITY_POLICY in settings) allows this origin only. Scripts: 'self' plus
a per-request nonce (`request.csp_nonce`) for the few inline scripts our templates keep; no
'unsafe-inline', no 'unsafe-eval'. Styles allow 'unsafe-inline': Wagtail's admin and ReDoc set
style attributes and inject <style> elements from script, which a nonce cannot cover.
"""

from csp.middleware import CSPMiddleware
from django.conf import settings


def csp_applies(path: str) -> bool:
    return path.startswith(tuple(settings.CSP_PATH_PREFIXES))


class AdminAndDocsCSPMiddleware(CSPMiddleware):
    def process_response(self, request, response):
        if not csp_applies(request.path_info):
            return response
        return super().process_response(request, response)
