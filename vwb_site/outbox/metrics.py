"""Prometheus gauges of the outbox, read from the database at scrape time (one query), so every
process reports the same figures and none keeps them in step. Registered in OutboxConfig.ready()."""

from prometheus_client.core import GaugeMetricFamily

from vwb_site.logging_config import get_logger
from vwb_site.outbox.selectors import outbox_stats

log = get_logger("vwb_site.outbox")


class OutboxCollector:
    def describe(self):
        return []  # no query at registration time

    def collect(self):
        try:
            stats = outbox_stats()
        except Exception:  # a scrape must not fail with the database
            log.warning("outbox_metrics_unavailable", exc_info=True)
            return
        yield GaugeMetricFamily(
            "vwb_outbox_backlog", "Outbox rows waiting to be sent.", value=stats["pending"]
        )
        yield GaugeMetricFamily(
            "vwb_outbox_oldest_pending_age_seconds",
            "Age of the oldest outbox row still waiting to be sent.",
            value=stats["oldest_pending_age"],
        )
        yield GaugeMetricFamily(
            "vwb_outbox_dead", "Outbox rows given up after too many tries.", value=stats["dead"]
        )
