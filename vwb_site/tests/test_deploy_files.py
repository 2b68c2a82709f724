"""Docker, compose, Prometheus and Grafana files: they parse, agree with each other and with the
README. (No Docker engine runs here; these checks are what can be verified without one.)"""

import json
import re
import runpy
import subprocess
import sys
import tomllib
from importlib import metadata

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from conftest import ROOT
from vwb_site.preflight import REQUIRED_PRODUCTION_VARIABLES

README = (ROOT / "README.md").read_text()
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
DOCKERFILE = (ROOT / "Dockerfile").read_text()
PROMETHEUS = yaml.safe_load((ROOT / "deploy/prometheus/prometheus.yml").read_text())
DASHBOARD = json.loads((ROOT / "deploy/grafana/dashboards/vwb-backend.json").read_text())


def command(service: str) -> str:
    return " ".join(COMPOSE["services"][service]["command"])


def test_compose_has_the_whole_stack():
    assert set(COMPOSE["services"]) >= {
        "web",
        "worker",
        "beat",
        "postgres",
        "redis",
        "prometheus",
        "grafana",
        "migrate",
    }


@pytest.mark.parametrize("service", ["migrate", "web", "worker", "beat"])
def test_compose_commands_are_the_ones_the_readme_gives(service):
    assert command(service) in README, command(service)


def test_app_services_run_production_settings_on_postgres_and_redis():
    for service in ("migrate", "web", "worker", "beat"):
        definition = COMPOSE["services"][service]
        env = definition["environment"]
        assert env["DJANGO_SETTINGS_MODULE"] == "vwb_site.settings.production"
        assert env["DATABASE_URL"].startswith("postgres://vwb:")
        assert env["DATABASE_URL"].endswith("@postgres:5432/vwb")
        assert env["REDIS_URL"] == "redis://redis:6379/0"
        assert definition["build"] == "."
    assert COMPOSE["services"]["web"]["depends_on"]["migrate"]["condition"] == (
        "service_completed_successfully"
    )
    assert COMPOSE["services"]["migrate"]["depends_on"]["postgres"]["condition"] == (
        "service_healthy"
    )


def test_dockerfile_is_multi_stage_non_root_and_runs_gunicorn_with_its_config():
    stages = re.findall(r"^FROM (\S+)(?: AS (\S+))?", DOCKERFILE, re.MULTILINE)
    assert stages == [("${BASE_IMAGE}", "builder"), ("${BASE_IMAGE}", "runtime")]
    assert "ARG BASE_IMAGE=python:3.11-slim" in DOCKERFILE
    assert "-r /tmp/requirements-runtime.lock" in DOCKERFILE
    runtime = DOCKERFILE.split(" AS runtime")[1]
    assert "build-essential" not in runtime and "gcc" not in runtime
    assert "COPY --from=builder /opt/venv /opt/venv" in DOCKERFILE
    assert "python manage.py collectstatic --noinput" in DOCKERFILE
    users = re.findall(r"^USER (\S+)", DOCKERFILE, re.MULTILINE)
    assert users and users[-1] not in ("root", "0")
    cmd = json.loads(re.search(r"^CMD (\[.*\])$", DOCKERFILE, re.MULTILINE).group(1))
    assert " ".join(cmd) == command("web")
    assert "PROMETHEUS_MULTIPROC_DIR" in DOCKERFILE


def test_dockerignore_keeps_secrets_and_local_state_out_of_the_image():
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert {".env", ".git", ".venv", "db.sqlite3"} <= set(ignored)
    # Local caches (mypy's is some 100 MB) stay out of the build context and the image.
    assert {".mypy_cache", ".ruff_cache", ".hypothesis"} <= set(ignored)


def test_gunicorn_config_uses_multiprocess_metrics_with_several_workers(monkeypatch, tmp_path):
    # gunicorn.conf.py sets the variable in os.environ itself. Setting it through monkeypatch
    # first records its original state, so it is restored after the test: a leaked value would
    # point later subprocesses at a metrics directory that does not exist.
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", "")
    monkeypatch.delenv("PROMETHEUS_MULTIPROC_DIR")
    monkeypatch.setenv("GUNICORN_WORKERS", "4")
    monkeypatch.setenv("PORT", "8123")
    config = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert config["bind"] == "0.0.0.0:8123"
    assert config["workers"] == 4
    assert config["MULTIPROC_DIR"]
    assert config["preload_app"] is False
    assert callable(config["child_exit"]) and callable(config["on_starting"])

    # on_starting empties the directory: stale samples of a previous run must not count.
    target = tmp_path / "prom"
    target.mkdir()
    (target / "counter_123.db").write_bytes(b"stale")
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(target))
    config = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    config["on_starting"](server=None)
    assert target.is_dir() and not any(target.iterdir())


def test_prometheus_scrapes_the_web_with_the_metrics_token_and_the_worker():
    jobs = {job["job_name"]: job for job in PROMETHEUS["scrape_configs"]}
    web = jobs["vwb-web"]
    assert web["static_configs"][0]["targets"] == ["web:8000"]
    assert web["metrics_path"] == "/metrics"
    token_file = web["authorization"]["credentials_file"]
    mounts = COMPOSE["services"]["prometheus"]["volumes"]
    assert any(m.endswith(f":{token_file}:ro") for m in mounts)
    worker_port = COMPOSE["services"]["worker"]["environment"]["CELERY_METRICS_PORT"]
    assert jobs["vwb-worker"]["static_configs"][0]["targets"] == [f"worker:{worker_port}"]
    assert "deploy/prometheus/metrics_token" in (ROOT / ".gitignore").read_text()


