"""A verified B2B buyer asks for a quote."""

from datetime import date
from typing import TypedDict

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from accounts.models import Role
from catalog.models import Barrel, BarrelStatus
from quotes import error_codes
from quotes.models import Quote, QuoteNumberCounter, QuoteStatus, QuoteStatusHistory
from quotes.services import notifications
from quotes.services.shipping import check_destination
from vwb_site.exceptions import ApplicationError, ForbiddenError


class RequestedLine(TypedDict):
    barrel: str  # slug
    quantity: int


def ensure_can_request_quotes(user) -> None:
    """Quotes are for verified B2B companies: say clearly why anyone else is refused."""
    if not user.is_authenticated or user.role != Role.B2B:
        raise ForbiddenError(
            "Quotes are available to business (B2B) accounts only. Register your company to "
            "request a quote.",
            code=error_codes.B2B_ONLY,
        )
    if user.company_id is None or not user.company.is_verified:
        raise ForbiddenError(
            "Your company has not been verified yet. Quotes open once an administrator has "
            "verified your company details.",
            code=error_codes.B2B_NOT_VERIFIED,
        )


def next_quote_number(*, year: int) -> str:
    """Q-YYYY-NNNNNN, gap-free per year: the counter row stays locked until commit."""
    QuoteNumberCounter.objects.bulk_create([QuoteNumberCounter(year=year)], ignore_conflicts=True)
    QuoteNumberCounter.objects.filter(year=year).update(last=F("last") + 1)
    last = QuoteNumberCounter.objects.values_list("last", flat=True).get(year=year)
    return f"Q-{year}-{last:06d}"


def _resolve_lines(lines: list[RequestedLine]) -> list[dict]:
    slugs = [line["barrel"] for line in lines]
    errors = []
    seen: set[str] = set()
    for index, slug in enumerate(slugs):
        if slug in seen:
            errors.append(
                {
                    "field": f"items[{index}].barrel",
                    "code": error_codes.DUPLICATE_BARREL,
                    "message": f"{slug} is listed twice; give one line per barrel.",
                }
            )
        seen.add(slug)
    if errors:
        raise ApplicationError(
            "Each barrel may appear once in a request.",
            code=error_codes.DUPLICATE_BARREL,
            errors=errors,
        )
    barrels = {b.slug: b for b in Barrel.objects.filter(slug__in=slugs)}
    for index, slug in enumerate(slugs):
        barrel = barrels.get(slug)
        if barrel is None:
            errors.append(
                {
                    "field": f"items[{index}].barrel",
                    "code": error_codes.UNKNOWN_BARREL,
                    "message": f"There is no barrel {slug}.",
                }
            )
        elif barrel.status != BarrelStatus.ACTIVE:
            errors.append(
                {
                    "field": f"items[{index}].barrel",
                    "code": error_codes.BARREL_NOT_FOR_SALE,
                    "message": f"{barrel.name} is not for sale ({barrel.status}).",
                }
            )
    if errors:
        code = (
            errors[0]["code"]
            if len({e["code"] for e in errors}) == 1
            else error_codes.UNKNOWN_BARREL
        )
        raise ApplicationError(
            "Some requested barrels are unknown or not for sale: "
            + "; ".join(e["message"] for e in errors),
            code=code,
            errors=errors,
        )
    return [
        {
            "barrel": slug,
            "barrel_id": barrels[slug].id,
            "sku": barrels[slug].sku,
            "name": barrels[slug].name,
            "quantity": int(line["quantity"]),
        }
        for slug, line in zip(slugs, lines, strict=True)
    ]


@transaction.atomic
def quote_request_create(
    *,
    user,
    items: list[RequestedLine],
    text: str = "",
    destination_country: str,
    destination_postcode: str = "",
    desired_delivery_date: date | None = None,
    notes: str = "",
) -> Quote:
    """Create a pending quote from a buyer's request; staff and buyer are e-mailed after commit."""
    ensure_can_request_quotes(user)
    text = (text or "").strip()
    if not items and not text:
        raise ApplicationError(
            "Say what you need: list barrels and quantities, or describe the request in text.",
            code=error_codes.EMPTY_REQUEST,
        )
    for index, line in enumerate(items):
        quantity = line.get("quantity")
        if not isinstance(quantity, int) or isinstance(quantity, bool) or quantity < 1:
            raise ApplicationError(
                "Quantities must be whole numbers of at least 1.",
                code="invalid_quantity",
                errors=[
                    {
                        "field": f"items[{index}].quantity",
                        "code": "invalid_quantity",
                        "message": "Must be at least 1.",
                    }
                ],
            )
    if desired_delivery_date is not None and desired_delivery_date < timezone.localdate():
        raise ApplicationError(
            "The desired delivery date is in the past.",
            code="invalid_delivery_date",
            errors=[
                {
                    "field": "desired_delivery_date",
                    "code": "invalid_delivery_date",
                    "message": "Must be today or later.",
                }
            ],
        )
    resolved = _resolve_lines(items)
    country, postcode = check_destination(
        country=destination_country, postcode=destination_postcode
    )
    quote = Quote.objects.create(
        number=next_quote_number(year=timezone.now().year),
        user=user,
        company=user.company,
        status=QuoteStatus.PENDING,
        requested_items={"lines": resolved, "text": text},
        destination_country=country,
        destination_postcode=postcode,
        desired_delivery_date=desired_delivery_date,
        notes=notes.strip(),
    )
    QuoteStatusHistory.objects.create(
        quote=quote,
        actor=user,
        from_status="",
        to_status=QuoteStatus.PENDING,
        note="Quote requested.",
    )
    for audience in ("staff", "buyer"):
        notifications.notify(
            quote_id=quote.pk, kind="request_received", audience=audience, ref="new"
        )
    return quote
