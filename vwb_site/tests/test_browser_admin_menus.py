"""In Chromium (#21 item 3): a manager opens every entry of their menu and none says "Sorry,
you do not have permission"; the dashboard settings form fits a 1400 px window."""

import pytest

from reporting.tests.factories import ManagerUserFactory
from vwb_site.tests.admin_menu import admin_links
from vwb_site.tests.browser import admin_page, screenshot

pytestmark = pytest.mark.browser


def test_manager_sees_no_dead_menu_entry(live_server, transactional_db, monkeypatch):
    manager = ManagerUserFactory()
    with admin_page(live_server, manager, monkeypatch) as page:
        links = admin_links(page.content())
        assert [label for label, _url in links] == ["Shop reports", "Account"]
        for label, url in links:
            page.goto(f"{live_server.url}{url}")
            assert page.url.startswith(f"{live_server.url}{url}"), (label, page.url)
            assert "Sorry, you do not have permission" not in page.content(), label
        page.goto(f"{live_server.url}/admin/reports/")
        assert page.title() == "Shop reports - Wagtail"


def test_dashboard_settings_form_fits_a_1400_px_window(live_server, transactional_db, monkeypatch):
    manager = ManagerUserFactory()
    with admin_page(live_server, manager, monkeypatch) as page:
        page.goto(f"{live_server.url}/admin/reports/dashboard/")
        for selector in ("form[data-dashboard-settings] table", "form [name$=DELETE] >> nth=-1"):
            box = page.locator(selector).bounding_box()
            assert box is not None and box["x"] + box["width"] <= 1400, (selector, box)
        widths = page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert widths[0] <= widths[1], widths
        screenshot(page, "dashboard-settings")
