"""Report jobs: large ranges are computed by a Celery worker and kept as files for a while."""

from datetime import datetime, timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from reporting import error_codes
from reporting.models import ReportFormat, ReportJob
from reporting.params import ReportRequest
from reporting.reports import get_report
from reporting.reports.base import ReportParams
from reporting.services.rendering import report_render
from vwb_site.core.storage import open_private_file
from vwb_site.exceptions import ConflictError, NotFoundError
from vwb_site.logging_config import get_logger

log = get_logger("reporting.jobs")


def report_runs_async(*, request: ReportRequest) -> bool:
    """Ranges above REPORTING_SYNC_MAX_DAYS run in a worker, except the streamed detail CSV."""
    definition = get_report(request.report)
    streamed = (
        request.format == ReportFormat.CSV
        and definition.detail is not None
        and request.table == definition.detail_name
    )
    return request.params.days > settings.REPORTING_SYNC_MAX_DAYS and not streamed


@transaction.atomic
def report_job_create(*, request: ReportRequest, user) -> ReportJob:
    from reporting.tasks import run_report_job
    from vwb_site.tasks import dispatch_on_commit

    job = ReportJob.objects.create(
        report=request.report,
        params={**request.params.to_json(), "bom": request.bom, "table": request.table},
        format=request.format,
        requested_by=user,
    )
    dispatch_on_commit(run_report_job, str(job.id))
    log.info("report_job_created", job_id=str(job.id), report=job.report, format=job.format)
    return job


def _request_of(job: ReportJob) -> ReportRequest:
    return ReportRequest(
        report=job.report,
        params=ReportParams.from_json(job.params),
        format=job.format,
        bom=bool(job.params.get("bom")),
        table=job.params.get("table"),
    )


def _set_percent(job_id, percent: int) -> None:
    ReportJob.objects.filter(id=job_id, status=ReportJob.Status.RUNNING).update(
        percent=max(0, min(99, int(percent)))
    )


def report_job_run(*, job_id) -> ReportJob:
    """Compute the job's report and store the file. Idempotent: a finished job is left alone."""
    with transaction.atomic():
        job = ReportJob.objects.select_for_update().filter(id=job_id).first()
        if job is None:
            raise NotFoundError("No such report job.", code=error_codes.JOB_NOT_FOUND)
        if job.status == ReportJob.Status.DONE:
            return job
        job.status = ReportJob.Status.RUNNING
        job.started_at = timezone.now()
        job.percent = 1
        job.error = ""
        job.save(update_fields=["status", "started_at", "percent", "error"])
    request = _request_of(job)
    try:
        rendered = report_render(
            definition=get_report(job.report),
            request=request,
            progress=lambda p: _set_percent(job.id, p),
        )
        content = rendered.read()
    except Exception as exc:
        ReportJob.objects.filter(id=job.id).update(
            status=ReportJob.Status.FAILED, error=str(exc)[:500], finished_at=timezone.now()
        )
        log.exception("report_job_failed", job_id=str(job.id))
        raise
    with transaction.atomic():
        job = ReportJob.objects.select_for_update().get(id=job.id)
        if job.file:
            job.file.delete(save=False)
        job.file.save(rendered.filename, ContentFile(content), save=False)
        job.filename = rendered.filename
        job.status = ReportJob.Status.DONE
        job.percent = 100
        job.finished_at = timezone.now()
        job.expires_at = job.finished_at + timedelta(hours=settings.REPORTING_FILE_TTL_HOURS)
        job.save()
    log.info("report_job_done", job_id=str(job.id), bytes=len(content))
    return job


def report_job_for_user(*, job_id, user) -> ReportJob:
    """A job its requester (or an administrator) may see; anyone else's is a 404."""
    qs = ReportJob.objects.all()
    if not getattr(user, "is_admin", False):
        qs = qs.filter(requested_by=user)
    job = qs.filter(id=job_id).first()
    if job is None:
        raise NotFoundError("No such report job.", code=error_codes.JOB_NOT_FOUND)
    return job


def report_job_file(*, job: ReportJob):
    if job.status != ReportJob.Status.DONE:
        raise ConflictError("The report is not ready yet.", code=error_codes.JOB_NOT_READY)
    if not job.file or (job.expires_at and job.expires_at <= timezone.now()):
        raise NotFoundError(
            "The report file has expired; request the report again.",
            code=error_codes.JOB_FILE_EXPIRED,
        )
    return open_private_file(job.file)


def report_jobs_purge(*, now: datetime | None = None) -> int:
    """Delete jobs (and their files) past their expiry, and failed or stale ones a day old."""
    now = now or timezone.now()
    stale = now - timedelta(hours=max(settings.REPORTING_FILE_TTL_HOURS, 24))
    expired = ReportJob.objects.filter(expires_at__lte=now) | ReportJob.objects.filter(
        expires_at__isnull=True, created_at__lte=stale
    )
    count = 0
    for job in expired.iterator():
        if job.file:
            job.file.delete(save=False)
        job.delete()
        count += 1
    if count:
        log.info("report_jobs_purged", count=count)
    return count
