"""Reads of the outbox: the figures the gauges and the admin show."""

from django.db.models import Count, Min, Q
from django.utils import timezone

from vwb_site.outbox.models import OutboxMessage, OutboxStatus


def outbox_stats() -> dict:
    """Backlog (pending rows), the age in seconds of the oldest pending row, dead rows: one
    query on the partial index."""
    row = OutboxMessage.objects.filter(
        status__in=[OutboxStatus.PENDING, OutboxStatus.DEAD]
    ).aggregate(
        pending=Count("pk", filter=Q(status=OutboxStatus.PENDING)),
        dead=Count("pk", filter=Q(status=OutboxStatus.DEAD)),
        oldest=Min("created_at", filter=Q(status=OutboxStatus.PENDING)),
    )
    oldest = row["oldest"]
    age = (timezone.now() - oldest).total_seconds() if oldest else 0.0
    return {"pending": row["pending"], "dead": row["dead"], "oldest_pending_age": max(age, 0.0)}