def test_grafana_is_provisioned_with_the_dashboard_and_its_datasource():
    datasource = yaml.safe_load(
        (ROOT / "deploy/grafana/provisioning/datasources/prometheus.yml").read_text()
    )["datasources"][0]
    provider = yaml.safe_load(
        (ROOT / "deploy/grafana/provisioning/dashboards/vwb.yml").read_text()
    )["providers"][0]
    mounts = COMPOSE["services"]["grafana"]["volumes"]
    assert f"./deploy/grafana/dashboards:{provider['options']['path']}:ro" in mounts
    assert "./deploy/grafana/provisioning:/etc/grafana/provisioning:ro" in mounts
    for panel in DASHBOARD["panels"]:
        assert panel["datasource"]["uid"] == datasource["uid"]


def test_the_dashboard_charts_the_metrics_the_app_exports():
    from prometheus_client import REGISTRY

    exported = {
        name
        for collector in list(REGISTRY._collector_to_names)
        for name in REGISTRY._collector_to_names[collector]
        if name.startswith("vwb_")
    }
    charted = {
        name
        for panel in DASHBOARD["panels"]
        for target in panel["targets"]
        for name in re.findall(r"vwb_[a-z_]+", target["expr"])
    }
    assert charted, "the dashboard has queries"
    assert charted <= exported, charted - exported
    families = {re.sub(r"_(bucket|count|sum|total)$", "", name) for name in charted}
    for needed in (
        "vwb_http_requests",
        "vwb_http_request_duration_seconds",
        "vwb_db_query_duration_seconds",
        "vwb_cache_operation_duration_seconds",
        "vwb_celery_tasks",
    ):
        assert needed in families


ENV_READ = re.compile(
    r"""(?:env(?:\.(?:bool|int|float|list|db|str))?|os\.environ\.get|os\.environ\.setdefault"""
    r"""|os\.getenv)\(\s*["']([A-Z][A-Z0-9_]+)["']"""
)


def test_every_environment_variable_the_code_reads_is_documented_in_env_example():
    documented = set(
        re.findall(r"^#?\s*([A-Z][A-Z0-9_]+)=", (ROOT / ".env.example").read_text(), re.MULTILINE)
    )
    sources = [ROOT / "gunicorn.conf.py", ROOT / "manage.py", *ROOT.glob("*/**/*.py")]
    read: dict[str, str] = {}
    for path in sources:
        relative = path.relative_to(ROOT).as_posix()
        if relative.startswith((".venv", "bench/")) or "/tests/" in relative:
            continue
        for name in ENV_READ.findall(path.read_text()):
            read.setdefault(name, relative)
    missing = {name: where for name, where in read.items() if name not in documented}
    assert not missing, f"add these to .env.example (with a comment): {missing}"


def runtime_lock_lines() -> list[str]:
    """requirements.lock restricted to what pyproject's (non-dev) dependencies pull in, walked
    through the installed packages' own requirements: what the image installs."""
    lock = {
        canonicalize_name(line.split("==")[0]): line.strip()
        for line in (ROOT / "requirements.lock").read_text().splitlines()
        if "==" in line
    }
    direct = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    wanted: set[tuple[str, frozenset]] = set()
    todo = [Requirement(spec) for spec in direct]
    while todo:
        requirement = todo.pop()
        key = (canonicalize_name(requirement.name), frozenset(requirement.extras))
        if key in wanted:
            continue
        wanted.add(key)
        for spec in metadata.distribution(requirement.name).requires or []:
            sub = Requirement(spec)
            extras = ["", *sorted(requirement.extras)]
            if sub.marker is None or any(sub.marker.evaluate({"extra": e}) for e in extras):
                todo.append(sub)
    return sorted({lock[name] for name, _ in wanted}, key=str.lower)


def test_the_image_installs_the_lock_without_the_dev_tools():
    lines = (ROOT / "requirements-runtime.lock").read_text().split()
    assert lines == runtime_lock_lines(), (
        "requirements-runtime.lock is out of step with requirements.lock and pyproject.toml"
    )
    assert not {"pytest", "ruff", "playwright"} & {line.split("==")[0] for line in lines}


def test_the_entrypoint_checks_every_setting_production_requires():
    production = (ROOT / "vwb_site/settings/production.py").read_text()
    required = re.findall(r'env(?:\.\w+)?\("([A-Z_]+)"\)', production)  # read with no default
    assert required and set(required) == set(REQUIRED_PRODUCTION_VARIABLES)


def test_the_entrypoint_names_the_missing_setting_in_one_line_and_runs_nothing(tmp_path):
    marker = tmp_path / "ran"
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "vwb_site.settings.production",
        "DJANGO_ALLOWED_HOSTS": "localhost",
        "DATABASE_URL": "postgres://u@h/db",
        "REDIS_URL": "redis://h:6379/0",
        "FIELD_ENCRYPTION_KEYS": "k",
    }
    command = [sys.executable, "-m", "vwb_site.preflight", "--exec", "touch", str(marker)]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 78
    assert result.stderr.strip().splitlines() == [
        "vwb: cannot start, required setting(s) missing: DJANGO_SECRET_KEY, JWT_SIGNING_KEY "
        "(see .env.example)"
    ]
    assert not marker.exists()
    env.update(
        DJANGO_SECRET_KEY="s", JWT_SIGNING_KEY="j", PROMETHEUS_MULTIPROC_DIR=str(tmp_path / "m")
    )
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert marker.exists() and (tmp_path / "m").is_dir()
