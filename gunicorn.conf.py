"""gunicorn settings for production (`gunicorn -c gunicorn.conf.py vwb_site.wsgi`).

Every value can be overridden from the environment (GUNICORN_*, PORT). With several worker
processes, Prometheus metrics are collected through files in PROMETHEUS_MULTIPROC_DIR: each
worker writes its samples there and /metrics aggregates them (vwb_site/api/metrics.py).
"""

import os
import shutil
from pathlib import Path

bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("GUNICORN_WORKERS", "3"))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "200"))
# The app logs every request itself as a JSON line with its request id; gunicorn's own access
# log would duplicate it. Errors still go to stderr.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Behind a reverse proxy that sets X-Forwarded-Proto (Django's SECURE_PROXY_SSL_HEADER).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# Import the app in each worker (not in the master): metrics files are per worker process.
preload_app = False

# Multi-process Prometheus metrics. Must be set before the app imports prometheus_client; this
# file is read by the master before it forks any worker, so the workers inherit it.
_default_multiproc_dir = "/tmp/vwb-prometheus"  # noqa: S108 - private to the container
if workers > 1:
    os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR", _default_multiproc_dir)
MULTIPROC_DIR = os.environ.get("PROMETHEUS_MULTIPROC_DIR")


def on_starting(server):
    """Start from an empty metrics directory: stale files from a previous run would count."""
    if MULTIPROC_DIR:
        shutil.rmtree(MULTIPROC_DIR, ignore_errors=True)
        Path(MULTIPROC_DIR).mkdir(parents=True, exist_ok=True)


def child_exit(server, worker):
    """Tell prometheus_client a worker is gone (its live gauges stop counting)."""
    if MULTIPROC_DIR:
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)


def worker_exit(server, worker):
    """Send the view counts the worker holds to Redis before it goes (recycling, shutdown)."""
    from catalog.services.view_counts import barrel_views_push

    barrel_views_push()


def post_worker_init(worker):
    """Warm the new worker up before it takes requests (URLconf, translations, connections):
    the first buyers it serves, after every start or recycling, do not pay for it. Then take
    what it now holds out of the garbage collector's full collections."""
    from vwb_site.warmup import freeze_startup_objects, warm_up

    warm_up()
    freeze_startup_objects()
