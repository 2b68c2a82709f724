"""Quote e-mails: queued after commit (Celery), sent once each (a row per e-mail sent)."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string

from quotes.models import Quote, QuoteNotification

SUBJECTS = {
    "request_received": "Quote request {number} received",
    "offer_sent": "Your quote {number}: offer version {version}",
    "changes_requested": "Quote {number}: the buyer asks for changes",
    "accepted": "Quote {number} accepted: order {order}",
    "rejected": "Quote {number} rejected",
    "cancelled": "Quote {number} withdrawn by the buyer",
    "expired": "Quote {number} has expired",
    "expiring": "Quote {number} expires in less than 48 hours",
}
AUDIENCES = ("buyer", "staff")


def notify(*, quote_id, kind: str, audience: str, ref: str) -> None:
    """Queue one e-mail for after the current transaction commits."""
    from quotes.tasks import send_quote_email
    from vwb_site.tasks import dispatch_on_commit

    dispatch_on_commit(send_quote_email, str(quote_id), kind, audience, ref)


def _recipients(quote: Quote, audience: str) -> list[str]:
    if audience == "staff":
        return list(settings.STAFF_NOTIFICATION_EMAILS)
    return [quote.user.email]


def quote_email_send(*, quote_id: str, kind: str, audience: str, ref: str) -> bool:
    """Send the e-mail `kind` about a quote to `audience`, at most once per (kind, audience, ref).

    Returns False when it had already been sent. The row is written in the same transaction as
    the send, so a failed send (retried by Celery) leaves no trace.
    """
    if kind not in SUBJECTS or audience not in AUDIENCES:
        raise ValueError(f"Unknown quote e-mail {kind}/{audience}.")
    with transaction.atomic():
        quote = (
            Quote.objects.select_related("user", "company", "current_version")
            .filter(pk=quote_id)
            .first()
        )
        if quote is None:
            return False
        try:
            with transaction.atomic():
                QuoteNotification.objects.create(quote=quote, key=f"{kind}:{audience}:{ref}"[:80])
        except IntegrityError:
            return False
        version = quote.current_version
        context = {
            "quote": quote,
            "version": version,
            "audience": audience,
            "frontend_url": f"{settings.FRONTEND_BASE_URL}/account/quotes/{quote.pk}",
            "admin_url": f"{settings.WAGTAILADMIN_BASE_URL}/admin/quotes/{quote.pk}/",
            "last_message": quote.messages.order_by("-created_at", "-id").first(),
            "last_history": quote.history.order_by("-created_at", "-id").first(),
        }
        subject = SUBJECTS[kind].format(
            number=quote.number,
            version=version.number if version else "",
            order=quote.order_number or "",
        )
        body = render_to_string(f"quotes/email/{kind}.txt", context)
        EmailMessage(subject=subject, body=body, to=_recipients(quote, audience)).send()
    return True
