"""Which files of MEDIA_ROOT are private (MEDIA_PRIVATE_PREFIXES): served only after a check of
who asks (the API, the admin), never by a static or media handler."""

import posixpath

from django.conf import settings


def is_private_media(name: str) -> bool:
    """Whether `name` (relative to MEDIA_ROOT) lies in a private folder."""
    normalised = posixpath.normpath("/" + name.replace("\\", "/")).lstrip("/").lower()
    for prefix in settings.MEDIA_PRIVATE_PREFIXES:
        folder = prefix.strip("/").lower()
        if normalised == folder or normalised.startswith(folder + "/"):
            return True
    return False
