"""The one way stock changes: reserve, release, sell, receive, adjust.

Every function locks the barrels it touches with `select_for_update()` in ascending id order (a
fixed order, so two transactions touching the same barrels cannot deadlock), checks the
invariants, saves, and writes one `StockMovement` per barrel. Callers (commerce, quotes, the
admin) pass a reference to the order or quote the change belongs to.

Reservations are keyed by reference: `stock_release(reference=...)` without lines releases what
that reference still holds, computed from the ledger, so a double release is harmless.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from accounts.audit.services import audit_record
from catalog import error_codes
from catalog.models import Barrel, BarrelStatus, StockMovement
from vwb_site.exceptions import ApplicationError, ConflictError, NotFoundError

Reason = StockMovement.Reason
Kind = StockMovement.ReferenceKind


@dataclass(frozen=True)
class StockReference:
    kind: str  # StockMovement.ReferenceKind
    id: str

    @classmethod
    def order(cls, order_id) -> "StockReference":
        return cls(Kind.ORDER, str(order_id))

    @classmethod
    def quote(cls, quote_id) -> "StockReference":
        return cls(Kind.QUOTE, str(quote_id))


def _merge(lines: Iterable[tuple[int, int]]) -> dict[int, int]:
    merged: dict[int, int] = defaultdict(int)
    for barrel_id, quantity in lines:
        if not isinstance(quantity, int) or quantity <= 0:
            raise ApplicationError(
                "Quantities must be whole numbers above zero.", code=error_codes.INVALID_QUANTITY
            )
        merged[int(barrel_id)] += quantity
    return dict(merged)


def _lock(barrel_ids: Iterable[int]) -> dict[int, Barrel]:
    ids = sorted(set(barrel_ids))
    locked = Barrel.objects.select_for_update().filter(id__in=ids).order_by("id")
    barrels = {b.id: b for b in locked}
    missing = [i for i in ids if i not in barrels]
    if missing:
        raise NotFoundError(
            f"Unknown barrel id(s): {', '.join(map(str, missing))}.",
            code=error_codes.BARREL_NOT_FOUND,
        )
    return barrels


def _record(
    barrel: Barrel,
    *,
    reason: str,
    stock_delta: int,
    reserved_delta: int,
    reference: StockReference | None,
    actor,
    note: str,
) -> StockMovement:
    barrel.stock_quantity += stock_delta
    barrel.reserved_quantity += reserved_delta
    barrel.updated_at = timezone.now()
    # A plain UPDATE of the locked row: a stock change is not an edit of the barrel's content,
    # so Wagtail's reference index (run on every model save) has nothing to do here.
    Barrel.objects.filter(pk=barrel.pk).update(
        stock_quantity=barrel.stock_quantity,
        reserved_quantity=barrel.reserved_quantity,
        updated_at=barrel.updated_at,
    )
    return StockMovement.objects.create(
        barrel=barrel,
        reason=reason,
        stock_delta=stock_delta,
        reserved_delta=reserved_delta,
        stock_after=barrel.stock_quantity,
        reserved_after=barrel.reserved_quantity,
        reference_kind=reference.kind if reference else Kind.MANUAL,
        reference_id=reference.id if reference else "",
        note=note[:500],
        actor=actor,
    )


def _after_change(barrel_ids: Iterable[int]) -> None:
    """Hook for side effects of a stock change (cache invalidation), run after commit."""
    from catalog import signals_bus

    ids = sorted(set(barrel_ids))
    transaction.on_commit(lambda: signals_bus.stock_changed(barrel_ids=ids))
    # In this transaction: the CDN purge is recorded in the outbox, sent after commit.
    from catalog.cache_keys import purge_surrogate_keys
    from vwb_site.tasks import cdn_purge_on_commit

    cdn_purge_on_commit(purge_surrogate_keys(ids))


@transaction.atomic
def stock_reserve(
    *, lines: Iterable[tuple[int, int]], reference: StockReference, actor=None, note: str = ""
) -> list[StockMovement]:
    """Hold `quantity` units of each barrel for an order or quote; all or nothing.

    Raises ConflictError(insufficient_stock) naming each short barrel, with what is available.
    """
    wanted = _merge(lines)
    barrels = _lock(wanted)
    unavailable = [b for b in barrels.values() if b.status != BarrelStatus.ACTIVE]
    if unavailable:
        raise ConflictError(
            "These barrels are not for sale: " + ", ".join(b.name for b in unavailable) + ".",
            code=error_codes.BARREL_NOT_AVAILABLE,
            errors=[
                {
                    "field": b.slug,
                    "code": error_codes.BARREL_NOT_AVAILABLE,
                    "message": f"{b.name} is {b.status}.",
                }
                for b in unavailable
            ],
        )
    short = [(b, wanted[b.id]) for b in barrels.values() if b.available < wanted[b.id]]
    if short:
        raise ConflictError(
            "Not enough stock for: "
            + ", ".join(f"{b.name} ({b.available} left)" for b, _ in short)
            + ".",
            code=error_codes.INSUFFICIENT_STOCK,
            errors=[
                {
                    "field": b.slug,
                    "code": error_codes.INSUFFICIENT_STOCK,
                    "message": f"Requested {q}, available {b.available}.",
                }
                for b, q in short
            ],
            extra={"availability": {b.slug: b.available for b, _ in short}},
        )
    movements = [
        _record(
            barrels[i],
            reason=Reason.RESERVATION,
            stock_delta=0,
            reserved_delta=q,
            reference=reference,
            actor=actor,
            note=note,
        )
        for i, q in sorted(wanted.items())
    ]
    _after_change(wanted)
    return movements


def held_by(reference: StockReference) -> dict[int, int]:
    """Units each barrel still holds for `reference`, from the ledger (reserve - release - sell)."""
    rows = (
        StockMovement.objects.filter(reference_kind=reference.kind, reference_id=reference.id)
        .values("barrel_id")
        .annotate(held=Sum("reserved_delta"))
    )
    return {r["barrel_id"]: r["held"] for r in rows if r["held"] > 0}


@transaction.atomic
def stock_release(*, reference: StockReference, actor=None, note: str = "") -> list[StockMovement]:
    """Give back everything `reference` still holds (idempotent: nothing held, nothing done)."""
    held = held_by(reference)
    if not held:
        return []
    barrels = _lock(held)
    held = held_by(reference)  # re-read under the lock: a concurrent release may have run
    movements = [
        _record(
            barrels[i],
            reason=Reason.RELEASE,
            stock_delta=0,
            reserved_delta=-q,
            reference=reference,
            actor=actor,
            note=note,
        )
        for i, q in sorted(held.items())
    ]
    _after_change(held)
    return movements


@transaction.atomic
def stock_transfer(
    *, source: StockReference, target: StockReference, actor=None, note: str = ""
) -> list[StockMovement]:
    """Move what `source` holds to `target` (a quote's hold becoming its order's reservation)."""
    held = held_by(source)
    if not held:
        return []
    barrels = _lock(held)
    held = held_by(source)
    movements = []
    for barrel_id, quantity in sorted(held.items()):
        barrel = barrels[barrel_id]
        movements.append(
            _record(
                barrel,
                reason=Reason.RELEASE,
                stock_delta=0,
                reserved_delta=-quantity,
                reference=source,
                actor=actor,
                note=note or f"Transferred to {target.kind} {target.id}",
            )
        )
        movements.append(
            _record(
                barrel,
                reason=Reason.RESERVATION,
                stock_delta=0,
                reserved_delta=quantity,
                reference=target,
                actor=actor,
                note=note or f"Transferred from {source.kind} {source.id}",
            )
        )
    _after_change(held)
    return movements


@transaction.atomic
def stock_sell(*, reference: StockReference, actor=None, note: str = "") -> list[StockMovement]:
    """The reserved units leave the warehouse: stock and reservation both go down. Idempotent."""
    held = held_by(reference)
    if not held:
        return []
    barrels = _lock(held)
    held = held_by(reference)
    movements = [
        _record(
            barrels[i],
            reason=Reason.SALE,
            stock_delta=-q,
            reserved_delta=-q,
            reference=reference,
            actor=actor,
            note=note,
        )
        for i, q in sorted(held.items())
    ]
    _after_change(held)
    return movements


@transaction.atomic
def stock_adjust(
    *, barrel: Barrel, delta: int, actor, note: str, reason: str = Reason.ADJUSTMENT
) -> StockMovement:
    """A manual change of stock (count correction, goods received, return). Needs a note.

    Stock can never go below what is reserved (ConflictError stock_below_reserved).
    """
    if not isinstance(delta, int) or delta == 0:
        raise ApplicationError(
            "The adjustment must be a non-zero whole number.", code=error_codes.INVALID_QUANTITY
        )
    if not note.strip():
        raise ApplicationError("Say why the stock changes.", code="reason_required")
    locked = _lock([barrel.id])[barrel.id]
    if locked.stock_quantity + delta < locked.reserved_quantity:
        raise ConflictError(
            f"Stock cannot go below the {locked.reserved_quantity} unit(s) reserved "
            f"(now {locked.stock_quantity}, change {delta:+d}).",
            code=error_codes.STOCK_BELOW_RESERVED,
        )
    stock_before = locked.stock_quantity
    movement = _record(
        locked,
        reason=reason,
        stock_delta=delta,
        reserved_delta=0,
        reference=None,
        actor=actor,
        note=note,
    )
    audit_record(
        actor=actor,
        action="stock.adjust",
        target=locked,
        changes={
            "stock_quantity": [stock_before, locked.stock_quantity],
            "reason": [None, str(reason)],
            "movement_id": [None, movement.pk],
        },
    )
    barrel.stock_quantity = locked.stock_quantity
    barrel.reserved_quantity = locked.reserved_quantity
    _after_change([barrel.id])
    return movement
