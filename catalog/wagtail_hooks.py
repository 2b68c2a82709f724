"""Wagtail admin: barrels (list, search, filter, edit with images and tier prices), a stock
adjustment form per barrel, and the read-only stock ledger."""

import django_filters
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.models import IndexView as ModelIndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, EditView, IndexView, SnippetViewSet

from catalog.admin.stock import StockAdjustmentView
from catalog.models import Barrel, StockMovement
from catalog.services.barrels import barrel_after_admin_save, barrel_audit_state


def _stock_url(barrel) -> str:
    return reverse("wagtailsnippets_catalog_barrel:stock", args=[barrel.pk])


def _history_url(barrel) -> str:
    return reverse("catalog_stockmovement:index") + f"?barrel={barrel.pk}"


class BarrelIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().defer("search_vector", "description")

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        buttons.append(
            Button("Adjust stock", url=_stock_url(instance), icon_name="list-ul", priority=15)
        )
        buttons.append(
            Button("Stock history", url=_history_url(instance), icon_name="history", priority=16)
        )
        return buttons


class BarrelCreateView(CreateView):
    def save_instance(self):
        instance = super().save_instance()
        barrel_after_admin_save(barrel=instance, actor=self.request.user)
        return instance


class BarrelEditView(EditView):
    def save_instance(self):
        before = barrel_audit_state(Barrel.objects.get(pk=self.object.pk))
        instance = super().save_instance()
        barrel_after_admin_save(barrel=instance, actor=self.request.user, before=before)
        return instance

    def get_header_more_buttons(self):
        return sorted(
            [
                *super().get_header_more_buttons(),
                Button(
                    "Adjust stock", url=_stock_url(self.object), icon_name="list-ul", priority=5
                ),
                Button(
                    "Stock history", url=_history_url(self.object), icon_name="history", priority=6
                ),
            ]
        )


class BarrelViewSet(SnippetViewSet):
    model = Barrel
    icon = "folder-open-inverse"
    menu_label = "Barrels"
    menu_order = 210
    add_to_admin_menu = True
    index_view_class = BarrelIndexView
    add_view_class = BarrelCreateView
    edit_view_class = BarrelEditView
    list_display = [
        "name",
        "sku",
        "status",
        "wood_type",
        "previous_content",
        "price",
        Column("stock_quantity", label="Stock"),
        Column("reserved_quantity", label="Reserved"),
        "availability",
    ]
    list_filter = ["status", "wood_type", "previous_content", "condition"]
    search_fields = ["name", "sku", "cooperage"]
    search_backend_name = None  # plain database search (icontains), no Wagtail index needed
    ordering = ["-created_at"]
    list_per_page = 50
    copy_view_enabled = False
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldRowPanel([FieldPanel("sku"), FieldPanel("slug")]),
                FieldPanel("status"),
                FieldPanel("description"),
            ],
            heading="Identity",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("wood_type"), FieldPanel("previous_content")]),
                FieldRowPanel([FieldPanel("condition"), FieldPanel("origin_country")]),
                FieldRowPanel([FieldPanel("volume_liters"), FieldPanel("toast_level")]),
                FieldRowPanel(
                    [
                        FieldPanel("cooperage"),
                        FieldPanel("previous_fills"),
                        FieldPanel("last_fill_year"),
                    ]
                ),
            ],
            heading="What it is",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("height_cm"),
                        FieldPanel("diameter_cm"),
                        FieldPanel("empty_weight_kg"),
                    ]
                ),
                FieldPanel("hs_code"),
            ],
            heading="Freight",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("price"), FieldPanel("cost_price")]),
            ],
            heading="Price (EUR)",
            help_text="Stock changes: the Adjust stock action.",
        ),
        InlinePanel("tier_prices", heading="B2B tier prices", label="Tier"),
        InlinePanel("images", heading="Images", label="Image"),
    ]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/stock/", StockAdjustmentView.as_view(), name="stock"),
        ]


class ReadOnlyPolicy(ModelPermissionPolicy):
    """The ledger is written by the inventory service only: the admin may only look."""

    def user_has_permission(self, user, action):
        if action in ("add", "change", "delete"):
            return False
        return super().user_has_permission(user, action)


class StockMovementFilterSet(WagtailFilterSet):
    barrel = django_filters.NumberFilter(field_name="barrel_id", label="Barrel id")
    barrel_sku = django_filters.CharFilter(
        field_name="barrel__sku", lookup_expr="iexact", label="Barrel SKU"
    )

    class Meta:
        model = StockMovement
        fields = ["reason", "reference_kind"]


class StockMovementIndexView(ModelIndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("barrel", "actor")


class StockMovementViewSet(ModelViewSet):
    model = StockMovement
    icon = "history"
    menu_label = "Stock ledger"
    menu_order = 211
    add_to_admin_menu = True
    url_namespace = "catalog_stockmovement"
    url_prefix = "catalog/stock-movements"
    list_display = [
        "created_at",
        "barrel",
        "reason",
        "stock_delta",
        "reserved_delta",
        "stock_after",
        "reserved_after",
        "reference_kind",
        "reference_id",
        "actor",
        "note",
    ]
    filterset_class = StockMovementFilterSet
    search_fields = ["barrel__name", "barrel__sku", "reference_id", "note"]
    search_backend_name = None
    ordering = ["-created_at", "-id"]
    list_per_page = 50
    copy_view_enabled = False
    inspect_view_enabled = True
    form_fields = ["note"]  # never editable (ReadOnlyPolicy); ModelViewSet needs form fields

    index_view_class = StockMovementIndexView


register_permission_policy(StockMovement, ReadOnlyPolicy(StockMovement))
register_snippet(BarrelViewSet)


@hooks.register("register_admin_viewset")
def register_stock_movements():
    return StockMovementViewSet("catalog_stockmovement")
