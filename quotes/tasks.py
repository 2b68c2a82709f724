"""Celery tasks of the quotes app: thin wrappers around services, safe to run twice."""

from vwb_site.celery_app import app
from vwb_site.tasks import RETRYING


@app.task(**RETRYING, name="quotes.send_quote_email")
def send_quote_email(
    self,
    quote_id: str,
    kind: str,
    audience: str,
    ref: str,
    version_id=None,
    history_id=None,
    message_id=None,
) -> bool:
    """Once per (kind, audience, ref): a QuoteNotification row, written with the send."""
    from quotes.services.notifications import quote_email_send

    return quote_email_send(
        quote_id=quote_id,
        kind=kind,
        audience=audience,
        ref=ref,
        version_id=version_id,
        history_id=history_id,
        message_id=message_id,
    )


@app.task(**RETRYING, name="quotes.expire_due_quotes")
def expire_due_quotes(self) -> dict:
    """Beat: expire offers whose validity passed, release stale holds, send 48-hour reminders."""
    from quotes.services.expiry import quote_expiry_sweep

    return quote_expiry_sweep()
