# The two commands of README: `make run` (portal with demo data) and `make test` (whole suite).
# Both set up everything on a fresh machine: Debian libraries, virtualenv, packages, catalogues.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed

.PHONY: run test setup system-deps messages lint format bench clean

run: setup
	scripts/run.sh

test: setup
	$(PY) -m pytest $(PYTEST_ARGS)

setup: system-deps $(INSTALLED) messages

system-deps:
	scripts/system-deps.sh

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

# Compiled catalogues are build output, not committed.
messages: $(INSTALLED)
	$(PY) manage.py compilemessages --ignore "$(VENV)" -v0

lint: $(INSTALLED)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run -v0

format: $(INSTALLED)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf $(VENV) var
