"""What each document shows, as plain data (amounts already computed and rounded)."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class Party:
    name: str
    address_lines: tuple[str, ...] = ()
    vat_number: str = ""
    eori: str = ""
    registration: str = ""  # company register entry (e.g. RCS, SIRET)
    email: str = ""
    phone: str = ""


@dataclass(frozen=True)
class DocumentLine:
    description: str
    sku: str
    quantity: int
    unit_price: Decimal = Decimal("0.00")
    total: Decimal = Decimal("0.00")
    vat_rate: Decimal | None = None
    hs_code: str = ""
    origin_country: str = ""
    volume_liters: int = 0
    height_cm: Decimal = Decimal("0")
    diameter_cm: Decimal = Decimal("0")
    unit_weight_kg: Decimal = Decimal("0")

    @property
    def net_weight_kg(self) -> Decimal:
        return self.unit_weight_kg * self.quantity


@dataclass(frozen=True)
class VatLine:
    label: str  # e.g. "VAT 20 %" or "VAT 0 % (export)"
    rate: Decimal  # percent
    base: Decimal
    amount: Decimal


@dataclass(frozen=True)
class InvoiceData:
    number: str
    issued_on: datetime.date
    order_number: str
    seller: Party
    buyer: Party
    ship_to: Party
    currency: str
    lines: tuple[DocumentLine, ...]
    shipping_label: str
    shipping_amount: Decimal
    vat_lines: tuple[VatLine, ...]
    subtotal: Decimal  # goods + shipping, excluding VAT
    vat_total: Decimal
    total: Decimal
    legal_notes: tuple[str, ...] = ()
    payment_note: str = ""
    discount_amount: Decimal = Decimal("0.00")


@dataclass(frozen=True)
class PalletSummary:
    index: int
    contents: tuple[tuple[str, int], ...]  # (sku / description, count)
    net_weight_kg: Decimal
    gross_weight_kg: Decimal


@dataclass(frozen=True)
class PackingListData:
    number: str
    issued_on: datetime.date
    order_number: str
    seller: Party
    ship_to: Party
    lines: tuple[DocumentLine, ...]
    pallets: tuple[PalletSummary, ...]
    shipping_method: str
    carrier: str = ""
    tracking_number: str = ""
    required_documents: tuple[str, ...] = ()

    @property
    def barrel_count(self) -> int:
        return sum(line.quantity for line in self.lines)

    @property
    def net_weight_kg(self) -> Decimal:
        return sum((p.net_weight_kg for p in self.pallets), Decimal("0"))

    @property
    def gross_weight_kg(self) -> Decimal:
        return sum((p.gross_weight_kg for p in self.pallets), Decimal("0"))


@dataclass(frozen=True)
class CommercialInvoiceData:
    number: str
    issued_on: datetime.date
    order_number: str
    invoice_number: str
    seller: Party
    buyer: Party
    ship_to: Party
    currency: str
    incoterm: str
    lines: tuple[DocumentLine, ...]
    shipping_amount: Decimal
    goods_total: Decimal
    total: Decimal
    net_weight_kg: Decimal
    gross_weight_kg: Decimal
    packages: int  # pallets
    package_kind: str = "pallets"
    reason_for_export: str = "Sale"
    declaration: str = ""
    notes: tuple[str, ...] = field(default_factory=tuple)
