"""Media files in development (`make run`, DEBUG): public ones only.

Under DEBUG the site serves MEDIA_ROOT itself (production leaves media to the proxy or the
storage). Files under a MEDIA_PRIVATE_PREFIXES folder (order documents, privacy exports, report
files) are personal or commercial data: they are served only by the API and the admin, which
check who asks, so this handler answers 404 for them in every mode. The path is normalised
first, so `a/../private/...`, `//private/...` or a different case cannot slip past.
"""

from django.conf import settings
from django.conf.urls.static import static
from django.http import Http404
from django.views.static import serve

from vwb_site.core.private_media import is_private_media


def serve_public_media(request, path, **_):
    if is_private_media(path):
        raise Http404("Not found.")
    return serve(request, path, document_root=settings.MEDIA_ROOT)


def media_urlpatterns() -> list:
    """The DEBUG media route (empty without DEBUG, as Django's `static()`)."""
    return static(settings.MEDIA_URL, view=serve_public_media)
