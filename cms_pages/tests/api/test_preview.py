"""Drafts are readable only with a signed, unexpired preview token for that page and revision."""

import time
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import signing
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from accounts.tests.factories import UserFactory
from cms_pages.headless.preview import SALT, preview_token_issue
from cms_pages.tests.factories import build_standard

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(cms_home):
    """A published page with newer, unpublished draft content saved as its latest revision."""
    page = build_standard(cms_home, intro="Published intro.")
    page.intro = "Draft intro: not public yet."
    page.save_revision()
    page.refresh_from_db()
    return page


def preview_url(page, token):
    return f"/api/v2/pages/{page.pk}/preview/?token={token}"


def test_valid_token_shows_the_draft_revision(client, draft):
    token = preview_token_issue(page_id=draft.pk, revision_id=draft.latest_revision_id)
    response = client.get(preview_url(draft, token))
    assert response.status_code == 200
    assert response.json()["intro"] == "Draft intro: not public yet."
    assert response["Cache-Control"] == "private, no-store"
    # The public API still serves the published content.
    assert client.get(f"/api/v2/pages/{draft.pk}/").json()["intro"] == "Published intro."


def test_never_published_page_is_404_without_token_and_200_with_one(client, cms_home):
    page = build_standard(cms_home, slug="new", title="New", publish=False)
    assert client.get(f"/api/v2/pages/{page.pk}/").status_code == 404
    assert client.get(f"/api/v2/pages/{page.pk}/preview/").status_code == 404
    token = preview_token_issue(page_id=page.pk, revision_id=page.latest_revision_id)
    assert client.get(preview_url(page, token)).json()["title"] == "New"


def test_forged_token_is_refused(client, draft):
    forged = signing.TimestampSigner(key="not-our-secret", salt=SALT).sign_object(
        {"page": draft.pk, "revision": draft.latest_revision_id}
    )
    response = client.get(preview_url(draft, forged))
    assert response.status_code == 404
    assert "Draft intro" not in response.content.decode()
    assert client.get(preview_url(draft, "garbage")).status_code == 404


def test_token_with_tampered_revision_is_refused(client, draft):
    token = preview_token_issue(page_id=draft.pk, revision_id=draft.latest_revision_id)
    rest = token.partition(":")[2]
    other = preview_token_issue(page_id=draft.pk, revision_id=draft.latest_revision_id + 1)
    tampered = other.partition(":")[0] + ":" + rest
    assert client.get(preview_url(draft, tampered)).status_code == 404


def test_expired_token_is_refused(client, draft, settings):
    token = preview_token_issue(page_id=draft.pk, revision_id=draft.latest_revision_id)
    settings.CMS_PREVIEW_TOKEN_MAX_AGE = 1
    time.sleep(2.1)
    response = client.get(preview_url(draft, token))
    assert response.status_code == 404
    body = response.json()
    assert (body["code"], body["detail"]) == ("not_found", "The preview token has expired.")


def test_token_for_another_page_is_refused(client, cms_home, draft):
    other = build_standard(cms_home, slug="other", title="Other")
    token = preview_token_issue(page_id=other.pk, revision_id=other.latest_revision_id)
    response = client.get(preview_url(draft, token))
    assert response.status_code == 404
    body = response.json()
    assert (body["code"], body["detail"]) == (
        "not_found",
        "The preview token is not valid for this page.",
    )
    # A token naming this page but another page's revision finds nothing either.
    crossed = preview_token_issue(page_id=draft.pk, revision_id=other.latest_revision_id)
    assert client.get(preview_url(draft, crossed)).status_code == 404


def test_admin_preview_opens_the_frontend_preview_url_with_a_working_token(client, draft, settings):
    settings.FRONTEND_PREVIEW_URL = "https://shop.example/api/preview"
    editor = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(editor)
    preview = f"/admin/pages/{draft.pk}/edit/preview/"
    form = nested_form_data(
        {
            "title": draft.title,
            "slug": draft.slug,
            "intro": "Unsaved edit in the preview panel.",
            "body": streamfield([]),
            "comments": inline_formset([]),
        }
    )
    assert client.post(preview, form).json() == {"is_valid": True, "is_available": True}
    response = client.get(preview)
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == settings.FRONTEND_PREVIEW_URL
    query = parse_qs(location.query)
    assert query["page_id"] == [str(draft.pk)]
    assert query["type"] == ["cms_pages.StandardPage"]

    client.logout()
    # The storefront shows the latest saved draft (the token names that revision).
    api = client.get(preview_url(draft, query["token"][0]))
    assert api.status_code == 200
    assert api.json()["intro"] == "Draft intro: not public yet."
