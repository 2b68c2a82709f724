"""Prices of an offer: lines with discounts, freight, VAT as orders compute it, totals."""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from catalog.models import Barrel
from commerce.tax.services import tax_compute, tax_decide
from quotes import error_codes
from vwb_site.core.money import CENT, money
from vwb_site.exceptions import ApplicationError

HUNDRED = Decimal("100")


@dataclass(frozen=True)
class PricedLine:
    barrel: Barrel
    quantity: int
    list_unit_price: Decimal
    unit_price: Decimal
    discount_percent: Decimal
    net_unit_price: Decimal
    line_total: Decimal


SHIPPING_LABEL = "shipping"  # the label orders give the freight line


@dataclass(frozen=True)
class Vat:
    treatment: str
    country: str
    rate: Decimal
    amount: Decimal
    wording: str
    breakdown: list = field(default_factory=list)


def price_line(
    *,
    index: int,
    barrel,
    quantity: int,
    unit_price: Decimal | None,
    discount_percent: Decimal | None,
) -> PricedLine:
    """One offer line. Without a unit price, the barrel's best B2B (tier) price is used."""
    list_price = barrel.unit_price_for(quantity=quantity, b2b_verified=True)
    unit = money(list_price if unit_price is None else Decimal(unit_price))
    discount = Decimal(discount_percent or 0)
    if unit < 0:
        raise ApplicationError(
            "Prices cannot be negative.",
            code=error_codes.NEGATIVE_PRICE,
            errors=[
                {
                    "field": f"lines[{index}].unit_price",
                    "code": error_codes.NEGATIVE_PRICE,
                    "message": "Must be 0 or more.",
                }
            ],
        )
    if discount < 0 or discount > HUNDRED:
        raise ApplicationError(
            "Discounts are percentages from 0 to 100.",
            code=error_codes.INVALID_DISCOUNT,
            errors=[
                {
                    "field": f"lines[{index}].discount_percent",
                    "code": error_codes.INVALID_DISCOUNT,
                    "message": "Must be from 0 to 100.",
                }
            ],
        )
    discount = discount.quantize(CENT, rounding=ROUND_HALF_UP)
    net_unit = money(unit * (HUNDRED - discount) / HUNDRED)
    return PricedLine(
        barrel=barrel,
        quantity=quantity,
        list_unit_price=money(list_price),
        unit_price=unit,
        discount_percent=discount,
        net_unit_price=net_unit,
        line_total=money(net_unit * quantity),
    )


def vat_for_offer(*, quote, lines: list[PricedLine], freight: Decimal) -> Vat:
    """VAT on the lines and freight, decided and computed by the orders app's tax service.

    The same regime, rate, per-line rounding and legal wording an order for this buyer and
    destination gets, so the order created on acceptance carries exactly the quoted VAT.
    """
    decision = tax_decide(destination_country=quote.destination_country, user=quote.user)
    computation = tax_compute(
        decision=decision,
        lines=[(line.barrel.sku, line.line_total) for line in lines] + [(SHIPPING_LABEL, freight)],
    )
    return Vat(
        treatment=decision.regime,
        country=decision.country,
        rate=decision.rate,
        amount=money(computation.total),
        wording=decision.legal_text,
        breakdown=computation.breakdown(),
    )
