"""The personal data commerce stores, how it is exported and erased, and what blocks erasure.

Orders, invoices and payments stay after erasure (accounting and VAT records) under the
placeholder identity, their address snapshots keeping only the country. An account cannot be
erased while one of its orders is unpaid or in transit. Stripe events about the person's
payments (kept so that a replayed delivery is recognised) keep only what identifies the event
and the payment: Stripe copies the receipt e-mail, names and addresses into them.
"""

from django.db.models import Q

from accounts.privacy.registry import (
    JSON_KEEP_COUNTRY,
    KEEP,
    PLACEHOLDER_EMAIL,
    Entry,
    ErasureBlock,
    register,
    register_erasure_blocker,
    register_erasure_step,
)
from commerce import error_codes
from commerce.models import (
    IdempotencyKey,
    Order,
    OrderDocument,
    OrderLine,
    OrderStatus,
    OrderStatusHistory,
    Payment,
    Refund,
    Shipment,
    TrackingEvent,
    WebhookEvent,
)

ORDER_NOT_PERSONAL = (
    "number",
    "status",
    "customer_type",
    "currency",
    "tax_regime",
    "tax_country",
    "tax_legal_text",
    "tax_breakdown",
    "shipping_method_code",
    "shipping_method_name",
    "shipping_quote",  # carrier, service, rate ids, prices, destination country: no person
    "payment_method",
    "payment_reference",
)

register(
    Entry(
        Order,
        user_lookup="user",
        personal={
            "customer_email": PLACEHOLDER_EMAIL,
            "shipping_address": JSON_KEEP_COUNTRY,
            "billing_address": JSON_KEEP_COUNTRY,
            "buyer_vat_number": KEEP,
        },
        not_personal=ORDER_NOT_PERSONAL,
        keep_reasons={"buyer_vat_number": "A company VAT number on an invoice (VAT records)."},
    ),
    Entry(OrderLine, user_lookup="order__user", not_personal=("sku", "name")),
    Entry(
        OrderStatusHistory,
        user_lookup="order__user",
        not_personal=("from_status", "to_status", "note"),
    ),
    Entry(
        Shipment,
        user_lookup="order__user",
        not_personal=(
            "tracking_number",
            "tracking_url",
            "provider_shipment_id",
            "service",
            "label_currency",
        ),
    ),
    Entry(
        TrackingEvent,
        user_lookup="shipment__order__user",
        personal={"raw_payload": JSON_KEEP_COUNTRY},
        not_personal=("kind", "location", "description", "source", "external_id"),
        note="A carrier's raw payload may name the recipient; blanked on erasure.",
    ),
    Entry(
        OrderDocument,
        user_lookup="order__user",
        not_personal=("kind", "number", "file"),
        note="Exported as metadata (the file path). Issued invoices are kept unchanged "
        "(legal retention); their PDFs still show the buyer as at purchase.",
    ),
    Entry(
        IdempotencyKey,
        user_lookup="user",
        export=False,
        not_personal=("key", "request_hash"),
    ),
    Entry(
        Payment,
        user_lookup="order__user",
        not_personal=(
            "provider",
            "status",
            "currency",
            "provider_reference",
            "capture_reference",  # PayPal's capture id
            "provider_status",  # the provider's own status word (COMPLETED, PENDING...)
            "failure_code",
            "failure_message",
            "note",
        ),
    ),
    Entry(
        Refund,
        user_lookup="order__user",
        not_personal=("currency", "status", "provider_reference", "reason"),
    ),
)


# --- an open order blocks erasure -----------------------------------------------------------
# Unpaid or in transit: the order still needs its buyer.
OPEN_ORDER_STATUSES = (OrderStatus.PENDING, OrderStatus.PROCESSING, OrderStatus.SHIPPED)


def open_order_numbers(user) -> list[str]:
    return list(
        Order.objects.filter(user=user, status__in=OPEN_ORDER_STATUSES)
        .order_by("number")
        .values_list("number", flat=True)
    )


def open_orders_block(user) -> ErasureBlock | None:
    numbers = open_order_numbers(user)
    if not numbers:
        return None
    return ErasureBlock(
        code=error_codes.ERASURE_OPEN_ORDERS,
        message="The account cannot be erased while an order is unpaid or in transit: "
        f"{', '.join(numbers)}. Try again once it is delivered or cancelled.",
        extra={"open_orders": numbers},
    )


def without_open_orders(users):
    return users.exclude(orders__status__in=OPEN_ORDER_STATUSES)


register_erasure_blocker(check=open_orders_block, exclude_blocked=without_open_orders)


# --- payment providers' events --------------------------------------------------------------
# What a provider event keeps after erasure: the event and the payment, no person.
EVENT_KEPT = ("id", "object", "type", "created", "livemode", "api_version")
EVENT_OBJECT_KEPT = (
    "id",
    "object",
    "amount",
    "amount_received",
    "amount_refunded",
    "currency",
    "status",
    "payment_intent",
)


def _scrubbed_event(payload) -> dict:
    if not isinstance(payload, dict):
        return {}
    kept = {key: payload[key] for key in EVENT_KEPT if key in payload}
    obj = (payload.get("data") or {}).get("object")
    if isinstance(obj, dict):
        kept["data"] = {"object": {key: obj[key] for key in EVENT_OBJECT_KEPT if key in obj}}
    kept["scrubbed"] = True
    return kept


def scrub_payment_events(*, user) -> int:
    references = list(
        Payment.objects.filter(order__user=user)
        .exclude(provider_reference="")
        .values_list("provider_reference", flat=True)
    )
    if not references:
        return 0
    events = WebhookEvent.objects.filter(
        Q(payload__data__object__id__in=references)
        | Q(payload__data__object__payment_intent__in=references)
    )
    count = 0
    for event in events.select_for_update():
        event.payload = _scrubbed_event(event.payload)
        event.save(update_fields=["payload"])
        count += 1
    return count


register_erasure_step(WebhookEvent._meta.label, scrub_payment_events)
