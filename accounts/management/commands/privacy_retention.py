"""Apply the data-retention rules once (beat runs it daily)."""

from django.core.management.base import BaseCommand, CommandError

from accounts.privacy.retention import retention_run


class Command(BaseCommand):
    help = "Apply every data-retention rule now and record the run."

    def handle(self, *args, **options):
        run = retention_run()
        self.stdout.write(", ".join(f"{rule}: {count}" for rule, count in run.counts.items()))
        if run.errors:
            raise CommandError(f"{len(run.errors)} rule(s) failed: {run.errors}")
