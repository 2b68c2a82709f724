"""Wagtail admin screens of the accounts app: customers (users) and companies.

Every change goes through the same services as the REST API (user_update_by_admin,
company_verify, company_reject), so the rules, history rows and e-mails are the same.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.views.generic import FormView
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets.button import ListingButton

from accounts.admin.audit import AuditEntryViewSet
from accounts.admin.duplicates import CompanyAttachView, VerifiedTwinColumn
from accounts.admin.lockouts import LockoutViewSet
from accounts.admin.privacy import CustomerIndexView, UserErasureView
from accounts.models import Company, User
from accounts.selectors import company_verified_twin, company_with_verified_twin
from accounts.services.admin_users import user_update_by_admin
from accounts.services.companies import company_reject, company_verify
from accounts.validators import normalize_vat_number
from vwb_site.exceptions import ApplicationError

Verification = Company.Verification
CUSTOMERS_NS = "accounts_customers"
COMPANY_NS = "accounts_companies"


def _form_errors(form, exc: ValidationError | ApplicationError) -> None:
    if isinstance(exc, ApplicationError):
        form.add_error(None, exc.message)
        return
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            name = field if field in form.fields else None
            for error in errors:
                form.add_error(name, error.messages[0] if name is None else error)
    else:
        form.add_error(None, exc.messages)


# --- Customers ------------------------------------------------------------------------------


class CustomerForm(WagtailAdminModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name", "phone", "role", "is_active", "company"]


class CustomerEditView(generic.EditView):
    def form_valid(self, form):
        data = {
            name: form.cleaned_data[name]
            for name in ("first_name", "last_name", "phone", "role", "is_active")
        }
        company = form.cleaned_data.get("company")
        data["company_id"] = company.pk if company else None
        try:
            self.object = user_update_by_admin(
                user_id=self.object.pk, actor=self.request.user, data=data
            )
        except (ValidationError, ApplicationError) as exc:
            _form_errors(form, exc)
            self.produced_error_code = "validation_error"
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)
        messages.success(self.request, f"Customer {self.object.email} updated.")
        return redirect(self.get_success_url())


class CustomerViewSet(ModelViewSet):
    """Accounts created through the API: role, company and activation. Wagtail's own "Users"
    screen still manages staff groups and passwords."""

    model = User
    name = CUSTOMERS_NS
    url_prefix = "accounts/customers"
    menu_label = "Customers"
    icon = "user"
    add_to_admin_menu = False
    edit_view_class = CustomerEditView
    index_view_class = CustomerIndexView
    copy_view_enabled = False
    list_display = [
        "email",
        "first_name",
        "last_name",
        "role",
        "company",
        "is_active",
        "date_joined",
    ]
    list_filter = ["role", "is_active", "company__verification_status"]
    search_fields = ["email", "first_name", "last_name", "company__legal_name"]
    search_backend_name = None
    ordering = ["-date_joined"]

    def get_form_class(self, for_update=False):
        return CustomerForm

    def get_common_view_kwargs(self, **kwargs):
        # Customers register through the API and are deactivated, not deleted, here.
        return super().get_common_view_kwargs(add_url_name=None, delete_url_name=None, **kwargs)

    def get_urlpatterns(self):
        return [
            *(p for p in super().get_urlpatterns() if p.name not in {"add", "delete", "copy"}),
            path("erase/<int:pk>/", UserErasureView.as_view(), name="erase"),
        ]


# --- Companies ------------------------------------------------------------------------------


class CompanyForm(WagtailAdminModelForm):
    """Company details; the verification status moves only through Verify / Reject."""

    class Meta:
        model = Company
        fields = ["legal_name", "vat_number", "country", "street", "city", "zip_code"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("country") and "vat_number" in cleaned:
            try:
                cleaned["vat_number"] = normalize_vat_number(
                    country=cleaned["country"], value=cleaned["vat_number"]
                )
            except ValidationError as exc:
                self.add_error("vat_number", exc)
        return cleaned


class CompanyDecisionForm(forms.Form):
    text = forms.CharField(required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 3}))


class CompanyDecisionView(WagtailAdminTemplateMixin, FormView):
    """Verify or reject a company: a confirmation page whose POST calls the service."""

    template_name = "accounts/wagtail/company_decision.html"
    form_class = CompanyDecisionForm
    decision = Verification.VERIFIED
    header_icon = "tick"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("accounts.change_company"):
            raise PermissionDenied
        self.company = get_object_or_404(Company, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        verb = "Verify" if self.decision == Verification.VERIFIED else "Reject"
        return f"{verb} {self.company.legal_name}"

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields["text"].label = (
            "Note (optional)"
            if self.decision == Verification.VERIFIED
            else "Reason (sent to the company's members)"
        )
        form.fields["text"].required = self.decision == Verification.REJECTED
        return form

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            company=self.company,
            twin=company_verified_twin(company=self.company),
            decision=self.decision,
            index_url=reverse(f"{COMPANY_NS}:index"),
            **kwargs,
        )

    def form_valid(self, form):
        text = form.cleaned_data["text"]
        try:
            if self.decision == Verification.VERIFIED:
                company_verify(company_id=self.company.pk, actor=self.request.user, note=text)
            else:
                company_reject(company_id=self.company.pk, actor=self.request.user, reason=text)
        except ValidationError as exc:
            form.add_error("text", exc.messages[0])
            return self.form_invalid(form)
        except ApplicationError as exc:
            messages.error(self.request, exc.message)
            return redirect(f"{COMPANY_NS}:index")
        messages.success(self.request, f"{self.company.legal_name}: {self.decision}.")
        return redirect(f"{COMPANY_NS}:index")


class CompanyIndexView(generic.IndexView):
    def get_base_queryset(self):
        return company_with_verified_twin(super().get_base_queryset())

    def get_list_more_buttons(self, instance):
        buttons = list(super().get_list_more_buttons(instance))
        allowed = instance.allowed_transitions()
        if not self.request.user.has_perm("accounts.change_company"):
            return buttons
        if Verification.VERIFIED in allowed:
            url = reverse(f"{COMPANY_NS}:verify", args=[instance.pk])
            buttons.append(ListingButton("Verify", url=url, icon_name="tick", priority=20))
        if Verification.REJECTED in allowed:
            url = reverse(f"{COMPANY_NS}:reject", args=[instance.pk])
            buttons.append(ListingButton("Reject", url=url, icon_name="cross", priority=30))
        return buttons


class CompanyViewSet(ModelViewSet):
    model = Company
    name = COMPANY_NS
    url_prefix = "accounts/companies"
    menu_label = "Companies"
    icon = "group"
    add_to_admin_menu = False
    index_view_class = CompanyIndexView
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = [
        "legal_name",
        "vat_number",
        "country",
        StatusTagColumn(
            "verification_status",
            label="Verification",
            accessor="get_verification_status_display",
            primary=lambda c: c.verification_status == Verification.VERIFIED,
        ),
        Column("verified_at", label="Verified at"),
        VerifiedTwinColumn(),
    ]
    list_filter = ["verification_status", "country"]
    search_fields = ["legal_name", "vat_number", "members__email"]
    search_backend_name = None
    ordering = ["verification_status", "legal_name"]

    def get_form_class(self, for_update=False):
        return CompanyForm

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "verify/<int:pk>/",
                CompanyDecisionView.as_view(decision=Verification.VERIFIED),
                name="verify",
            ),
            path(
                "reject/<int:pk>/",
                CompanyDecisionView.as_view(decision=Verification.REJECTED, header_icon="cross"),
                name="reject",
            ),
            path("attach/<int:pk>/", CompanyAttachView.as_view(), name="attach"),
        ]


class AccountsViewSetGroup(ModelViewSetGroup):
    menu_label = "Accounts"
    menu_icon = "user"
    menu_order = 250
    items = (CustomerViewSet, CompanyViewSet, AuditEntryViewSet, LockoutViewSet)
