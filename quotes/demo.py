"""Demo quotes for `make run` (local mode only): one waiting for the seller, one with an offer.

Idempotent: both are created together, only while the demo buyer has no quote (notes are
encrypted at rest, so they cannot be looked up by value). Uses the demo B2B buyer and admin of
accounts/demo.py and the catalog's demo barrels (loaded before this app).
"""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from accounts.demo import ADMIN_EMAIL, B2B_EMAIL
from accounts.models import User
from catalog.models import Barrel, BarrelStatus
from quotes.models import Quote
from quotes.services.requests import quote_request_create
from quotes.services.versions import quote_version_send

PENDING_NOTE = "Demo: waiting for the seller."
APPROVED_NOTE = "Demo: offer sent."


def load(*, stdout) -> list[str]:
    buyer = User.objects.filter(email__iexact=B2B_EMAIL).first()
    admin = User.objects.filter(email__iexact=ADMIN_EMAIL).first()
    barrels = list(
        Barrel.objects.filter(status=BarrelStatus.ACTIVE, stock_quantity__gte=3).order_by("id")[:2]
    )
    if buyer is None or admin is None or not barrels or not buyer.is_verified_b2b:
        return ["Quotes: skipped (no demo B2B buyer, admin or barrels)."]
    country = buyer.company.country
    postcode = buyer.company.zip_code
    if Quote.objects.filter(user=buyer).exists():
        return _summary(buyer)
    quote_request_create(
        user=buyer,
        items=[{"barrel": barrels[0].slug, "quantity": 2}],
        text="Also looking for 40 ex-bourbon barrels, 200 L, for delivery in March.",
        destination_country=country,
        destination_postcode=postcode,
        desired_delivery_date=timezone.localdate() + timedelta(days=60),
        notes=PENDING_NOTE,
    )
    barrel = barrels[-1]
    quote = quote_request_create(
        user=buyer,
        items=[{"barrel": barrel.slug, "quantity": 3}],
        destination_country=country,
        destination_postcode=postcode,
        notes=APPROVED_NOTE,
    )
    quote_version_send(
        quote=quote,
        actor=admin,
        lines=[
            {
                "barrel": barrel.slug,
                "quantity": 3,
                "unit_price": None,
                "discount_percent": Decimal("7.5"),
            }
        ],
        valid_until=timezone.localdate() + timedelta(days=14),
        payment_terms="bank_transfer",
        message="Held for you for two weeks.",
        holds_stock=True,
    )
    return _summary(buyer)


def _summary(buyer) -> list[str]:
    numbers = ", ".join(
        Quote.objects.filter(user=buyer).order_by("number").values_list("number", flat=True)
    )
    return [
        f"Quotes: {numbers} for {B2B_EMAIL} (one pending, one with an offer); "
        "staff queue at /admin/quotes/"
    ]
