"""Signed, expiring preview tokens: the only way to read a draft through the page API.

A token names one page and one revision, is signed with the project's SECRET_KEY
(`django.core.signing.TimestampSigner`, its own salt) and expires after
CMS_PREVIEW_TOKEN_MAX_AGE seconds. Wagtail's admin preview issues one for the page's latest
revision and sends the editor to FRONTEND_PREVIEW_URL with it; the storefront then calls
`GET /api/v2/pages/<id>/preview/?token=...`.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.core import signing

SALT = "cms_pages.preview-token"


class PreviewTokenError(Exception):
    """The token is missing, forged, expired or names another page."""


@dataclass(frozen=True)
class PreviewGrant:
    page_id: int
    revision_id: int


def _signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=SALT)


def preview_token_issue(*, page_id: int, revision_id: int) -> str:
    return _signer().sign_object({"page": int(page_id), "revision": int(revision_id)})


def preview_token_read(*, token: str | None, page_id: int) -> PreviewGrant:
    """The grant carried by `token` for `page_id`; PreviewTokenError when it is not valid."""
    if not token:
        raise PreviewTokenError("A preview token is required.")
    try:
        data = _signer().unsign_object(token, max_age=settings.CMS_PREVIEW_TOKEN_MAX_AGE)
    except signing.SignatureExpired as exc:
        raise PreviewTokenError("The preview token has expired.") from exc
    except (signing.BadSignature, ValueError, TypeError) as exc:
        raise PreviewTokenError("The preview token is not valid.") from exc
    if not isinstance(data, dict) or data.get("page") != int(page_id):
        raise PreviewTokenError("The preview token is not valid for this page.")
    revision_id = data.get("revision")
    if not isinstance(revision_id, int):
        raise PreviewTokenError("The preview token is not valid.")
    return PreviewGrant(page_id=int(page_id), revision_id=revision_id)


def frontend_preview_url(*, page, revision_id: int) -> str:
    """Where the Wagtail admin sends an editor to see `page` at `revision_id` on the storefront."""
    query = urlencode(
        {
            "page_id": page.pk,
            "type": page.specific_class._meta.label if page.specific_class else "",
            "token": preview_token_issue(page_id=page.pk, revision_id=revision_id),
        }
    )
    base = settings.FRONTEND_PREVIEW_URL
    return f"{base}{'&' if '?' in base else '?'}{query}"
