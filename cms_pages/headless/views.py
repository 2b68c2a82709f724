"""The public page API (Wagtail API v2) with token-gated draft previews.

Mounted at /api/v2/ (see cms_pages/urls.py):

- GET /api/v2/pages/                       live, public pages (filters: type, child_of, fields...)
- GET /api/v2/pages/<id>/                  one live page
- GET /api/v2/pages/find/?html_path=/x/    the live page at a storefront path (its detail, in
                                           the same response: no redirect round trip)
- GET /api/v2/pages/<id>/preview/?token=   the revision named by a signed preview token

Anonymous and read-only: no session or JWT is read (a logged-in editor's cookie never widens
what the API shows) and requests are throttled per IP in the "pages" scope. Errors take the
project's one format (application/problem+json), as under /v1/: Wagtail's own {"message"}
answers to an unknown page or a bad query are converted.

HTTP caching (vwb_site/api/http_cache.py): a 200 is public for CDN_PAGES_MAX_AGE with a strong
ETag of its bytes and the surrogate keys `pages page-list` (listing) or `pages page-<id>` (one
page); a matching If-None-Match gets a 304 (the body is rendered to be hashed, but not sent).
Previews stay `private, no-store`. Purged by key on publish, unpublish and delete (signals.py).
"""

from django.conf import settings
from django.http import Http404
from django.urls import path
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.models import Page, Revision

from cms_pages import error_codes
from cms_pages.headless.preview import PreviewTokenError, preview_token_read
from cms_pages.headless.serializers import StorefrontPageSerializer
from vwb_site.api.errors import problem_response
from vwb_site.api.http_cache import apply_edge_headers, etag_matches, not_modified, strong_etag
from vwb_site.api.throttling import ScopedThrottle


class StorefrontPagesAPIViewSet(PagesAPIViewSet):
    base_serializer_class = StorefrontPageSerializer
    renderer_classes = [JSONRenderer]
    versioning_class = None  # Wagtail's API is versioned by its path (/api/v2/)
    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes = [ScopedThrottle]
    throttle_scope = "pages"

    _resolved_object = None

    def handle_exception(self, exc):
        # Wagtail answers these two itself, as {"message": ...}; everything else already goes
        # through the project's exception handler.
        if isinstance(exc, Http404):
            return problem_response(
                self.request, status=404, code="not_found", detail=str(exc) or "No such page."
            )
        if isinstance(exc, BadRequestError):
            return problem_response(
                self.request,
                status=400,
                code=error_codes.PAGE_API_INVALID_QUERY,
                detail=str(exc),
            )
        return super().handle_exception(exc)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            return response
        if "Cache-Control" in response:  # a preview: private, no-store
            return response
        keys = self._surrogate_keys()
        max_age = settings.CDN_PAGES_MAX_AGE
        etag = strong_etag(response.render().content)
        if etag_matches(request, etag):
            return not_modified(etag=etag, keys=keys, public=True, max_age=max_age)
        return apply_edge_headers(response, etag=etag, keys=keys, public=True, max_age=max_age)

    def _surrogate_keys(self) -> list[str]:
        page = self._resolved_object
        if page is None and "pk" in self.kwargs:
            return ["pages", f"page-{self.kwargs['pk']}"]
        if page is not None:
            return ["pages", f"page-{page.pk}"]
        return ["pages", "page-list"]

    def get_object(self):
        if self._resolved_object is not None:
            return self._resolved_object
        return super().get_object()

    def find_view(self, request):
        """The live page found by `html_path` (or `id`), serialised like the detail view."""
        queryset = self.get_queryset()
        try:
            page = self.find_object(queryset, request)
        except (Page.DoesNotExist, ValueError):
            page = None
        if page is None:
            raise Http404("not found")
        self._resolved_object = page.specific
        return Response(self.get_serializer(self._resolved_object).data)

    def preview_view(self, request, pk):
        """A draft revision, for the holder of a preview token for this page and revision."""
        try:
            grant = preview_token_read(token=request.GET.get("token"), page_id=pk)
        except PreviewTokenError as exc:
            raise Http404(str(exc)) from exc
        page = Page.objects.filter(pk=pk).first()
        revision = (
            Revision.page_revisions.filter(pk=grant.revision_id, object_id=str(pk)).first()
            if page is not None
            else None
        )
        if revision is None:
            raise Http404("The previewed revision no longer exists.")
        self._resolved_object = revision.as_object()
        serializer = self.get_serializer(self._resolved_object)
        response = Response(serializer.data)
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    @classmethod
    def get_urlpatterns(cls):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/preview/", cls.as_view({"get": "preview_view"}), name="preview"),
        ]


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", StorefrontPagesAPIViewSet)
