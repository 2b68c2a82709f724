"""Add the barrel detail views counted in Redis to the daily view counts (beat runs it too)."""

from django.core.management.base import BaseCommand

from catalog.services.view_counts import barrel_views_flush


class Command(BaseCommand):
    help = "Move the barrel view counters from Redis into the daily BarrelViewCount rows."

    def handle(self, *args, **options):
        self.stdout.write(f"views added: {barrel_views_flush()}")
