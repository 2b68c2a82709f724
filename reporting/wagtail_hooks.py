"""Wagtail admin: the Reports menu (forms and downloads), dashboard panels, dashboard settings."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from reporting.admin import dashboard as dashboard_views
from reporting.admin import reports as report_views
from reporting.dashboard import panels_for_user
from reporting.dashboard.components import ReportPanel
from reporting.permissions import can_read_reports


@hooks.register("register_admin_urls")
def register_reporting_urls():
    urls = [
        path("", report_views.index, name="index"),
        path("dashboard/", dashboard_views.dashboard_settings, name="dashboard"),
        path("jobs/<uuid:job_id>/", report_views.job, name="job"),
        path("jobs/<uuid:job_id>/download/", report_views.job_download, name="job_download"),
        path("<str:name>/download/", report_views.download, name="download"),
    ]
    return [path("reports/", (urls, "reporting_admin", "reporting_admin"))]


class ReportsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_read_reports(request.user)


@hooks.register("register_admin_menu_item")
def register_reports_menu_item():
    return ReportsMenuItem(
        "Shop reports",
        reverse("reporting_admin:index"),
        name="shop-reports",
        icon_name="table",
        order=250,
    )


@hooks.register("construct_homepage_panels")
def add_report_panels(request, panels):
    if not can_read_reports(request.user):
        return
    for index, (settings, kind) in enumerate(panels_for_user(request.user)):
        panels.append(ReportPanel(settings=settings, kind=kind, index=index))
