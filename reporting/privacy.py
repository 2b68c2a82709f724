"""Reporting belongs to staff: who ran a report, how a manager arranged a dashboard. Report
files may name customers: they expire after `REPORTING_FILE_TTL_HOURS`, and retention deletes
them with their jobs after `RETENTION_REPORT_FILES_DAYS`."""

from datetime import timedelta

from django.conf import settings

from accounts.privacy.registry import Entry, register, register_retention_rule
from reporting.models import DashboardPanelConfig, ReportJob

register(
    Entry(
        ReportJob,
        actor_only=True,
        not_personal=("report", "params", "format", "status", "file", "filename", "error"),
        note="Report files may name customers; retention purges them after "
        "REPORTING_FILE_TTL_HOURS.",
    ),
    Entry(DashboardPanelConfig, actor_only=True, not_personal=("panel", "filters")),
)


def purge_report_files(now) -> int:
    cutoff = now - timedelta(days=settings.RETENTION_REPORT_FILES_DAYS)
    count = 0
    for job in ReportJob.objects.filter(created_at__lt=cutoff):
        job.file.delete(save=False)
        job.delete()
        count += 1
    return count


register_retention_rule("report_files", purge_report_files)
