"""The weekly sales and inventory workbook, mailed to REPORTING_WEEKLY_RECIPIENTS."""

import io
from datetime import date, timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.mail import EmailMessage
from django.utils import timezone

from reporting.reports import get_report
from reporting.reports.base import ReportParams, no_progress
from reporting.services.rendering import XLSX_CONTENT_TYPE
from reporting.writers.xlsx_writer import write_workbook
from vwb_site.core.replica import replica_reads
from vwb_site.logging_config import get_logger

log = get_logger("reporting.weekly")
WEEKLY_REPORTS = ("sales", "inventory")


def previous_week(today: date) -> tuple[date, date]:
    """Monday to Sunday of the week before the one `today` falls in."""
    this_monday = today - timedelta(days=today.weekday())
    return this_monday - timedelta(days=7), this_monday - timedelta(days=1)


def weekly_workbook_bytes(*, date_from: date, date_to: date) -> bytes:
    params = ReportParams(date_from=date_from, date_to=date_to)
    with replica_reads():  # past week's figures: the replica's lag is harmless
        results = [get_report(name).build(params, no_progress) for name in WEEKLY_REPORTS]
    buffer = io.BytesIO()
    write_workbook(results, buffer)
    return buffer.getvalue()


def weekly_workbook_send(*, today: date | None = None) -> int:
    """Mail last week's workbook once per week (a retry or a second beat run sends nothing).

    Returns the number of recipients mailed.
    """
    recipients = list(settings.REPORTING_WEEKLY_RECIPIENTS)
    if not recipients:
        return 0
    date_from, date_to = previous_week(today or timezone.localdate())
    key = f"reporting:weekly-sent:{date_from.isoformat()}"
    if not cache.add(key, "sending", timeout=8 * 24 * 3600):
        log.info("weekly_workbook_already_sent", week=date_from.isoformat())
        return 0
    try:
        content = weekly_workbook_bytes(date_from=date_from, date_to=date_to)
        message = EmailMessage(
            subject=f"{settings.SITE_NAME}: sales and inventory, week of {date_from:%d %b %Y}",
            body=(
                f"Attached: the sales and inventory workbook for {date_from.isoformat()} to "
                f"{date_to.isoformat()} (stock figures as of {timezone.localdate().isoformat()}).\n"
            ),
            to=recipients,
        )
        message.attach(
            f"weekly-sales-inventory-{date_from.isoformat()}.xlsx", content, XLSX_CONTENT_TYPE
        )
        message.send()
    except Exception:
        cache.delete(key)
        raise
    log.info("weekly_workbook_sent", week=date_from.isoformat(), recipients=len(recipients))
    return len(recipients)
