"""Production settings: `check --deploy` clean, secrets required, HTTPS headers, CORS from env."""

import json

import pytest

from vwb_site.tests.production import REQUIRED, production_env, run

PROBE = """
import json
import django
django.setup()
from django.conf import settings
from django.test import Client
client = Client()
https = client.get("/v1/schema", secure=True, HTTP_HOST="api.vintagewithoutborders.example")
plain = client.get("/v1/schema", HTTP_HOST="api.vintagewithoutborders.example")
print(json.dumps({
    "https_status": https.status_code,
    "https_headers": dict(https.headers),
    "plain_status": plain.status_code,
    "plain_location": plain.headers.get("Location"),
    "cors": settings.CORS_ALLOWED_ORIGINS,
    "eager": settings.CELERY_TASK_ALWAYS_EAGER,
    "cache": settings.CACHES["default"]["BACKEND"],
}))
"""


# A deployment's own seller details (the defaults are samples: commerce.W001).
SELLER = {
    "SELLER_VAT_NUMBER": "FR40303265045",
    "SELLER_EORI": "FR40303265045000",
    "SELLER_REGISTRATION": "SAS au capital de 50 000 EUR - RCS Bordeaux 303 265 045",
    "SELLER_EMAIL": "invoices@vintage-without-borders.fr",
    "QUOTES_SELLER_VAT_NUMBER": "FR40303265045",
    "QUOTES_SELLER_EMAIL": "sales@vintage-without-borders.fr",
}


def test_production_settings_pass_check_deploy_with_no_warnings():
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"], production_env(**SELLER)
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_warns_while_sample_seller_details_are_in_use():
    """Invoices, customs documents and quote PDFs would print a VAT number that is not ours."""
    env = production_env(**{k: v for k, v in SELLER.items() if k != "SELLER_VAT_NUMBER"})
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], env)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "commerce.W001" in output
    assert "SELLER_VAT_NUMBER" in output and "SELLER_EORI" not in output
    assert run(["manage.py", "check"], env).returncode == 0  # only a deploy check


@pytest.mark.parametrize("variable", sorted(REQUIRED))
def test_production_settings_refuse_to_start_without_a_required_variable(variable):
    result = run(["manage.py", "check"], production_env(without=variable))
    assert result.returncode != 0
    assert f"Set the {variable} environment variable" in result.stderr


def test_production_sends_security_headers_and_redirects_plain_http():
    result = run(
        ["-c", PROBE],
        production_env(
            CORS_ALLOWED_ORIGINS="https://shop.vintagewithoutborders.example,https://b2b.example"
        ),
    )
    assert result.returncode == 0, result.stderr
    probe = json.loads(result.stdout.strip().splitlines()[-1])
    assert probe["https_status"] == 200
    headers = probe["https_headers"]
    assert headers["Strict-Transport-Security"] == ("max-age=31536000; includeSubDomains; preload")
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert probe["plain_status"] == 301
    assert probe["plain_location"].startswith("https://api.vintagewithoutborders.example/")
    assert probe["cors"] == ["https://shop.vintagewithoutborders.example", "https://b2b.example"]
    assert probe["eager"] is False
    assert probe["cache"].endswith("InstrumentedRedisCache")


@pytest.mark.django_db
def test_cors_preflight_from_an_allowed_origin_is_answered(client, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://shop.vintagewithoutborders.example"]
    response = client.options(
        "/v1/schema",
        HTTP_ORIGIN="https://shop.vintagewithoutborders.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization, content-type, x-request-id",
    )
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "https://shop.vintagewithoutborders.example"
    allowed = {h.strip() for h in response["Access-Control-Allow-Headers"].split(",")}
    assert {"authorization", "content-type", "x-request-id"} <= allowed


@pytest.mark.django_db
def test_cors_preflight_from_another_origin_gets_no_allow_header(client, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://shop.vintagewithoutborders.example"]
    response = client.options(
        "/v1/schema",
        HTTP_ORIGIN="https://evil.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
    )
    assert "Access-Control-Allow-Origin" not in response


@pytest.mark.django_db
def test_cors_applies_to_v1_only_and_exposes_the_request_id(client, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://shop.vintagewithoutborders.example"]
    response = client.get("/healthz", HTTP_ORIGIN="https://shop.vintagewithoutborders.example")
    # /healthz is outside /v1/: no CORS there at all.
    assert "Access-Control-Allow-Origin" not in response
    response = client.get("/v1/schema", HTTP_ORIGIN="https://shop.vintagewithoutborders.example")
    assert response["Access-Control-Allow-Origin"] == "https://shop.vintagewithoutborders.example"
    assert "X-Request-ID" in response["Access-Control-Expose-Headers"]
