"""Output serializers of the reporting API (inputs are query parameters, see reporting.params)."""

from django.urls import reverse
from rest_framework import serializers

from reporting.models import ReportJob


class ReportTableOutput(serializers.Serializer):
    name = serializers.CharField()
    title = serializers.CharField()


class ReportListOutput(serializers.Serializer):
    name = serializers.CharField()
    title = serializers.CharField()
    description = serializers.CharField()
    filters = serializers.ListField(child=serializers.CharField())
    tables = ReportTableOutput(many=True)
    detail_table = serializers.CharField(
        allow_null=True, help_text="CSV-only table streamed row by row (`table=` value)."
    )
    formats = serializers.ListField(child=serializers.CharField())
    url = serializers.CharField()


class ReportJobOutput(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    download_url = serializers.SerializerMethodField()
    params = serializers.JSONField()

    class Meta:
        model = ReportJob
        fields = [
            "id",
            "report",
            "format",
            "params",
            "status",
            "percent",
            "error",
            "filename",
            "created_at",
            "started_at",
            "finished_at",
            "expires_at",
            "url",
            "download_url",
        ]
        read_only_fields = fields

    def _absolute(self, path: str) -> str:
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path

    def get_url(self, job: ReportJob) -> str:
        return self._absolute(reverse("v1:reporting:report-job-detail", args=[job.id]))

    def get_download_url(self, job: ReportJob) -> str | None:
        if job.status != ReportJob.Status.DONE or not job.file:
            return None
        return self._absolute(reverse("v1:reporting:report-job-file", args=[job.id]))
