"""Report jobs (the asynchronous path) and per-user dashboard panel choices."""

import uuid

from django.conf import settings
from django.db import models

from vwb_site.core.storage import get_private_storage


class ReportAccess(models.Model):
    """No table: carries the `view_reports` permission that the Managers group holds."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [("view_reports", "Can read and download reports")]

    def __str__(self) -> str:
        return "report access"


class ReportFormat(models.TextChoices):
    CSV = "csv", "CSV"
    XLSX = "xlsx", "Excel workbook"


class ReportJob(models.Model):
    """A report computed by a Celery worker because its range is too large to answer inline."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    report = models.CharField(max_length=40)
    params = models.JSONField(help_text="Validated parameters (dates as ISO strings).")
    format = models.CharField(max_length=4, choices=ReportFormat.choices)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    percent = models.PositiveSmallIntegerField(default=0)
    file = models.FileField(upload_to="reports/%Y/%m/", storage=get_private_storage, blank=True)
    filename = models.CharField(max_length=200, blank=True)
    error = models.CharField(max_length=500, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.report} {self.format} ({self.status})"


class DashboardPanelConfig(models.Model):
    """One panel on one user's Wagtail dashboard: which, where, over what period and filters."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="dashboard_panels"
    )
    panel = models.CharField(max_length=40)
    position = models.PositiveSmallIntegerField(default=0)
    period_days = models.PositiveSmallIntegerField(default=30)
    filters = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["user", "position", "id"]
        indexes = [models.Index(fields=["user", "position"])]

    def __str__(self) -> str:
        return f"{self.panel} #{self.position} for user {self.user_id}"
