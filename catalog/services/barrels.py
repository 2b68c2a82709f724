"""Writes of barrels: create, update, archive, delete (never-ordered drafts only).

Stock is not a field here: the initial stock of a new barrel is a `receipt` movement through
`catalog.services.inventory.stock_adjust`, so the ledger explains every unit.
"""

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.images import get_image_model

from accounts.audit.services import audit_record, diff, snapshot
from catalog import error_codes
from catalog.models import Barrel, BarrelImage, BarrelStatus, BarrelTierPrice, StockMovement
from catalog.services.inventory import stock_adjust
from vwb_site.exceptions import ApplicationError, ConflictError

# Status changes allowed through barrel_update; archiving has its own service.
TRANSITIONS: dict[str, set[str]] = {
    BarrelStatus.DRAFT: {BarrelStatus.ACTIVE},
    BarrelStatus.ACTIVE: {BarrelStatus.DRAFT},
    BarrelStatus.ARCHIVED: {BarrelStatus.DRAFT},
}

EDITABLE_FIELDS = {
    "sku",
    "slug",
    "name",
    "description",
    "status",
    "origin_country",
    "previous_content",
    "wood_type",
    "condition",
    "volume_liters",
    "cooperage",
    "toast_level",
    "previous_fills",
    "last_fill_year",
    "height_cm",
    "diameter_cm",
    "empty_weight_kg",
    "hs_code",
    "price",
    "cost_price",
}
CENT = Decimal("0.01")


def barrel_changed(barrel_ids: Iterable[int]) -> None:
    """Invalidate cached lists and details once the transaction commits."""
    from catalog import signals_bus

    ids = sorted(set(barrel_ids))
    transaction.on_commit(lambda: signals_bus.barrel_changed(barrel_ids=ids))
    # In this transaction: the CDN purge is recorded in the outbox, sent after commit.
    from catalog.cache_keys import purge_surrogate_keys
    from vwb_site.tasks import cdn_purge_on_commit

    cdn_purge_on_commit(purge_surrogate_keys(ids))


def _check_unique(*, sku: str | None, slug: str | None, exclude_pk: int | None) -> None:
    others = Barrel.objects.exclude(pk=exclude_pk) if exclude_pk else Barrel.objects.all()
    if sku is not None and others.filter(sku__iexact=sku).exists():
        raise ConflictError(
            f"A barrel with SKU '{sku}' exists already.",
            code=error_codes.DUPLICATE_SKU,
            errors=[
                {"field": "sku", "code": error_codes.DUPLICATE_SKU, "message": "This SKU is taken."}
            ],
        )
    if slug is not None and others.filter(slug=slug).exists():
        raise ConflictError(
            f"A barrel with slug '{slug}' exists already.",
            code=error_codes.DUPLICATE_SLUG,
            errors=[
                {
                    "field": "slug",
                    "code": error_codes.DUPLICATE_SLUG,
                    "message": "This slug is taken.",
                }
            ],
        )


def _save(barrel: Barrel) -> None:
    barrel.full_clean(exclude=["search_vector"], validate_unique=False)
    try:
        with transaction.atomic():
            barrel.save()
    except IntegrityError as exc:  # lost a race on SKU or slug
        text = str(exc)
        code = error_codes.DUPLICATE_SLUG if "slug" in text else error_codes.DUPLICATE_SKU
        raise ConflictError("SKU or slug taken by a concurrent write.", code=code) from exc


