"""Project-wide fixtures: a real SMTP server, a clean Redis per test, a real Celery worker.

Tests run against real PostgreSQL and Redis (see vwb_site/settings/test.py). App-specific
fixtures and factories live in each app's tests/ folder.
"""

import os
import socket
import subprocess
import sys
import threading
import time
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.core.cache import cache

ROOT = Path(__file__).resolve().parent

# Each app's shared fixtures (its tests/fixtures.py) are visible to every app's tests.
pytest_plugins = [
    "accounts.tests.fixtures",
    "catalog.tests.fixtures",
    "commerce.tests.fixtures",
    "quotes.tests.fixtures",
    "reporting.tests.fixtures",
    "cms_pages.tests.fixtures",
    # Servers the tests start themselves: an S3 endpoint (moto) and PgBouncer.
    "vwb_site.tests.servers",
]


def _is_transactional(item: pytest.Item) -> bool:
    marker = item.get_closest_marker("django_db")
    if marker is not None:
        transaction = marker.kwargs.get("transaction", marker.args[0] if marker.args else False)
        if transaction:
            return True
    fixtures = getattr(item, "fixturenames", ())
    return "transactional_db" in fixtures or "live_server" in fixtures


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Transactional tests empty the database when they end, which would take the data the
    migrations seed (VAT rates, freight tables, user groups, Wagtail's root page and site) away
    from every test after them. Each one restores that data when it starts instead
    (serialized rollback: the state after migrations, captured when the test database is made).
    """
    for item in items:
        if _is_transactional(item):
            marker = item.get_closest_marker("django_db")
            kwargs = dict(marker.kwargs) if marker is not None else {}
            kwargs.update(transaction=True, serialized_rollback=True)
            item.add_marker(pytest.mark.django_db(**kwargs), append=False)


def poll_until(predicate, timeout: float) -> bool:
    """Call `predicate` every 10 ms until it is true or `timeout` seconds pass; its last
    answer (for what another thread or process does in its own time)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.01)
    return bool(predicate())


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(predicate, *, timeout: float = 10.0, interval: float = 0.05, message: str = ""):
    """Poll `predicate` until it returns something truthy; fail the test at the deadline."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(interval)
    pytest.fail(f"Timed out after {timeout}s waiting for {message or predicate}")


class Mailbox:
    """Messages received by the test SMTP server, parsed as `email.message.EmailMessage`."""

    def __init__(self) -> None:
        self._messages: list = []
        self._lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd handler hook
        message = message_from_bytes(envelope.content, policy=policy.default)
        message["X-Envelope-To"] = ", ".join(envelope.rcpt_tos)
        with self._lock:
            self._messages.append(message)
        return "250 Message accepted for delivery"

    @property
    def messages(self) -> list:
        with self._lock:
            return list(self._messages)

    def clear(self) -> None:
        with self._lock:
            self._messages.clear()

    def wait_for(self, count: int = 1, timeout: float = 10.0) -> list:
        wait_until(
            lambda: len(self.messages) >= count, timeout=timeout, message=f"{count} e-mail(s)"
        )
        return self.messages

    def to(self, address: str) -> list:
        return [m for m in self.messages if address in m["X-Envelope-To"]]


@pytest.fixture(scope="session")
def smtp_server():
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller
    controller.stop()


@pytest.fixture(autouse=True)
def _email_to_test_smtp(settings, smtp_server):
    # Django's test set-up swaps in the in-memory backend; e-mails here go over real SMTP.
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = smtp_server.hostname
    settings.EMAIL_PORT = smtp_server.port
    settings.EMAIL_USE_TLS = False
    smtp_server.handler.clear()


@pytest.fixture
def mailbox(smtp_server) -> Mailbox:
    return smtp_server.handler


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()
    yield


@pytest.fixture
def api_client():
    from rest_framework.test import APIClient

    return APIClient()


def _test_database_url() -> str:
    from django.db import connection

    s = connection.settings_dict
    auth = s["USER"] or "postgres"
    if s.get("PASSWORD"):
        auth = f"{auth}:{s['PASSWORD']}"
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def process_env(**extra: str) -> dict[str, str]:
    """The environment for a subprocess (worker, gunicorn) that must share this test's data."""
    from django.conf import settings

    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="vwb_site.settings.test",
        DATABASE_URL=_test_database_url(),
        TEST_DATABASE_NAME=_test_database_url().rsplit("/", 1)[1],
        REDIS_URL=settings.CACHES["default"]["LOCATION"],
        CACHE_KEY_PREFIX=settings.CACHES["default"].get("KEY_PREFIX", ""),
        CELERY_BROKER_URL=settings.CELERY_BROKER_URL,
        CELERY_DEFAULT_QUEUE=settings.CELERY_TASK_DEFAULT_QUEUE,
        EMAIL_HOST=str(settings.EMAIL_HOST),
        EMAIL_PORT=str(settings.EMAIL_PORT),
        PYTHONUNBUFFERED="1",
    )
    env.update(extra)
    return env


