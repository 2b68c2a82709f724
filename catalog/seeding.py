"""Realistic generated barrels for demos, tests at scale and benchmarks.

Each barrel comes from a template of a real cask type (a Bordeaux barrique, a Burgundy pièce, an
ex-bourbon barrel, a sherry butt, a port pipe, a whisky hogshead or puncheon...) with plausible
volume, dimensions, empty weight, cooperage and price, varied by a seeded random generator so that
the same `seed` always yields the same catalog. Every unit of seeded stock is explained in the
ledger by one `receipt` movement.
"""

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from catalog.models import Barrel, BarrelStatus, StockMovement

FRENCH_COOPERAGES = [
    "Tonnellerie Nadalié",
    "Seguin Moreau",
    "Taransaud",
    "Sylvain",
    "Demptos",
    "Radoux",
    "François Frères",
    "Tonnellerie Billon",
]
AMERICAN_COOPERAGES = [
    "Independent Stave Company",
    "Kelvin Cooperage",
    "Brown-Forman Cooperage",
    "McGinnis Wood Products",
]
SPANISH_COOPERAGES = ["Tonelería del Sur", "Tevasa", "Tonelería Huelva", "Bodegas Páez Morilla"]
SCOTTISH_COOPERAGES = ["Speyside Cooperage", "Clark's Cooperage", "Tomatin Cooperage"]
PORTUGUESE_COOPERAGES = ["Tanoaria J. M. Gonçalves", "Tanoaria Josafer"]


@dataclass(frozen=True)
class Template:
    kind: str  # how the trade calls it
    content: str  # PreviousContent code
    content_words: str  # how the name says what it held
    wood: str  # WoodType code
    countries: tuple[str, ...]
    volumes: tuple[int, ...]
    height: tuple[float, float]
    diameter: tuple[float, float]
    weight: tuple[float, float]
    price: tuple[int, int]
    cooperages: list[str]
    toasts: tuple[str, ...]
    regions: tuple[str, ...]
    weight_share: int = 10


