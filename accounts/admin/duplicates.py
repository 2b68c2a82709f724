"""Companies registered twice (#21 item 4): a B2B registration with the VAT number of a verified
company still registers (pending), and staff see "same VAT number as <company> (verified)" in
the Companies listing, with an action that attaches the buyer to the verified company
(`company_members_attach`, audited)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import TemplateView
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from accounts.models import Company
from accounts.selectors import company_verified_twin
from accounts.services.companies import company_members_attach
from vwb_site.exceptions import ApplicationError

PERMISSION = "accounts.change_company"


def twin_label(company: Company) -> str:
    """ "same VAT number as Weingut Keller (verified)", or "" (from the listing's annotation)."""
    name = getattr(company, "verified_twin_name", None)
    return f"same VAT number as {name} (verified)" if name else ""


class VerifiedTwinColumn(Column):
    cell_template_name = "accounts/wagtail/twin_cell.html"

    def __init__(self, name="verified_twin", **kwargs):
        kwargs.setdefault("label", "Duplicate")
        kwargs.setdefault("accessor", twin_label)
        super().__init__(name, **kwargs)

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["attach_url"] = attach_url(instance)
        return context


def attach_url(company: Company) -> str:
    if not getattr(company, "verified_twin_id", None):
        return ""
    return reverse("accounts_companies:attach", args=[company.pk])


class CompanyAttachView(WagtailAdminTemplateMixin, TemplateView):
    """Confirm, then attach the duplicate's members to the verified company."""

    template_name = "accounts/wagtail/company_attach.html"
    header_icon = "group"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        self.company = get_object_or_404(Company, pk=kwargs["pk"])
        self.twin = company_verified_twin(company=self.company)
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return f"Attach the members of {self.company.legal_name}"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            company=self.company,
            twin=self.twin,
            members=list(self.company.members.order_by("email")),
            index_url=reverse("accounts_companies:index"),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if self.twin is None:
            messages.error(request, "No verified company has this VAT number.")
            return redirect("accounts_companies:index")
        try:
            target = company_members_attach(
                company_id=self.company.pk, into_company_id=self.twin.pk, actor=request.user
            )
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request,
                f"The members of {self.company.legal_name} now belong to {target.legal_name}.",
            )
        return redirect("accounts_companies:index")
