from catalog.models import StockMovement
from commerce.models import IdempotencyKey, Order

INLINE_FR = {
    "recipient_name": "Camille Martin",
    "street": "12 rue des Chais",
    "city": "Bordeaux",
    "zip_code": "33000",
    "country": "FR",
}
INLINE_DE = {
    "recipient_name": "Jonas Weber",
    "street": "Weinstrasse 1",
    "city": "Mainz",
    "zip_code": "55116",
    "country": "DE",
}


def body(*barrels_and_quantities, address=None, method="road-pallet", payment="card", **extra):
    data = {
        "lines": [
            {"barrel": barrel.id, "quantity": quantity}
            for barrel, quantity in barrels_and_quantities
        ],
        "shipping_address": address or INLINE_FR,
        "shipping_method_code": method,
        "payment_method": payment,
    }
    data.update(extra)
    return data


def snapshot(*barrels):
    """What must not change when a checkout is refused."""
    for barrel in barrels:
        barrel.refresh_from_db()
    return (
        [(b.stock_quantity, b.reserved_quantity) for b in barrels],
        Order.objects.count(),
        StockMovement.objects.count(),
        IdempotencyKey.objects.count(),
    )
