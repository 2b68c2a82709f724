"""Cancel unpaid orders past their deadline and give their stock back (beat runs it too)."""

from django.core.management.base import BaseCommand

from commerce.orders.services import orders_expire_unpaid


class Command(BaseCommand):
    help = "Cancel pending orders whose payment deadline passed; their stock is released."

    def handle(self, *args, **options):
        numbers = orders_expire_unpaid()
        self.stdout.write(
            f"expired: {len(numbers)}" + (f" ({', '.join(numbers)})" if numbers else "")
        )