def _set_tiers(barrel: Barrel, tiers: list[dict[str, Any]]) -> None:
    seen: set[int] = set()
    rows = []
    for tier in tiers:
        quantity, price = int(tier["min_quantity"]), Decimal(tier["unit_price"])
        if quantity in seen:
            raise ValidationError(
                {"tier_prices": f"Two tiers start at {quantity} units."},
                code=error_codes.INVALID_TIER_PRICE,
            )
        if price > barrel.price:
            raise ValidationError(
                {"tier_prices": f"The tier from {quantity} units costs more than the list price."},
                code=error_codes.INVALID_TIER_PRICE,
            )
        seen.add(quantity)
        rows.append(
            BarrelTierPrice(
                barrel=barrel, min_quantity=quantity, unit_price=price.quantize(CENT, ROUND_HALF_UP)
            )
        )
    BarrelTierPrice.objects.filter(barrel=barrel).delete()
    BarrelTierPrice.objects.bulk_create(rows)


def _set_images(barrel: Barrel, image_ids: list[int]) -> None:
    found = set(get_image_model().objects.filter(id__in=image_ids).values_list("id", flat=True))
    missing = [i for i in image_ids if i not in found]
    if missing:
        raise ValidationError(
            {"image_ids": f"Unknown image id(s): {missing}."}, code=error_codes.IMAGE_NOT_FOUND
        )
    BarrelImage.objects.filter(barrel=barrel).delete()
    BarrelImage.objects.bulk_create(
        BarrelImage(barrel=barrel, image_id=image_id, sort_order=n)
        for n, image_id in enumerate(dict.fromkeys(image_ids))
    )


@transaction.atomic
def barrel_create(
    *,
    actor,
    tier_prices: list[dict[str, Any]] | None = None,
    image_ids: list[int] | None = None,
    initial_stock: int = 0,
    **fields: Any,
) -> Barrel:
    """Create a barrel (draft unless `status="active"`), with tiers, images and initial stock."""
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise ApplicationError(f"Unknown field(s): {sorted(unknown)}.", code="unknown_fields")
    if fields.get("status") == BarrelStatus.ARCHIVED:
        raise ValidationError({"status": "A new barrel is a draft or active."})
    if not fields.get("slug"):
        fields["slug"] = slugify(f"{fields.get('name', '')}-{fields.get('sku', '')}")[:120]
    _check_unique(sku=fields.get("sku"), slug=fields["slug"], exclude_pk=None)
    barrel = Barrel(**fields)
    if barrel.status == BarrelStatus.ACTIVE:
        barrel.listed_at = timezone.now()
    _save(barrel)
    if tier_prices:
        _set_tiers(barrel, tier_prices)
    if image_ids:
        _set_images(barrel, image_ids)
    if initial_stock:
        stock_adjust(
            barrel=barrel,
            delta=initial_stock,
            actor=actor,
            note="Initial stock",
            reason=StockMovement.Reason.RECEIPT,
        )
    audit_record(
        actor=actor,
        action="barrel.create",
        target=barrel,
        changes=diff({}, barrel_audit_state(barrel)),
    )
    barrel_changed([barrel.id])
    return barrel


@transaction.atomic
def barrel_update(
    *,
    barrel: Barrel,
    actor,
    tier_prices: list[dict[str, Any]] | None = None,
    image_ids: list[int] | None = None,
    **fields: Any,
) -> Barrel:
    """Change a barrel's fields (not its stock). `tier_prices` / `image_ids` replace the sets."""
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise ApplicationError(f"Unknown field(s): {sorted(unknown)}.", code="unknown_fields")
    locked = Barrel.objects.select_for_update().get(pk=barrel.pk)
    new_status = fields.get("status", locked.status)
    if new_status != locked.status and new_status not in TRANSITIONS[locked.status]:
        raise ConflictError(
            f"A barrel cannot go from {locked.status} to {new_status} here"
            + (" (use the archive action)." if new_status == BarrelStatus.ARCHIVED else "."),
            code=error_codes.INVALID_STATUS_TRANSITION,
        )
    _check_unique(sku=fields.get("sku"), slug=fields.get("slug"), exclude_pk=locked.pk)
    before = snapshot(locked, sorted(fields))
    tiers_before = _tiers_snapshot(locked) if tier_prices is not None else None
    for name, value in fields.items():
        setattr(locked, name, value)
    if new_status == BarrelStatus.ACTIVE and locked.listed_at is None:
        locked.listed_at = timezone.now()
    _save(locked)
    if tier_prices is not None:
        _set_tiers(locked, tier_prices)
    elif "price" in fields and locked.tier_prices.filter(unit_price__gt=locked.price).exists():
        raise ValidationError(
            {"price": "A tier price would be above the new list price."},
            code=error_codes.INVALID_TIER_PRICE,
        )
    if image_ids is not None:
        _set_images(locked, image_ids)
    changes = diff(before, snapshot(locked, sorted(fields)))
    if tiers_before is not None and tiers_before != _tiers_snapshot(locked):
        changes["tier_prices"] = [tiers_before, _tiers_snapshot(locked)]
    audit_record(actor=actor, action="barrel.update", target=locked, changes=changes)
    barrel_changed([locked.id])
    return locked


