"""Barrels, their images and tier prices, and the stock ledger.

Stock invariants live in the database: stock and reserved are never negative and reserved never
exceeds stock. Every change of either goes through `catalog.services.inventory`, which writes one
`StockMovement` row per change.
"""

from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from vwb_site.core.countries import CountryField


class WoodType(models.TextChoices):
    FRENCH_OAK = "french_oak", "French oak"
    AMERICAN_OAK = "american_oak", "American white oak"
    HUNGARIAN_OAK = "hungarian_oak", "Hungarian oak"
    EUROPEAN_OAK = "european_oak", "European oak"
    CHESTNUT = "chestnut", "Chestnut"
    ACACIA = "acacia", "Acacia"
    MIZUNARA = "mizunara", "Mizunara (Japanese oak)"


class PreviousContent(models.TextChoices):
    RED_WINE = "red_wine", "Red wine"
    WHITE_WINE = "white_wine", "White wine"
    BORDEAUX = "bordeaux", "Bordeaux wine"
    BURGUNDY = "burgundy", "Burgundy wine"
    BOURBON = "bourbon", "Bourbon"
    WHISKY = "whisky", "Scotch whisky"
    SHERRY = "sherry", "Sherry"
    PORT = "port", "Port"
    MADEIRA = "madeira", "Madeira"
    RUM = "rum", "Rum"
    COGNAC = "cognac", "Cognac"
    TEQUILA = "tequila", "Tequila"
    NONE = "none", "Unused (new)"


class Condition(models.TextChoices):
    EXCELLENT = "excellent", "Excellent: wine-tight, ready to refill"
    VERY_GOOD = "very_good", "Very good: minor marks, tight"
    GOOD = "good", "Good: may need re-swelling"
    DECORATIVE = "decorative", "Decorative: not liquid-tight"


class ToastLevel(models.TextChoices):
    LIGHT = "light", "Light toast"
    MEDIUM = "medium", "Medium toast"
    MEDIUM_PLUS = "medium_plus", "Medium plus toast"
    HEAVY = "heavy", "Heavy toast"
    CHAR = "char", "Charred"
    UNKNOWN = "unknown", "Unknown"


class BarrelStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    ACTIVE = "active", "Active"
    ARCHIVED = "archived", "Archived"


def low_stock_threshold() -> int:
    """Available units at or below which a barrel is `low_stock` (CATALOG_LOW_STOCK_THRESHOLD):
    the one place it is read, for the API's availability and reporting's low-stock lists."""
    return settings.CATALOG_LOW_STOCK_THRESHOLD


class Availability(models.TextChoices):
    IN_STOCK = "in_stock", "In stock"
    LOW_STOCK = "low_stock", "Low stock"
    SOLD_OUT = "sold_out", "Sold out"


class BarrelQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=BarrelStatus.ACTIVE)

    def with_available(self):
        return self.annotate(available_quantity=F("stock_quantity") - F("reserved_quantity"))

    def in_stock(self):
        return self.filter(stock_quantity__gt=F("reserved_quantity"))


class Barrel(ClusterableModel):
    # Identity
    sku = models.CharField("SKU", max_length=32, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    status = models.CharField(
        max_length=10, choices=BarrelStatus.choices, default=BarrelStatus.DRAFT, db_index=True
    )
    # What it is
    origin_country = CountryField()
    previous_content = models.CharField(max_length=20, choices=PreviousContent.choices)
    wood_type = models.CharField(max_length=20, choices=WoodType.choices)
    condition = models.CharField(max_length=20, choices=Condition.choices)
    volume_liters = models.PositiveIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5000)]
    )
    cooperage = models.CharField(max_length=120, blank=True)
    toast_level = models.CharField(
        max_length=20, choices=ToastLevel.choices, default=ToastLevel.UNKNOWN
    )
    previous_fills = models.PositiveSmallIntegerField(default=1)
    last_fill_year = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1900), MaxValueValidator(2100)]
    )
    # Physical (freight)
    height_cm = models.DecimalField(max_digits=6, decimal_places=1)
    diameter_cm = models.DecimalField(max_digits=6, decimal_places=1)
    empty_weight_kg = models.DecimalField(max_digits=7, decimal_places=2)
    hs_code = models.CharField("HS code", max_length=10, default="4416")
    # Money
    price = models.DecimalField(max_digits=12, decimal_places=2)
    currency = models.CharField(max_length=3, default="EUR")
    cost_price = models.DecimalField(
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="What the barrel cost us, for stock valuation reports.",
    )
    # Inventory: changed only through catalog.services.inventory
    stock_quantity = models.PositiveIntegerField(default=0)
    reserved_quantity = models.PositiveIntegerField(default=0)
    # Bookkeeping
    listed_at = models.DateTimeField(null=True, blank=True, help_text="First activation.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Full-text search document (PostgreSQL): maintained by a database trigger from name,
    # previous content (label), cooperage and description; see migration 0002. Never set it.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = BarrelQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(reserved_quantity__lte=F("stock_quantity")),
                name="catalog_barrel_reserved_lte_stock",
            ),
            models.CheckConstraint(condition=Q(price__gte=0), name="catalog_barrel_price_gte_0"),
            models.CheckConstraint(
                condition=Q(empty_weight_kg__gt=0), name="catalog_barrel_weight_gt_0"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "wood_type"]),
            models.Index(fields=["status", "previous_content"]),
            models.Index(fields=["status", "price"]),
            models.Index(fields=["status", "volume_liters"]),
            models.Index(fields=["status", "-listed_at"]),
            # Covers the facet counts (an index-only scan instead of reading whole rows).
            models.Index(
                fields=["status", "wood_type", "previous_content", "condition", "origin_country"],
                name="catalog_barrel_facets",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.sku})"

    @property
    def available(self) -> int:
        return self.stock_quantity - self.reserved_quantity

    @property
    def availability(self) -> str:
        available = self.available
        if available <= 0:
            return Availability.SOLD_OUT
        if available <= low_stock_threshold():
            return Availability.LOW_STOCK
        return Availability.IN_STOCK

    @property
    def is_purchasable(self) -> bool:
        return self.status == BarrelStatus.ACTIVE and self.available > 0

    def unit_price_for(self, *, quantity: int, b2b_verified: bool) -> Decimal:
        """The unit price a buyer pays: the best tier a verified B2B buyer qualifies for."""
        if b2b_verified:
            tiers = [t for t in self.tier_prices.all() if t.min_quantity <= quantity]
            if tiers:
                return min(min(t.unit_price for t in tiers), self.price)
        return self.price


