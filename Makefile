# Two commands do everything:  `make lab` (set up, then open the course)  and  `make test` (set up, then test).
# Set-up is idempotent: a virtual environment in .venv, the course installed into it, re-done only when
# pyproject.toml changes.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# nbgrader runs `alembic` by name to create a gradebook: the venv's bin must come first on PATH.
export PATH := $(CURDIR)/$(BIN):$(PATH)

.PHONY: lab test check system setup bench site clean help

help:
	@echo "make lab    set up and open the course in JupyterLab"
	@echo "make test   set up and run the whole test suite"
	@echo "make check  the quick loop while editing: lint and the fast tests (under a minute)"
	@echo "make bench  run the benchmarks in bench/"
	@echo "make site   build the offline course website into _site/"

setup: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed, found " + sys.version.split()[0]'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	@touch $(STAMP)

lab: $(STAMP)
	$(BIN)/course start

# system parts some tests need (chromium, postgresql, the hub's proxy): installed when root, else reported
system:
	@sh tests/support/system-packages.sh

# the quick loop while editing (well under a minute): lint, then the tables, charts, self-checks, trusted
# checks and packaging; no kernels, browsers or servers. `make test` before committing.
check: $(STAMP)
	$(BIN)/ruff check --quiet .
	$(BIN)/python -m pytest -q -p no:cacheprovider tests/test_data.py tests/test_charts.py tests/test_selfcheck.py \
		tests/test_trusted_checks.py tests/test_environment.py tests/test_ci_gate.py tests/test_packaging.py

test: $(STAMP) system
	$(BIN)/ruff check --quiet .
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python -m bench

site: $(STAMP)
	$(BIN)/course site --out _site

clean:
	rm -rf $(VENV) build _site .pytest_cache
