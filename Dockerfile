# syntax=docker/dockerfile:1
# Vintage Without Borders backend: one image for web (gunicorn), worker and beat (Celery).
# Build: docker build -t vwb-backend .   Run: see docker-compose.yml and README "Running in
# production". BASE_IMAGE lets a host that cannot pull from a registry build on a local image
# that mimics the official one (Python 3.11 with `python` on the PATH, venv, pip): see
# deploy/local-base/. Production keeps the official image.
ARG BASE_IMAGE=python:3.11-slim

# --- builder: the locked runtime dependencies in a virtualenv ---------------------------------
# Wheels only (psycopg-binary carries its own libpq): no compiler in either stage.
FROM ${BASE_IMAGE} AS builder
# A host behind a TLS-inspecting proxy passes its CA bundle (mounted) as PIP_CERT.
ARG PIP_CERT
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 PYTHONDONTWRITEBYTECODE=1
RUN python -m venv /opt/venv
ENV PATH="/opt/venv/bin:$PATH"
# requirements-runtime.lock: requirements.lock without the test and dev tools (a test keeps
# the two in step).
COPY requirements-runtime.lock /tmp/requirements-runtime.lock
RUN pip install --only-binary=:all: --no-deps -r /tmp/requirements-runtime.lock \
 && pip uninstall -y pip setuptools \
 && find /opt/venv -name '*.pyi' -delete

# --- runtime: the app, a non-root user, collected static files -------------------------------
FROM ${BASE_IMAGE} AS runtime
ENV PYTHONUNBUFFERED=1 \
    PATH="/opt/venv/bin:$PATH" \
    DJANGO_SETTINGS_MODULE=vwb_site.settings.production \
    STATIC_ROOT=/app/staticfiles \
    MEDIA_ROOT=/app/media \
    PORT=8000
RUN groupadd --system --gid 10001 vwb \
 && useradd --system --uid 10001 --gid vwb --home-dir /app --shell /usr/sbin/nologin vwb
COPY --from=builder /opt/venv /opt/venv
WORKDIR /app
# Code stays owned by root (read-only for the app user); only media and metrics are writable.
COPY . /app
# collectstatic needs settings that load, not real secrets: throwaway values for this step only.
# PROMETHEUS_MULTIPROC_DIR is set after this step (a metrics directory that does not exist yet
# makes prometheus_client fail); the entrypoint creates it at start, /tmp may be an empty volume.
RUN DJANGO_SECRET_KEY=collectstatic-only DJANGO_ALLOWED_HOSTS=localhost \
    DATABASE_URL=sqlite:////tmp/collectstatic.sqlite3 REDIS_URL=redis://localhost:6379/0 \
    JWT_SIGNING_KEY=collectstatic-only FIELD_ENCRYPTION_KEYS=Y29sbGVjdHN0YXRpYy1vbmx5LWtleS0wMDAwMDAwMDA= \
    python manage.py collectstatic --noinput --verbosity 0 \
 && python -m compileall -q /app \
 && rm -f /tmp/collectstatic.sqlite3 \
 && mkdir -p /app/media \
 && chown vwb:vwb /app/media
ENV PYTHONDONTWRITEBYTECODE=1 \
    PROMETHEUS_MULTIPROC_DIR=/tmp/vwb-prometheus
USER vwb
EXPOSE 8000
# The entrypoint checks the required settings (one line naming what is missing, exit 78) and
# makes the metrics directory, then runs the command: web by default; docker-compose.yml and
# deploy/k8s/ run the worker, beat and migrate from the same image (as arguments).
ENTRYPOINT ["python", "-m", "vwb_site.preflight", "--exec"]
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD python -c "import os, urllib.request; urllib.request.urlopen(f'http://127.0.0.1:{os.environ.get(\"PORT\", \"8000\")}/healthz', timeout=3)" || exit 1
CMD ["gunicorn", "-c", "gunicorn.conf.py", "vwb_site.wsgi"]
