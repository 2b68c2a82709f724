"""Analytics with consent: the site configuration for the frontend, and GA4 purchase events.

On an order becoming `processing` (paid), `on_order_status_changed` (listed in
commerce.events.REACTIONS) sends a Celery task; the task posts a Measurement Protocol
`purchase` event only if GA4 is configured and the buyer consents to analytics at send time.
Orders are read through the app registry so accounts does not import commerce.
"""

import json
import urllib.request
from decimal import Decimal

from django.apps import apps
from django.conf import settings

from accounts.models_privacy import ConsentPurpose
from accounts.privacy.consent import current_policy_version, has_consent
from vwb_site.logging_config import get_logger

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
    }


def on_order_status_changed(*, order_id, from_status: str, to_status: str) -> None:
    """Reaction (commerce.events): a paid order sends the purchase event task."""
    if to_status != "processing" or not ga4_enabled():
        return
    from accounts.privacy import tasks

    tasks.privacy_ga4_purchase.delay(str(order_id))


def _money(value: Decimal) -> float:
    # The Measurement Protocol takes JSON numbers; amounts are already quantised to cents.
    return float(value)


def purchase_payload(order) -> dict:
    return {
        # The client id ties the hit to a visitor; a stable pseudonym of the user, not the id.
        "client_id": f"{order.user_id}.{int(order.order_date.timestamp())}",
        "user_id": str(order.user_id),
        "non_personalized_ads": True,
        "events": [
            {
                "name": "purchase",
                "params": {
                    "transaction_id": order.number,
                    "currency": order.currency,
                    "value": _money(order.total_amount),
                    "tax": _money(order.tax_amount),
                    "shipping": _money(order.shipping_amount),
                    "items": [
                        {
                            "item_id": line.sku,
                            "item_name": line.name,
                            "quantity": line.quantity,
                            "price": _money(line.unit_price),
                        }
                        for line in order.lines.all()
                    ],
                },
            }
        ],
    }


def ga4_purchase_send(*, order_id: str) -> bool:
    """POST the purchase event when GA4 is on and the buyer consents now. True when sent."""
    if not ga4_enabled():
        return False
    order_model = apps.get_model("commerce", "Order")
    order = (
        order_model.objects.select_related("user")
        .prefetch_related("lines")
        .filter(pk=order_id)
        .first()
    )
    if order is None or not has_consent(order.user, ConsentPurpose.ANALYTICS):
        log.info(
            "ga4_purchase_skipped",
            order_id=str(order_id),
            reason="no_order" if order is None else "no_consent",
        )
        return False
    url = (
        f"{settings.GA4_ENDPOINT}?measurement_id={settings.GA4_MEASUREMENT_ID}"
        f"&api_secret={settings.GA4_API_SECRET}"
    )
    body = json.dumps(purchase_payload(order)).encode()
    if not url.startswith(("https://", "http://")):
        raise ValueError("GA4_ENDPOINT must be an http(s) URL.")
    request = urllib.request.Request(  # noqa: S310 - the scheme is checked above
        url, data=body, method="POST", headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=settings.GA4_TIMEOUT_SECONDS) as response:  # noqa: S310
        status = response.status
    log.info("ga4_purchase_sent", order_id=str(order_id), status=status)
    return 200 <= status < 300
