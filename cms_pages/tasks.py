"""Celery tasks of the CMS app (thin wrappers around services)."""

from cms_pages.services import contact_message_notify_staff
from vwb_site.celery_app import app
from vwb_site.tasks import RETRYING


@app.task(**RETRYING, name="cms_pages.notify_staff_of_contact_message")
def notify_staff_of_contact_message(self, contact_message_id: int) -> bool:
    """Idempotent: a message already e-mailed is not sent again."""
    return contact_message_notify_staff(contact_message_id=contact_message_id)
