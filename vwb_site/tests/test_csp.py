"""The Content-Security-Policy (django-csp) covers the admin and the API docs, not the JSON API;
the inline scripts Wagtail keeps carry the request's nonce."""

import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {d.split()[0]: d.split()[1:] for d in header.split("; ")}


def test_admin_pages_send_a_policy_of_this_origin_only(admin):
    client = Client()
    client.force_login(admin)
    response = client.get("/admin/")
    directives = policy(response)
    assert directives["default-src"] == ["'self'"]
    assert "'unsafe-inline'" not in directives["script-src"]
    assert "'unsafe-eval'" not in directives["script-src"]
    for sources in directives.values():
        assert not [s for s in sources if "://" in s], directives


def test_wagtails_inline_scripts_carry_the_nonce_of_the_header(admin):
    client = Client()
    client.force_login(admin)
    response = client.get("/admin/accounts/audit/")  # a date filter: Wagtail's inline script
    html = response.content.decode()
    nonces = [s for s in policy(response)["script-src"] if s.startswith("'nonce-")]
    assert len(nonces) == 1
    nonce = nonces[0][len("'nonce-") : -1]
    inline = re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)([^>]*)>", html)
    assert inline, "the page has the date widget's inline script"
    assert all(f'nonce="{nonce}"' in attrs for attrs in inline), inline


def test_the_json_api_has_no_policy_header(client):
    assert "Content-Security-Policy" not in client.get("/v1/site-config")
