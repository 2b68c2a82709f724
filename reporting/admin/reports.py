"""Wagtail admin views for managers: report forms, downloads, background jobs."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from reporting.forms import report_form_class
from reporting.models import ReportFormat, ReportJob
from reporting.params import parse_report_request
from reporting.permissions import can_read_reports
from reporting.reports import all_reports, get_report
from reporting.services.jobs import (
    report_job_create,
    report_job_file,
    report_job_for_user,
    report_runs_async,
)
from reporting.services.rendering import XLSX_CONTENT_TYPE, report_render
from vwb_site.exceptions import ApplicationError


def require_report_reader(view):
    def wrapped(request, *args, **kwargs):
        if not can_read_reports(request.user):
            raise PermissionDenied("Reports are for administrators and managers.")
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


@require_report_reader
def index(request):
    forms = [
        {
            "report": r,
            "form": report_form_class(r)(auto_id=f"id_{r.name}_%s"),
            "action": reverse("reporting_admin:download", args=[r.name]),
        }
        for r in all_reports()
    ]
    jobs = ReportJob.objects.filter(requested_by=request.user)[:10]
    return TemplateResponse(
        request,
        "reporting/admin/index.html",
        {
            "page_title": "Shop reports",
            "header_title": "Shop reports",  # the browser title
            "header_icon": "table",
            "forms": forms,
            "jobs": jobs,
        },
    )


@require_report_reader
def download(request, name: str):
    try:
        definition = get_report(name)
        query = {k: v for k, v in request.GET.lists() if any(x.strip() for x in v)}
        report_request = parse_report_request(report=definition, query=query)
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect(reverse("reporting_admin:index") + f"#report-{name}")
    if report_runs_async(request=report_request):
        job = report_job_create(request=report_request, user=request.user)
        messages.success(request, "The range is long: the report is being prepared.")
        return redirect("reporting_admin:job", job_id=job.id)
    rendered = report_render(definition=definition, request=report_request)
    if rendered.streamed:
        response = StreamingHttpResponse(rendered.chunks, content_type=rendered.content_type)
    else:
        response = HttpResponse(rendered.read(), content_type=rendered.content_type)
    response["Content-Disposition"] = f'attachment; filename="{rendered.filename}"'
    return response


@require_report_reader
def job(request, job_id):
    try:
        report_job = report_job_for_user(job_id=job_id, user=request.user)
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("reporting_admin:index")
    return TemplateResponse(
        request,
        "reporting/admin/job.html",
        {
            "page_title": f"Report: {report_job.report}",
            "header_title": f"Report: {report_job.report} - Shop reports",
            "header_icon": "table",
            "job": report_job,
            "refresh": report_job.status in (ReportJob.Status.QUEUED, ReportJob.Status.RUNNING),
        },
    )


@require_report_reader
def job_download(request, job_id):
    try:
        report_job = report_job_for_user(job_id=job_id, user=request.user)
        handle = report_job_file(job=report_job)
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("reporting_admin:index")
    content_type = XLSX_CONTENT_TYPE if report_job.format == ReportFormat.XLSX else "text/csv"
    return FileResponse(
        handle, as_attachment=True, filename=report_job.filename, content_type=content_type
    )
