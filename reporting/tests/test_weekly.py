import io
from datetime import date
from decimal import Decimal as D

import pytest
from openpyxl import load_workbook

from reporting.services.weekly import previous_week
from reporting.tasks import send_weekly_workbook
from reporting.tests.data import sales_data

pytestmark = pytest.mark.django_db
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_previous_week_is_monday_to_sunday_before_today():
    assert previous_week(date(2026, 3, 16)) == (date(2026, 3, 9), date(2026, 3, 15))
    assert previous_week(date(2026, 3, 18)) == (date(2026, 3, 9), date(2026, 3, 15))


def test_weekly_workbook_reaches_the_managers_over_smtp_and_opens(settings, mailbox):
    sales_data()
    settings.REPORTING_WEEKLY_RECIPIENTS = ["boss@example.com", "stock@example.com"]
    assert send_weekly_workbook.delay("2026-03-16").get() == 2
    [message] = mailbox.wait_for(1)
    assert "boss@example.com" in message["X-Envelope-To"]
    assert "stock@example.com" in message["X-Envelope-To"]
    assert "week of 09 Mar 2026" in message["Subject"]
    [attachment] = list(message.iter_attachments())
    assert attachment.get_filename() == "weekly-sales-inventory-2026-03-09.xlsx"
    assert attachment.get_content_type() == XLSX
    wb = load_workbook(io.BytesIO(attachment.get_content()))
    assert wb.sheetnames[:3] == ["Summary", "Sales - By day", "Sales - By week"]
    assert "Inventory - Stock by barrel" in wb.sheetnames
    summary = {r[0]: r[1] for r in wb["Summary"].iter_rows(values_only=True) if r[0]}
    assert summary["Orders (EUR)"] == 1
    assert D(str(summary["Net revenue (EUR)"])) == D("420.00")
    assert summary["Units in stock"] == 10  # two barrels of 5
    assert len(wb["Summary"]._charts) == 3


def test_weekly_workbook_is_sent_once_per_week_and_not_without_recipients(settings, mailbox):
    settings.REPORTING_WEEKLY_RECIPIENTS = []
    assert send_weekly_workbook.delay("2026-03-16").get() == 0
    settings.REPORTING_WEEKLY_RECIPIENTS = ["boss@example.com"]
    assert send_weekly_workbook.delay("2026-03-16").get() == 1
    assert send_weekly_workbook.delay("2026-03-17").get() == 0  # same week: already sent
    mailbox.wait_for(1)
    assert len(mailbox.messages) == 1