def _tiers_snapshot(barrel: Barrel) -> list[list[str]]:
    return [
        [str(qty), str(price)]
        for qty, price in barrel.tier_prices.order_by("min_quantity").values_list(
            "min_quantity", "unit_price"
        )
    ]


@transaction.atomic
def barrel_archive(*, barrel: Barrel, actor) -> Barrel:
    """Take a barrel off sale for good (kept for the orders that reference it)."""
    locked = Barrel.objects.select_for_update().get(pk=barrel.pk)
    if locked.status == BarrelStatus.ARCHIVED:
        raise ConflictError(
            f"{locked.name} is archived already.", code=error_codes.BARREL_ALREADY_ARCHIVED
        )
    audit_record(
        actor=actor,
        action="barrel.archive",
        target=locked,
        changes={"status": [locked.status, BarrelStatus.ARCHIVED.value]},
    )
    locked.status = BarrelStatus.ARCHIVED
    locked.save(update_fields=["status", "updated_at"])
    barrel_changed([locked.id])
    return locked


@transaction.atomic
def barrel_delete(*, barrel: Barrel, actor) -> None:
    """Delete a draft that never had a stock movement (so never ordered); else archive it."""
    locked = Barrel.objects.select_for_update().get(pk=barrel.pk)
    if locked.status != BarrelStatus.DRAFT or StockMovement.objects.filter(barrel=locked).exists():
        raise ConflictError(
            "Only a draft without stock history can be deleted; archive this barrel instead.",
            code=error_codes.BARREL_NOT_DELETABLE,
        )
    barrel_id = locked.id
    audit_record(
        actor=actor,
        action="barrel.delete",
        target=("catalog.barrel", barrel_id),
        changes=diff(barrel_audit_state(locked), {}),
    )
    locked.delete()
    barrel_changed([barrel_id])


def barrel_audit_state(barrel: Barrel) -> dict[str, Any]:
    """What the audit log compares for a barrel edited in the Wagtail admin's form."""
    state = snapshot(barrel, sorted(EDITABLE_FIELDS - {"description"}))
    state["tier_prices"] = _tiers_snapshot(barrel) if barrel.pk else []
    return state


def barrel_after_admin_save(
    *, barrel: Barrel, actor=None, before: dict[str, Any] | None = None
) -> None:
    """The Wagtail admin edits barrels through its model form: stamp the first activation,
    invalidate caches like the services do, and record the change (price, tiers, status...)
    in the audit log with the state before the form was saved (`barrel_audit_state`)."""
    if actor is not None:
        audit_record(
            actor=actor,
            action="barrel.update" if before else "barrel.create",
            target=barrel,
            changes=diff(before or {}, barrel_audit_state(barrel)),
        )
    if barrel.status == BarrelStatus.ACTIVE and barrel.listed_at is None:
        Barrel.objects.filter(pk=barrel.pk, listed_at__isnull=True).update(listed_at=timezone.now())
    barrel_changed([barrel.id])
