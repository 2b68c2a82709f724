"""VAT rates in the Wagtail admin (Settings > VAT rates): staff keep them current. Every
create, edit and delete goes through `vat_rate_save` / `vat_rate_delete`, which record the
change (before and after) in the audit log."""

from wagtail.admin.panels import FieldPanel
from wagtail.log_actions import log
from wagtail.snippets.views.snippets import CreateView, DeleteView, EditView, SnippetViewSet

from commerce.models import VatRate
from commerce.tax.services import vat_rate_delete, vat_rate_save


class VatRateCreateView(CreateView):
    def save_instance(self):
        rate = vat_rate_save(rate=self.form.save(commit=False), actor=self.request.user)
        log(instance=rate, action="wagtail.create", user=self.request.user)  # snippet history
        return rate


class VatRateEditView(EditView):
    def save_instance(self):
        rate = vat_rate_save(rate=self.form.save(commit=False), actor=self.request.user)
        log(instance=rate, action="wagtail.edit", user=self.request.user)
        return rate


class VatRateDeleteView(DeleteView):
    def delete_action(self):
        log(instance=self.object, action="wagtail.delete", user=self.request.user)
        vat_rate_delete(rate=self.object, actor=self.request.user)


class VatRateViewSet(SnippetViewSet):
    model = VatRate
    icon = "calculator"
    menu_label = "VAT rates"
    add_to_settings_menu = True
    list_display = ["country", "standard_rate", "note", "updated_at"]
    search_fields = ["country"]
    panels = [FieldPanel("country"), FieldPanel("standard_rate"), FieldPanel("note")]
    add_view_class = VatRateCreateView
    edit_view_class = VatRateEditView
    delete_view_class = VatRateDeleteView
