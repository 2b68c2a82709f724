"""The Celery application: configured from Django settings (CELERY_*), tasks autodiscovered.

Discovery finds the `tasks.py` of every installed app and of each subpackage of the project's
own apps (`commerce/orders/tasks.py`, `commerce/shipping/tasks.py`...): a task module is found
where it sits, no list of modules to keep in step.

The request id of the web request that sent a task travels in the task's headers and is bound
for logging while the task runs. Task outcomes are counted for Prometheus.
"""

import os
from pathlib import Path

import structlog
from celery import Celery, signals

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vwb_site.settings.local")

app = Celery("vwb_site")
app.config_from_object("django.conf:settings", namespace="CELERY")


def task_packages() -> list[str]:
    """The installed apps, then the subpackages of the project's apps that have a tasks.py."""
    from django.apps import apps
    from django.conf import settings

    base = Path(settings.BASE_DIR).resolve()
    packages = []
    for config in apps.get_app_configs():
        packages.append(config.name)
        root = Path(config.path).resolve()
        if root.is_relative_to(base) and "site-packages" not in root.parts:
            packages += [
                f"{config.name}.{tasks.parent.name}" for tasks in sorted(root.glob("*/tasks.py"))
            ]
    return packages


app.autodiscover_tasks(task_packages)


@signals.before_task_publish.connect
def _propagate_request_id(headers=None, sender=None, **kwargs):
    from vwb_site.api.metrics import CELERY_TASKS
    from vwb_site.api.request_context import current_request_id

    request_id = current_request_id()
    if request_id and headers is not None:
        headers.setdefault("request_id", request_id)
    CELERY_TASKS.labels(str(sender), "sent").inc()


@signals.task_prerun.connect
def _bind_request_id(task=None, **kwargs):
    request_id = getattr(task.request, "request_id", None) if task else None
    structlog.contextvars.clear_contextvars()
    structlog.contextvars.bind_contextvars(
        request_id=request_id,
        task=task.name if task else None,
        task_id=getattr(task.request, "id", None) if task else None,
    )


@signals.task_postrun.connect
def _unbind_request_id(**kwargs):
    structlog.contextvars.clear_contextvars()


@signals.worker_ready.connect
def _serve_worker_metrics(sender=None, **kwargs):
    """Task counters live in the worker: serve them on CELERY_METRICS_PORT when it is set.

    Inside the private network only (Prometheus scrapes worker:9808). With the prefork pool the
    counts come from the pool processes, collected through PROMETHEUS_MULTIPROC_DIR.
    """
    port = os.environ.get("CELERY_METRICS_PORT")
    if port:
        from vwb_site.api.metrics import serve_metrics_http

        addr = os.environ.get("CELERY_METRICS_ADDR", "0.0.0.0")  # noqa: S104 - private network
        serve_metrics_http(int(port), addr=addr)


@signals.task_success.connect
def _count_success(sender=None, **kwargs):
    from vwb_site.api.metrics import CELERY_TASKS

    CELERY_TASKS.labels(getattr(sender, "name", str(sender)), "succeeded").inc()


@signals.task_failure.connect
def _count_failure(sender=None, **kwargs):
    from vwb_site.api.metrics import CELERY_TASKS

    CELERY_TASKS.labels(getattr(sender, "name", str(sender)), "failed").inc()


@signals.task_retry.connect
def _count_retry(sender=None, **kwargs):
    from vwb_site.api.metrics import CELERY_TASKS

    CELERY_TASKS.labels(getattr(sender, "name", str(sender)), "retried").inc()
