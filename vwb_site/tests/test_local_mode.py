"""`make run` works with nothing installed: SQLite, a local-memory cache, eager Celery."""

from django.apps import apps


def fields_sqlite_cannot_create() -> list[str]:
    """Model fields whose column types SQLite cannot even parse (arrays, hstore, ranges).

    (SearchVectorField and GIN indexes, used by Wagtail's own search index, are harmless there:
    SQLite accepts any type name, and Django skips the PostgreSQL-only indexes.)
    """
    from django.contrib.postgres.fields import ArrayField, HStoreField, RangeField

    return [
        f"{model._meta.label}.{field.name} ({type(field).__name__})"
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, (ArrayField, HStoreField, RangeField))
    ]


def test_no_model_field_breaks_the_sqlite_migrations_of_make_run():
    assert fields_sqlite_cannot_create() == []


def test_local_settings_without_urls_use_sqlite_locmem_and_eager_tasks():
    import subprocess
    import sys

    from conftest import ROOT

    probe = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.DATABASES['default']['ENGINE'], s.CACHES['default']['BACKEND'], "
        "s.CELERY_TASK_ALWAYS_EAGER, s.DEBUG)"
    )
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": "/tmp",
        "DJANGO_SETTINGS_MODULE": "vwb_site.settings.local",
    }
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    engine, cache, eager, debug = result.stdout.split()
    assert engine == "django.db.backends.sqlite3"
    assert cache.endswith("InstrumentedLocMemCache")
    assert eager == "True"
    assert debug == "True"


def test_every_migration_applies_on_a_fresh_sqlite_file_as_make_run_does(tmp_path):
    """Raw SQL in a migration must be PostgreSQL-guarded: `make run` migrates SQLite."""
    import os
    import subprocess
    import sys

    from conftest import ROOT

    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="vwb_site.settings.local",
        DATABASE_URL=f"sqlite:///{tmp_path / 'make-run.sqlite3'}",
        LOG_LEVEL="WARNING",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
