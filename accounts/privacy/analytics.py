"""Analytics with consent: the site configuration for the frontend, and the GA4 sender.

An app that measures something (commerce: a paid order's `purchase` event) builds the
Measurement Protocol payload itself and hands it to `ga4_send_later`; the Celery task posts it
only if GA4 is configured and the person consents to analytics at send time. Accounts reads
nothing of the apps above it: the payload is plain JSON.
"""

import json
import urllib.request

from django.conf import settings

from accounts.models import User
from accounts.models_privacy import ConsentPurpose
from accounts.privacy.consent import current_policy_version, has_consent
from vwb_site.logging_config import get_logger
from vwb_site.tasks import dispatch_on_commit

log = get_logger("accounts.privacy.analytics")

CONSENT_CATEGORIES = [
    {
        "purpose": ConsentPurpose.MARKETING_EMAILS.value,
        "label": "Marketing e-mails",
        "description": "News about barrels and offers by e-mail.",
        "required": False,
    },
    {
        "purpose": ConsentPurpose.ANALYTICS.value,
        "label": "Analytics",
        "description": "Google Analytics 4 measures visits and purchases.",
        "required": False,
    },
]


def ga4_enabled() -> bool:
    return bool(settings.GA4_MEASUREMENT_ID and settings.GA4_API_SECRET)


def site_config() -> dict:
    return {
        "ga4_measurement_id": settings.GA4_MEASUREMENT_ID,
        "privacy_policy_version": current_policy_version(),
        "consent_categories": CONSENT_CATEGORIES,
        "paypal": _paypal_buttons(),
    }


def _paypal_buttons() -> dict | None:
    """What the storefront's PayPal buttons load with: the public client id and the currency,
    only when PayPal is configured (with its secret, which never leaves the server)."""
    if not (settings.PAYPAL_CLIENT_ID and settings.PAYPAL_CLIENT_SECRET):
        return None
    return {
        "client_id": settings.PAYPAL_CLIENT_ID,
        "currency": settings.PAYPAL_CURRENCY,
        "environment": settings.PAYPAL_ENVIRONMENT,
    }


def ga4_send_later(*, user_id: int, payload: dict) -> None:
    """Queue a Measurement Protocol payload about `user_id` (sent only with their consent)."""
    if not ga4_enabled():
        return
    from accounts.privacy import tasks

    dispatch_on_commit(tasks.privacy_ga4_send, user_id, payload)


def _event_names(payload: dict) -> list[str]:
    return [event.get("name", "") for event in payload.get("events", [])]


def ga4_send(*, user_id: int, payload: dict) -> bool:
    """POST the payload when GA4 is on and the user consents now. True when sent."""
    if not ga4_enabled():
        return False
    user = User.objects.filter(pk=user_id).first()
    events = _event_names(payload)
    if user is None or not has_consent(user, ConsentPurpose.ANALYTICS):
        log.info(
            "ga4_event_skipped",
            user_id=user_id,
            events=events,
            reason="no_user" if user is None else "no_consent",
        )
        return False
    url = (
        f"{settings.GA4_ENDPOINT}?measurement_id={settings.GA4_MEASUREMENT_ID}"
        f"&api_secret={settings.GA4_API_SECRET}"
    )
    body = json.dumps(payload).encode()
    if not url.startswith(("https://", "http://")):
        raise ValueError("GA4_ENDPOINT must be an http(s) URL.")
    request = urllib.request.Request(  # noqa: S310 - the scheme is checked above
        url, data=body, method="POST", headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=settings.GA4_TIMEOUT_SECONDS) as response:  # noqa: S310
        status = response.status
    log.info("ga4_event_sent", user_id=user_id, events=events, status=status)
    return 200 <= status < 300
