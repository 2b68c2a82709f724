"""Every page type's edit and create screens render in the Wagtail admin."""

import pytest

from accounts.tests.factories import UserFactory
from cms_pages.models import ContactMessage
from cms_pages.tests.factories import (
    build_barrel_index,
    build_barrel_page,
    build_contact,
    build_faq,
    build_standard,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_edit_screens_render(admin_client, cms_home):
    index = build_barrel_index(cms_home)
    pages = [
        cms_home,
        build_standard(cms_home),
        build_contact(cms_home),
        build_faq(cms_home, [("b2b", "Q?", "<p>A.</p>")]),
        index,
        build_barrel_page(index),
    ]
    for page in pages:
        response = admin_client.get(f"/admin/pages/{page.pk}/edit/")
        assert response.status_code == 200, page


def test_create_barrel_page_screen_renders(admin_client, cms_home):
    index = build_barrel_index(cms_home)
    response = admin_client.get(f"/admin/pages/add/cms_pages/barrelpage/{index.pk}/")
    assert response.status_code == 200


def test_admin_publish_of_barrel_page_without_barrel_is_refused(admin_client, cms_home):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

    index = build_barrel_index(cms_home)
    form = nested_form_data(
        {
            "title": "No barrel",
            "slug": "no-barrel",
            "story": streamfield([]),
            "gallery": streamfield([]),
            "comments": inline_formset([]),
            "action-publish": "action-publish",
        }
    )
    response = admin_client.post(f"/admin/pages/add/cms_pages/barrelpage/{index.pk}/", form)
    assert response.status_code == 200  # the form again, with the error
    assert "barrel" in response.context["form"].errors
    assert not index.get_children().exists()


def test_contact_messages_inbox_renders(admin_client):
    ContactMessage.objects.create(
        name="Ann", email="ann@example.com", topic="general", message="Hello"
    )
    response = admin_client.get("/admin/contact_messages/")
    assert response.status_code == 200
    assert b"ann@example.com" in response.content
