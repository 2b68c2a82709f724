"""Quote e-mails: queued after commit (Celery), sent once each (a row per e-mail sent)."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string

from quotes.models import Quote, QuoteNotification, QuoteVersion
from quotes.pdf import render_version_pdf

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


def notify(
    *,
    quote_id,
    kind: str,
    audience: str,
    ref: str,
    version_id=None,
    history_id=None,
    message_id=None,
) -> None:
    """Record one e-mail in the outbox, in the current transaction; sent after commit.

    It names the rows of the event that causes it (the version sent, the status change, the
    message written), all immutable, so the e-mail shows them and not whatever is latest when
    the worker runs it.
    """
    from quotes.tasks import send_quote_email
    from vwb_site.tasks import dispatch_on_commit

    event = {
        name: value
        for name, value in (
            ("version_id", version_id),
            ("history_id", history_id),
            ("message_id", message_id),
        )
        if value is not None
    }
    dispatch_on_commit(send_quote_email, str(quote_id), kind, audience, ref, **event)


def _recipients(quote: Quote, audience: str) -> list[str]:
    if audience == "staff":
        return list(settings.STAFF_NOTIFICATION_EMAILS)
    return [quote.user.email]


def quote_email_send(
    *,
    quote_id: str,
    kind: str,
    audience: str,
    ref: str,
    version_id=None,
    history_id=None,
    message_id=None,
) -> bool:
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
        # The rows of the event when it names them; "latest" only for rows queued before.
        if version_id is not None:
            version = QuoteVersion.objects.filter(quote=quote, pk=version_id).first()
        else:
            version = quote.current_version
        messages = quote.messages.all()
        history = quote.history.all()
        context = {
            "quote": quote,
            "version": version,
            "audience": audience,
            "frontend_url": f"{settings.FRONTEND_BASE_URL}/account/quotes/{quote.pk}",
            "admin_url": f"{settings.WAGTAILADMIN_BASE_URL}/admin/quotes/{quote.pk}/",
            "last_message": (
                messages.filter(pk=message_id).first()
                if message_id is not None
                else messages.order_by("-created_at", "-id").first()
            ),
            "last_history": (
                history.filter(pk=history_id).first()
                if history_id is not None
                else history.order_by("-created_at", "-id").first()
            ),
        }
        subject = SUBJECTS[kind].format(
            number=quote.number,
            version=version.number if version else "",
            order=quote.order_number or "",
        )
        body = render_to_string(f"quotes/email/{kind}.txt", context)
        email = EmailMessage(subject=subject, body=body, to=_recipients(quote, audience))
        if kind == "offer_sent" and version is not None:
            email.attach(
                f"{quote.number}-v{version.number}.pdf",
                render_version_pdf(version),
                "application/pdf",
            )
        email.send()
    return True
