"""What happens after stock or a barrel changes (after commit): cache invalidation and the like.

Kept as plain functions (not Django signals) so the call graph is explicit.
"""


def stock_changed(*, barrel_ids: list[int]) -> None:
    """Called after commit by the inventory service for the barrels whose stock changed."""
    from catalog import cache_keys

    cache_keys.invalidate_barrels(barrel_ids)


def barrel_changed(*, barrel_ids: list[int]) -> None:
    """Called after commit by the barrel services (create, update, archive, delete, admin)."""
    from catalog import cache_keys

    cache_keys.invalidate_barrels(barrel_ids)
