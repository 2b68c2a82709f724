"""Order documents on object storage (a real S3 endpoint: moto's server, started by the tests):
written to the private bucket, downloaded through the API by their owner only, never readable
anonymously from the store, and a store that is down answers 503 in the problem format."""

import time
import urllib.error
import urllib.request

import pytest
from django.core.files.storage import storages

from commerce.shipping.documents.services import document_generate
from commerce.shipping.tests.factories import make_order
from conftest import free_port

pytestmark = pytest.mark.django_db


def _anonymous_get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def test_a_document_is_stored_in_the_private_bucket_and_downloads_for_its_owner_only(
    s3_storage, client_for, django_user_model
):
    order = make_order()
    doc = document_generate(order=order, kind="invoice")
    private = storages["private"]
    assert private.__class__.__name__ == "S3Storage"
    assert private.bucket_name == s3_storage["private_bucket"]
    key = f"{private.location}/{doc.file.name}"
    head = private.connection.meta.client.head_object(Bucket=private.bucket_name, Key=key)
    assert head["ContentLength"] > 1000

    response = client_for(order.user).get(
        f"/v1/orders/{order.pk}/documents/invoice", HTTP_ACCEPT="application/pdf"
    )
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    assert body.startswith(b"%PDF")
    assert len(body) == head["ContentLength"]

    stranger = django_user_model.objects.create_user(
        email="stranger@example.com", password="a-long-password-1"
    )
    other = client_for(stranger).get(
        f"/v1/orders/{order.pk}/documents/invoice", HTTP_ACCEPT="application/pdf"
    )
    assert other.status_code == 404


def test_a_private_object_is_not_readable_anonymously_from_the_store(s3_storage):
    order = make_order()
    doc = document_generate(order=order, kind="invoice")
    private = storages["private"]
    plain = f"{s3_storage['endpoint']}/{private.bucket_name}/{private.location}/{doc.file.name}"
    assert _anonymous_get(plain) == 403
    # The storage's own URL is signed and short-lived; without the signature: refused.
    signed = private.url(doc.file.name)
    assert "Signature=" in signed or "X-Amz-Signature=" in signed
    assert _anonymous_get(signed.split("?", 1)[0]) == 403


def test_store_down_on_a_download_answers_503_problem_quickly(s3_storage, client_for, settings):
    order = make_order()
    document_generate(order=order, kind="invoice")
    dead = f"http://127.0.0.1:{free_port()}"  # nothing listens there: the store is down
    settings.AWS_S3_ENDPOINT_URL = dead
    settings.STORAGES = {**settings.STORAGES}  # storages rebuilt with the dead endpoint
    started = time.monotonic()
    response = client_for(order.user).get(
        f"/v1/orders/{order.pk}/documents/invoice", HTTP_ACCEPT="application/pdf"
    )
    elapsed = time.monotonic() - started
    assert response.status_code == 503
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "storage_unavailable"
    assert response["Retry-After"]
    assert elapsed < 15, f"a dead store held the request {elapsed:.1f}s"