@pytest.fixture
def celery_worker(transactional_db, settings):
    """A real Celery worker process on this run's broker and queue, with tasks not eager.

    Tests that use it see committed data only, hence `transactional_db`.
    """
    from vwb_site.celery_app import app

    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.conf.task_always_eager = False
    # A name of its own, so the readiness ping is answered by this worker and no other one
    # sharing the broker (another test run, a developer's worker).
    nodename = f"vwb-test-{os.getpid()}-{time.monotonic_ns()}@{socket.gethostname()}"
    log_path = ROOT / ".pytest-worker.log"
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "vwb_site",
                "worker",
                "--pool",
                "solo",
                "--concurrency",
                "1",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "--hostname",
                nodename,
                "--queues",
                settings.CELERY_TASK_DEFAULT_QUEUE,
                "--loglevel",
                "INFO",
            ],
            cwd=ROOT,
            env=process_env(),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=3)
        # Ready when the worker answers a ping.
        wait_until(
            lambda: proc.poll() is None and app.control.ping(destination=[nodename], timeout=0.5),
            timeout=30,
            message="the Celery worker to answer a ping",
        )
        yield proc
    finally:
        # The test has seen what it waited for. A warm shutdown waits for the broker's
        # polling loop (3-10 s); past a short grace period the worker is killed.
        proc.terminate()
        try:
            proc.wait(timeout=1.5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        app.conf.task_always_eager = True


@pytest.fixture
def dead_port() -> int:
    """A local TCP port with nothing listening on it (connections are refused at once)."""
    return free_port()


@pytest.fixture
def redis_down(settings, dead_port):
    """The default cache pointed at a Redis that is not there, with the project's own options.

    Code under test sees what production sees when Redis goes away: django-redis swallows the
    errors (IGNORE_EXCEPTIONS) and reads miss. Yields the dead URL.
    """
    url = f"redis://127.0.0.1:{dead_port}/0"
    caches = {alias: dict(conf) for alias, conf in settings.CACHES.items()}
    caches["default"]["LOCATION"] = url
    settings.CACHES = caches
    yield url


@pytest.fixture
def throttle_rates(settings):
    """Change throttle rates for one test: `throttle_rates(contact="2/min")`."""

    def apply(**rates: str) -> None:
        settings.REST_FRAMEWORK = {
            **settings.REST_FRAMEWORK,
            "DEFAULT_THROTTLE_RATES": {
                **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
                **rates,
            },
        }

    return apply


@pytest.fixture
def celery_conf():
    """Change the Celery app's configuration for one test: `celery_conf(broker_url=...)`."""
    from vwb_site.celery_app import app

    saved: dict = {}

    def apply(**values) -> None:
        for name, value in values.items():
            saved.setdefault(name, app.conf.get(name))
            app.conf[name] = value

    yield apply
    for name, value in saved.items():
        app.conf[name] = value


def columns_containing(needle: str) -> list[str]:
    """Every "table.column" of the PostgreSQL database (text, JSON or inet columns of every
    table) holding `needle` somewhere, case-insensitively: proof that a value is, or is not,
    stored anywhere."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("""
            SELECT c.table_name, c.column_name FROM information_schema.columns c
            JOIN information_schema.tables t
              ON t.table_name = c.table_name AND t.table_schema = c.table_schema
            WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
              AND c.data_type IN ('text', 'character varying', 'jsonb', 'json', 'inet')
        """)
        columns = cursor.fetchall()
        found = []
        for table, column in columns:
            cursor.execute(
                f'SELECT 1 FROM "{table}" WHERE "{column}"::text ILIKE %s LIMIT 1',  # noqa: S608
                [f"%{needle}%"],
            )
            if cursor.fetchone():
                found.append(f"{table}.{column}")
    return found


def reset_broker_pools() -> None:
    """Drop the Celery app's pooled broker connections, so the next publish connects to the
    broker the configuration names now."""
    from vwb_site.celery_app import app
    from vwb_site.outbox.services import fast_path_breaker

    app._pool = None
    amqp = app.__dict__.get("amqp")
    if amqp is not None:
        amqp._producer_pool = None
    fast_path_breaker.reset()


class Broker:
    """The broker as this test process sees it: `down()` points publishing at a dead port
    (what a stopped Redis looks like from the web), `up()` brings the real one back."""

    def __init__(self, celery_conf, dead_port: int):
        from vwb_site.celery_app import app

        self._conf = celery_conf
        self.real_url = app.conf.broker_url
        self.dead_url = f"redis://127.0.0.1:{dead_port}/0"

    def down(self) -> None:
        self._conf(task_always_eager=False, broker_url=self.dead_url)
        reset_broker_pools()

    def up(self) -> None:
        self._conf(broker_url=self.real_url)
        reset_broker_pools()


@pytest.fixture
def broker(celery_conf, dead_port):
    """`broker.down()` / `broker.up()` for this test (a real worker keeps the real broker)."""
    control = Broker(celery_conf, dead_port)
    yield control
    reset_broker_pools()
