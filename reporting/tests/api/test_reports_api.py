import csv
import io
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group

from catalog.tests.factories import BarrelFactory
from reporting.models import ReportJob
from reporting.permissions import MANAGERS_GROUP
from reporting.tests.helpers import open_workbook, sheet_rows

pytestmark = pytest.mark.django_db
URL = "/v1/reports"


def test_report_list_names_every_report_with_its_filters_and_tables(client_for, manager):
    response = client_for(manager).get(URL)
    assert response.status_code == 200
    reports = {r["name"]: r for r in response.json()}
    assert "inventory" in reports
    inventory = reports["inventory"]
    assert inventory["filters"] == ["country", "wood_type", "previous_content"]
    assert inventory["detail_table"] == "movements"
    assert inventory["url"].endswith("/v1/reports/inventory")


def test_anonymous_gets_401_and_a_buyer_gets_403(api_client, client_for, b2c_user, b2b_user):
    assert api_client.get(f"{URL}/inventory").status_code == 401
    for user in (b2c_user, b2b_user):
        response = client_for(user).get(f"{URL}/inventory?format=csv")
        assert response.status_code == 403
        assert response["Content-Type"] == "application/problem+json"
        assert response.json()["code"] == "report_permission_denied"
    assert client_for(b2c_user).get(URL).status_code == 403


def test_managers_group_reads_reports_but_cannot_change_orders(manager):
    group = Group.objects.get(name=MANAGERS_GROUP)
    codenames = set(group.permissions.values_list("content_type__app_label", "codename"))
    assert {("reporting", "view_reports"), ("wagtailadmin", "access_admin")} <= codenames
    assert not {label for label, _codename in codenames} & {"commerce", "quotes", "catalog"}
    assert manager.has_perm("reporting.view_reports")
    assert not manager.has_perm("commerce.change_order")


def test_admin_downloads_inventory_as_xlsx(client_for, admin):
    BarrelFactory(sku="API-1", stock_quantity=4, cost_price=Decimal("10.00"))
    response = client_for(admin).get(f"{URL}/inventory?from=2026-01-01&to=2026-01-31")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Content-Disposition"] == (
        'attachment; filename="inventory-2026-01-01-2026-01-31.xlsx"'
    )
    wb = open_workbook(response.content)
    assert wb.sheetnames[0] == "Summary"
    assert sheet_rows(wb["Stock by barrel"])[1][0] == "API-1"


def test_csv_export_is_utf8_with_an_optional_bom(client_for, manager):
    BarrelFactory(sku="CSV-1", name="Fût de chêne à cognac", stock_quantity=1)
    client = client_for(manager)
    plain = client.get(f"{URL}/inventory?format=csv&table=stock")
    assert plain.status_code == 200
    assert plain["Content-Type"] == "text/csv; charset=utf-8"
    assert not plain.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(plain.content.decode("utf-8"))))
    assert rows[0][:3] == ["SKU", "Name", "Status"]
    assert rows[1][1] == "Fût de chêne à cognac"
    with_bom = client.get(f"{URL}/inventory?format=csv&table=stock&bom=true")
    assert with_bom.content.startswith(b"\xef\xbb\xbf")
    assert with_bom.content.decode("utf-8-sig") == plain.content.decode("utf-8")


def test_detail_csv_is_streamed(client_for, manager, barrel):
    from catalog.services.inventory import stock_adjust

    stock_adjust(barrel=barrel, delta=3, actor=None, note="count")
    response = client_for(manager).get(f"{URL}/inventory?format=csv&table=movements")
    assert response.status_code == 200
    assert response.streaming
    body = b"".join(response.streaming_content).decode()
    lines = body.strip().split("\n")
    assert lines[0].startswith("Time (UTC),SKU,Reason")
    assert len(lines) == 2 and ",adjustment,3," in lines[1]


