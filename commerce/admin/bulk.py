"""A bulk action of the order list (#21 item 1): generate (or regenerate) the invoices of the
selected orders, each through `document_generate`, as the order page's button does. Orders that
cannot have an invoice are skipped and named in the message."""

from django.utils.functional import classproperty
from wagtail.admin import messages
from wagtail.admin.views.bulk_action import BulkAction

from commerce.models import DocumentKind, Order
from commerce.shipping.documents.services import document_generate
from vwb_site.exceptions import ApplicationError


class GenerateInvoicesBulkAction(BulkAction):
    display_name = "Generate invoices"
    action_type = "generate_invoices"
    aria_label = "Generate the invoices of the selected orders"
    template_name = "commerce/admin/bulk_generate_invoices.html"
    action_priority = 10

    @classproperty
    def models(cls):
        return [Order]

    def check_perm(self, obj) -> bool:
        return bool(getattr(self.request.user, "is_admin", False))

    def get_execution_context(self):
        return {"request": self.request}

    @classmethod
    def execute_action(cls, objects, request=None, **kwargs):
        done, refused = 0, []
        for order in objects:
            try:
                document_generate(order=order, kind=DocumentKind.INVOICE)
            except ApplicationError as exc:
                refused.append(f"{order.number}: {exc.message}")
            else:
                done += 1
        if refused and request is not None:
            messages.warning(request, "Skipped " + "; ".join(refused))
        return done, 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return f"{num_parent_objects} invoice(s) generated."
