"""The personal data the catalog stores: none of a customer's. A stock movement's user is the
staff member who made it (declared so the registry's coverage check knows)."""

from accounts.privacy.registry import Entry, register
from catalog.models import StockMovement

register(
    Entry(
        StockMovement,
        actor_only=True,
        not_personal=("reason", "reference_kind", "reference_id", "note"),
    ),
)
