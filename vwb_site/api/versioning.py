"""API versioning by URL namespace, for the versioned API only.

`/v1/...` views are included under the `v1` namespace and get `request.version == "v1"`. DRF
views outside it (Wagtail's page API under /api/v2/, namespaced `wagtailapi`) are versioned by
their own path: they get `request.version = None` instead of a 404 "Invalid version".
"""

from django.conf import settings
from rest_framework.versioning import NamespaceVersioning


class V1NamespaceVersioning(NamespaceVersioning):
    def determine_version(self, request, *args, **kwargs):
        match = getattr(request, "resolver_match", None)
        namespaces = match.namespace.split(":") if match is not None and match.namespace else []
        allowed = settings.REST_FRAMEWORK.get("ALLOWED_VERSIONS") or []
        if not any(namespace in allowed for namespace in namespaces):
            return None
        return super().determine_version(request, *args, **kwargs)
