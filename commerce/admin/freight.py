"""Admin screens for freight data: zones, methods, rate tables, country rules, carriers.

All of it sits under one "Shipping" menu, so the rules that apply to each country (allowed,
documents, buyer note, last reviewed) are visible in one place.
"""

from django import forms
from django.contrib.postgres.forms import SimpleArrayField  # a plain form field: any database
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.snippets.views.snippets import SnippetViewSet

from commerce.models import (
    Carrier,
    CountryRule,
    RateTable,
    RequiredDocument,
    ShippingMethod,
    ShippingZone,
)


class ShippingZoneForm(WagtailAdminModelForm):
    countries = SimpleArrayField(
        forms.CharField(max_length=2),
        required=False,
        help_text="ISO 3166-1 alpha-2 codes, comma separated (FR, DE, ...).",
    )


class ShippingZoneViewSet(SnippetViewSet):
    model = ShippingZone
    icon = "site"
    menu_label = "Zones"
    list_display = ["name", "code", "country_list", "is_rest_of_world"]
    search_fields = ["name", "code"]
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("code"),
            FieldPanel("countries"),
            FieldPanel("is_rest_of_world"),
            FieldPanel("sort_order"),
        ],
        base_form_class=ShippingZoneForm,
    )


class ShippingMethodViewSet(SnippetViewSet):
    model = ShippingMethod
    icon = "redirect"
    menu_label = "Methods"
    list_display = ["name", "code", "kind", "active", "pallet_tare_kg"]
    list_filter = ["kind", "active"]
    panels = [
        FieldPanel("name"),
        FieldPanel("code"),
        FieldPanel("kind"),
        FieldPanel("description"),
        FieldRowPanel(
            [FieldPanel("active"), FieldPanel("pallet_tare_kg"), FieldPanel("sort_order")]
        ),
        InlinePanel("capacity_bands", label="Pallet capacity by barrel size", min_num=1),
    ]


class RateTableViewSet(SnippetViewSet):
    model = RateTable
    icon = "table"
    menu_label = "Rate tables"
    list_display = [
        "__str__",
        "zone",
        "method",
        "minimum_charge",
        "fuel_surcharge_percent",
        "transit_days_min",
        "transit_days_max",
        "active",
    ]
    list_filter = ["zone", "method", "active"]
    panels = [
        FieldRowPanel([FieldPanel("zone"), FieldPanel("method"), FieldPanel("active")]),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("minimum_charge"),
                        FieldPanel("fuel_surcharge_percent"),
                        FieldPanel("shipment_fee"),
                    ]
                ),
                FieldRowPanel(
                    [
                        FieldPanel("transit_days_min"),
                        FieldPanel("transit_days_max"),
                        FieldPanel("max_pallets"),
                    ]
                ),
                FieldPanel("note"),
            ],
            heading="Charges (EUR, excluding VAT) and transit",
        ),
        InlinePanel("weight_bands", label="Price per pallet by gross pallet weight", min_num=1),
    ]


class CountryRuleForm(WagtailAdminModelForm):
    required_documents = forms.TypedMultipleChoiceField(
        choices=RequiredDocument.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class CountryRuleViewSet(SnippetViewSet):
    model = CountryRule
    icon = "globe"
    menu_label = "Country rules"
    list_display = ["__str__", "shipping_allowed", "documents_display", "last_reviewed_at"]
    list_filter = ["shipping_allowed"]
    search_fields = ["country", "buyer_note"]
    ordering = ["country"]
    edit_handler = ObjectList(
        [
            FieldRowPanel(
                [
                    FieldPanel("country"),
                    FieldPanel("shipping_allowed"),
                    FieldPanel("last_reviewed_at"),
                ]
            ),
            FieldPanel("required_documents"),
            FieldPanel("buyer_note"),
            FieldPanel("internal_note"),
        ],
        base_form_class=CountryRuleForm,
    )


class CarrierViewSet(SnippetViewSet):
    model = Carrier
    icon = "link"
    menu_label = "Carriers"
    list_display = ["name", "code", "get_adapter_display", "tracking_url_template", "active"]
    panels = [
        FieldPanel("name"),
        FieldPanel("code"),
        FieldPanel("adapter"),
        FieldPanel("tracking_url_template"),
        FieldPanel("active"),
    ]
