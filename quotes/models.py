"""B2B quotes: a buyer's request, the seller's priced versions, the thread and the history.

A quote's status changes only in `quotes.services.transitions.quote_transition`, which checks
`TRANSITIONS`. A `QuoteVersion` (an offer) is written once by `quote_version_send` and never
edited; `Quote.quoted_price` mirrors the total of the current version.
"""

import uuid
from datetime import UTC, datetime, time, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q

from accounts.models import Company
from catalog.models import Barrel
from commerce.models import Order, PaymentTerms  # commerce owns the terms an order is paid on
from vwb_site.core.countries import CountryField
from vwb_site.core.crypto import EncryptedTextField


class QuoteStatus(models.TextChoices):
    PENDING = "pending", "Pending (awaiting the seller)"
    APPROVED = "approved", "Approved (offer sent)"
    ACCEPTED = "accepted", "Accepted (order created)"
    REJECTED = "rejected", "Rejected"
    EXPIRED = "expired", "Expired"
    CANCELLED = "cancelled", "Cancelled by the buyer"


S = QuoteStatus

# Every allowed change of status, and nothing else.
TRANSITIONS: dict[str, frozenset[str]] = {
    S.PENDING: frozenset({S.APPROVED, S.REJECTED, S.CANCELLED}),
    S.APPROVED: frozenset({S.ACCEPTED, S.REJECTED, S.PENDING, S.EXPIRED}),
    S.ACCEPTED: frozenset(),
    S.REJECTED: frozenset(),
    S.EXPIRED: frozenset(),
    S.CANCELLED: frozenset(),
}

# The name of each transition as the API and the admin show it (from, to) -> action.
ACTIONS: dict[tuple[str, str], str] = {
    (S.PENDING, S.APPROVED): "send_version",
    (S.PENDING, S.REJECTED): "reject",
    (S.PENDING, S.CANCELLED): "cancel",
    (S.APPROVED, S.ACCEPTED): "accept",
    (S.APPROVED, S.REJECTED): "decline",  # by the buyer; the seller may also withdraw (reject)
    (S.APPROVED, S.PENDING): "request_changes",
    (S.APPROVED, S.EXPIRED): "expire",
}
BUYER_ACTIONS = frozenset({"cancel", "accept", "decline", "request_changes"})
STAFF_ACTIONS = frozenset({"send_version", "reject"})


