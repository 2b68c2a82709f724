"""Private files stay private in every mode: the DEBUG media handler of `make run` never serves
order documents (or privacy exports, report files), only public media such as images."""

import importlib
import subprocess
import sys
import uuid

import pytest
from django.core import checks
from django.urls import clear_url_caches

import vwb_site.urls
from vwb_site.core.private_media import is_private_media

DOC = f"private/order-documents/{uuid.uuid4()}/INV-2026-000001-ab12cd.pdf"


@pytest.fixture
def debug_urls(settings, tmp_path):
    """The URLconf as `make run` builds it (DEBUG on), over a MEDIA_ROOT with files in it."""
    settings.MEDIA_ROOT = str(tmp_path)
    for name in (DOC, "privacy/exports/export.zip", "reports/2026/01/r.csv", "images/a.png"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"%PDF-1.4 secret")
    settings.DEBUG = True
    clear_url_caches()
    importlib.reload(vwb_site.urls)
    yield
    settings.DEBUG = False
    clear_url_caches()
    importlib.reload(vwb_site.urls)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        DOC,
        DOC.upper().replace("PRIVATE/", "Private/"),
        "images/../" + DOC,
        "/" + DOC,
        "privacy/exports/export.zip",
        "reports/2026/01/r.csv",
        "private/",
    ],
)
def test_an_anonymous_get_of_a_private_file_is_404_under_debug(client, debug_urls, path):
    response = client.get(f"/media/{path}")
    assert response.status_code == 404
    assert b"secret" not in b"".join(getattr(response, "streaming_content", [response.content]))


@pytest.mark.django_db
def test_public_media_is_still_served_under_debug(client, debug_urls):
    response = client.get("/media/images/a.png")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 secret"


def test_without_debug_no_media_route_exists():
    assert not any("media" in str(p.pattern) for p in vwb_site.urls.urlpatterns)


def test_local_settings_refuse_private_media(tmp_path):
    """In `vwb_site.settings.local` itself (DEBUG from the environment, as `make run`)."""
    from conftest import ROOT

    for name in (DOC, "images/a.png"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"%PDF-1.4 secret")

    probe = (
        "import django; django.setup(); from django.urls import resolve; "
        "from django.test import RequestFactory; from django.http import Http404; "
        "req = RequestFactory().get('/media/x')\n"
        f"for path in ('/media/{DOC}', '/media/images/a.png'):\n"
        "    match = resolve(path)\n"
        "    try:\n        print(match.func(req, **match.kwargs).status_code)\n"
        "    except Http404:\n        print(404)\n"
    )
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": "/tmp",
        "DJANGO_SETTINGS_MODULE": "vwb_site.settings.local",
        "MEDIA_ROOT": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["404", "200"]


def test_documents_dir_outside_the_private_folders_fails_the_system_check(settings):
    assert is_private_media(f"{settings.SHIPPING_DOCUMENTS_DIR}/x.pdf")
    settings.SHIPPING_DOCUMENTS_DIR = "order-documents"
    errors = [e for e in checks.run_checks() if e.id == "commerce.E001"]
    assert errors
