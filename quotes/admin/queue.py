"""The quote queue of the Wagtail admin (#21 item 2): Wagtail's listing with filters (status,
destination country, request date), search by number, company or e-mail, and the age of each
request. Without a status filter (and no search) it shows what waits for the seller, oldest
first."""

import django_filters
from django.urls import reverse
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn, TitleColumn
from wagtail.admin.views.generic import IndexView

from quotes.admin.page import NS, STATUS_PRIMARY, request_age
from quotes.models import Quote, QuoteStatus
from vwb_site.core.countries import COUNTRY_NAMES

ALL = "all"


class QuoteFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        choices=[*QuoteStatus.choices, (ALL, "Any status")],
        label="Status",
        empty_label="Waiting for an offer",
        method="filter_status",
    )
    destination_country = django_filters.ChoiceFilter(choices=(), label="Destination")
    request_date = django_filters.DateFromToRangeFilter(
        label="Requested", widget=DateRangePickerWidget
    )

    class Meta:
        model = Quote
        fields = ["status", "destination_country", "request_date"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        codes = Quote.objects.order_by().values_list("destination_country", flat=True).distinct()
        self.filters["destination_country"].extra["choices"] = sorted(
            ((c, COUNTRY_NAMES.get(c, c)) for c in codes if c), key=lambda item: item[1]
        )

    def filter_status(self, queryset, name, value):
        return queryset if value == ALL else queryset.filter(status=value)

    def filter_queryset(self, queryset):
        searching = bool((self.data or {}).get("q"))
        if not self.form.cleaned_data.get("status") and not searching:
            queryset = queryset.filter(status=QuoteStatus.PENDING)
        return super().filter_queryset(queryset)


def _quoted(quote: Quote) -> str:
    return f"{quote.quoted_price} {quote.currency}" if quote.quoted_price is not None else "-"


def _valid_until(quote: Quote):
    version = quote.current_version
    return version.valid_until if version is not None else None


class QuoteIndexView(IndexView):
    model = Quote
    permission_policy = None  # administrators only: quotes.admin.quotes guards the URLs
    page_title = "Quotes"
    header_icon = "doc-full"
    index_url_name = f"{NS}:queue"
    index_results_url_name = f"{NS}:queue_results"
    filterset_class = QuoteFilterSet
    search_fields = ["number", "company__legal_name", "user__email"]
    search_backend_name = None
    paginate_by = 50
    default_ordering = "request_date"  # the oldest request first

    def get_base_queryset(self):
        return Quote.objects.select_related("user", "company", "current_version")

    def get_edit_url(self, instance):
        return reverse(f"{NS}:detail", args=[instance.pk])

    @property
    def columns(self):
        return [
            TitleColumn(
                "number",
                label="Number",
                url_name=f"{NS}:detail",
                id_accessor="pk",
                sort_key="number",
            ),
            Column("company", label="Company", accessor="company.legal_name"),
            Column("user", label="Buyer", accessor="user.email"),
            DateColumn("request_date", label="Requested", sort_key="request_date"),
            Column("age", label="Waiting", accessor=request_age),
            StatusTagColumn(
                "status",
                label="Status",
                accessor="get_status_display",
                primary=lambda q: q.status in STATUS_PRIMARY,
                sort_key="status",
            ),
            Column("quoted", label="Quoted", accessor=_quoted),
            DateColumn("valid_until", label="Valid until", accessor=_valid_until),
        ]