class QuoteNumberCounter(models.Model):
    """The last quote number issued in a year (Q-YYYY-NNNNNN), locked while a number is taken."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


class QuoteQuerySet(models.QuerySet):
    def for_user(self, user):
        if getattr(user, "is_admin", False):
            return self
        if not user.is_authenticated or user.company_id is None:
            return self.none()
        return self.filter(company_id=user.company_id)


class Quote(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    number = models.CharField(max_length=20, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="quotes",
        help_text="The buyer who asked for the quote.",
    )
    company = models.ForeignKey(Company, on_delete=models.PROTECT, related_name="quotes")
    request_date = models.DateTimeField(auto_now_add=True, db_index=True)
    status = models.CharField(
        max_length=10, choices=QuoteStatus.choices, default=QuoteStatus.PENDING
    )
    # {"lines": [{"barrel": slug, "barrel_id": id, "name": str, "quantity": int}], "text": str}
    requested_items = models.JSONField(default=dict)
    destination_country = CountryField()
    destination_postcode = models.CharField(max_length=20, blank=True)
    desired_delivery_date = models.DateField(null=True, blank=True)
    notes = EncryptedTextField(blank=True)  # the buyer's free text: encrypted at rest
    quoted_price = models.DecimalField(
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Total (VAT included) of the current version.",
    )
    currency = models.CharField(max_length=3, default="EUR")
    current_version = models.ForeignKey(
        "quotes.QuoteVersion",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    order = models.OneToOneField(
        Order,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="quote",
        help_text="The order created on acceptance.",
    )
    order_number = models.CharField(max_length=32, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = QuoteQuerySet.as_manager()

    class Meta:
        ordering = ["-request_date", "-number"]
        indexes = [models.Index(fields=["status", "-request_date"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(quoted_price__gte=0) | Q(quoted_price=None),
                name="quotes_quote_price_gte_0",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def is_open(self) -> bool:
        return bool(TRANSITIONS[self.status])

    def allowed_transitions(self) -> list[str]:
        return sorted(TRANSITIONS[self.status])

    def allowed_actions(self, user) -> list[str]:
        """The actions this user may take now (what the frontend and admin show as buttons)."""
        names = {ACTIONS[(self.status, to)] for to in TRANSITIONS[self.status]} - {"expire"}
        allowed = set()
        staff = getattr(user, "is_admin", False)
        buyer = getattr(user, "company_id", None) is not None and user.company_id == self.company_id
        if staff:
            allowed |= names & STAFF_ACTIONS
            if "decline" in names:
                allowed.add("reject")  # the seller withdraws an offer
        if buyer:
            allowed |= names & BUYER_ACTIONS
        if self.is_open and (staff or buyer):
            allowed.add("message")
        return sorted(allowed)


class QuoteVersion(models.Model):
    """One priced offer. Written once, when sent; never changed afterwards."""

    quote = models.ForeignKey(Quote, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField()
    currency = models.CharField(max_length=3, default="EUR")
    lines_subtotal = models.DecimalField(max_digits=12, decimal_places=2)
    freight_method_code = models.CharField(max_length=40, blank=True)
    freight_name = models.CharField(max_length=120, blank=True)
    freight_rate_price = models.DecimalField(
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="What the shipping-rate service quoted (before any override).",
    )
    freight_amount = models.DecimalField(max_digits=12, decimal_places=2)
    freight_overridden = models.BooleanField(default=False)
    freight_details = models.JSONField(
        default=dict,
        blank=True,
        help_text="pallets, total_weight_kg, transit_days_min/max, required_documents, note",
    )
    net_total = models.DecimalField(max_digits=12, decimal_places=2)
    vat_rate = models.DecimalField(max_digits=5, decimal_places=2, default=Decimal("0.00"))
    vat_amount = models.DecimalField(max_digits=12, decimal_places=2)
    vat_treatment = models.CharField(
        max_length=20, blank=True, help_text="The orders app's tax regime."
    )
    vat_country = models.CharField(max_length=2, blank=True, help_text="Country whose VAT applies.")
    vat_wording = models.CharField(max_length=500, blank=True)
    vat_breakdown = models.JSONField(
        default=list, blank=True, help_text="[{label, base, rate, amount}] as orders store it."
    )
    total = models.DecimalField(max_digits=12, decimal_places=2)
    valid_until = models.DateField(help_text="Last day the offer can be accepted (UTC).")
    payment_terms = models.CharField(max_length=20, choices=PaymentTerms.choices)
    message = models.TextField(blank=True)
    holds_stock = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expiry_reminder_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["quote", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["quote", "number"], name="quotes_version_unique_number"
            ),
            models.CheckConstraint(
                condition=Q(lines_subtotal__gte=0)
                & Q(freight_amount__gte=0)
                & Q(vat_amount__gte=0)
                & Q(total__gte=0),
                name="quotes_version_amounts_gte_0",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.quote.number} v{self.number}"

    @property
    def expires_at(self) -> datetime:
        """The first moment the offer is no longer valid: midnight UTC after `valid_until`."""
        return datetime.combine(self.valid_until + timedelta(days=1), time.min, tzinfo=UTC)


class QuoteVersionLine(models.Model):
    version = models.ForeignKey(QuoteVersion, on_delete=models.CASCADE, related_name="lines")
    position = models.PositiveSmallIntegerField()
    barrel = models.ForeignKey(Barrel, on_delete=models.PROTECT, related_name="+")
    sku = models.CharField(max_length=32)
    description = models.CharField(max_length=200)
    quantity = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    list_unit_price = models.DecimalField(max_digits=12, decimal_places=2)
    unit_price = models.DecimalField(
        max_digits=12, decimal_places=2, help_text="Before the line discount."
    )
    discount_percent = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        default=Decimal("0.00"),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    net_unit_price = models.DecimalField(
        max_digits=12, decimal_places=2, help_text="After the discount: what the order charges."
    )
    line_total = models.DecimalField(max_digits=12, decimal_places=2)

    class Meta:
        ordering = ["version", "position"]
        constraints = [
            models.CheckConstraint(
                condition=Q(unit_price__gte=0)
                & Q(net_unit_price__gte=0)
                & Q(discount_percent__gte=0)
                & Q(discount_percent__lte=100)
                & Q(quantity__gte=1),
                name="quotes_line_valid_amounts",
            ),
            models.CheckConstraint(
                condition=Q(net_unit_price__lte=F("unit_price")), name="quotes_line_net_lte_unit"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} x {self.description}"


class QuoteMessage(models.Model):
    quote = models.ForeignKey(Quote, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    from_staff = models.BooleanField(default=False)
    body = EncryptedTextField()  # buyers and staff write freely here: encrypted at rest
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["quote", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.quote_id}: {self.body[:40]}"


class QuoteStatusHistory(models.Model):
    quote = models.ForeignKey(Quote, on_delete=models.CASCADE, related_name="history")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Empty when the system (expiry) made the change.",
    )
    from_status = models.CharField(max_length=10, choices=QuoteStatus.choices, blank=True)
    to_status = models.CharField(max_length=10, choices=QuoteStatus.choices)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["quote", "created_at", "id"]
        verbose_name_plural = "quote status history"

    def __str__(self) -> str:
        return f"{self.quote_id}: {self.from_status or '-'} -> {self.to_status}"


class QuoteNotification(models.Model):
    """One e-mail sent about a quote: makes the e-mail tasks idempotent under retries."""

    quote = models.ForeignKey(Quote, on_delete=models.CASCADE, related_name="notifications")
    key = models.CharField(max_length=80, help_text="kind:discriminator, e.g. offer_sent:v2")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["quote", "key"], name="quotes_notification_once"),
        ]

    def __str__(self) -> str:
        return f"{self.quote_id}: {self.key}"
