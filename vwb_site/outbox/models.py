"""Outbox rows: one per side effect (a Celery task), written in the transaction of its cause.

The platform owns this table and imports no domain app: a row names its task by the Celery
task name and carries JSON arguments.
"""

import uuid

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q


class OutboxStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    SENT = "sent", "Sent"
    DEAD = "dead", "Dead (gave up)"


class SentHow(models.TextChoices):
    FAST_PATH = "fast_path", "Fast path (right after commit)"
    RELAY = "relay", "Relay"


class OutboxMessage(models.Model):
    # The id is also the Celery task id of every send of this row: a task reads it as
    # `self.request.id` to do its effect once however often the row is sent.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    task_name = models.CharField(max_length=200)
    args = models.JSONField(default=list, blank=True, encoder=DjangoJSONEncoder)
    kwargs = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)
    request_id = models.CharField(max_length=64, blank=True)
    status = models.CharField(
        max_length=10, choices=OutboxStatus.choices, default=OutboxStatus.PENDING
    )
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    available_at = models.DateTimeField(help_text="The relay leaves the row alone until then.")
    sent_at = models.DateTimeField(null=True, blank=True)
    sent_how = models.CharField(max_length=10, choices=SentHow.choices, blank=True)

    class Meta:
        ordering = ["created_at"]
        indexes = [
            # What the relay and the gauges read: the pending rows, oldest first.
            models.Index(
                fields=["available_at"],
                name="outbox_pending_available",
                condition=Q(status="pending"),
            ),
            models.Index(fields=["status", "created_at"], name="outbox_status_created"),
        ]

    def __str__(self) -> str:
        return f"{self.task_name} ({self.status})"

    @property
    def can_retry(self) -> bool:
        return self.status == OutboxStatus.DEAD


class OutboxEffect(models.Model):
    """A marker that one effect (an e-mail...) of one outbox row happened: written in the
    transaction of the effect, so a second delivery of the row finds it and does nothing."""

    key = models.CharField(max_length=255, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.key
