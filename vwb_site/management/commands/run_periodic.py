"""The periodic jobs of CELERY_BEAT_SCHEDULE without beat: list them, run some now, or schedule
them in this process.

    manage.py run_periodic --list
    manage.py run_periodic commerce-expire-unpaid-orders quotes-expire-due
    manage.py run_periodic --all
    manage.py run_periodic --loop          # what `make run` starts beside runserver

Each job runs its Celery task in this process (`Task.apply`), through the same service beat's
worker would call. `--loop` is a small scheduler for local mode (no broker, eager tasks): each
entry runs when its interval or crontab says, as beat would. With a broker configured, periodic
work belongs to beat (one beat: see docs), and `--loop` refuses unless `--force` is given.
"""

import argparse
import time

from celery.schedules import maybe_schedule
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from vwb_site.celery_app import app


class Command(BaseCommand):
    help = "List, run or schedule (in this process) the periodic jobs of CELERY_BEAT_SCHEDULE."

    def add_arguments(self, parser):
        parser.add_argument("jobs", nargs="*", metavar="JOB", help="Beat entry names to run now.")
        parser.add_argument(
            "--list", action="store_true", help="List the jobs and their schedules."
        )
        parser.add_argument("--all", action="store_true", help="Run every job once, now.")
        parser.add_argument("--loop", action="store_true", help="Run the jobs on their schedules.")
        parser.add_argument(
            "--force", action="store_true", help="Loop even though a broker is configured."
        )
        parser.add_argument(
            "--if-local",
            action="store_true",
            help="With a broker configured, say that beat owns the jobs and exit 0 (make run).",
        )
        parser.add_argument(
            "--stop-after",
            type=float,
            default=None,
            metavar="SECONDS",
            help="End the loop after this long (default: run until interrupted).",
        )
        parser.add_argument("--tick", type=float, default=1.0, help=argparse.SUPPRESS)

    def handle(self, *args, jobs, loop, force, stop_after, tick, **options):
        schedule = settings.CELERY_BEAT_SCHEDULE
        app.loader.import_default_modules()  # the autodiscovered tasks.py modules, as a worker does
        unknown = sorted(set(jobs) - set(schedule))
        if unknown:
            raise CommandError(
                f"Unknown job(s): {', '.join(unknown)}. Known: {', '.join(schedule)}."
            )
        if options["list"]:
            for name, entry in schedule.items():
                self.stdout.write(f"{name}\t{entry['task']}\t{maybe_schedule(entry['schedule'])!r}")
            return
        if loop:
            if not settings.CELERY_TASK_ALWAYS_EAGER and not force:
                if options["if_local"]:
                    self.stdout.write("a broker is configured: periodic jobs are beat's")
                    return
                raise CommandError(
                    "A broker is configured: periodic jobs are beat's (`make beat`). "
                    "Use --force to loop here anyway."
                )
            self._loop(
                {name: schedule[name] for name in jobs} if jobs else schedule, stop_after, tick
            )
            return
        if not jobs and not options["all"]:
            raise CommandError("Name the jobs to run, or use --all, --list or --loop.")
        for name in jobs or schedule:
            self._run(name, schedule[name])

    def _run(self, name: str, entry: dict) -> None:
        task = app.tasks[entry["task"]]
        result = task.apply(args=entry.get("args", ()), kwargs=entry.get("kwargs", {}))
        if result.failed():
            self.stderr.write(f"{timezone.now():%H:%M:%S} {name} failed: {result.result!r}")
        else:
            self.stdout.write(f"{timezone.now():%H:%M:%S} {name}: {result.result!r}")

    def _loop(self, entries: dict, stop_after: float | None, tick: float) -> None:
        schedules = {
            name: maybe_schedule(entry["schedule"], app=app) for name, entry in entries.items()
        }
        # As beat does: each job first runs one interval after the start.
        last_run = {name: app.now() for name in entries}
        self.stdout.write(f"running {len(entries)} periodic job(s) in this process; Ctrl-C stops")
        deadline = None if stop_after is None else time.monotonic() + stop_after
        try:
            while deadline is None or time.monotonic() < deadline:
                for name, entry in entries.items():
                    if schedules[name].is_due(last_run[name]).is_due:
                        last_run[name] = app.now()
                        self._run(name, entry)
                self.stdout.flush()
                time.sleep(tick)
        except KeyboardInterrupt:
            pass
