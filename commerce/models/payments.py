"""Commerce models: the payment and refund ledger of each order, and received webhook events.

No card or PayPal account data is ever stored: a payment keeps the provider's ids (a Stripe
PaymentIntent id, a PayPal order and capture id, a bank transfer reference), statuses and amounts.
"""

import uuid
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q

__all__ = ["Payment", "PaymentProvider", "PaymentStatus", "Refund", "RefundStatus", "WebhookEvent"]


class PaymentProvider(models.TextChoices):
    STRIPE = "stripe", "Stripe"
    BANK_TRANSFER = "bank_transfer", "Bank transfer"
    PAYPAL = "paypal", "PayPal"


class PaymentStatus(models.TextChoices):
    PENDING = "pending", "Awaiting payment"
    PROCESSING = "processing", "Processing at the provider"
    SUCCEEDED = "succeeded", "Captured"
    FAILED = "failed", "Failed (declined)"
    CANCELLED = "cancelled", "Cancelled"


class Payment(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    order = models.ForeignKey("commerce.Order", on_delete=models.PROTECT, related_name="payments")
    provider = models.CharField(max_length=16, choices=PaymentProvider.choices)
    status = models.CharField(
        max_length=12, choices=PaymentStatus.choices, default=PaymentStatus.PENDING
    )
    amount = models.DecimalField(max_digits=12, decimal_places=2, help_text="Amount asked.")
    currency = models.CharField(max_length=3)
    amount_captured = models.DecimalField(max_digits=12, decimal_places=2, default=Decimal(0))
    amount_refunded = models.DecimalField(max_digits=12, decimal_places=2, default=Decimal(0))
    provider_reference = models.CharField(
        max_length=100,
        blank=True,
        db_index=True,
        help_text="Stripe PaymentIntent id, PayPal order id, or the bank transfer's reference.",
    )
    capture_reference = models.CharField(
        max_length=100,
        blank=True,
        db_index=True,
        help_text="PayPal capture id (set once the PayPal order is captured).",
    )
    provider_status = models.CharField(
        max_length=30,
        blank=True,
        help_text="The provider's own status as last read (PayPal: COMPLETED, PENDING...).",
    )
    failure_code = models.CharField(max_length=60, blank=True)
    failure_message = models.CharField(max_length=500, blank=True)
    failure_count = models.PositiveIntegerField(default=0)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Administrator who recorded a received bank transfer.",
    )
    note = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    succeeded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_refunded__lte=F("amount_captured")),
                name="commerce_payment_refunded_lte_captured",
            ),
            models.UniqueConstraint(
                fields=["provider", "provider_reference"],
                condition=Q(provider="stripe"),
                name="commerce_payment_unique_stripe_intent",
            ),
            models.UniqueConstraint(
                fields=["provider", "provider_reference"],
                condition=Q(provider="paypal"),
                name="commerce_payment_unique_paypal_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.provider} {self.amount} {self.currency} ({self.status})"

    @property
    def refundable_amount(self) -> Decimal:
        return self.amount_captured - self.amount_refunded


class RefundStatus(models.TextChoices):
    PENDING = "pending", "Pending (to be paid out)"
    SUCCEEDED = "succeeded", "Refunded"
    FAILED = "failed", "Failed"


class Refund(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    order = models.ForeignKey("commerce.Order", on_delete=models.PROTECT, related_name="refunds")
    payment = models.ForeignKey(Payment, on_delete=models.PROTECT, related_name="refunds")
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    currency = models.CharField(max_length=3)
    status = models.CharField(max_length=10, choices=RefundStatus.choices)
    provider_reference = models.CharField(max_length=100, blank=True)
    reason = models.CharField(max_length=500, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="commerce_refund_amount_gt_0"),
            # A refund the provider reports (a PayPal dashboard refund's webhook) is recorded once.
            models.UniqueConstraint(
                fields=["payment", "provider_reference"],
                condition=~Q(provider_reference=""),
                name="commerce_refund_unique_provider_reference",
            ),
        ]

    def __str__(self) -> str:
        return f"Refund {self.amount} {self.currency} ({self.status})"


class WebhookEvent(models.Model):
    """Each provider event once (unique id): a replayed delivery is recognised and ignored."""

    provider = models.CharField(max_length=16, choices=PaymentProvider.choices)
    event_id = models.CharField(max_length=100)
    type = models.CharField(max_length=100)
    payload = models.JSONField()
    received_at = models.DateTimeField(auto_now_add=True)
    processed_at = models.DateTimeField(null=True, blank=True)
    deliveries = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-received_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "event_id"], name="commerce_webhook_event_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.provider} {self.type} {self.event_id}"
