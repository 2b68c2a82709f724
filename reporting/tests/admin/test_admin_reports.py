import pytest
from django.contrib.auth.models import Group, Permission

from accounts.tests.factories import UserFactory
from catalog.tests.factories import BarrelFactory
from reporting.models import DashboardPanelConfig, ReportJob
from reporting.tests.helpers import open_workbook, sheet_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(db):
    """Enters the Wagtail admin but holds no report permission."""
    user = UserFactory()
    group, _ = Group.objects.get_or_create(name="Editors only")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    return user


def test_manager_sees_the_reports_menu_and_a_form_per_report(client, manager):
    client.force_login(manager)
    home = client.get("/admin/")
    assert home.status_code == 200
    assert b"/admin/reports/" in home.content
    page = client.get("/admin/reports/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="report-inventory"' in html
    assert 'action="/admin/reports/inventory/download/"' in html
    assert 'name="wood_type"' in html and 'name="format"' in html


def test_admin_user_without_report_permission_is_turned_away_and_sees_no_menu(client, editor):
    client.force_login(editor)
    assert b"/admin/reports/" not in client.get("/admin/").content
    # Wagtail answers PermissionDenied in its admin with a redirect home and a message.
    for url in (
        "/admin/reports/",
        "/admin/reports/inventory/download/",
        "/admin/reports/dashboard/",
    ):
        response = client.get(url)
        assert (response.status_code, response["Location"]) == (302, "/admin/")


def test_form_download_returns_the_workbook(client, manager):
    BarrelFactory(sku="ADM-1")
    client.force_login(manager)
    response = client.get(
        "/admin/reports/inventory/download/",
        {
            "from": "2026-01-01",
            "to": "2026-01-31",
            "format": "xlsx",
            "table": "",
            "wood_type": "",
            "country": "",
        },
    )
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="inventory-2026-01-01-2026-01-31.xlsx"'
    )
    assert sheet_rows(open_workbook(response.content)["Stock by barrel"])[1][0] == "ADM-1"


def test_form_with_bad_dates_comes_back_with_the_error(client, manager):
    client.force_login(manager)
    response = client.get(
        "/admin/reports/inventory/download/",
        {"from": "2026-02-01", "to": "2026-01-01"},
        follow=True,
    )
    assert response.status_code == 200
    assert "the date range is reversed" in response.content.decode()


def test_long_range_in_the_admin_goes_to_a_job_page_with_a_download(
    client, manager, settings, django_capture_on_commit_callbacks
):
    settings.REPORTING_SYNC_MAX_DAYS = 10
    client.force_login(manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(
            "/admin/reports/inventory/download/",
            {"from": "2026-01-01", "to": "2026-03-01", "format": "csv"},
        )
    job = ReportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/admin/reports/jobs/{job.id}/"
    page = client.get(response["Location"]).content.decode()
    assert 'id="job-download"' in page
    download = client.get(f"/admin/reports/jobs/{job.id}/download/")
    assert b"".join(download.streaming_content).startswith(b"SKU,Name")


def test_dashboard_shows_default_panels_with_links_into_the_admin(client, manager, settings):
    settings.CATALOG_LOW_STOCK_THRESHOLD = 2
    BarrelFactory(sku="LOW-1", name="Nearly gone", stock_quantity=1)
    client.force_login(manager)
    html = client.get("/admin/").content.decode()
    assert "Low-stock barrels" in html
    assert "Nearly gone" in html
    assert 'href="/admin/reports/dashboard/"' in html


def test_each_user_saves_their_own_panels_order_period_and_filters(client, manager, admin):
    client.force_login(manager)
    form = client.get("/admin/reports/dashboard/")
    assert form.status_code == 200
    data = {
        "panels-TOTAL_FORMS": "3",
        "panels-INITIAL_FORMS": "0",
        "panels-MIN_NUM_FORMS": "0",
        "panels-MAX_NUM_FORMS": "20",
        "panels-0-panel": "low_stock",
        "panels-0-position": "5",
        "panels-0-period_days": "30",
        "panels-0-country": "FR",
        "panels-0-customer_type": "",
        "panels-1-panel": "stock_value",
        "panels-1-position": "1",
        "panels-1-period_days": "7",
        "panels-1-country": "",
        "panels-1-customer_type": "",
        "panels-2-panel": "",
        "panels-2-position": "0",
        "panels-2-period_days": "30",
        "panels-2-country": "",
        "panels-2-customer_type": "",
    }
    response = client.post("/admin/reports/dashboard/", data)
    assert response.status_code == 302
    rows = list(
        DashboardPanelConfig.objects.filter(user=manager).values_list(
            "panel", "position", "period_days", "filters"
        )
    )
    assert rows == [("stock_value", 0, 7, {}), ("low_stock", 1, 30, {"country": "FR"})]
    html = client.get("/admin/").content.decode()
    assert html.index("Stock value") < html.index("Low-stock barrels (now; country: FR)")
    assert not DashboardPanelConfig.objects.filter(user=admin).exists()


def test_dashboard_settings_refuse_a_filter_the_panel_does_not_take(client, manager):
    client.force_login(manager)
    data = {
        "panels-TOTAL_FORMS": "1",
        "panels-INITIAL_FORMS": "0",
        "panels-MIN_NUM_FORMS": "0",
        "panels-MAX_NUM_FORMS": "20",
        "panels-0-panel": "low_stock",
        "panels-0-position": "0",
        "panels-0-period_days": "30",
        "panels-0-country": "",
        "panels-0-customer_type": "b2b",
    }
    response = client.post("/admin/reports/dashboard/", data)
    assert response.status_code == 200
    assert "has no customer_type filter" in response.content.decode()
    assert not DashboardPanelConfig.objects.exists()
