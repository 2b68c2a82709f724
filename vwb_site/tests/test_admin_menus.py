"""Menus that fit each role (#21 item 3): every entry a user sees opens; the names read apart."""

import pytest
from django.test import Client
from wagtail.admin.admin_url_finder import AdminURLFinder

from accounts.tests.factories import AdminUserFactory, B2BUserFactory
from commerce.tests.factories import order_create
from reporting.tests.factories import ManagerUserFactory
from vwb_site.tests.admin_menu import admin_links, menu_entries

pytestmark = pytest.mark.django_db

DENIED = "Sorry, you do not have permission"


def _opens(user, url: str) -> tuple[int, bool]:
    client = Client()  # a fresh session: no message left over from another page
    client.force_login(user)
    response = client.get(url, follow=True)
    return response.status_code, DENIED in response.content.decode(errors="replace")


def _menu(user) -> list[tuple[str, str | None]]:
    client = Client()
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    return menu_entries(response.content.decode())


@pytest.mark.parametrize(
    "factory", [ManagerUserFactory, AdminUserFactory], ids=["manager", "admin"]
)
def test_every_menu_entry_opens_for_its_role(factory):
    user = factory()
    client = Client()
    client.force_login(user)
    links = admin_links(client.get("/admin/").content.decode())
    assert links
    dead = [
        (label, url, result)
        for label, url in links
        if (result := _opens(user, url)) != (200, False)
    ]
    assert dead == []


def test_manager_sees_only_reports_and_their_account():
    labels = [label for label, _url in _menu(ManagerUserFactory())]
    assert "Shop reports" in labels
    for hidden in ("Quotes", "Orders", "Accounts", "Accounts > Login lockouts", "Documents"):
        assert hidden not in labels


def test_admin_menu_names_read_apart():
    labels = [label for label, _url in _menu(AdminUserFactory())]
    assert labels.count("Shop reports") == 1
    assert "Content reports" in labels and "CMS documents" in labels
    assert "Reports" not in labels and "Documents" not in labels
    assert {"Quotes", "Orders", "Accounts > Login lockouts"} <= set(labels)
    tops = [label for label in labels if " > " not in label]
    assert len(tops) == len(set(tops))


def test_a_buyer_cannot_enter_the_admin():
    response = Client()
    response.force_login(B2BUserFactory())
    assert response.get("/admin/").status_code == 302


@pytest.mark.parametrize(
    "url, title",
    [
        ("/admin/reports/", "Shop reports - "),
        ("/admin/reports/dashboard/", "Customise your dashboard - "),
    ],
)
def test_shop_report_pages_have_a_browser_title(url, title):
    client = Client()
    client.force_login(ManagerUserFactory())
    html = client.get(url).content.decode()
    assert f"<title>{title}" in html


def test_dashboard_links_to_orders_and_quotes_only_for_who_may_open_them():
    order = order_create()
    assert AdminURLFinder(AdminUserFactory()).get_edit_url(order) == (
        f"/admin/commerce/orders/{order.pk}/"
    )
    assert AdminURLFinder(ManagerUserFactory()).get_edit_url(order) is None
