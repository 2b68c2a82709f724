"""Every error under /v1/ answers RFC 9457 problem details, whatever raised it."""

import json

import pytest
from django.test import override_settings

PROBLEM = "application/problem+json"
KEYS = {"type", "title", "status", "detail", "code", "errors", "instance", "request_id"}

pytestmark = [pytest.mark.urls("vwb_site.tests.probe_views"), pytest.mark.django_db]


def assert_problem(response, status: int, code: str):
    assert response.status_code == status, response.content
    assert response["Content-Type"] == PROBLEM
    body = response.json()
    assert set(body) >= KEYS
    assert body["status"] == status
    assert body["code"] == code
    assert body["type"].endswith(code)
    assert body["request_id"] == response["X-Request-ID"]
    return body


def test_validation_error_lists_each_field(client):
    response = client.post(
        "/v1/probe", {"quantity": 0, "lines": [1]}, content_type="application/json"
    )
    body = assert_problem(response, 400, "validation_error")
    fields = {e["field"]: e["code"] for e in body["errors"]}
    assert fields == {"quantity": "min_value", "lines[0]": "not_a_dict"}


# --- one notation for field paths: dots between keys, brackets around list indexes ----------


def test_serializer_field_paths_use_brackets_for_list_indexes(client):
    """A nested serializer (a list of objects) and a ListField (a dict keyed by index) both
    name the item `[n]`: the notation the services use."""
    response = client.post(
        "/v1/probe",
        {"quantity": 1, "items": [{"quantity": 1}, {"quantity": 0}], "lines": [{}, 7]},
        content_type="application/json",
    )
    body = assert_problem(response, 400, "validation_error")
    assert [e["field"] for e in body["errors"]] == ["lines[1]", "items[1].quantity"]


def test_service_field_paths_come_out_as_the_service_wrote_them(client):
    body = assert_problem(client.get("/v1/probe/service-validation/mixed"), 400, "validation_error")
    assert [e["field"] for e in body["errors"]] == ["lines[0].quantity", "lines[1].barrel"]


# --- the top-level code is the specific one when the errors share a stable code --------------


def test_one_field_error_with_a_stable_code_gives_the_problem_its_code(client):
    body = assert_problem(
        client.get("/v1/probe/service-validation/one"), 400, "password_confirmation_failed"
    )
    assert body["errors"] == [
        {
            "field": "password",
            "code": "password_confirmation_failed",
            "message": "The password is not correct.",
        }
    ]
    assert body["detail"] == "The password is not correct."


def test_several_field_errors_sharing_one_stable_code_give_the_problem_that_code(client):
    body = assert_problem(client.get("/v1/probe/service-validation/same"), 400, "invalid_quantity")
    assert [e["field"] for e in body["errors"]] == ["lines[0].quantity", "lines[1].quantity"]


def test_field_errors_with_different_codes_are_a_validation_error(client):
    body = assert_problem(client.get("/v1/probe/service-validation/mixed"), 400, "validation_error")
    assert {e["code"] for e in body["errors"]} == {"invalid_quantity", "barrel_not_found"}


def test_a_serializer_error_with_a_stable_code_gives_the_problem_its_code(client):
    response = client.post(
        "/v1/probe", {"quantity": 1, "country": "XX"}, content_type="application/json"
    )
    body = assert_problem(response, 400, "unknown_country")
    assert body["errors"][0]["field"] == "country"


def test_a_generic_field_code_alone_stays_a_validation_error(client):
    """`min_value` names a field's complaint (DRF's vocabulary), not a problem of ours."""
    response = client.post("/v1/probe", {"quantity": 0}, content_type="application/json")
    body = assert_problem(response, 400, "validation_error")
    assert body["errors"] == [
        {
            "field": "quantity",
            "code": "min_value",
            "message": "Ensure this value is greater than or equal to 1.",
        }
    ]


def test_the_stable_codes_are_every_apps_error_codes_and_nothing_generic():
    from accounts import error_codes as accounts_codes
    from commerce.shipping import error_codes as shipping_codes
    from vwb_site.api.errors import stable_codes

    codes = stable_codes()
    assert accounts_codes.CONSENT_UNKNOWN_PURPOSE in codes
    assert shipping_codes.INVALID_POSTCODE in codes  # an area's module, below the app
    assert not codes & {"required", "blank", "null", "invalid", "min_value", "validation_error"}


def test_malformed_json_is_a_400(client):
    response = client.post("/v1/probe", "{not json", content_type="application/json")
    assert_problem(response, 400, "malformed_request")


