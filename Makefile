# The two commands of README: `make run` (portal with demo data) and `make test` (whole suite).
# Both set up everything on a fresh machine: Debian libraries, virtualenv, packages, catalogues.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
NODE_INSTALLED := node_modules/.installed
# The benchmark's own database: never the one in DATABASE_URL, which it would fill 100-fold.
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/lotsen_bench
# The newsletter benchmark's broker: a Redis database no other worker listens on.
BENCH_REDIS_URL ?= redis://127.0.0.1:6379/15

.PHONY: run test setup system-deps messages lint format bench clean

run: setup
	scripts/run.sh

test: setup
	$(PY) -m pytest $(PYTEST_ARGS)

setup: system-deps $(INSTALLED) $(NODE_INSTALLED) messages

system-deps:
	scripts/system-deps.sh

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

# axe-core for the accessibility checks of the browser tests (tests/browser/); never served.
$(NODE_INSTALLED): package-lock.json
	npm ci --include=dev --no-audit --no-fund --loglevel=error
	touch $@

# Compiled catalogues are build output, not committed.
messages: $(INSTALLED)
	$(PY) manage.py compilemessages --ignore "$(VENV)" -v0

lint: $(INSTALLED)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run -v0
	$(VENV)/bin/lint-imports --no-cache
	$(VENV)/bin/mypy

# Latency and queries per page through gunicorn on seed_demo --scale 100 (README: Benchmark).
bench: setup
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) manage.py bench $(BENCH_ARGS)
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) manage.py bench_report
	DATABASE_URL=$(BENCH_DATABASE_URL) REDIS_URL=$(BENCH_REDIS_URL) $(PY) manage.py bench_newsletter $(BENCH_NEWSLETTER_ARGS)
	$(PY) manage.py bench_summary

format: $(INSTALLED)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf $(VENV) var node_modules
