"""The "Shipping" admin menu: freight data, country rules, carriers."""

from wagtail.snippets.views.snippets import SnippetViewSetGroup

from commerce.admin.freight import (
    CarrierViewSet,
    CountryRuleViewSet,
    RateTableViewSet,
    ShippingMethodViewSet,
    ShippingZoneViewSet,
)


class ShippingViewSetGroup(SnippetViewSetGroup):
    menu_label = "Shipping"
    menu_icon = "globe"
    menu_order = 310
    items = (
        RateTableViewSet,
        ShippingZoneViewSet,
        ShippingMethodViewSet,
        CountryRuleViewSet,
        CarrierViewSet,
    )
