"""Two web instances on one machine (two gunicorns on their own ports) sharing PostgreSQL,
Redis and the object store (moto's S3 server): a document generated through instance A
downloads through instance B, byte for byte what the private bucket holds; a user's requests
spread over A and B are throttled as if they had all gone to one instance."""

import urllib.error
import urllib.request
from pathlib import Path

import boto3
import pytest
from django.conf import settings

from accounts.tests.factories import AdminUserFactory, UserFactory
from commerce.shipping.tests.conftest import ensure_default_shipping_data
from commerce.shipping.tests.factories import make_order
from commerce.tests.e2e.server import Http, start_gunicorn, stop
from commerce.tests.e2e.test_order_journey import token_for
from vwb_site.tests.servers import s3_create_buckets, s3_environment

pytestmark = [pytest.mark.e2e]


def _download(base: str, token: str, path: str) -> tuple[int, bytes]:
    request = urllib.request.Request(
        base + path, headers={"Authorization": f"Bearer {token}", "Accept": "application/pdf"}
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


@pytest.fixture
def two_instances(transactional_db, s3_endpoint):
    import os
    import time

    from conftest import process_env

    bucket = f"vwb-two-{os.getpid()}-{time.monotonic_ns()}"
    s3_create_buckets(s3_endpoint, bucket)
    env = process_env(**s3_environment(s3_endpoint, bucket), THROTTLE_RATE_USER="6/min")
    a, base_a = start_gunicorn(env, workers=1, log_name=".pytest-gunicorn-a.log")
    try:
        b, base_b = start_gunicorn(env, workers=1, log_name=".pytest-gunicorn-b.log")
    except Exception:
        stop(a)
        raise
    yield base_a, base_b, s3_endpoint, f"{bucket}-private"
    stop(a)
    stop(b)


def test_a_document_generated_through_one_instance_downloads_through_the_other(two_instances):
    base_a, base_b, endpoint, private_bucket = two_instances
    ensure_default_shipping_data()
    order = make_order()
    admin = AdminUserFactory()
    staff_a = Http(base_a, token_for(Http(base_a), admin))
    status, doc = staff_a.post(f"/v1/admin/orders/{order.pk}/documents/invoice/regenerate")
    assert status == 200, doc

    owner_token = token_for(Http(base_b), order.user)
    status, body = _download(base_b, owner_token, f"/v1/orders/{order.pk}/documents/invoice")
    assert status == 200, body[:300]
    assert body.startswith(b"%PDF")

    s3 = boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    keys = [o["Key"] for o in s3.list_objects_v2(Bucket=private_bucket).get("Contents", [])]
    assert len(keys) == 1 and keys[0].endswith(".pdf"), keys
    stored = s3.get_object(Bucket=private_bucket, Key=keys[0])["Body"].read()
    assert stored == body
    # Neither instance wrote it to the local filesystem (the MEDIA_ROOT they share here).
    name = keys[0].split("/", 1)[1]
    assert not (Path(settings.MEDIA_ROOT) / name).exists()
    status_a, body_a = _download(base_a, owner_token, f"/v1/orders/{order.pk}/documents/invoice")
    assert status_a == 200 and body_a == body


def test_requests_spread_over_two_instances_are_throttled_as_on_one(two_instances):
    base_a, base_b, _endpoint, _bucket = two_instances
    user = UserFactory()
    token = token_for(Http(base_a), user)
    statuses = []
    for n in range(8):  # the signed-in rate is 6/min on each instance
        status, _body = Http(base_a if n % 2 else base_b, token).get("/v1/barrels")
        statuses.append(status)
    assert statuses[:6] == [200] * 6, statuses
    assert statuses[6:] == [429, 429], statuses
