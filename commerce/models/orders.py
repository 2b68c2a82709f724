"""Commerce models: orders, their lines, status history and checkout idempotency keys.

An order copies everything it depends on (addresses, prices, names, tax regime and rates,
shipping option), so later edits of an address, a barrel or a VAT rate never alter it.
"""

import uuid
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q

from catalog.models import Barrel
from vwb_site.core.crypto import JSONWithEncryptedKeysField

__all__ = [
    "TRANSITIONS",
    "IdempotencyKey",
    "Order",
    "OrderLine",
    "OrderNumberCounter",
    "OrderStatus",
    "OrderStatusHistory",
    "PaymentMethod",
    "PaymentTerms",
    "TaxRegime",
    "VatRateTotal",
]


class OrderStatus(models.TextChoices):
    PENDING = "pending", "Pending payment"
    PROCESSING = "processing", "Processing (paid)"
    SHIPPED = "shipped", "Shipped"
    DELIVERED = "delivered", "Delivered"
    CANCELLED = "cancelled", "Cancelled"


# The only status changes there are. `commerce.orders.services.order_transition` enforces it.
# Keys of the address snapshots stored encrypted (as the user's and the address book's phones).
SNAPSHOT_ENCRYPTED_KEYS = ("phone",)

TRANSITIONS: dict[str, tuple[str, ...]] = {
    OrderStatus.PENDING: (OrderStatus.PROCESSING, OrderStatus.CANCELLED),
    OrderStatus.PROCESSING: (OrderStatus.SHIPPED, OrderStatus.CANCELLED),
    OrderStatus.SHIPPED: (OrderStatus.DELIVERED,),
    OrderStatus.DELIVERED: (),
    OrderStatus.CANCELLED: (),
}


class PaymentMethod(models.TextChoices):
    CARD = "card", "Card (Stripe)"
    BANK_TRANSFER = "bank_transfer", "Bank transfer"
    PAYPAL = "paypal", "PayPal"


class PaymentTerms(models.TextChoices):
    """When and how an agreed order (a B2B quote accepted, say) is paid. Commerce owns it:
    `quotes` stores it on its versions and imports it from here."""

    CARD = "card", "Card payment before shipping"
    BANK_TRANSFER = "bank_transfer", "Bank transfer before shipping"
    NET_30 = "net_30", "Net 30 days from invoice"

    @property
    def payment_method(self) -> str:
        """How the order is paid: net 30 is paid by bank transfer, after shipping."""
        return PaymentMethod.CARD if self is PaymentTerms.CARD else PaymentMethod.BANK_TRANSFER

    @property
    def ships_before_payment(self) -> bool:
        return self is PaymentTerms.NET_30


class TaxRegime(models.TextChoices):
    DOMESTIC = "domestic", "Domestic sale (seller's country rate)"
    OSS_DESTINATION = "oss_destination", "EU distance sale (destination rate, OSS)"
    REVERSE_CHARGE = "reverse_charge", "Intra-EU B2B supply (reverse charge)"
    EXPORT = "export", "Export outside the EU (zero-rated)"


@dataclass(frozen=True)
class VatRateTotal:
    """The VAT of an order at one rate: taxable base and VAT, summed over its lines."""

    label: str  # "VAT 20 %", "VAT 0 % (reverse charge)"
    rate: Decimal  # percent
    base: Decimal
    amount: Decimal


