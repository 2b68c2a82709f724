"""VAT rates in the Wagtail admin (Settings > VAT rates): staff keep them current."""

from wagtail.admin.panels import FieldPanel
from wagtail.snippets.views.snippets import SnippetViewSet

from commerce.models import VatRate


class VatRateViewSet(SnippetViewSet):
    model = VatRate
    icon = "calculator"
    menu_label = "VAT rates"
    add_to_settings_menu = True
    list_display = ["country", "standard_rate", "note", "updated_at"]
    search_fields = ["country"]
    panels = [FieldPanel("country"), FieldPanel("standard_rate"), FieldPanel("note")]
