"""`manage.py outbox_relay`: the long-running relay that hands pending outbox rows to Celery.

A process of its own, not a beat task: a beat task reaches the worker through the broker, so it
cannot run while the broker is down, which is when the backlog builds. This loop needs only the
database; it polls, and when the broker comes back it drains the backlog at once.
"""

import signal
import time

from django.core.management.base import BaseCommand

from vwb_site.logging_config import get_logger
from vwb_site.outbox.services import outbox_relay_batch

log = get_logger("vwb_site.outbox.relay")


class Command(BaseCommand):
    help = "Relay pending outbox rows to the Celery broker (runs until stopped)."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Drain what is due, then stop.")
        parser.add_argument("--interval", type=float, default=None, help="Seconds between polls.")
        parser.add_argument("--batch-size", type=int, default=None)

    def handle(self, *args, once=False, interval=None, batch_size=None, **options):
        from django.conf import settings

        interval = settings.OUTBOX_RELAY_INTERVAL_SECONDS if interval is None else interval
        self._stopping = False
        if not once:
            signal.signal(signal.SIGTERM, self._stop)
            signal.signal(signal.SIGINT, self._stop)
            log.info("outbox_relay_started", interval=interval)
        total = 0
        while not self._stopping:
            counts = outbox_relay_batch(batch_size=batch_size)
            total += counts["sent"]
            full = counts["sent"] + counts["failed"] >= (
                batch_size or settings.OUTBOX_RELAY_BATCH_SIZE
            )
            if full and not counts["broker_down"]:
                continue  # more may be due: no pause while draining a backlog
            if once:
                break
            time.sleep(interval)
        if once:
            self.stdout.write(f"{total} sent")
        else:
            log.info("outbox_relay_stopped", sent=total)

    def _stop(self, signum, frame):
        self._stopping = True
