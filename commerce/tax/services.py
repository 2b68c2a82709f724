"""VAT for a sale: which regime applies, at which rate, with which legal wording, and the amounts.

Prices in the catalog and shipping prices are net of VAT. The rules (seller in SELLER_COUNTRY):

- destination == seller country: `domestic`, home rate (consumers and businesses alike);
- destination in another EU state, buyer a verified business with an EU VAT number of another
  member state: `reverse_charge`, 0 %, the customer accounts for the VAT (Art. 138 and 196 of
  Directive 2006/112/EC); its VAT number is printed with the wording;
- destination in another EU state otherwise: `oss_destination`, the destination's rate (One-Stop
  Shop distance sale);
- destination outside the EU: `export`, 0 % (Art. 146 of Directive 2006/112/EC).

Shipping follows the goods (same regime and rate). VAT is rounded per line, half up, to the cent;
the order's tax is the sum of the rounded lines.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db import transaction

from accounts.audit.services import audit_record, diff, snapshot
from commerce import error_codes
from commerce.config_cache import config_cached
from commerce.models import TaxRegime, VatRate
from vwb_site.core.countries import is_eu
from vwb_site.core.money import money
from vwb_site.exceptions import UnprocessableError

ZERO = Decimal("0.00")

LEGAL_TEXT = {
    TaxRegime.DOMESTIC: "",
    TaxRegime.OSS_DESTINATION: (
        "VAT charged at the rate of the country of destination ({country}) and declared "
        "through the One-Stop Shop (Art. 33 and 369a-369k of Directive 2006/112/EC)."
    ),
    TaxRegime.REVERSE_CHARGE: (
        "VAT exempt intra-Community supply (Art. 138 of Directive 2006/112/EC). Reverse "
        "charge: VAT to be accounted for by the customer (Art. 196). Customer VAT number: "
        "{vat_number}."
    ),
    TaxRegime.EXPORT: (
        "VAT exempt export of goods outside the European Union (Art. 146 of Directive 2006/112/EC)."
    ),
}

# VAT number prefixes that differ from the ISO country code.
_VAT_PREFIX_COUNTRY = {"EL": "GR"}


def vat_of(base: Decimal, rate: Decimal) -> Decimal:
    """VAT on a net amount at `rate` percent, rounded half up to the cent."""
    return money(Decimal(base) * Decimal(rate) / Decimal(100))


@dataclass(frozen=True)
class TaxDecision:
    regime: str
    country: str  # whose VAT applies (seller's for domestic/exports, destination's for OSS)
    rate: Decimal  # percent
    legal_text: str


@dataclass(frozen=True)
class TaxedLine:
    label: str
    base: Decimal
    rate: Decimal
    amount: Decimal


@dataclass
class TaxComputation:
    decision: TaxDecision
    lines: list[TaxedLine] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines), ZERO)

    def breakdown(self) -> list[dict[str, str]]:
        return [
            {
                "label": line.label,
                "base": str(line.base),
                "rate": str(line.rate),
                "amount": str(line.amount),
            }
            for line in self.lines
        ]


def vat_number_country(vat_number: str) -> str:
    prefix = (vat_number or "")[:2].upper()
    return _VAT_PREFIX_COUNTRY.get(prefix, prefix)


def vat_rate_for(country: str) -> Decimal:
    rate = config_cached(
        "vat-rate",
        country,
        compute=lambda: (
            VatRate.objects.filter(country=country).values_list("standard_rate", flat=True).first()
        ),
    )
    if rate is None:
        raise UnprocessableError(
            f"No VAT rate is configured for {country}; an administrator must add it.",
            code=error_codes.VAT_RATE_MISSING,
        )
    return rate


def tax_decide(*, destination_country: str, user) -> TaxDecision:
    """The VAT regime, rate and wording of a sale shipped to `destination_country` for `user`."""
    seller = settings.SELLER_COUNTRY
    if destination_country == seller:
        return TaxDecision(TaxRegime.DOMESTIC, seller, vat_rate_for(seller), "")
    if not is_eu(destination_country):
        return TaxDecision(TaxRegime.EXPORT, seller, Decimal("0.00"), LEGAL_TEXT[TaxRegime.EXPORT])
    vat_number = ""
    if user is not None and user.is_verified_b2b:
        vat_number = (user.company.vat_number or "").replace(" ", "").upper()
    vat_country = vat_number_country(vat_number)
    if vat_number and is_eu(vat_country) and vat_country != seller:
        return TaxDecision(
            TaxRegime.REVERSE_CHARGE,
            destination_country,
            Decimal("0.00"),
            LEGAL_TEXT[TaxRegime.REVERSE_CHARGE].format(vat_number=vat_number),
        )
    return TaxDecision(
        TaxRegime.OSS_DESTINATION,
        destination_country,
        vat_rate_for(destination_country),
        LEGAL_TEXT[TaxRegime.OSS_DESTINATION].format(country=destination_country),
    )


def tax_compute(*, decision: TaxDecision, lines: Sequence[tuple[str, Decimal]]) -> TaxComputation:
    """VAT of each (label, net amount) line at the decided rate, rounded per line."""
    computation = TaxComputation(decision=decision)
    for label, base in lines:
        computation.lines.append(
            TaxedLine(
                label=label,
                base=money(base),
                rate=decision.rate,
                amount=vat_of(base, decision.rate),
            )
        )
    return computation


VAT_AUDITED_FIELDS = ["country", "standard_rate", "note"]


@transaction.atomic
def vat_rate_save(*, rate: VatRate, actor) -> VatRate:
    """Save a VAT rate edited by staff (the Wagtail admin's form) and record who changed what,
    from what to what, in the audit log. Orders keep the rate they were placed with."""
    before_row = VatRate.objects.select_for_update().filter(pk=rate.pk).first() if rate.pk else None
    before = snapshot(before_row, VAT_AUDITED_FIELDS) if before_row else {}
    rate.save()
    audit_record(
        actor=actor,
        action="vat_rate.update" if before_row else "vat_rate.create",
        target=rate,
        changes=diff(before, snapshot(rate, VAT_AUDITED_FIELDS)),
    )
    return rate


@transaction.atomic
def vat_rate_delete(*, rate: VatRate, actor) -> None:
    locked = VatRate.objects.select_for_update().get(pk=rate.pk)
    audit_record(
        actor=actor,
        action="vat_rate.delete",
        target=locked,
        changes=diff(snapshot(locked, VAT_AUDITED_FIELDS), {}),
    )
    locked.delete()
