"""Commerce models: what shipping records about an order (shipments, tracking, documents)."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from vwb_site.core.storage import get_private_storage

__all__ = [
    "DocumentCounter",
    "DocumentKind",
    "OrderDocument",
    "Shipment",
    "TrackingEvent",
    "TrackingEventKind",
    "TrackingSource",
]


class Shipment(models.Model):
    """An order's consignment with a carrier: tracking number and the URL built from it."""

    order = models.ForeignKey("commerce.Order", on_delete=models.PROTECT, related_name="shipments")
    carrier = models.ForeignKey(
        "commerce.Carrier", on_delete=models.PROTECT, related_name="shipments"
    )
    tracking_number = models.CharField(max_length=64)
    tracking_url = models.URLField(max_length=500, blank=True)
    # Booked through a carrier API: the provider's shipment id, the service bought, its cost.
    provider_shipment_id = models.CharField(max_length=64, blank=True)
    service = models.CharField(max_length=80, blank=True)
    label_cost = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    label_currency = models.CharField(max_length=3, blank=True)
    shipped_at = models.DateTimeField(default=timezone.now)
    delivered_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["shipped_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["carrier", "tracking_number"], name="commerce_shipment_tracking_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.carrier_id} {self.tracking_number}"

    @property
    def carrier_code(self) -> str:
        return self.carrier.code


class TrackingEventKind(models.TextChoices):
    PICKED_UP = "picked_up", "Picked up"
    IN_TRANSIT = "in_transit", "In transit"
    OUT_FOR_DELIVERY = "out_for_delivery", "Out for delivery"
    DELIVERED = "delivered", "Delivered"
    EXCEPTION = "exception", "Exception"


class TrackingSource(models.TextChoices):
    ADMIN = "admin", "Entered by staff"
    WEBHOOK = "webhook", "Carrier webhook"


class TrackingEvent(models.Model):
    shipment = models.ForeignKey(Shipment, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=TrackingEventKind.choices)
    occurred_at = models.DateTimeField()
    location = models.CharField(max_length=200, blank=True)
    description = models.CharField(max_length=300, blank=True)
    source = models.CharField(max_length=10, choices=TrackingSource.choices)
    external_id = models.CharField(
        max_length=100, blank=True, help_text="The carrier's event id (repeats are ignored)."
    )
    raw_payload = models.JSONField(default=dict, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["occurred_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["shipment", "external_id"],
                condition=~Q(external_id=""),
                name="commerce_tracking_external_id_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} at {self.occurred_at:%Y-%m-%d %H:%M}"


class DocumentKind(models.TextChoices):
    INVOICE = "invoice", "Invoice"
    PACKING_LIST = "packing_list", "Packing list"
    COMMERCIAL_INVOICE = "commercial_invoice", "Commercial invoice"
    SHIPPING_LABEL = "shipping_label", "Shipping label"


DOCUMENT_SERIES: dict[str, str] = {
    DocumentKind.INVOICE: "INV",
    DocumentKind.PACKING_LIST: "PL",
    DocumentKind.COMMERCIAL_INVOICE: "CI",
    DocumentKind.SHIPPING_LABEL: "LBL",
}


class DocumentCounter(models.Model):
    """The last number of a document series in a year, locked while a number is taken."""

    series = models.CharField(max_length=8)
    year = models.PositiveSmallIntegerField()
    last_value = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["series", "year"], name="commerce_doc_counter_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.series}-{self.year}: {self.last_value}"


def _document_path(instance: "OrderDocument", filename: str) -> str:
    # A random part, so a path seen once (logs, a DEBUG media server) cannot be guessed.
    return (
        f"{settings.SHIPPING_DOCUMENTS_DIR}/{instance.order_id}/"
        f"{instance.number}-{secrets.token_hex(8)}.pdf"
    )


class OrderDocument(models.Model):
    """A generated PDF for an order. Its number is taken once and kept on regeneration."""

    order = models.ForeignKey("commerce.Order", on_delete=models.PROTECT, related_name="documents")
    kind = models.CharField(max_length=20, choices=DocumentKind.choices)
    number = models.CharField(max_length=20, unique=True)
    file = models.FileField(
        upload_to=_document_path, storage=get_private_storage, max_length=300, blank=True
    )
    created_at = models.DateTimeField(default=timezone.now, help_text="Date of issue.")
    generated_at = models.DateTimeField(null=True, blank=True)
    generation_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["order", "kind"], name="commerce_document_per_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"

    @property
    def is_ready(self) -> bool:
        return bool(self.file)

    @property
    def filename(self) -> str:
        return f"{self.number}.pdf"
