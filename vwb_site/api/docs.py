"""The API reference pages (Swagger UI at /v1/docs, ReDoc at /v1/redoc), fully offline.

Their assets come from this server's /static/ (drf-spectacular-sidecar) and the templates load
no web font. What the templates cannot remove is inside ReDoc's bundle: its sidebar footer
renders an `<img>` whose source is ReDoc's own CDN (`cdn.redoc.ly/.../logo-mini.svg`). The
pages are therefore served with a Content-Security-Policy that allows this origin only: the
browser refuses that request before sending it, ReDoc's `onError` drops the image, and any
external asset a bundle upgrade may bring is refused the same way.
"""

from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularRedocView, SpectacularSwaggerView

DOCS_CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        # The templates initialise the UIs with an inline script; the UIs inject styles.
        "script-src 'self' 'unsafe-inline'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
        # ReDoc's search index runs in a worker built from a blob.
        "worker-src 'self' blob:",
        "object-src 'none'",
        "base-uri 'self'",
        "frame-ancestors 'self'",
    )
)


class OfflineDocsMixin:
    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        response["Content-Security-Policy"] = DOCS_CONTENT_SECURITY_POLICY
        return response


class OfflineSwaggerView(OfflineDocsMixin, SpectacularSwaggerView):
    pass


class OfflineRedocView(OfflineDocsMixin, SpectacularRedocView):
    template_name = "vwb_site/redoc.html"