TEMPLATES = [
    Template(
        "barrique",
        "bordeaux",
        "Bordeaux",
        "french_oak",
        ("FR",),
        (225,),
        (94, 96),
        (68, 72),
        (44, 50),
        (160, 420),
        FRENCH_COOPERAGES,
        ("medium", "medium_plus"),
        ("Saint-Émilion", "Pauillac", "Margaux", "Pessac-Léognan", "Saint-Julien"),
        16,
    ),
    Template(
        "pièce",
        "burgundy",
        "Burgundy",
        "french_oak",
        ("FR",),
        (228,),
        (87, 89),
        (71, 74),
        (45, 50),
        (180, 480),
        FRENCH_COOPERAGES,
        ("light", "medium"),
        ("Meursault", "Gevrey-Chambertin", "Pommard", "Chablis", "Nuits-Saint-Georges"),
        12,
    ),
    Template(
        "barrel",
        "bourbon",
        "Ex-bourbon",
        "american_oak",
        ("US",),
        (200,),
        (86, 89),
        (60, 64),
        (48, 55),
        (85, 180),
        AMERICAN_COOPERAGES,
        ("char",),
        ("Kentucky", "Tennessee", "Bardstown", "Louisville"),
        18,
    ),
    Template(
        "butt",
        "sherry",
        "Oloroso sherry",
        "european_oak",
        ("ES",),
        (500,),
        (125, 130),
        (90, 95),
        (95, 110),
        (650, 1300),
        SPANISH_COOPERAGES,
        ("light", "medium"),
        ("Jerez de la Frontera", "Sanlúcar de Barrameda", "El Puerto de Santa María"),
        8,
    ),
    Template(
        "hogshead",
        "sherry",
        "Pedro Ximénez sherry",
        "european_oak",
        ("ES",),
        (250,),
        (95, 100),
        (72, 76),
        (60, 68),
        (380, 720),
        SPANISH_COOPERAGES,
        ("medium",),
        ("Jerez de la Frontera", "Montilla-Moriles"),
        5,
    ),
    Template(
        "pipe",
        "port",
        "Tawny port",
        "european_oak",
        ("PT",),
        (500,),
        (130, 140),
        (85, 92),
        (100, 115),
        (550, 1100),
        PORTUGUESE_COOPERAGES,
        ("light",),
        ("Douro", "Vila Nova de Gaia", "Pinhão"),
        6,
    ),
    Template(
        "hogshead",
        "whisky",
        "Scotch whisky",
        "american_oak",
        ("GB",),
        (250,),
        (95, 100),
        (70, 75),
        (60, 66),
        (140, 320),
        SCOTTISH_COOPERAGES,
        ("char", "medium_plus"),
        ("Speyside", "Islay", "Highlands", "Campbeltown"),
        10,
    ),
    Template(
        "puncheon",
        "whisky",
        "Scotch whisky",
        "european_oak",
        ("GB",),
        (500,),
        (105, 112),
        (95, 102),
        (95, 110),
        (420, 900),
        SCOTTISH_COOPERAGES,
        ("char",),
        ("Speyside", "Islay", "Highlands"),
        4,
    ),
    Template(
        "cask",
        "cognac",
        "Cognac",
        "french_oak",
        ("FR",),
        (350, 400),
        (105, 112),
        (78, 84),
        (70, 85),
        (300, 650),
        FRENCH_COOPERAGES,
        ("medium", "heavy"),
        ("Grande Champagne", "Petite Champagne", "Borderies", "Fins Bois"),
        6,
    ),
    Template(
        "barrel",
        "rum",
        "Caribbean rum",
        "american_oak",
        ("JM", "BB", "MQ", "GY"),
        (200,),
        (86, 89),
        (60, 64),
        (48, 55),
        (110, 240),
        AMERICAN_COOPERAGES,
        ("char",),
        ("Jamaica", "Barbados", "Martinique", "Demerara"),
        5,
    ),
    Template(
        "barrica",
        "red_wine",
        "Rioja red wine",
        "american_oak",
        ("ES",),
        (225,),
        (94, 96),
        (68, 72),
        (44, 50),
        (120, 300),
        SPANISH_COOPERAGES,
        ("medium", "medium_plus"),
        ("Rioja Alta", "Ribera del Duero", "Priorat"),
        6,
    ),
    Template(
        "tonneau",
        "white_wine",
        "White wine",
        "french_oak",
        ("FR", "DE", "AT"),
        (300, 400, 500),
        (95, 110),
        (80, 98),
        (60, 100),
        (250, 700),
        FRENCH_COOPERAGES,
        ("light", "medium"),
        ("Alsace", "Loire", "Rheingau", "Wachau", "Sancerre"),
        4,
    ),
    Template(
        "barrique",
        "madeira",
        "Madeira",
        "european_oak",
        ("PT",),
        (225, 250),
        (94, 100),
        (68, 76),
        (45, 60),
        (250, 520),
        PORTUGUESE_COOPERAGES,
        ("light",),
        ("Funchal", "Câmara de Lobos"),
        2,
    ),
    Template(
        "barrel",
        "tequila",
        "Añejo tequila",
        "american_oak",
        ("MX",),
        (200,),
        (86, 89),
        (60, 64),
        (48, 55),
        (120, 260),
        AMERICAN_COOPERAGES,
        ("char",),
        ("Jalisco", "Los Altos"),
        2,
    ),
    Template(
        "barrique",
        "none",
        "New",
        "hungarian_oak",
        ("HU",),
        (225, 300),
        (94, 100),
        (68, 80),
        (45, 62),
        (450, 850),
        ["Kádár Hungary", "Trust Hungary"],
        ("light", "medium", "medium_plus"),
        ("Zemplén", "Tokaj"),
        2,
    ),
]
CONDITIONS = [("excellent", 30), ("very_good", 40), ("good", 22), ("decorative", 8)]
CONDITION_FACTOR = {"excellent": 1.1, "very_good": 1.0, "good": 0.85, "decorative": 0.55}
USES = [
    "ageing craft beer",
    "finishing whisky",
    "cider and mead",
    "hot sauce and vinegar",
    "a garden planter or rain barrel",
    "a bar table or decoration",
]
CENT = Decimal("0.01")


def _money(value: float) -> Decimal:
    return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)


