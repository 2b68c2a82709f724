"""Wagtail admin screens beyond the snippet views: the stock adjustment form (which calls
`stock_adjust`, so the admin writes the same ledger rows as the API)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from catalog.models import Barrel, StockMovement
from catalog.services.inventory import stock_adjust
from vwb_site.exceptions import ApplicationError

ADJUSTMENT_KINDS = [
    (StockMovement.Reason.ADJUSTMENT, "Count correction / breakage"),
    (StockMovement.Reason.RECEIPT, "Goods received"),
    (StockMovement.Reason.RETURN, "Returned by a customer"),
]


class StockAdjustmentForm(forms.Form):
    delta = forms.IntegerField(
        label="Change (units)",
        min_value=-100_000,
        max_value=100_000,
        help_text="Positive adds units, negative removes them. Never below what is reserved.",
    )
    kind = forms.ChoiceField(label="Kind", choices=ADJUSTMENT_KINDS)
    reason = forms.CharField(
        label="Reason", max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean_delta(self):
        delta = self.cleaned_data["delta"]
        if delta == 0:
            raise forms.ValidationError("The change must not be zero.")
        return delta


class StockAdjustmentView(WagtailAdminTemplateMixin, FormView):
    form_class = StockAdjustmentForm
    template_name = "catalog/admin/stock_adjust.html"
    header_icon = "list-ul"
    page_title = "Adjust stock"
    history_rows = 20

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("catalog.change_barrel"):
            raise PermissionDenied
        self.barrel = get_object_or_404(Barrel, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.barrel)

    def get_breadcrumbs_items(self):
        return [
            *super().get_breadcrumbs_items(),
            {"url": reverse("wagtailsnippets_catalog_barrel:list"), "label": "Barrels"},
            {
                "url": reverse("wagtailsnippets_catalog_barrel:edit", args=[self.barrel.pk]),
                "label": str(self.barrel),
            },
            {"url": "", "label": "Adjust stock"},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            barrel=self.barrel,
            action_url=self.request.path,
            submit_button_label="Adjust stock",
            submit_button_active_label="Adjusting…",
            movements=self.barrel.movements.select_related("actor").order_by("-created_at", "-id")[
                : self.history_rows
            ],
            history_url=reverse("catalog_stockmovement:index") + f"?barrel={self.barrel.pk}",
        )
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            stock_adjust(
                barrel=self.barrel,
                delta=data["delta"],
                actor=self.request.user,
                note=data["reason"],
                reason=data["kind"],
            )
        except ApplicationError as exc:
            form.add_error("delta", exc.message)
            return self.form_invalid(form)
        messages.success(
            self.request,
            f"Stock of {self.barrel.name} is now "
            f"{self.barrel.stock_quantity} "
            f"({self.barrel.available} available).",
        )
        return redirect(self.request.path)
