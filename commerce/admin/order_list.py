"""The order list of the Wagtail admin (#21 item 1): Wagtail's own listing (IndexView) with
filters (status, payment method, destination country, order date), search by order number or
e-mail, a CSV/XLSX export of the filtered list, and bulk actions (commerce/admin/bulk.py)."""

import django_filters
from django.urls import reverse
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import (
    BulkActionsCheckboxColumn,
    Column,
    DateColumn,
    StatusTagColumn,
    TitleColumn,
)
from wagtail.admin.views.generic import IndexView

from commerce.models import Order, OrderStatus, PaymentMethod
from commerce.orders import selectors
from vwb_site.core.countries import COUNTRY_NAMES

PRIMARY_STATUSES = {OrderStatus.PROCESSING, OrderStatus.SHIPPED, OrderStatus.DELIVERED}


class OrderFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(choices=OrderStatus.choices, label="Status")
    payment_method = django_filters.ChoiceFilter(
        choices=PaymentMethod.choices, label="Payment method"
    )
    country = django_filters.ChoiceFilter(
        field_name="shipping_address__country", choices=(), label="Ship-to country"
    )
    order_date = django_filters.DateFromToRangeFilter(
        label="Order date", widget=DateRangePickerWidget
    )

    class Meta:
        model = Order
        fields = ["status", "payment_method", "country", "order_date"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        codes = (
            Order.objects.order_by().values_list("shipping_address__country", flat=True).distinct()
        )
        self.filters["country"].extra["choices"] = sorted(
            ((c, COUNTRY_NAMES.get(c, c)) for c in codes if c), key=lambda item: item[1]
        )


def _country(order: Order) -> str:
    return (order.shipping_address or {}).get("country", "")


def _total(order: Order) -> str:
    return f"{order.total_amount} {order.currency}"


class OrderIndexView(IndexView):
    model = Order
    permission_policy = None  # administrators only: orders.may_open guards the URLs
    page_title = "Orders"
    template_name = "commerce/admin/order_index.html"  # with the bulk actions' footer
    header_icon = "list-ul"
    index_url_name = "commerce_admin_orders"
    index_results_url_name = "commerce_admin_orders_results"
    filterset_class = OrderFilterSet
    search_fields = ["number", "customer_email"]
    search_backend_name = None  # the database (icontains): orders are not in a search index
    paginate_by = 50
    default_ordering = "-order_date"
    list_export = [
        "number",
        "order_date",
        "status",
        "customer_email",
        "customer_type",
        "buyer_vat_number",
        "payment_method",
        "country",
        "subtotal",
        "shipping_amount",
        "tax_amount",
        "total_amount",
        "currency",
        "amount_captured",
        "amount_refunded",
    ]
    export_headings = {"country": "Ship-to country", "order_date": "Order date (UTC)"}
    export_filename = "orders"

    def get_base_queryset(self):
        return selectors.order_list(user=None)

    def get_edit_url(self, instance):
        return reverse("commerce_admin_order_detail", args=[instance.pk])

    def to_row_dict(self, item):
        computed = {"country": _country}
        return {
            field: computed[field](item) if field in computed else getattr(item, field)
            for field in self.list_export
        }

    @property
    def columns(self):
        return [
            BulkActionsCheckboxColumn("bulk_actions", obj_type="order"),
            TitleColumn(
                "number",
                label="Number",
                url_name="commerce_admin_order_detail",
                id_accessor="pk",
                sort_key="number",
                get_title_id=lambda order: f"order_{order.pk}_title",
            ),
            DateColumn("order_date", label="Placed", sort_key="order_date"),
            Column("customer_email", label="Customer", sort_key="customer_email"),
            StatusTagColumn(
                "status",
                label="Status",
                accessor="get_status_display",
                primary=lambda o: o.status in PRIMARY_STATUSES,
                sort_key="status",
            ),
            Column("payment_method", label="Payment", accessor="get_payment_method_display"),
            Column("country", label="Country", accessor=_country),
            Column("total_amount", label="Total", accessor=_total, sort_key="total_amount"),
        ]