class BarrelImage(models.Model):
    barrel = ParentalKey(Barrel, on_delete=models.CASCADE, related_name="images")
    image = models.ForeignKey("wagtailimages.Image", on_delete=models.CASCADE, related_name="+")
    caption = models.CharField(max_length=200, blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "id"]

    def __str__(self) -> str:
        return self.caption or f"Image {self.image_id} of barrel {self.barrel_id}"


class BarrelTierPrice(models.Model):
    """A B2B unit price from a minimum quantity, shown only to verified B2B buyers."""

    barrel = ParentalKey(Barrel, on_delete=models.CASCADE, related_name="tier_prices")
    min_quantity = models.PositiveIntegerField(validators=[MinValueValidator(2)])
    unit_price = models.DecimalField(max_digits=12, decimal_places=2)

    class Meta:
        ordering = ["min_quantity"]
        constraints = [
            models.UniqueConstraint(
                fields=["barrel", "min_quantity"], name="catalog_tier_unique_min_quantity"
            ),
            models.CheckConstraint(condition=Q(unit_price__gte=0), name="catalog_tier_price_gte_0"),
        ]

    def __str__(self) -> str:
        return f"{self.unit_price} from {self.min_quantity}"


class StockMovement(models.Model):
    """One change of a barrel's stock or reservation: who, why, how much, and the result."""

    # An append-only ledger row, written inside checkout's locked transaction: keep it out of
    # Wagtail's reference index (which would otherwise re-read and index every new row). A
    # barrel's usage is its orders and quotes, not its stock movements.
    wagtail_reference_index_ignore = True

    class Reason(models.TextChoices):
        RECEIPT = "receipt", "Goods received"
        ADJUSTMENT = "adjustment", "Manual adjustment"
        RESERVATION = "reservation", "Reserved"
        RELEASE = "release", "Reservation released"
        SALE = "sale", "Sold (left the warehouse)"
        RETURN = "return", "Returned"

    class ReferenceKind(models.TextChoices):
        ORDER = "order", "Order"
        QUOTE = "quote", "Quote"
        MANUAL = "manual", "Manual"

    barrel = models.ForeignKey(Barrel, on_delete=models.PROTECT, related_name="movements")
    reason = models.CharField(max_length=20, choices=Reason.choices)
    stock_delta = models.IntegerField(default=0)
    reserved_delta = models.IntegerField(default=0)
    stock_after = models.PositiveIntegerField()
    reserved_after = models.PositiveIntegerField()
    reference_kind = models.CharField(
        max_length=10, choices=ReferenceKind.choices, default=ReferenceKind.MANUAL
    )
    reference_id = models.CharField(max_length=64, blank=True, db_index=True)
    note = models.CharField(max_length=500, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["barrel", "-created_at"])]

    def __str__(self) -> str:
        return (
            f"{self.barrel_id} {self.reason} "
            f"stock{self.stock_delta:+d} reserved{self.reserved_delta:+d}"
        )


class BarrelViewCount(models.Model):
    """Detail-page views of a barrel per day (UTC), flushed from Redis counters by a task."""

    barrel = models.ForeignKey(Barrel, on_delete=models.CASCADE, related_name="view_counts")
    date = models.DateField()
    views = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-date", "barrel_id"]
        constraints = [
            models.UniqueConstraint(fields=["barrel", "date"], name="catalog_views_barrel_date"),
        ]
        indexes = [models.Index(fields=["date"])]

    def __str__(self) -> str:
        return f"{self.barrel_id} {self.date}: {self.views}"


# Importable names of the nested choice sets (OpenAPI enum names in settings refer to them).
StockMovementReason = StockMovement.Reason
StockMovementReferenceKind = StockMovement.ReferenceKind


class SearchWord(models.Model):
    """The search vocabulary: every word of barrel names, cooperages and previous-content
    labels (PostgreSQL keeps it up to date with a trigger, see migration 0005). Typo tolerance
    corrects each search word to its closest vocabulary word by trigram similarity, which stays
    fast however many barrels there are."""

    word = models.CharField(max_length=64, primary_key=True)

    def __str__(self) -> str:
        return self.word