class OrderNumberCounter(models.Model):
    """One row per year; the last number handed out (locked while a number is taken)."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last_value = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last_value}"


class Order(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    number = models.CharField(max_length=20, unique=True, help_text="VWB-YYYY-NNNNNN")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="orders"
    )
    status = models.CharField(
        max_length=12, choices=OrderStatus.choices, default=OrderStatus.PENDING
    )
    order_date = models.DateTimeField(auto_now_add=True, db_index=True)
    status_changed_at = models.DateTimeField(auto_now_add=True)
    # Who bought, as at purchase time.
    customer_email = models.EmailField()
    customer_type = models.CharField(max_length=3, help_text="b2b or b2c at purchase time.")
    buyer_vat_number = models.CharField(max_length=20, blank=True)
    # Money (prices are net of VAT; total = subtotal + shipping + tax).
    currency = models.CharField(max_length=3, default="EUR")
    subtotal = models.DecimalField(max_digits=12, decimal_places=2)
    shipping_amount = models.DecimalField(max_digits=12, decimal_places=2)
    tax_amount = models.DecimalField(max_digits=12, decimal_places=2)
    total_amount = models.DecimalField(max_digits=12, decimal_places=2)
    # Tax as computed at purchase time.
    tax_regime = models.CharField(max_length=20, choices=TaxRegime.choices)
    tax_country = models.CharField(max_length=2, help_text="Country whose VAT applies.")
    tax_rate = models.DecimalField(max_digits=5, decimal_places=2, help_text="Percent.")
    tax_legal_text = models.CharField(max_length=500, blank=True)
    tax_breakdown = models.JSONField(default=list, help_text="[{label, base, rate, amount}]")
    # Addresses copied at purchase time; the phone numbers are encrypted at rest.
    shipping_address = JSONWithEncryptedKeysField(encrypted_keys=SNAPSHOT_ENCRYPTED_KEYS)
    billing_address = JSONWithEncryptedKeysField(encrypted_keys=SNAPSHOT_ENCRYPTED_KEYS)
    # Shipping option chosen (priced by commerce.shipping at purchase time).
    shipping_method_code = models.CharField(max_length=40)
    shipping_method_name = models.CharField(max_length=120)
    shipping_pallets = models.PositiveIntegerField(default=0)
    shipping_weight_kg = models.DecimalField(max_digits=10, decimal_places=2, default=Decimal(0))
    shipping_transit_days_min = models.PositiveSmallIntegerField(null=True, blank=True)
    shipping_transit_days_max = models.PositiveSmallIntegerField(null=True, blank=True)
    shipping_quote = models.JSONField(
        default=dict,
        blank=True,
        help_text="A live carrier rate chosen at checkout: carrier, service, rate and shipment "
        "ids, price in the carrier's currency, exchange rate used, validity.",
    )
    # Payment.
    payment_method = models.CharField(max_length=16, choices=PaymentMethod.choices)
    payment_reference = models.CharField(
        max_length=40, blank=True, help_text="Reference a bank transfer must quote."
    )
    amount_captured = models.DecimalField(max_digits=12, decimal_places=2, default=Decimal(0))
    amount_refunded = models.DecimalField(max_digits=12, decimal_places=2, default=Decimal(0))
    expires_at = models.DateTimeField(
        null=True, blank=True, help_text="An unpaid order is cancelled after this time."
    )
    paid_at = models.DateTimeField(null=True, blank=True)
    shipped_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-order_date", "-number"]
        indexes = [
            models.Index(fields=["user", "-order_date"]),
            models.Index(fields=["status", "-order_date"]),
            models.Index(
                fields=["expires_at"],
                name="commerce_order_pending_expiry",
                condition=Q(status="pending"),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_refunded__lte=models.F("amount_captured")),
                name="commerce_order_refunded_lte_captured",
            ),
            models.CheckConstraint(
                condition=Q(subtotal__gte=0, shipping_amount__gte=0, tax_amount__gte=0),
                name="commerce_order_amounts_gte_0",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def allowed_transitions(self) -> tuple[str, ...]:
        return TRANSITIONS.get(self.status, ())

    def can_transition_to(self, status: str) -> bool:
        return status in self.allowed_transitions

    @property
    def is_paid(self) -> bool:
        return self.amount_captured >= self.total_amount > 0

    @property
    def amount_due(self) -> Decimal:
        return max(self.total_amount - self.amount_captured, Decimal("0.00"))

    @property
    def refundable_amount(self) -> Decimal:
        return self.amount_captured - self.amount_refunded

    def vat_by_rate(self) -> list[VatRateTotal]:
        """The VAT breakdown per rate (as an invoice states it), highest rate first, from the
        per-line rows of `tax_breakdown` ({label, base, rate, amount})."""
        sums: dict[Decimal, list[Decimal]] = {}
        for row in self.tax_breakdown or []:
            rate = Decimal(str(row.get("rate", "0"))).normalize()
            base, vat = sums.setdefault(rate, [Decimal("0.00"), Decimal("0.00")])
            sums[rate] = [
                base + Decimal(str(row.get("base", "0"))),
                vat + Decimal(str(row.get("amount", "0"))),
            ]
        zero_note = {
            TaxRegime.REVERSE_CHARGE: " (reverse charge)",
            TaxRegime.EXPORT: " (export)",
        }.get(self.tax_regime, "")
        return [
            VatRateTotal(
                label=f"VAT {rate:f} %" + (zero_note if rate == 0 else ""),
                rate=rate,
                base=base,
                amount=amount,
            )
            for rate, (base, amount) in sorted(sums.items(), reverse=True)
        ]


class OrderLine(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    barrel = models.ForeignKey(Barrel, on_delete=models.PROTECT, related_name="+")
    sku = models.CharField(max_length=32)
    name = models.CharField(max_length=200)
    quantity = models.PositiveIntegerField()
    unit_price = models.DecimalField(
        "price at purchase",
        max_digits=12,
        decimal_places=2,
        help_text="Net unit price the buyer paid (tier price for verified B2B buyers).",
    )
    line_total = models.DecimalField(max_digits=12, decimal_places=2)
    tax_rate = models.DecimalField(max_digits=5, decimal_places=2)
    tax_amount = models.DecimalField(max_digits=12, decimal_places=2)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="commerce_line_qty_gt_0"),
            models.UniqueConstraint(fields=["order", "barrel"], name="commerce_line_unique_barrel"),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} × {self.name}"


class OrderStatusHistory(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="history")
    from_status = models.CharField(max_length=12, blank=True)
    to_status = models.CharField(max_length=12, choices=OrderStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name_plural = "order status history"

    def __str__(self) -> str:
        return f"{self.order_id}: {self.from_status or '-'} -> {self.to_status}"


class IdempotencyKey(models.Model):
    """A checkout request's Idempotency-Key: the same key and body return the same order."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=255)
    request_hash = models.CharField(max_length=64)
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="commerce_idempotency_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id}:{self.key}"
