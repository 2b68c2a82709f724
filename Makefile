# Two commands do all the set-up on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
HOST ?= 127.0.0.1
# The interpreter that creates .venv: Python 3.11 (see pyproject.toml).
PYTHON ?= $(shell command -v python3.11 || command -v python3)

.PHONY: install run test check lint fmt typecheck imports schema migrate demo worker beat screenshots

$(VENV)/.installed: requirements.lock pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PY) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11) and "Python 3.11 is required, $(VENV) has " + sys.version.split()[0] + ": remove $(VENV) and run again with PYTHON=/path/to/python3.11")'
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	touch $@

install: $(VENV)/.installed

## Run the backend with demo data on http://$(HOST):$(PORT)
run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo_data --host $(HOST) --port $(PORT)
	@# The periodic jobs (unpaid orders expire, quotes expire, reconciliation, retention...) run
	@# beside the server in local mode, as beat would (manage.py run_periodic --list shows them).
	$(PY) manage.py run_periodic --loop --if-local & trap 'kill $$! 2>/dev/null' EXIT; \
	  $(PY) manage.py runserver $(HOST):$(PORT)

## Run the whole test suite against PostgreSQL and Redis
test: install
	DJANGO_SETTINGS_MODULE=vwb_site.settings.test $(PY) -m vwb_site.preflight
	$(PY) -m pytest $(PYTEST_ARGS)

## The static checks CI runs before the tests (docs/checks.md): lint, format, layers, types
check: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(VENV)/bin/lint-imports --no-cache
	$(PY) -m mypy

lint: install
	$(PY) -m ruff check .

imports: install
	$(VENV)/bin/lint-imports --no-cache

typecheck: install
	$(PY) -m mypy

fmt: install
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

## Regenerate the committed OpenAPI document of the frontend contract, then its TypeScript kit
## (npm ci installs the pinned generator when frontend_contract/node_modules is missing)
schema: install
	DJANGO_SETTINGS_MODULE=vwb_site.settings.test $(PY) manage.py spectacular --validate --fail-on-warn --file frontend_contract/openapi.yaml
	DJANGO_SETTINGS_MODULE=vwb_site.settings.test $(PY) -m frontend_contract.generate

## Regenerate the admin screenshots in docs/screenshots (the order list, an order page, a quote
## page, the dashboard settings) from the Chromium tests that drive those screens
SCREENSHOT_TESTS := commerce/tests/orders/test_browser_order_page.py quotes/tests/test_browser_quote_page.py vwb_site/tests/test_browser_admin_menus.py
screenshots: install
	VWB_SCREENSHOTS=docs/screenshots $(PY) -m pytest -p no:cacheprovider -q $(SCREENSHOT_TESTS)

worker: install
	$(VENV)/bin/celery -A vwb_site worker --loglevel INFO

beat: install
	$(VENV)/bin/celery -A vwb_site beat --loglevel INFO
