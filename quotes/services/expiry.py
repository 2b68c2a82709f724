"""The beat sweep: expire offers past validity, release stale holds, 48-hour reminders."""

from datetime import timedelta

from django.db import transaction
from django.db.models import F, Sum
from django.utils import timezone

from catalog.models import StockMovement
from quotes.models import Quote, QuoteStatus, QuoteVersion
from quotes.services import notifications
from quotes.services.holds import quote_hold_release
from quotes.services.transitions import lock_quote, quote_transition

REMINDER_WINDOW = timedelta(hours=48)


@transaction.atomic
def quote_expire(*, quote: Quote) -> bool:
    """Expire one approved quote whose validity has passed (False if it no longer applies)."""
    quote = lock_quote(quote)
    version = quote.current_version
    if (
        quote.status != QuoteStatus.APPROVED
        or version is None
        or version.valid_until >= timezone.localdate()
    ):
        return False
    quote_hold_release(quote=quote, note=f"offer expired {version.valid_until:%Y-%m-%d}")
    quote_transition(
        quote=quote,
        to_status=QuoteStatus.EXPIRED,
        note=f"Validity passed ({version.valid_until:%Y-%m-%d}).",
    )
    return True


@transaction.atomic
def quote_release_stale_hold(*, quote: Quote) -> int:
    """A pending quote (changes requested) whose last offer's validity passed holds nothing."""
    quote = lock_quote(quote)
    version = quote.current_version
    if (
        quote.status != QuoteStatus.PENDING
        or version is None
        or version.valid_until >= timezone.localdate()
    ):
        return 0
    return quote_hold_release(
        quote=quote, note=f"hold of version {version.number} lapsed {version.valid_until}"
    )


@transaction.atomic
def quote_send_expiry_reminder(*, version: QuoteVersion) -> bool:
    version = QuoteVersion.objects.select_for_update().get(pk=version.pk)
    if version.expiry_reminder_sent_at is not None:
        return False
    version.expiry_reminder_sent_at = timezone.now()
    version.save(update_fields=["expiry_reminder_sent_at"])
    notifications.notify(
        quote_id=version.quote_id,
        kind="expiring",
        audience="buyer",
        ref=f"v{version.number}",
        version_id=version.pk,
    )
    return True


def quote_expiry_sweep() -> dict[str, int]:
    """Run by Celery beat. Each quote is handled in its own transaction; safe to run twice."""
    today = timezone.localdate()
    due = Quote.objects.filter(status=QuoteStatus.APPROVED, current_version__valid_until__lt=today)
    expired = sum(quote_expire(quote=q) for q in due.only("pk"))

    holding = list(
        StockMovement.objects.filter(reference_kind=StockMovement.ReferenceKind.QUOTE)
        .values("reference_id")
        .annotate(held=Sum("reserved_delta"))
        .filter(held__gt=0)
        .values_list("reference_id", flat=True)
    )
    stale = Quote.objects.filter(
        status=QuoteStatus.PENDING, current_version__valid_until__lt=today, pk__in=holding
    )
    released = sum(1 for q in stale.only("pk") if quote_release_stale_hold(quote=q))

    # An offer ends at midnight UTC after `valid_until`; remind when that is within 48 hours.
    horizon = timezone.now() + REMINDER_WINDOW
    soon = QuoteVersion.objects.filter(
        quote__status=QuoteStatus.APPROVED,
        quote__current_version=F("pk"),
        expiry_reminder_sent_at__isnull=True,
        valid_until__gte=today,
        valid_until__lte=horizon.date() - timedelta(days=1),
    )
    reminded = sum(quote_send_expiry_reminder(version=v) for v in soon)
    return {"expired": expired, "holds_released": released, "reminded": reminded}
