"""The reporting API: list reports, download one (CSV or XLSX), follow a background job."""

from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.response import Response
from rest_framework.views import APIView

from reporting.api.serializers.reports import ReportJobOutput, ReportListOutput
from reporting.models import ReportFormat
from reporting.params import FILTERS, parse_report_request
from reporting.permissions import CanReadReports
from reporting.reports import all_reports, get_report
from reporting.services.jobs import (
    report_job_create,
    report_job_file,
    report_job_for_user,
    report_runs_async,
)
from reporting.services.rendering import XLSX_CONTENT_TYPE, report_render


class IgnoreFormatParameter(DefaultContentNegotiation):
    """`?format=csv|xlsx` names the report's file format, not a DRF renderer."""

    def select_renderer(self, request, renderers, format_suffix=None):
        renderer = renderers[0]
        return renderer, renderer.media_type


class ReportsView(APIView):
    permission_classes = [CanReadReports]
    throttle_scope = "reports"
    content_negotiation_class = IgnoreFormatParameter


def _attachment(filename: str) -> str:
    return f'attachment; filename="{filename}"'


class ReportListView(ReportsView):
    @extend_schema(
        operation_id="reports_list",
        summary="The reports an administrator or manager can download",
        responses={200: ReportListOutput(many=True)},
        tags=["reports"],
    )
    def get(self, request):
        data = [
            {
                "name": r.name,
                "title": r.title,
                "description": r.description,
                "filters": list(r.filters),
                "tables": [{"name": n, "title": t} for n, t in r.tables],
                "detail_table": r.detail_name or None,
                "formats": list(ReportFormat.values),
                "url": request.build_absolute_uri(
                    reverse("v1:reporting:report-detail", args=[r.name])
                ),
            }
            for r in all_reports()
        ]
        return Response(ReportListOutput(data, many=True).data)


REPORT_PARAMETERS = [
    OpenApiParameter(
        "from",
        OpenApiTypes.DATE,
        description="First day (UTC), inclusive. Default: 29 days before `to`.",
    ),
    OpenApiParameter(
        "to", OpenApiTypes.DATE, description="Last day (UTC), inclusive. Default: today."
    ),
    OpenApiParameter(
        "format",
        OpenApiTypes.STR,
        enum=list(ReportFormat.values),
        description="File format (default xlsx).",
    ),
    OpenApiParameter(
        "bom",
        OpenApiTypes.BOOL,
        description="CSV only: start with a UTF-8 byte order mark (for Excel).",
    ),
    OpenApiParameter(
        "table",
        OpenApiTypes.STR,
        description="CSV only: which table (default the report's first; the "
        "report's `detail_table` streams row by row).",
    ),
    *[OpenApiParameter(name, OpenApiTypes.STR, description=text) for name, text in FILTERS.items()],
]


class ReportDownloadView(ReportsView):
    @extend_schema(
        operation_id="reports_download",
        summary="Download a report, or start a background job for a long range",
        parameters=REPORT_PARAMETERS,
        responses={
            (200, XLSX_CONTENT_TYPE): OpenApiResponse(
                OpenApiTypes.BINARY, description="The workbook."
            ),
            (200, "text/csv"): OpenApiResponse(OpenApiTypes.BINARY, description="The CSV."),
            (202, "application/json"): OpenApiResponse(
                ReportJobOutput, description="The range is long: a job computes the file."
            ),
        },
        tags=["reports"],
    )
    def get(self, request, name: str):
        definition = get_report(name)
        report_request = parse_report_request(report=definition, query=dict(request.GET.lists()))
        if report_runs_async(request=report_request):
            job = report_job_create(request=report_request, user=request.user)
            body = ReportJobOutput(job, context={"request": request}).data
            return Response(body, status=202, headers={"Location": body["url"]})
        rendered = report_render(definition=definition, request=report_request)
        if rendered.streamed:
            response = StreamingHttpResponse(rendered.chunks, content_type=rendered.content_type)
        else:
            response = HttpResponse(rendered.read(), content_type=rendered.content_type)
        response["Content-Disposition"] = _attachment(rendered.filename)
        response["Cache-Control"] = "no-store"
        return response


class ReportJobDetailView(ReportsView):
    @extend_schema(
        operation_id="report_jobs_retrieve",
        summary="A background report job: status, percent, and the download URL when done",
        responses={200: ReportJobOutput},
        tags=["reports"],
    )
    def get(self, request, job_id):
        job = report_job_for_user(job_id=job_id, user=request.user)
        return Response(ReportJobOutput(job, context={"request": request}).data)


class ReportJobFileView(ReportsView):
    @extend_schema(
        operation_id="report_jobs_file",
        summary="Download the file a finished report job produced",
        responses={(200, "application/octet-stream"): OpenApiResponse(OpenApiTypes.BINARY)},
        tags=["reports"],
    )
    def get(self, request, job_id):
        job = report_job_for_user(job_id=job_id, user=request.user)
        handle = report_job_file(job=job)
        content_type = XLSX_CONTENT_TYPE if job.format == ReportFormat.XLSX else "text/csv"
        response = FileResponse(
            handle, as_attachment=True, filename=job.filename, content_type=content_type
        )
        response["Cache-Control"] = "no-store"
        return response
