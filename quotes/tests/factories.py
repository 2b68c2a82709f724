from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from quotes.services.requests import quote_request_create
from quotes.services.versions import quote_version_send


def request_quote(
    *, user, barrel, quantity: int = 2, country: str = "FR", postcode: str = "33000", text: str = ""
):
    """A pending quote asked for through the real service (numbers, history, e-mails)."""
    return quote_request_create(
        user=user,
        items=[{"barrel": barrel.slug, "quantity": quantity}],
        text=text,
        destination_country=country,
        destination_postcode=postcode,
        desired_delivery_date=timezone.localdate() + timedelta(days=30),
        notes="Dock 4.",
    )


def send_offer(
    *,
    quote,
    admin,
    barrel,
    quantity: int = 2,
    unit_price="250.00",
    discount="10",
    freight="120.00",
    days: int = 14,
    terms: str = "bank_transfer",
    holds_stock: bool = False,
    message: str = "Our best price.",
):
    return quote_version_send(
        quote=quote,
        actor=admin,
        lines=[
            {
                "barrel": barrel.slug,
                "quantity": quantity,
                "unit_price": Decimal(unit_price) if unit_price is not None else None,
                "discount_percent": Decimal(discount) if discount is not None else None,
            }
        ],
        valid_until=timezone.localdate() + timedelta(days=days),
        payment_terms=terms,
        freight_amount=Decimal(freight) if freight is not None else None,
        message=message,
        holds_stock=holds_stock,
    )