def test_unsupported_media_type_is_a_415(client):
    response = client.post("/v1/probe", "quantity=1", content_type="text/plain")
    assert_problem(response, 415, "unsupported_media_type")


def test_method_not_allowed_is_a_405(client):
    assert_problem(client.delete("/v1/probe"), 405, "method_not_allowed")


def test_unknown_url_under_v1_is_a_404_problem(client):
    assert_problem(client.get("/v1/does-not-exist"), 404, "not_found")


def test_authentication_required_is_a_401_with_challenge(client):
    response = client.get("/v1/probe/private")
    assert_problem(response, 401, "not_authenticated")
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_forged_token_is_a_401(client):
    response = client.get("/v1/probe/private", HTTP_AUTHORIZATION="Bearer not.a.token")
    body = assert_problem(response, 401, "token_not_valid")
    assert "token" in body["detail"].lower()


def test_domain_error_keeps_its_stable_code(client):
    body = assert_problem(client.get("/v1/probe/conflict"), 409, "insufficient_stock")
    assert body["detail"] == "Only 2 left in stock."


def test_django_validation_error_from_a_service_is_a_400(client):
    body = assert_problem(client.get("/v1/probe/django-validation"), 400, "validation_error")
    assert body["errors"] == [
        {"field": "country", "code": "invalid", "message": "Unknown country code."}
    ]


def test_unexpected_exception_is_a_500_without_traceback(client):
    client.raise_request_exception = False
    response = client.get("/v1/probe/crash", HTTP_X_REQUEST_ID="crash-123")
    body = assert_problem(response, 500, "server_error")
    assert body["request_id"] == "crash-123"
    assert "secret internal detail" not in response.content.decode()
    assert "Traceback" not in response.content.decode()


def test_crash_in_a_plain_django_view_under_v1_is_a_problem(client):
    client.raise_request_exception = False
    response = client.get("/v1/probe/plain-crash")
    assert_problem(response, 500, "server_error")
    assert "crash outside DRF" not in response.content.decode()


@override_settings(API_MAX_BODY_BYTES=64)
def test_oversized_body_is_a_413(client):
    payload = json.dumps({"quantity": 1, "pad": "x" * 200})
    assert_problem(
        client.post("/v1/probe", payload, content_type="application/json"), 413, "payload_too_large"
    )


def test_throttled_requests_get_429_with_retry_after(client, throttle_rates):
    throttle_rates(contact="2/min")
    assert client.get("/v1/probe/throttled").status_code == 200
    assert client.get("/v1/probe/throttled").status_code == 200
    response = client.get("/v1/probe/throttled")
    assert_problem(response, 429, "throttled")
    assert int(response["Retry-After"]) >= 1


def test_request_id_is_taken_from_the_client_when_well_formed(client):
    response = client.get("/v1/does-not-exist", HTTP_X_REQUEST_ID="abc-123")
    assert response["X-Request-ID"] == "abc-123"
    response = client.get("/v1/does-not-exist", HTTP_X_REQUEST_ID="bad id\n<script>")
    assert response["X-Request-ID"] != "bad id\n<script>"
    assert len(response["X-Request-ID"]) == 32


@pytest.mark.parametrize(
    "raw",
    [
        '{"quantity": 1, "note": "a\\u0000b"}',  # NUL: PostgreSQL text cannot hold it
        '{"quantity": 1, "lines": [{"barrel": "\\ud8f6x"}]}',  # an unpaired surrogate
        '{"quantity": 1, "lines": [{"\\u0000": 1}]}',  # in a key
    ],
)
def test_text_the_database_cannot_store_is_a_400_before_any_view_sees_it(client, raw):
    response = client.post("/v1/probe", raw, content_type="application/json")
    body = assert_problem(response, 400, "malformed_request")
    assert "null character or an invalid Unicode sequence" in body["detail"]


def test_a_null_character_in_the_query_string_is_a_400(client):
    response = client.get("/v1/probe/private?q=a%00b")
    assert_problem(response, 400, "malformed_request")


@pytest.mark.urls("vwb_site.urls")
def test_drf_views_outside_v1_are_not_refused_by_the_v1_versioning(client):
    from wagtail.models import Page, Site

    root = Page.get_first_root_node() or Page.add_root(title="Root", slug="root")
    Site.objects.all().delete()
    Site.objects.create(hostname="testserver", root_page=root, is_default_site=True)
    assert client.get("/api/v2/pages/").status_code == 200
    # and /v1/ still resolves its version from the namespace
    assert client.get("/v1/schema").status_code == 200
