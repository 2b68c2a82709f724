import io
import json
import zipfile

import pytest
from django.apps import apps
from django.conf import settings

from accounts.models_privacy import DataExport
from accounts.privacy import export
from accounts.privacy.registry import (
    PERSONAL_DATA,
    SECRET,
    TEXT_FIELDS,
    entry_for,
    installed_entries,
    is_staff_only,
)
from accounts.tests.factories import TEST_PASSWORD, UserFactory
from accounts.tests.privacy.helpers import PHONE, STREET, make_order, make_person

pytestmark = pytest.mark.django_db
URL = "/v1/me/export"


def _refers_to_user(model) -> bool:
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    return any(
        f.is_relation and f.related_model is user_model and f.concrete
        for f in model._meta.get_fields()
    )


def test_every_model_with_a_user_foreign_key_is_in_the_personal_data_registry():
    missing = [
        m._meta.label
        for m in apps.get_models()
        if _refers_to_user(m) and not is_staff_only(m) and entry_for(m) is None
    ]
    assert missing == [], f"Declare these models in their app's privacy.py: {missing}"


def test_every_text_field_of_a_registered_model_is_classified_personal_or_not():
    unclassified = []
    for entry, model in installed_entries():
        known = set(entry.personal) | set(entry.not_personal)
        for field in model._meta.concrete_fields:
            if isinstance(field, TEXT_FIELDS) and field.name not in known:
                unclassified.append(f"{entry.model}.{field.name}")
    assert unclassified == [], f"Classify in the app's privacy.py: {unclassified}"


def test_registry_names_only_existing_fields():
    for entry, model in installed_entries():
        names = {f.name for f in model._meta.concrete_fields}
        assert set(entry.personal) | set(entry.not_personal) <= names, entry.model


def _archive(response) -> dict:
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        return json.loads(archive.read("personal-data.json"))


def test_export_holds_every_personal_field_the_database_holds_for_the_user(client_for):
    user = make_person()
    make_order(user)
    data = _archive(client_for(user).get(URL, HTTP_X_CONFIRM_PASSWORD=TEST_PASSWORD))["data"]
    for entry, model in installed_entries():
        if not entry.export or entry.actor_only:
            continue
        rows = export.rows_for(entry, model, user)
        assert len(data[entry.model]) == rows.count(), entry.model
        for obj, exported in zip(rows, data[entry.model], strict=True):
            for name, strategy in entry.personal.items():
                if strategy == SECRET:
                    assert name not in exported
                    continue
                value = getattr(obj, name)
                assert name in exported, f"{entry.model}.{name} missing from the export"
                if isinstance(value, str | dict):
                    assert exported[name] == value, f"{entry.model}.{name}"
    # Spot checks on the values a person recognises.
    assert data["accounts.User"][0]["phone"] == PHONE
    assert data["accounts.Address"][0]["street"] == STREET
    assert data["accounts.Company"][0]["bank_iban"] == "DE89370400440532013000"
    assert data["commerce.Order"][0]["total_amount"] == "620.00"
    assert len(data["commerce.OrderLine"]) == 1
    assert data["cms_pages.ContactMessage"][0]["message"].startswith("Call me")
    assert data["axes.AccessLog"][0]["ip_address"] == "203.0.113.7"
    assert data["accounts.ConsentRecord"][0]["purpose"] == "analytics"
    assert "password" not in data["accounts.User"][0]


def test_export_by_post_with_the_password_in_the_body(client_for):
    user = UserFactory()
    response = client_for(user).post(URL, {"password": TEST_PASSWORD}, format="json")
    assert _archive(response)["subject"]["user_id"] == user.pk


@pytest.mark.parametrize("password", [None, "wrong-password"])
def test_export_with_a_wrong_or_missing_password_is_refused(client_for, password):
    user = UserFactory()
    headers = {"HTTP_X_CONFIRM_PASSWORD": password} if password else {}
    response = client_for(user).get(URL, **headers)
    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "password_confirmation_failed"
    assert not DataExport.objects.exists()


def test_export_needs_authentication(api_client):
    assert api_client.get(URL).status_code == 401


def test_large_export_is_built_in_background_and_the_signed_link_is_emailed(
    client_for, settings, mailbox, tmp_path, api_client, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = str(tmp_path)
    settings.PRIVACY_EXPORT_SYNC_MAX_ROWS = 0
    user = make_person()
    with django_capture_on_commit_callbacks(execute=False):
        response = client_for(user).post(URL, {"password": TEST_PASSWORD}, format="json")
    assert response.status_code == 202
    export_id = response.json()["id"]
    assert export.export_build_and_send(export_id=export_id) is True
    assert export.export_build_and_send(export_id=export_id) is False  # idempotent
    message = mailbox.wait_for(1)[0]
    body = message.get_body(("plain",)).get_content()
    link = next(w for w in body.split() if "token=" in w)
    path = link.split("localhost:8000", 1)[1]
    download = api_client.get(path)
    assert download.status_code == 200
    content = b"".join(download.streaming_content)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert json.loads(archive.read("personal-data.json"))["subject"]["user_id"] == user.pk
    assert client_for(user).get(f"/v1/me/exports/{export_id}").json()["status"] == "ready"
    # A forged or altered token is a 404.
    assert api_client.get(path[:-3] + "xyz").status_code == 404


def test_reading_another_users_export_is_a_404(client_for):
    owner, other = UserFactory(), UserFactory()
    job = DataExport.objects.create(user=owner)
    response = client_for(other).get(f"/v1/me/exports/{job.pk}")
    assert response.status_code == 404
    assert response.json()["code"] == "export_not_found"
    assert client_for(owner).get(f"/v1/me/exports/{job.pk}").status_code == 200


def test_registry_covers_every_quotes_model_that_belongs_to_a_buyer():
    """A model linked to a user or to a quote holds (or leads to) a buyer's data."""
    labels = {e.model for e in PERSONAL_DATA}
    owned = [
        m._meta.label
        for m in apps.get_app_config("quotes").get_models()
        if any(
            f.is_relation
            and f.related_model is not None
            and f.related_model._meta.label
            in {"accounts.User", "quotes.Quote", "quotes.QuoteVersion"}
            for f in m._meta.concrete_fields
        )
    ]
    assert owned, "the quotes app has models linked to buyers"
    assert set(owned) <= labels, f"declare in quotes/privacy.py: {set(owned) - labels}"


def test_export_answers_a_client_that_accepts_only_zip(client_for, settings):
    """Accept: application/zip reaches the archive (no 406); when the export goes to the
    background, the 202 answer is JSON, labelled as JSON."""
    user = make_person()
    headers = {"HTTP_X_CONFIRM_PASSWORD": TEST_PASSWORD, "HTTP_ACCEPT": "application/zip"}
    response = client_for(user).get(URL, **headers)
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        assert json.loads(archive.read("personal-data.json"))["subject"]["user_id"] == user.pk
    settings.PRIVACY_EXPORT_SYNC_MAX_ROWS = 0
    queued = client_for(user).get(URL, **headers)
    assert queued.status_code == 202
    assert queued["Content-Type"] == "application/json"
    assert queued.json()["status"] in {"pending", "building", "ready"}
