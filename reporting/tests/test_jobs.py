import os
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from catalog.tests.factories import BarrelFactory
from conftest import wait_until
from reporting.models import ReportJob
from reporting.tasks import purge_report_files
from reporting.tests.factories import ManagerUserFactory
from reporting.tests.helpers import open_workbook, sheet_rows


def test_long_range_is_computed_by_a_real_worker_with_progress_and_a_download(
    celery_worker, client_for, settings
):
    settings.REPORTING_SYNC_MAX_DAYS = 31
    BarrelFactory(sku="JOB-1", stock_quantity=7)
    client = client_for(ManagerUserFactory())
    response = client.get("/v1/reports/inventory?from=2025-01-01&to=2025-12-31")
    assert response.status_code == 202
    job_url = response.json()["url"]
    assert response.json()["status"] == "queued"

    def finished():
        body = client.get(job_url).json()
        return body if body["status"] in ("done", "failed") else None

    body = wait_until(finished, timeout=60, message="the report job to finish")
    assert body["status"] == "done", body
    assert body["percent"] == 100
    assert body["filename"] == "inventory-2025-01-01-2025-12-31.xlsx"
    job = ReportJob.objects.get(id=body["id"])
    assert job.expires_at == job.finished_at + timedelta(hours=settings.REPORTING_FILE_TTL_HOURS)
    download = client.get(body["download_url"])
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment;")
    wb = open_workbook(b"".join(download.streaming_content))
    assert sheet_rows(wb["Stock by barrel"])[1][:1] == ["JOB-1"]


@pytest.mark.django_db
def test_purge_deletes_expired_files_and_keeps_fresh_ones(manager):
    def job(expires_in_hours: int) -> ReportJob:
        j = ReportJob.objects.create(
            report="inventory",
            params={},
            format="csv",
            status=ReportJob.Status.DONE,
            requested_by=manager,
            expires_at=timezone.now() + timedelta(hours=expires_in_hours),
        )
        j.file.save("x.csv", ContentFile(b"a,b\r\n"))
        return j

    old, fresh = job(-1), job(5)
    old_path = old.file.path
    assert purge_report_files.delay().get() == 1
    assert not os.path.exists(old_path)
    assert list(ReportJob.objects.values_list("id", flat=True)) == [fresh.id]
    assert os.path.exists(fresh.file.path)


@pytest.mark.django_db
def test_expired_job_file_is_a_404_and_unfinished_a_409(client_for, manager):
    job = ReportJob.objects.create(
        report="inventory", params={}, format="csv", requested_by=manager
    )
    client = client_for(manager)
    url = f"/v1/report-jobs/{job.id}/file"
    assert client.get(url).json()["code"] == "report_job_not_ready"
    job.status, job.expires_at = ReportJob.Status.DONE, timezone.now() - timedelta(minutes=1)
    job.file.save("y.csv", ContentFile(b"a\r\n"))
    response = client.get(url)
    assert response.status_code == 404
    assert response.json()["code"] == "report_job_file_expired"


@pytest.mark.django_db
def test_running_a_finished_job_again_changes_nothing(manager):
    from reporting.services.jobs import report_job_run

    job = ReportJob.objects.create(
        report="inventory",
        params={"from": "2026-01-01", "to": "2026-01-02", "filters": {}},
        format="csv",
        requested_by=manager,
    )
    first = report_job_run(job_id=job.id)
    name = first.file.name
    again = report_job_run(job_id=job.id)
    assert again.file.name == name and again.status == "done"
