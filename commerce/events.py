"""Reactions, declared in one place: what happens when an order moves or a shipment arrives.

- `order_status_changed`: `order_transition` (commerce.orders) calls it inside the transaction
  that changed the status. Its reactions (e-mails, documents, analytics...) record their side
  effects in the outbox (`vwb_site.tasks.dispatch_on_commit`), so each is written with the
  change that causes it and sent after commit; they do no slow or outside work themselves.
- `shipment_delivered`: commerce.shipping calls it inside the transaction that recorded a
  `delivered` tracking event; the orders' reaction moves a shipped order to `delivered` in that
  same transaction. This is how shipping, which sits below orders, reports back to it.

Each reaction is a function named below by its dotted path, so this module imports nobody and
every area may call it; the list of what follows an event is readable here.
"""

from django.utils.module_loading import import_string

# "module.function" paths, called with (order_id=..., from_status=..., to_status=...).
REACTIONS: list[str] = [
    "commerce.orders.emails.on_order_status_changed",  # confirmation, paid, shipped, ... e-mails
    "commerce.shipping.reactions.documents_on_status_change",  # invoice, packing list, customs
    "commerce.analytics.on_order_status_changed",  # GA4 purchase event, with consent
]


def order_status_changed(*, order_id, from_status: str, to_status: str) -> None:
    for path in REACTIONS:
        import_string(path)(order_id=order_id, from_status=from_status, to_status=to_status)


# "module.function" paths, called with (order_id=..., shipment_id=..., actor=..., note=...)
# inside the transaction that recorded the delivery.
SHIPMENT_DELIVERED_REACTIONS: list[str] = [
    "commerce.orders.services.transitions.order_shipment_delivered",  # shipped -> delivered
]


def shipment_delivered(*, order_id, shipment_id, actor, note: str) -> None:
    for path in SHIPMENT_DELIVERED_REACTIONS:
        import_string(path)(order_id=order_id, shipment_id=shipment_id, actor=actor, note=note)
