"""Wagtail admin: current login lockouts, each with a Clear action (accounts.services.lockouts).

Listed from axes' attempt rows of the cool-off window; clearing goes through `lockout_clear`,
which deletes the rows and writes an audit entry naming the administrator.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import path
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from accounts.selectors import lockout_list
from accounts.services.lockouts import KINDS, lockout_clear
from vwb_site.core.admin_menu import PermittedMenuMixin

LOCKOUTS_NS = "accounts_lockouts"
PERMISSION = "accounts.change_user"


class _AdminOnly:
    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class LockoutIndexView(_AdminOnly, WagtailAdminTemplateMixin, TemplateView):
    template_name = "accounts/wagtail/lockouts.html"
    page_title = "Login lockouts"
    header_icon = "lock"

    def get_context_data(self, **kwargs):
        return super().get_context_data(lockouts=lockout_list(), **kwargs)


class LockoutClearForm(forms.Form):
    kind = forms.ChoiceField(choices=[(k, k) for k in KINDS])
    ip_address = forms.GenericIPAddressField(required=False)
    username = forms.CharField(required=False, max_length=255)


class LockoutClearView(_AdminOnly, FormView):
    form_class = LockoutClearForm
    http_method_names = ["post"]

    def form_valid(self, form):
        data = form.cleaned_data
        lockout_clear(
            kind=data["kind"],
            ip_address=data["ip_address"] or "",
            username=data["username"],
            actor=self.request.user,
        )
        messages.success(self.request, "Lockout cleared.")
        return redirect(f"{LOCKOUTS_NS}:index")

    def form_invalid(self, form):
        messages.error(self.request, "This lockout could not be cleared.")
        return redirect(f"{LOCKOUTS_NS}:index")


class LockoutViewSet(PermittedMenuMixin, ViewSet):
    name = LOCKOUTS_NS
    url_prefix = "accounts/lockouts"
    menu_label = "Login lockouts"
    icon = "lock"
    add_to_admin_menu = False

    def user_may_open(self, user) -> bool:
        return user.has_perm(PERMISSION)

    def get_urlpatterns(self):
        return [
            path("", LockoutIndexView.as_view(), name="index"),
            path("clear/", LockoutClearView.as_view(), name="clear"),
        ]
