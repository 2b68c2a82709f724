"""After-commit reactions to an order's status change, declared in one place.

`order_transition` (commerce.orders) calls `order_status_changed` through
`transaction.on_commit`. Each reaction is a function named below by its dotted path (e-mails,
documents, analytics...), so the list of what happens when an order moves is readable here.
Reactions must only send Celery tasks or do similarly cheap, idempotent work.
"""

from django.utils.module_loading import import_string

# "module.function" paths, called with (order_id=..., from_status=..., to_status=...).
REACTIONS: list[str] = [
    "commerce.emails.on_order_status_changed",  # confirmation, paid, shipped, ... e-mails
    "commerce.shipping.reactions.documents_on_status_change",  # invoice, packing list, customs
    "commerce.analytics.on_order_status_changed",  # GA4 purchase event, with consent
]


def order_status_changed(*, order_id, from_status: str, to_status: str) -> None:
    for path in REACTIONS:
        import_string(path)(order_id=order_id, from_status=from_status, to_status=to_status)
