"""Celery tasks of the reporting app: thin wrappers around the services."""

from vwb_site.celery_app import app
from vwb_site.tasks import RETRYING


@app.task(**RETRYING, name="reporting.run_report_job")
def run_report_job(self, job_id: str) -> str:
    from reporting.services.jobs import report_job_run

    return report_job_run(job_id=job_id).status


@app.task(**RETRYING, name="reporting.purge_report_files")
def purge_report_files(self) -> int:
    from reporting.services.jobs import report_jobs_purge

    return report_jobs_purge()


@app.task(**RETRYING, name="reporting.send_weekly_workbook")
def send_weekly_workbook(self, today: str | None = None) -> int:
    """`today` (ISO date) replays the mail of the week before that day; default: now."""
    from datetime import date

    from reporting.services.weekly import weekly_workbook_send

    return weekly_workbook_send(today=date.fromisoformat(today) if today else None)
