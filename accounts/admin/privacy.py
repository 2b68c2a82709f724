"""Wagtail admin: carry out an erasure request for a customer (the same service as the API)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import FormView
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import ListingButton

from accounts.models import User
from accounts.privacy.erasure import erasure_blocks, user_erase
from vwb_site.exceptions import ApplicationError

CUSTOMERS_NS = "accounts_customers"


class ErasureForm(forms.Form):
    reason = forms.CharField(max_length=200, help_text="e.g. the request's ticket number.")
    confirm = forms.BooleanField(label="I understand this cannot be undone.")


class UserErasureView(WagtailAdminTemplateMixin, FormView):
    template_name = "accounts/wagtail/user_erasure.html"
    form_class = ErasureForm
    header_icon = "bin"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("accounts.change_user"):
            raise PermissionDenied
        self.customer = get_object_or_404(User, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return f"Erase customer #{self.customer.pk}"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            customer=self.customer,
            erasure_blocks=erasure_blocks(self.customer),
            index_url=reverse(f"{CUSTOMERS_NS}:index"),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            user_erase(
                user=self.customer, actor=self.request.user, reason=form.cleaned_data["reason"]
            )
        except ApplicationError as exc:
            messages.error(self.request, exc.message)
            return redirect(f"{CUSTOMERS_NS}:index")
        messages.success(self.request, f"Customer #{self.customer.pk} erased.")
        return redirect(f"{CUSTOMERS_NS}:index")


class CustomerIndexView(generic.IndexView):
    def get_list_more_buttons(self, instance):
        buttons = list(super().get_list_more_buttons(instance))
        if instance.erased_at is None and self.request.user.has_perm("accounts.change_user"):
            buttons.append(
                ListingButton(
                    "Erase (GDPR)",
                    url=reverse(f"{CUSTOMERS_NS}:erase", args=[instance.pk]),
                    icon_name="bin",
                    priority=90,
                )
            )
        return buttons
