"""Run manage.py or a snippet under the production settings in a clean subprocess."""

import os
import subprocess
import sys

from conftest import ROOT

# What a deployment must provide (see .env.example and README "Production").
REQUIRED = {
    "DJANGO_SECRET_KEY": "k3y-for-tests-only-5e1b0c2f9a7d4e6b8c1f0a3d5e7b9c2d4f6a8b0c1e3d5f7a9",
    "DJANGO_ALLOWED_HOSTS": "api.vintagewithoutborders.example",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/postgres",
    "REDIS_URL": "redis://127.0.0.1:6379/15",
    "JWT_SIGNING_KEY": "jwt-for-tests-only-0b7e2d4c6a8f1e3b5d7c9a0f2e4b6d8c1a3f5e7b9d0c2",
    "FIELD_ENCRYPTION_KEYS": "ZmllbGQtZW5jcnlwdGlvbi1rZXktZm9yLXRlc3RzLTAwMDA=",
}


def production_env(*, without: str | None = None, **extra: str) -> dict[str, str]:
    """A minimal environment: PATH and the required variables, nothing from this shell."""
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": os.environ.get("HOME", "/tmp"),
        "DJANGO_SETTINGS_MODULE": "vwb_site.settings.production",
        "PYTHONUNBUFFERED": "1",
        **REQUIRED,
        **extra,
    }
    if without:
        env.pop(without)
    return env


def run(args: list[str], env: dict[str, str], timeout: float = 120):
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