def generate(
    count: int, *, seed: int = 42, start: int = 1, sku_prefix: str = "VWB", all_active: bool = False
) -> Iterator[Barrel]:
    """Yield `count` unsaved barrels; the same arguments always give the same barrels."""
    rng = random.Random(seed)
    now = timezone.now()
    shares = [t.weight_share for t in TEMPLATES]
    for n in range(start, start + count):
        t = rng.choices(TEMPLATES, weights=shares)[0]
        condition = rng.choices([c for c, _ in CONDITIONS], weights=[w for _, w in CONDITIONS])[0]
        volume = rng.choice(t.volumes)
        scale = (volume / t.volumes[0]) ** (1 / 3)
        fills = rng.choices([1, 2, 3, 4, 5], weights=[40, 30, 15, 10, 5])[0]
        last_fill = now.year - rng.randint(0, 6)
        cooperage = rng.choice(t.cooperages)
        region = rng.choice(t.regions)
        price = rng.uniform(*t.price) * CONDITION_FACTOR[condition] * (1.0 - 0.05 * (fills - 1))
        sku = f"{sku_prefix}-{n:07d}"
        name = f"{t.content_words} {t.kind} {volume} L, {region}"
        if all_active:
            status = BarrelStatus.ACTIVE
        else:
            status = rng.choices(list(BarrelStatus), weights=[3, 95, 2])[0]
        stock = rng.choices([0, 1, 2, rng.randint(3, 40)], weights=[10, 7, 8, 75])[0]
        wood_label = {
            "french_oak": "French oak",
            "american_oak": "American white oak",
            "european_oak": "European oak",
            "hungarian_oak": "Hungarian oak",
        }[t.wood]
        description = (
            f"A {volume} L {t.kind} in {wood_label} from {cooperage}, "
            + (
                "never filled"
                if t.content == "none"
                else f"filled {fills} time{'s' if fills > 1 else ''} "
                f"with {t.content_words.lower()} in {region}, last emptied in {last_fill}"
            )
            + f". Staves and hoops checked by our cellar team. Popular for {rng.choice(USES)}."
        )
        yield Barrel(
            sku=sku,
            slug=slugify(f"{name}-{sku}")[:120],
            name=name,
            description=description,
            status=status,
            origin_country=rng.choice(t.countries),
            previous_content=t.content,
            wood_type=t.wood,
            condition=condition,
            volume_liters=volume,
            cooperage=cooperage,
            toast_level=rng.choice(t.toasts),
            previous_fills=0 if t.content == "none" else fills,
            last_fill_year=None if t.content == "none" else last_fill,
            height_cm=Decimal(str(round(rng.uniform(*t.height) * scale, 1))),
            diameter_cm=Decimal(str(round(rng.uniform(*t.diameter) * scale, 1))),
            empty_weight_kg=_money(rng.uniform(*t.weight) * scale),
            price=_money(price),
            cost_price=_money(price * rng.uniform(0.35, 0.6)),
            stock_quantity=stock,
            listed_at=None
            if status == BarrelStatus.DRAFT
            else now - timedelta(minutes=rng.randint(0, 60 * 24 * 720)),
        )


def seed(
    count: int,
    *,
    seed: int = 42,
    batch_size: int = 1000,
    all_active: bool = False,
    sku_prefix: str = "VWB",
    progress: Callable[[int], None] | None = None,
) -> int:
    """Insert `count` generated barrels (after the existing ones) with one receipt movement
    each, in batches; returns how many were created."""
    start = Barrel.objects.filter(sku__startswith=f"{sku_prefix}-").count() + 1
    created = 0
    batch: list[Barrel] = []
    for barrel in generate(
        count, seed=seed + start, start=start, sku_prefix=sku_prefix, all_active=all_active
    ):
        batch.append(barrel)
        if len(batch) >= batch_size:
            created += _insert(batch)
            if progress:
                progress(len(batch))
            batch = []
    if batch:
        created += _insert(batch)
        if progress:
            progress(len(batch))
    return created


@transaction.atomic
def _insert(batch: list[Barrel]) -> int:
    barrels = Barrel.objects.bulk_create(batch)
    StockMovement.objects.bulk_create(
        StockMovement(
            barrel=b,
            reason=StockMovement.Reason.RECEIPT,
            stock_delta=b.stock_quantity,
            stock_after=b.stock_quantity,
            reserved_after=0,
            note="Initial stock (seed data)",
        )
        for b in barrels
        if b.stock_quantity
    )
    return len(barrels)
