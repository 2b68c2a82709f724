"""Beat backstops of the outbox. The relay proper is `manage.py outbox_relay` (see its module):
this task only runs when the broker is up, and then drains what the fast path missed, so a
deployment without the relay process loses nothing either; the two never send a row twice at
once (SKIP LOCKED)."""

from vwb_site.celery_app import app


@app.task(name="vwb_site.outbox_relay", ignore_result=True)
def outbox_relay() -> int:
    from vwb_site.outbox.services import outbox_relay_batch

    sent = 0
    while True:
        counts = outbox_relay_batch()
        sent += counts["sent"]
        if counts["broker_down"] or not (counts["sent"] or counts["failed"]):
            return sent


@app.task(name="vwb_site.outbox_purge", ignore_result=True)
def outbox_purge() -> dict:
    from vwb_site.outbox.services import outbox_purge as purge

    return purge()
