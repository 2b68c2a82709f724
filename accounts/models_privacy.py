"""Privacy models: consent records, personal data exports and retention runs."""

import uuid

from django.conf import settings
from django.db import models

from vwb_site.core.storage import get_private_storage


class ConsentPurpose(models.TextChoices):
    MARKETING_EMAILS = "marketing_emails", "Marketing e-mails"
    ANALYTICS = "analytics", "Analytics (Google Analytics 4)"


class ConsentSource(models.TextChoices):
    WEB = "web", "Website consent banner or account page"
    API = "api", "API client"
    ADMIN = "admin", "Recorded by staff"
    REGISTRATION = "registration", "Registration form"


class ConsentRecord(models.Model):
    """One decision (grant or withdrawal) for one purpose. Rows are added, never changed.

    The current state of a purpose is its latest row; it counts as consent only when granted
    under the current PRIVACY_POLICY_VERSION (a new policy asks again).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consents"
    )
    purpose = models.CharField(max_length=32, choices=ConsentPurpose.choices)
    granted = models.BooleanField()
    policy_version = models.CharField(max_length=32)
    source = models.CharField(max_length=16, choices=ConsentSource.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField(
        null=True, blank=True, help_text="Set on a grant when a later withdrawal ends it."
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "purpose", "-created_at"])]

    def __str__(self) -> str:
        verb = "granted" if self.granted else "withdrew"
        return f"user {self.user_id} {verb} {self.purpose} (policy {self.policy_version})"


class DataExport(models.Model):
    """A personal data archive built by a Celery task, downloadable through a signed link."""

    class Status(models.TextChoices):
        PENDING = "pending", "Being prepared"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"
        EXPIRED = "expired", "Expired (file deleted)"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="data_exports"
    )
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    file = models.FileField(upload_to="privacy/exports/", storage=get_private_storage, blank=True)
    size_bytes = models.PositiveBigIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    ready_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"export {self.pk} ({self.status})"


class RetentionRun(models.Model):
    """One run of the retention job: what each rule purged or anonymised."""

    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    counts = models.JSONField(default=dict, help_text="{rule: rows purged or anonymised}")
    errors = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"retention run {self.started_at:%Y-%m-%d %H:%M}"
