"""The seller prices a pending quote and sends it as a new, immutable version (an offer)."""

from datetime import date
from decimal import Decimal
from typing import TypedDict

from django.db import transaction
from django.utils import timezone

from catalog.models import Barrel, BarrelStatus
from commerce.models import PaymentTerms
from quotes import error_codes
from quotes.models import Quote, QuoteStatus, QuoteVersion, QuoteVersionLine
from quotes.services.holds import quote_hold_replace
from quotes.services.pricing import money, price_line, vat_for_offer
from quotes.services.shipping import freight_for
from quotes.services.transitions import check_transition, lock_quote, quote_transition
from vwb_site.exceptions import ApplicationError, ForbiddenError


class VersionLineInput(TypedDict, total=False):
    barrel: str  # slug
    quantity: int
    unit_price: Decimal | None  # default: the barrel's best B2B price for the quantity
    discount_percent: Decimal | None


def ensure_staff(actor) -> None:
    if not getattr(actor, "is_admin", False):
        raise ForbiddenError("Only the seller's staff can do this.", code=error_codes.STAFF_ONLY)


def _barrels(lines: list[VersionLineInput]) -> dict[str, Barrel]:
    slugs = [line["barrel"] for line in lines]
    barrels = {
        b.slug: b for b in Barrel.objects.filter(slug__in=slugs).prefetch_related("tier_prices")
    }
    errors = []
    seen: set[str] = set()
    for index, slug in enumerate(slugs):
        barrel = barrels.get(slug)
        field = f"lines[{index}].barrel"
        if slug in seen:
            errors.append(
                {
                    "field": field,
                    "code": error_codes.DUPLICATE_BARREL,
                    "message": f"{slug} appears twice.",
                }
            )
        elif barrel is None:
            errors.append(
                {
                    "field": field,
                    "code": error_codes.UNKNOWN_BARREL,
                    "message": f"There is no barrel {slug}.",
                }
            )
        elif barrel.status != BarrelStatus.ACTIVE:
            errors.append(
                {
                    "field": field,
                    "code": error_codes.BARREL_NOT_FOR_SALE,
                    "message": f"{barrel.name} is not for sale ({barrel.status}).",
                }
            )
        seen.add(slug)
    if errors:
        raise ApplicationError(
            "; ".join(e["message"] for e in errors), code=errors[0]["code"], errors=errors
        )
    return barrels


def _check_terms(*, quote: Quote, valid_until: date, payment_terms: str) -> None:
    if valid_until <= timezone.localdate():
        raise ApplicationError(
            "The validity date must be in the future.",
            code=error_codes.VALIDITY_IN_PAST,
            errors=[
                {
                    "field": "valid_until",
                    "code": error_codes.VALIDITY_IN_PAST,
                    "message": "Must be after today.",
                }
            ],
        )
    if payment_terms not in PaymentTerms.values:
        raise ApplicationError(
            f"Unknown payment terms {payment_terms!r}.", code="invalid_payment_terms"
        )
    if payment_terms == PaymentTerms.NET_30 and not quote.company.is_verified:
        raise ApplicationError(
            "Net 30 terms are for verified companies only.",
            code=error_codes.NET_TERMS_NOT_ALLOWED,
            errors=[
                {
                    "field": "payment_terms",
                    "code": error_codes.NET_TERMS_NOT_ALLOWED,
                    "message": f"{quote.company} is not verified.",
                }
            ],
        )


@transaction.atomic
def quote_version_send(
    *,
    quote: Quote,
    actor,
    lines: list[VersionLineInput],
    valid_until: date,
    payment_terms: str,
    freight_method_code: str = "",
    freight_amount: Decimal | None = None,
    message: str = "",
    holds_stock: bool = False,
) -> QuoteVersion:
    """Price the quote and send the offer: pending -> approved, hold stock if asked, e-mail.

    All or nothing: a refused hold (409 insufficient stock) or invalid input changes nothing.
    """
    ensure_staff(actor)
    quote = lock_quote(quote)
    check_transition(quote, QuoteStatus.APPROVED)
    if not lines:
        raise ApplicationError(
            "An offer needs at least one priced line.", code=error_codes.NO_LINES
        )
    _check_terms(quote=quote, valid_until=valid_until, payment_terms=payment_terms)
    if freight_amount is not None and Decimal(freight_amount) < 0:
        raise ApplicationError(
            "Prices cannot be negative.",
            code=error_codes.NEGATIVE_PRICE,
            errors=[
                {
                    "field": "freight.amount",
                    "code": error_codes.NEGATIVE_PRICE,
                    "message": "Must be 0 or more.",
                }
            ],
        )
    barrels = _barrels(lines)
    priced = [
        price_line(
            index=i,
            barrel=barrels[line["barrel"]],
            quantity=int(line["quantity"]),
            unit_price=line.get("unit_price"),
            discount_percent=line.get("discount_percent"),
        )
        for i, line in enumerate(lines)
    ]
    freight = freight_for(
        lines=[(p.barrel, p.quantity) for p in priced],
        country=quote.destination_country,
        postcode=quote.destination_postcode,
        method_code=freight_method_code,
        amount=money(freight_amount) if freight_amount is not None else None,
    )
    subtotal = money(sum((p.line_total for p in priced), Decimal("0")))
    vat = vat_for_offer(quote=quote, lines=priced, freight=freight.amount)
    net_total = subtotal + freight.amount
    version = QuoteVersion.objects.create(
        quote=quote,
        number=quote.versions.count() + 1,
        currency=quote.currency,
        lines_subtotal=subtotal,
        freight_method_code=freight.method_code,
        freight_name=freight.name,
        freight_rate_price=freight.rate_price,
        freight_amount=freight.amount,
        freight_overridden=freight.overridden,
        freight_details=freight.details,
        net_total=net_total,
        vat_rate=vat.rate,
        vat_amount=vat.amount,
        vat_treatment=vat.treatment,
        vat_country=vat.country,
        vat_wording=vat.wording,
        vat_breakdown=vat.breakdown,
        total=net_total + vat.amount,
        valid_until=valid_until,
        payment_terms=payment_terms,
        message=message.strip(),
        holds_stock=holds_stock,
        created_by=actor,
    )
    QuoteVersionLine.objects.bulk_create(
        [
            QuoteVersionLine(
                version=version,
                position=i,
                barrel=p.barrel,
                sku=p.barrel.sku,
                description=p.barrel.name,
                quantity=p.quantity,
                list_unit_price=p.list_unit_price,
                unit_price=p.unit_price,
                discount_percent=p.discount_percent,
                net_unit_price=p.net_unit_price,
                line_total=p.line_total,
            )
            for i, p in enumerate(priced, start=1)
        ]
    )
    quote_hold_replace(quote=quote, version=version, actor=actor)
    quote.current_version = version
    quote.quoted_price = version.total
    quote.save(update_fields=["current_version", "quoted_price", "updated_at"])
    quote_transition(
        quote=quote,
        to_status=QuoteStatus.APPROVED,
        actor=actor,
        note=f"Version {version.number} sent: {version.total} {version.currency}, "
        f"valid until {valid_until:%Y-%m-%d}.",
    )
    return version
