"""The personal data the CMS stores: contact-form messages, matched to a person by e-mail,
deleted on erasure and after `RETENTION_CONTACT_MESSAGES_DAYS`."""

from datetime import timedelta

from django.conf import settings

from accounts.privacy.registry import BLANK, Entry, register, register_retention_rule
from cms_pages.models import ContactMessage

register(
    Entry(
        ContactMessage,
        email_lookup="email",
        delete_rows=True,
        personal={
            "name": BLANK,
            "email": BLANK,
            "company": BLANK,
            "phone": BLANK,
            "message": BLANK,
        },
        not_personal=("topic",),
    ),
)


def purge_contact_messages(now) -> int:
    cutoff = now - timedelta(days=settings.RETENTION_CONTACT_MESSAGES_DAYS)
    return ContactMessage.objects.filter(created_at__lt=cutoff).delete()[0]


register_retention_rule("contact_messages", purge_contact_messages)
