"""Workers warm themselves up before taking requests (gunicorn.conf.py's post_worker_init)."""

import json

import pytest

from vwb_site.warmup import warm_up

STEPS = {"urls", "translations", "database", "cache", "broker"}


@pytest.mark.django_db
def test_warm_up_runs_every_step_and_reports_its_time():
    timings = warm_up()
    assert set(timings) == STEPS
    assert all(ms >= 0 for ms in timings.values())


@pytest.mark.django_db
def test_a_failing_step_does_not_stop_the_worker(monkeypatch):
    from vwb_site import warmup

    def refuse():
        raise ConnectionError("cache is down")

    monkeypatch.setattr(warmup, "_broker", refuse)
    assert set(warm_up()) == STEPS


def test_freezing_takes_the_loaded_objects_out_of_full_collections():
    import gc

    from vwb_site.warmup import freeze_startup_objects

    try:
        frozen = freeze_startup_objects()
        # Django, Wagtail, DRF and the project. A frozen object that another thread frees
        # meanwhile leaves the count, so it can only have shrunk.
        assert frozen >= gc.get_freeze_count() > 100_000
        # A full collection now walks what was created since, not the frozen objects.
        assert len(gc.get_objects(generation=2)) < frozen // 100
    finally:
        gc.unfreeze()


@pytest.mark.django_db(transaction=True)
def test_gunicorn_workers_warm_up_with_the_production_config():
    from commerce.tests.e2e.server import ROOT, start_gunicorn, stop
    from conftest import process_env

    proc, _base = start_gunicorn(
        process_env(CELERY_TASK_ALWAYS_EAGER="false"),
        workers=2,
        log_name=".pytest-warmup-gunicorn.log",
    )
    stop(proc)
    events = []
    for line in (ROOT / ".pytest-warmup-gunicorn.log").read_text().splitlines():
        if line.startswith("{"):
            events.append(json.loads(line))
    warmed = [e for e in events if e.get("event") == "worker_warmed_up"]
    assert len(warmed) == 2
    assert all(set(e) >= STEPS for e in warmed)
    frozen = [e for e in events if e.get("event") == "worker_gc_frozen"]
    assert len(frozen) == 2
    assert all(e["objects"] > 100_000 for e in frozen)  # the project as loaded
    assert not [e for e in events if e.get("event") == "warm_up_step_failed"]
