"""The dashboard settings screen: which panels, in what order, over what period and filters."""

from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from reporting.admin.reports import require_report_reader
from reporting.dashboard import panel_kinds, panels_for_user
from reporting.forms import DashboardPanelFormSet
from reporting.services.dashboard import dashboard_panels_save


@require_report_reader
def dashboard_settings(request):
    if request.method == "POST":
        formset = DashboardPanelFormSet(request.POST, prefix="panels")
        if formset.is_valid():
            panels = [
                f.to_settings()
                for f in formset.forms
                if f.cleaned_data.get("panel") and not f.cleaned_data.get("DELETE")
            ]
            dashboard_panels_save(user=request.user, panels=panels)
            messages.success(request, "Your dashboard is saved.")
            return redirect("wagtailadmin_home")
    else:
        initial = [
            {"panel": s.kind, "position": s.position, "period_days": s.period_days, **s.filters}
            for s, _kind in panels_for_user(request.user)
        ]
        formset = DashboardPanelFormSet(prefix="panels", initial=initial)
    return TemplateResponse(
        request,
        "reporting/admin/dashboard_settings.html",
        {
            "page_title": "Customise your dashboard",
            "header_title": "Customise your dashboard",
            "header_icon": "cogs",
            "formset": formset,
            "kinds": panel_kinds().values(),
        },
    )
