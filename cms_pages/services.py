"""Writes of the CMS app: contact messages and their staff notification."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from cms_pages.models import ContactMessage
from vwb_site.logging_config import get_logger
from vwb_site.tasks import dispatch_on_commit

log = get_logger("cms_pages.services")


@transaction.atomic
def contact_message_submit(
    *,
    name: str,
    email: str,
    topic: str,
    message: str,
    company: str = "",
    phone: str = "",
    honeypot: str = "",
) -> ContactMessage | None:
    """Store a contact message and e-mail staff once the transaction commits.

    A filled honeypot (a field people never see) means a bot: nothing is stored or sent, and
    the caller answers exactly as for a real message so the bot learns nothing.
    """
    if honeypot.strip():
        log.info("contact_message_honeypot", email_domain=email.rpartition("@")[2])
        return None
    contact = ContactMessage.objects.create(
        name=name, email=email, topic=topic, message=message, company=company, phone=phone
    )
    from cms_pages.tasks import notify_staff_of_contact_message

    dispatch_on_commit(notify_staff_of_contact_message, contact.pk)
    log.info("contact_message_received", contact_message_id=contact.pk, topic=topic)
    return contact


@transaction.atomic
def contact_message_notify_staff(*, contact_message_id: int) -> bool:
    """E-mail a contact message to STAFF_NOTIFICATION_EMAILS once (False when already sent)."""
    contact = ContactMessage.objects.select_for_update().filter(pk=contact_message_id).first()
    if contact is None or contact.notified_at is not None:
        return False
    body = (
        f"Name: {contact.name}\n"
        f"E-mail: {contact.email}\n"
        f"Company: {contact.company or '-'}\n"
        f"Phone: {contact.phone or '-'}\n"
        f"Topic: {contact.get_topic_display()}\n"
        f"Received: {contact.created_at:%Y-%m-%d %H:%M} UTC\n\n"
        f"{contact.message}\n"
    )
    EmailMessage(
        subject=f"[Contact] {contact.get_topic_display()}: {contact.name}",
        body=body,
        to=settings.STAFF_NOTIFICATION_EMAILS,
        reply_to=[contact.email],
    ).send()
    contact.notified_at = timezone.now()
    contact.save(update_fields=["notified_at"])
    return True
