"""Commerce models: shipping (freight zones, methods, rate tables, country rules, carriers).

How a price is computed from these rows is in `commerce.shipping.rates`; the worked example is in
docs/commerce-shipping.md. Shipments, tracking events and order documents are in
`commerce.models.shipping_records` (they refer to orders).
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from vwb_site.core.countries import COUNTRY_NAMES, CountryField

__all__ = [
    "Carrier",
    "CarrierAdapterKind",
    "CountryRule",
    "DocumentCounter",
    "DocumentKind",
    "OrderDocument",
    "PalletCapacityBand",
    "RateTable",
    "RequiredDocument",
    "Shipment",
    "ShippingMethod",
    "ShippingMethodKind",
    "ShippingZone",
    "TrackingEvent",
    "TrackingEventKind",
    "TrackingSource",
    "WeightBand",
]


def _validate_country_codes(value: list[str]) -> None:
    unknown = [code for code in value if code not in COUNTRY_NAMES]
    if unknown:
        raise ValidationError(f"Unknown country code(s): {', '.join(unknown)}.")


class ShippingZone(models.Model):
    """A group of destination countries priced alike. One zone may be the catch-all."""

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=100)
    # A list of codes (JSON, so SQLite in `make run` works too); a handful of zones exist, so
    # membership is looked up in Python (selectors.zone_for_country).
    countries = models.JSONField(
        blank=True,
        default=list,
        validators=[_validate_country_codes],
        help_text="ISO 3166-1 alpha-2 codes, comma separated (FR, DE, ...).",
    )
    is_rest_of_world = models.BooleanField(
        default=False, help_text="Used for every country that no other zone lists."
    )
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_rest_of_world"],
                condition=Q(is_rest_of_world=True),
                name="commerce_zone_one_rest_of_world",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def country_list(self) -> str:
        return ", ".join(self.countries)

    def clean(self) -> None:
        self.countries = sorted({code.strip().upper() for code in self.countries if code.strip()})
        _validate_country_codes(self.countries)
        taken = ShippingZone.objects.exclude(pk=self.pk).values_list("name", "countries")
        clashes = [
            f"{code} ({name})" for name, codes in taken for code in codes if code in self.countries
        ]
        if clashes:
            raise ValidationError(
                {"countries": f"Already in another zone: {', '.join(sorted(clashes))}."}
            )


class ShippingMethodKind(models.TextChoices):
    ROAD_PALLET = "road_pallet", "Road pallet freight"
    SEA_FREIGHT = "sea_freight", "Sea freight"
    COLLECTION = "collection", "Collection from the warehouse"


class ShippingMethod(ClusterableModel):
    """How goods travel. Its pallet capacity bands say how many barrels of a size fit a pallet."""

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=100)
    kind = models.CharField(max_length=20, choices=ShippingMethodKind.choices)
    description = models.CharField(max_length=300, blank=True)
    active = models.BooleanField(default=True)
    pallet_tare_kg = models.DecimalField(
        max_digits=6,
        decimal_places=2,
        default=Decimal("25.00"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text="Weight of the empty pallet, strapping and wrap, added to each pallet.",
    )
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class PalletCapacityBand(models.Model):
    """Barrels up to `max_volume_liters` fit `barrels_per_pallet` to a pallet."""

    method = ParentalKey(ShippingMethod, on_delete=models.CASCADE, related_name="capacity_bands")
    max_volume_liters = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    barrels_per_pallet = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    label = models.CharField(max_length=60, blank=True, help_text="e.g. Barrique (225 L)")

    class Meta:
        ordering = ["max_volume_liters"]
        constraints = [
            models.UniqueConstraint(
                fields=["method", "max_volume_liters"], name="commerce_capacity_unique_band"
            ),
            models.CheckConstraint(
                condition=Q(barrels_per_pallet__gte=1), name="commerce_capacity_gte_1"
            ),
        ]

    def __str__(self) -> str:
        return f"≤ {self.max_volume_liters} L: {self.barrels_per_pallet} per pallet"


class RateTable(ClusterableModel):
    """What a method costs to a zone: a price per pallet by gross pallet weight, and the rest."""

    zone = models.ForeignKey(ShippingZone, on_delete=models.CASCADE, related_name="rate_tables")
    method = models.ForeignKey(ShippingMethod, on_delete=models.CASCADE, related_name="rate_tables")
    active = models.BooleanField(default=True)
    currency = models.CharField(max_length=3, default="EUR", editable=False)
    minimum_charge = models.DecimalField(
        max_digits=12,
        decimal_places=2,
        default=Decimal("0.00"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text="Freight (before fuel surcharge) is never below this.",
    )
    fuel_surcharge_percent = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        default=Decimal("0.00"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    shipment_fee = models.DecimalField(
        max_digits=12,
        decimal_places=2,
        default=Decimal("0.00"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text="Flat fee per shipment (e.g. export declaration), after the surcharge.",
    )
    max_pallets = models.PositiveSmallIntegerField(
        default=26,
        validators=[MinValueValidator(1)],
        help_text="Most pallets one shipment may hold (26 fill a full truck).",
    )
    transit_days_min = models.PositiveSmallIntegerField(default=1)
    transit_days_max = models.PositiveSmallIntegerField(default=3)
    note = models.CharField(max_length=300, blank=True, help_text="Shown with the option.")

    class Meta:
        ordering = ["zone__sort_order", "method__sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["zone", "method"], name="commerce_rate_zone_method"),
            models.CheckConstraint(
                condition=Q(transit_days_max__gte=F("transit_days_min")),
                name="commerce_rate_transit_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.method} to {self.zone}"


class WeightBand(models.Model):
    """A pallet weighing up to `max_pallet_weight_kg` (gross) costs `price_per_pallet`."""

    rate_table = ParentalKey(RateTable, on_delete=models.CASCADE, related_name="weight_bands")
    max_pallet_weight_kg = models.DecimalField(
        max_digits=7, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )
    price_per_pallet = models.DecimalField(
        max_digits=12, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )

    class Meta:
        ordering = ["max_pallet_weight_kg"]
        constraints = [
            models.UniqueConstraint(
                fields=["rate_table", "max_pallet_weight_kg"], name="commerce_weight_band_unique"
            ),
            models.CheckConstraint(
                condition=Q(price_per_pallet__gte=0), name="commerce_weight_band_price_gte_0"
            ),
        ]

    def __str__(self) -> str:
        return f"≤ {self.max_pallet_weight_kg} kg: {self.price_per_pallet}"


class RequiredDocument(models.TextChoices):
    PHYTOSANITARY_CERTIFICATE = "phytosanitary_certificate", "Phytosanitary certificate"
    CERTIFICATE_OF_ORIGIN = "certificate_of_origin", "Certificate of origin"
    COMMERCIAL_INVOICE = "commercial_invoice", "Commercial invoice"
    EXPORT_DECLARATION = "export_declaration", "Export declaration"
    FUMIGATION_CERTIFICATE = "fumigation_certificate", "Fumigation certificate"
    IMPORT_PERMIT = "import_permit", "Import permit"


class CountryRule(models.Model):
    """What applies when shipping to one country. Countries without a rule are allowed."""

    country = CountryField(unique=True)
    shipping_allowed = models.BooleanField(default=True)
    required_documents = models.JSONField(
        blank=True, default=list, help_text="RequiredDocument values."
    )
    buyer_note = models.TextField(blank=True, help_text="Shown to buyers with the rates.")
    internal_note = models.TextField(blank=True, help_text="For staff only (sources, contacts).")
    last_reviewed_at = models.DateField(help_text="When staff last checked this rule.")

    class Meta:
        ordering = ["country"]

    def __str__(self) -> str:
        return f"{COUNTRY_NAMES.get(self.country, self.country)} ({self.country})"

    @property
    def documents_display(self) -> str:
        labels = dict(RequiredDocument.choices)
        return ", ".join(labels.get(d, d) for d in self.required_documents) or "-"


class CarrierAdapterKind(models.TextChoices):
    """The integrations a carrier can use (commerce.shipping.adapters maps each to its class)."""

    MANUAL = "manual", "Manual (staff type tracking numbers; our rate tables)"
    EASYPOST = "easypost", "EasyPost API (live parcel rates, labels, tracking webhooks)"


class Carrier(models.Model):
    """Who carries a shipment. The tracking URL template holds `{tracking_number}`."""

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=100)
    tracking_url_template = models.CharField(
        max_length=300,
        blank=True,
        help_text="e.g. https://track.example.com/?id={tracking_number}",
    )
    adapter = models.CharField(
        max_length=40,
        default=CarrierAdapterKind.MANUAL,
        choices=CarrierAdapterKind.choices,
        help_text="Integration used for rates, shipments and tracking (manual: staff enter them).",
    )
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        template = self.tracking_url_template
        if template and "{tracking_number}" not in template:
            raise ValidationError(
                {"tracking_url_template": "The template must contain {tracking_number}."}
            )
        if template:
            try:
                template.format(tracking_number="X")
            except (KeyError, IndexError, ValueError) as exc:
                raise ValidationError(
                    {"tracking_url_template": "Only {tracking_number} may appear in braces."}
                ) from exc

    def tracking_url(self, tracking_number: str) -> str:
        from urllib.parse import quote

        if not self.tracking_url_template:
            return ""
        return self.tracking_url_template.format(tracking_number=quote(tracking_number, safe=""))


# Records about orders (shipments, tracking events, documents), exported with the above.
from commerce.models.shipping_records import (  # noqa: E402
    DocumentCounter,
    DocumentKind,
    OrderDocument,
    Shipment,
    TrackingEvent,
    TrackingEventKind,
    TrackingSource,
)