def test_empty_period_gives_a_valid_empty_workbook(client_for, manager):
    response = client_for(manager).get(f"{URL}/inventory?from=2001-01-01&to=2001-01-02")
    assert response.status_code == 200
    wb = open_workbook(response.content)
    assert sheet_rows(wb["Movements by day"]) == [
        ["Day", "Reason", "Movements", "Stock change", "Reserved change"]
    ]
    assert len(wb["Summary"]._charts) == 1


@pytest.mark.parametrize(
    ("query", "code", "field"),
    [
        ("from=2026-03-10&to=2026-03-01", "report_invalid_date_range", "from"),
        ("from=1990-01-01&to=1990-02-01", "report_invalid_date_range", "from"),
        ("from=2001-01-01&to=2020-01-01", "report_invalid_date_range", "to"),
        ("to=2999-01-01", "report_invalid_date_range", "to"),
        ("from=yesterday", "report_invalid_date_range", "from"),
        ("format=pdf", "report_unknown_format", "format"),
        ("colour=red", "report_unknown_parameter", "colour"),
        ("customer_type=b2b", "report_unsupported_filter", "customer_type"),
        ("wood_type=plastic", "report_invalid_parameters", "wood_type"),
        ("country=XX", "report_invalid_parameters", "country"),
        ("country=FR&country=DE", "report_invalid_parameters", "country"),
        ("format=csv&table=nope", "report_unknown_table", "table"),
        ("format=xlsx&table=stock", "report_invalid_parameters", "table"),
        ("bom=maybe", "report_invalid_parameters", "bom"),
    ],
)
def test_bad_parameters_are_a_400_problem_naming_the_parameter(
    client_for, manager, query, code, field
):
    response = client_for(manager).get(f"{URL}/inventory?{query}")
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["code"] == code
    assert body["errors"][0]["field"] == field
    assert not ReportJob.objects.exists()


def test_unknown_report_name_is_a_404_problem(client_for, manager):
    response = client_for(manager).get(f"{URL}/no-such-report")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["code"] == "report_unknown"
    assert "sales" in body["detail"]  # it names the reports that exist
    assert body["errors"][0]["field"] == "name"


def test_long_range_answers_202_with_a_job_url(
    client_for, manager, settings, django_capture_on_commit_callbacks
):
    settings.REPORTING_SYNC_MAX_DAYS = 31
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(manager).get(f"{URL}/inventory?from=2025-01-01&to=2025-12-31")
    assert response.status_code == 202
    body = response.json()
    job = ReportJob.objects.get()
    assert body["id"] == str(job.id)
    assert response["Location"] == body["url"]
    assert body["url"].endswith(f"/v1/report-jobs/{job.id}")
    # Eager here (no worker): the task ran in-process when the request committed.
    detail = client_for(manager).get(body["url"]).json()
    assert detail["status"] == "done" and detail["percent"] == 100
    download = client_for(manager).get(detail["download_url"])
    assert download.status_code == 200
    assert open_workbook(b"".join(download.streaming_content)).sheetnames[0] == "Summary"


def test_someone_elses_job_is_a_404(client_for, manager, settings):
    from reporting.tests.factories import ManagerUserFactory

    settings.REPORTING_SYNC_MAX_DAYS = 31
    url = client_for(manager).get(f"{URL}/inventory?from=2025-01-01&to=2025-12-31").json()["url"]
    other = ManagerUserFactory()
    assert client_for(other).get(url).status_code == 404
    assert client_for(other).get(url + "/file").status_code == 404


def test_job_detail_runs_a_fixed_number_of_queries(
    client_for, manager, django_assert_max_num_queries
):
    job = ReportJob.objects.create(
        report="inventory", params={}, format="csv", requested_by=manager
    )
    client = client_for(manager)
    with django_assert_max_num_queries(4):  # user, permission check, the job
        response = client.get(f"/v1/report-jobs/{job.id}")
    assert response.json()["status"] == "queued"
    assert response.json()["download_url"] is None
