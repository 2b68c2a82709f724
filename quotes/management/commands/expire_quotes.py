"""Expire offers past their validity, release stale holds, send reminders (beat runs it too)."""

from django.core.management.base import BaseCommand

from quotes.services.expiry import quote_expiry_sweep


class Command(BaseCommand):
    help = "Expire quote offers whose validity passed, release their holds, send 48-hour reminders."

    def handle(self, *args, **options):
        summary = quote_expiry_sweep()
        self.stdout.write(", ".join(f"{key}: {value}" for key, value in summary.items()))
