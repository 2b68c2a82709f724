"""Repair card and PayPal orders whose webhook never came: re-read open payments at Stripe and
PayPal (a PayPal order the buyer approved is captured, once)."""

from django.core.management.base import BaseCommand

from commerce.orders.services import order_payments_reconcile


class Command(BaseCommand):
    help = (
        "Re-read open Stripe and PayPal payments of pending/cancelled orders and apply their "
        "state (approved PayPal orders are captured)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than",
            type=int,
            default=5,
            metavar="MINUTES",
            help="Only payments opened at least this many minutes ago (default 5).",
        )

    def handle(self, *args, older_than: int = 5, **options):
        summary = order_payments_reconcile(older_than_minutes=older_than)
        self.stdout.write(", ".join(f"{key}: {value}" for key, value in summary.items()))
