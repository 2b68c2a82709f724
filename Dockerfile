# syntax=docker/dockerfile:1
# Vintage Without Borders backend: one image for web (gunicorn), worker and beat (Celery).
# Build: docker build -t vwb-backend .   Run: see docker-compose.yml and README "Production".

# --- builder: the locked dependencies in a virtualenv ----------------------------------------
FROM python:3.11-slim AS builder
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 PYTHONDONTWRITEBYTECODE=1
RUN apt-get update \
 && apt-get install -y --no-install-recommends build-essential libpq-dev \
 && rm -rf /var/lib/apt/lists/*
RUN python -m venv /opt/venv
ENV PATH="/opt/venv/bin:$PATH"
COPY requirements.lock /tmp/requirements.lock
RUN pip install --upgrade pip && pip install -r /tmp/requirements.lock

# --- runtime: the app, a non-root user, collected static files -------------------------------
FROM python:3.11-slim AS runtime
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PATH="/opt/venv/bin:$PATH" \
    DJANGO_SETTINGS_MODULE=vwb_site.settings.production \
    STATIC_ROOT=/app/staticfiles \
    MEDIA_ROOT=/app/media \
    PROMETHEUS_MULTIPROC_DIR=/tmp/vwb-prometheus \
    PORT=8000
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpq5 \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 vwb \
 && useradd --system --uid 10001 --gid vwb --home-dir /app --shell /usr/sbin/nologin vwb
COPY --from=builder /opt/venv /opt/venv
WORKDIR /app
# Code stays owned by root (read-only for the app user); only media and metrics are writable.
COPY . /app
# collectstatic needs settings that load, not real secrets: throwaway values for this step only.
RUN DJANGO_SECRET_KEY=collectstatic-only DJANGO_ALLOWED_HOSTS=localhost \
    DATABASE_URL=sqlite:////tmp/collectstatic.sqlite3 REDIS_URL=redis://localhost:6379/0 \
    JWT_SIGNING_KEY=collectstatic-only FIELD_ENCRYPTION_KEYS=Y29sbGVjdHN0YXRpYy1vbmx5LWtleS0wMDAwMDAwMDA= \
    python manage.py collectstatic --noinput \
 && mkdir -p /app/media "$PROMETHEUS_MULTIPROC_DIR" \
 && chown -R vwb:vwb /app/media "$PROMETHEUS_MULTIPROC_DIR"
USER vwb
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD python -c "import os, urllib.request; urllib.request.urlopen(f'http://127.0.0.1:{os.environ.get(\"PORT\", \"8000\")}/healthz', timeout=3)" || exit 1
# Web by default; docker-compose.yml runs the worker and beat from the same image.
CMD ["gunicorn", "-c", "gunicorn.conf.py", "vwb_site.wsgi"]
