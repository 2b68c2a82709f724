"""Load demo data for local use: every app's `demo.load()` in INSTALLED_APPS order.

Idempotent: each loader looks records up by natural keys before creating them, so running it
twice creates nothing new. Refuses to run outside DEMO_MODE (local settings) unless --force.
"""

import importlib

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction


class Command(BaseCommand):
    help = "Create demo users, barrels and pages (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Run outside DEMO_MODE.")
        parser.add_argument("--host", default="127.0.0.1", help="Host shown in the printed URLs.")
        parser.add_argument("--port", default="8000", help="Port shown in the printed URLs.")

    def handle(
        self, *args, force: bool = False, host: str = "127.0.0.1", port: str = "8000", **options
    ):
        if not getattr(settings, "DEMO_MODE", False) and not force:
            raise CommandError("Demo data is for local mode only (use --force to override).")
        summary: list[str] = []
        for config in apps.get_app_configs():
            try:
                module = importlib.import_module(f"{config.name}.demo")
            except ModuleNotFoundError as exc:
                if exc.name != f"{config.name}.demo":
                    raise
                continue
            with transaction.atomic():
                lines = module.load(stdout=self.stdout) or []
            summary.extend(lines)
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
        for line in summary:
            self.stdout.write(f"  {line}")
        base = f"http://{host}:{port}"
        self.stdout.write(
            "\nURLs:\n"
            f"  Wagtail admin   {base}/admin/\n"
            f"  API docs        {base}/v1/docs\n"
            f"  ReDoc, schema   {base}/v1/redoc  {base}/v1/schema\n"
            f"  Page API        {base}/api/v2/pages/\n"
            f"  Health          {base}/healthz  {base}/readyz\n"
        )
