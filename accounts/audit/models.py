"""AuditEntry: one administrative action. Rows are never updated or deleted.

Enforced three times: `save()` refuses an existing row, `delete()` raises, the queryset's
`update()`/`delete()` raise, and a PostgreSQL trigger (migration 0005) raises on UPDATE and
DELETE whatever code runs. TRUNCATE (test database flushes) is not a row operation.
"""

from django.conf import settings
from django.db import models


class AppendOnlyError(Exception):
    """An audit entry was about to be changed or deleted."""


class AuditEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Audit entries cannot be changed.")

    def delete(self):
        raise AppendOnlyError("Audit entries cannot be deleted.")


class AuditEntry(models.Model):
    class Source(models.TextChoices):
        SERVICE = "service", "Service"
        API = "api", "REST API"
        ADMIN = "admin", "Wagtail admin"
        SYSTEM = "system", "System (task)"

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    # No database constraint: an entry outlives the account that acted, and deleting a user
    # must not try to update (SET NULL) rows the trigger protects.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    action = models.CharField(max_length=80, db_index=True)
    source = models.CharField(max_length=8, choices=Source.choices, default=Source.SERVICE)
    target_type = models.CharField(max_length=80, blank=True, db_index=True)
    target_id = models.CharField(max_length=64, blank=True, db_index=True)
    target_repr = models.CharField(max_length=200, blank=True)
    changes = models.JSONField(default=dict, blank=True, help_text="{field: [before, after]}")
    method = models.CharField(max_length=8, blank=True)
    path = models.CharField(max_length=300, blank=True)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)
    request_id = models.CharField(max_length=128, blank=True, db_index=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "audit entries"
        indexes = [models.Index(fields=["target_type", "target_id", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.target_type} {self.target_id}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("Audit entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Audit entries cannot be deleted.")
