"""Reads of the catalog: the filtered, searched, ordered barrel list, its facets, one barrel.

Every selector owns its `select_related` / `prefetch_related`, so an endpoint runs a fixed number
of queries whatever the page size.

The search engine (how a term is matched and ranked) is catalog/search.py; the list and the
facets here take its SearchPlan.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import reduce
from operator import and_, or_
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import BooleanField, Count, ExpressionWrapper, F, Prefetch, Q, QuerySet, Value
from django.db.models.expressions import OrderBy
from wagtail.images import get_image_model

from catalog import error_codes, search
from catalog.models import (
    Barrel,
    BarrelImage,
    BarrelStatus,
    Condition,
    PreviousContent,
    StockMovement,
    WoodType,
)
from vwb_site.core.countries import COUNTRY_NAMES
from vwb_site.exceptions import NotFoundError

# Rendition specs of the API's image_urls (Wagtail filter specs).
THUMBNAIL_SPEC = "fill-400x300"
LARGE_SPEC = "max-1600x1200"
RENDITION_SPECS = (THUMBNAIL_SPEC, LARGE_SPEC)

# The columns a list item shows (catalog.api.serializers.outputs.barrel_list_item_data): a
# page of 24 barrels does not fetch and convert descriptions, dimensions and three timestamps
# it never shows.
LIST_COLUMNS = (
    "slug",
    "sku",
    "name",
    "price",
    "currency",
    "volume_liters",
    "wood_type",
    "previous_content",
    "condition",
    "origin_country",
    "cooperage",
    "stock_quantity",
    "reserved_quantity",
)

ORDERINGS: dict[str, tuple[str | OrderBy, ...]] = {
    "price": ("price", "id"),
    "-price": ("-price", "-id"),
    "volume": ("volume_liters", "id"),
    "-volume": ("-volume_liters", "-id"),
    "newest": (F("listed_at").desc(nulls_last=True), "-id"),
    # "relevance" is handled in barrel_list (needs a search term; else newest).
}
ORDERING_CHOICES = (*ORDERINGS, "relevance")

# Facets: name -> (model field, choices labels or None for countries)
FACETS: dict[str, tuple[str, dict[str, str]]] = {
    "wood_type": ("wood_type", dict(WoodType.choices)),
    "previous_content": ("previous_content", dict(PreviousContent.choices)),
    "condition": ("condition", dict(Condition.choices)),
    "origin_country": ("origin_country", COUNTRY_NAMES),
}


@dataclass(frozen=True)
class BarrelFilters:
    """Validated list parameters (the API's input serializer builds this)."""

    search: str = ""
    wood_type: tuple[str, ...] = ()
    previous_content: tuple[str, ...] = ()
    condition: tuple[str, ...] = ()
    origin_country: tuple[str, ...] = ()
    volume_min: int | None = None
    volume_max: int | None = None
    price_min: Decimal | None = None
    price_max: Decimal | None = None
    in_stock: bool = False
    ordering: str = ""
    status: tuple[str, ...] = field(default=(BarrelStatus.ACTIVE,))

    def facet_q(self, name: str) -> Q:
        values = getattr(self, name)
        return Q(**{f"{FACETS[name][0]}__in": values}) if values else Q()

    def normalised(self) -> str:
        """A canonical string of the filters (for cache keys): order-insensitive lists."""
        parts = []
        for key, value in sorted(self.__dict__.items()):
            if isinstance(value, tuple):
                value = ",".join(sorted(value))
            parts.append(f"{key}={'' if value is None else value}")
        return "&".join(parts)


def _base_q(filters: BarrelFilters, plan: search.SearchPlan | None) -> Q:
    """Every non-facet condition: status, search, ranges, in stock."""
    q = Q(status__in=filters.status)
    if filters.volume_min is not None:
        q &= Q(volume_liters__gte=filters.volume_min)
    if filters.volume_max is not None:
        q &= Q(volume_liters__lte=filters.volume_max)
    if filters.price_min is not None:
        q &= Q(price__gte=filters.price_min)
    if filters.price_max is not None:
        q &= Q(price__lte=filters.price_max)
    if filters.in_stock:
        q &= Q(stock_quantity__gt=F("reserved_quantity"))
    if plan is not None:
        q &= plan.q
    return q


def _images_prefetch(specs: tuple[str, ...]) -> Prefetch:
    """The barrels' images with their image rows (one query, a join) and the renditions of
    `specs` (one query), where Image.get_renditions() looks first (`prefetched_renditions`, as
    Wagtail's own `prefetch_renditions` does)."""
    renditions = get_image_model().get_rendition_model().objects.filter(filter_spec__in=specs)
    return Prefetch(
        "images",
        queryset=BarrelImage.objects.select_related("image").prefetch_related(
            Prefetch("image__renditions", queryset=renditions, to_attr="prefetched_renditions")
        ),
    )


def _with_related(
    qs: QuerySet, *, show_tiers: bool, specs: tuple[str, ...] = RENDITION_SPECS
) -> QuerySet:
    qs = qs.prefetch_related(_images_prefetch(specs))
    if show_tiers:
        qs = qs.prefetch_related("tier_prices")
    return qs


def sees_tier_prices(user) -> bool:
    """Tier prices are for verified B2B buyers (and administrators)."""
    if user is None or not user.is_authenticated:
        return False
    return bool(getattr(user, "is_verified_b2b", False) or getattr(user, "is_admin", False))


def barrel_list(
    *,
    filters: BarrelFilters,
    user=None,
    plan: search.SearchPlan | None = None,
    using: str = DEFAULT_DB_ALIAS,
) -> QuerySet:
    """Barrels matching `filters`, ordered, with images (and tier prices when the user may see
    them) prefetched; only LIST_COLUMNS are loaded (any other field costs a query per barrel).
    `plan`: the request's search plan (catalog.search.search_plan), computed here if not given.
    `using`: the database to read, the replica for the public list
    (`vwb_site.core.replica.read_alias(scope="catalog")`); the prefetches follow it."""
    if plan is None:
        plan = search.search_plan(filters.search, status=filters.status, using=using)
    facet_q = reduce(and_, (filters.facet_q(name) for name in FACETS), Q())
    qs = Barrel.objects.using(using).filter(_base_q(filters, plan) & facet_q).only(*LIST_COLUMNS)
    ordering = filters.ordering or ("relevance" if filters.search else "newest")
    if ordering == "relevance":
        if plan is None or plan.rank is None:  # no search term (or SQLite): newest first
            qs = qs.order_by(*ORDERINGS["newest"])
        else:
            qs = qs.annotate(rank=plan.rank).order_by("-rank", "-id")
    else:
        qs = qs.order_by(*ORDERINGS[ordering])
    # List items show a thumbnail only.
    return _with_related(qs, show_tiers=sees_tier_prices(user), specs=(THUMBNAIL_SPEC,))


def barrel_facets(
    *,
    filters: BarrelFilters,
    plan: search.SearchPlan | None = None,
    using: str = DEFAULT_DB_ALIAS,
) -> dict[str, list[dict]]:
    """Counts per wood type, previous content, condition and origin country for the current
    query, each facet computed with every filter except its own (standard faceting), read from
    the database `using` (as barrel_list).

    PostgreSQL: one query with GROUPING SETS and a FILTER clause per facet. Elsewhere: one
    GROUP BY query per facet.
    """
    if plan is None:
        plan = search.search_plan(filters.search, status=filters.status, using=using)
    base = Barrel.objects.using(using).filter(_base_q(filters, plan))
    counts: dict[str, dict[str, int]] = {name: {} for name in FACETS}
    others = {
        name: reduce(and_, (filters.facet_q(o) for o in FACETS if o != name), Q())
        for name in FACETS
    }
    if search.uses_postgres():
        # Only rows some facet counts: those passing every facet filter but (at most) one.
        # (An empty Q means "every row" here, but Q() | Q(x) is Q(x): handle it apart.)
        distinct = []
        for q in others.values():
            if q not in distinct:
                distinct.append(q)
        scoped = base if not all(distinct) else base.filter(reduce(or_, distinct))
        flags = {
            f"f_{name}": ExpressionWrapper(filters.facet_q(name), output_field=BooleanField())
            if getattr(filters, name)
            else Value(True, output_field=BooleanField())
            for name in FACETS
        }
        inner = scoped.order_by().values(*(FACETS[n][0] for n in FACETS)).annotate(**flags)
        sql, params = inner.query.get_compiler(using=base.db).as_sql()
        names = list(FACETS)
        selects = ", ".join(f"GROUPING({FACETS[n][0]}) AS g_{n}, {FACETS[n][0]}" for n in names)
        aggregates = ", ".join(
            "COUNT(*) FILTER (WHERE "
            + " AND ".join(f"f_{o}" for o in names if o != n)
            + f") AS n_{n}"
            for n in names
        )
        sets = ", ".join(f"({FACETS[n][0]})" for n in names)
        query = (
            f"SELECT {selects}, {aggregates} FROM ({sql}) AS facet_rows "  # noqa: S608
            f"GROUP BY GROUPING SETS ({sets})"
        )
        with connections[base.db].cursor() as cursor:
            cursor.execute(query, params)
            columns = [c.name for c in cursor.description]
            for row in cursor.fetchall():
                record = dict(zip(columns, row, strict=True))
                for n in names:
                    if record[f"g_{n}"] == 0 and record[f"n_{n}"]:
                        counts[n][record[FACETS[n][0]]] = record[f"n_{n}"]
    else:
        for name, (column, _labels) in FACETS.items():
            rows = base.filter(others[name]).order_by().values(column).annotate(n=Count("id"))
            counts[name] = {r[column]: r["n"] for r in rows}
    result = {}
    for name, (_column, labels) in FACETS.items():
        selected = set(getattr(filters, name))
        values = set(counts[name]) | selected
        items: list[dict[str, Any]] = [
            {
                "value": v,
                "label": labels.get(v, v),
                "count": counts[name].get(v, 0),
                "selected": v in selected,
            }
            for v in values
        ]
        items.sort(key=lambda i: (-i["count"], str(i["label"])))
        result[name] = items
    return result


def barrel_count_from_facets(facets: dict[str, list[dict]], *, filters: BarrelFilters) -> int:
    """The number of barrels matching every filter, from barrel_facets' output (no query).

    Each facet is counted with every filter but its own, and every barrel has exactly one value
    per facet (the columns are NOT NULL). So the counts of one facet over its selected values
    (over all its values when none is selected) add up to the barrels matching every filter.
    """
    name = next(iter(FACETS))
    selected = getattr(filters, name)
    return sum(item["count"] for item in facets[name] if not selected or item["selected"])


def barrel_get(*, slug: str, user=None, any_status: bool = False) -> Barrel:
    """One barrel by slug; only active barrels unless `any_status` (administrators)."""
    qs = Barrel.objects.filter(slug=slug).defer("search_vector")
    if not any_status:
        qs = qs.filter(status=BarrelStatus.ACTIVE)
    barrel = _with_related(qs, show_tiers=sees_tier_prices(user)).first()
    if barrel is None:
        raise NotFoundError(f"No barrel '{slug}'.", code=error_codes.BARREL_NOT_FOUND)
    return barrel


def stock_movement_list(*, barrel: Barrel) -> QuerySet:
    return (
        StockMovement.objects.filter(barrel=barrel)
        .select_related("actor")
        .order_by("-created_at", "-id")
    )
