"""Reads of orders: scoped to their owner (someone else's order is a 404), prefetched so that
list and detail endpoints run a fixed number of queries."""

from datetime import date

from django.db.models import Count, Prefetch, QuerySet

from commerce import error_codes
from commerce.models import Order, OrderStatusHistory
from vwb_site.exceptions import NotFoundError


def _has_shipments() -> bool:
    return any(rel.get_accessor_name() == "shipments" for rel in Order._meta.related_objects)


def _detail_queryset() -> QuerySet[Order]:
    related: list[str | Prefetch] = [
        "lines",
        Prefetch("history", queryset=OrderStatusHistory.objects.select_related("actor")),
        "payments",
        "refunds",
    ]
    if _has_shipments():  # commerce.shipping records shipments and tracking events
        related += ["shipments__carrier", "shipments__events"]
    return Order.objects.select_related("user").prefetch_related(*related)


def order_list(
    *,
    user=None,
    status: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
) -> QuerySet[Order]:
    """Orders newest first; `user=None` lists everyone's (administrators)."""
    qs = Order.objects.all()
    qs = qs.filter(user=user) if user is not None else qs.select_related("user")
    if status:
        qs = qs.filter(status=status)
    if date_from:
        qs = qs.filter(order_date__date__gte=date_from)
    if date_to:
        qs = qs.filter(order_date__date__lte=date_to)
    return qs.annotate(line_count=Count("lines")).order_by("-order_date", "-number")


def order_with_relations(order: Order, **related) -> Order:
    """`order`, just written by this request, with the relations the detail output reads (lines,
    history, payments, refunds, shipments) set from the objects in hand, as `prefetch_related`
    would leave them: the response needs no query to read back what was just written. Relations
    not given are empty."""
    cache = order.__dict__.setdefault("_prefetched_objects_cache", {})
    names = ["lines", "history", "payments", "refunds"]
    if _has_shipments():
        names.append("shipments")
    for name in names:
        queryset = getattr(order, name).all()
        queryset._result_cache = list(related.get(name, ()))  # what prefetch_related sets
        queryset._prefetch_done = True
        cache[name] = queryset
    return order


def order_get(*, order_id, user=None) -> Order:
    """One order with its lines, timeline, payments, refunds (and shipments when shipping
    records them); `user` scopes it to its owner."""
    qs = _detail_queryset()
    if user is not None:
        qs = qs.filter(user=user)
    order = qs.filter(pk=order_id).first()
    if order is None:
        raise NotFoundError("No such order.", code=error_codes.ORDER_NOT_FOUND)
    return order
