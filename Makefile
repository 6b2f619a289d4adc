# Two commands do everything:  `make lab` (set up, then open the course)  and  `make test` (set up, then test).
# Set-up is idempotent: a virtual environment in .venv, the course installed into it, re-done only when
# pyproject.toml changes. `make lab` installs what a learner needs (`.`); `make test` (and setup, bench, site)
# everything, with the test tools (`.[test]`: Playwright, JupyterHub, psycopg). bench/install.py measures both.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LAB_STAMP := $(VENV)/.installed-lab
# nbgrader runs `alembic` by name to create a gradebook: the venv's bin must come first on PATH.
export PATH := $(CURDIR)/$(BIN):$(PATH)

.PHONY: lab test setup bench site clean help

help:
	@echo "make lab    set up and open the course in JupyterLab"
	@echo "make test   set up and run the whole test suite"
	@echo "make bench  run the benchmarks in bench/"
	@echo "make site   build the offline course website into _site/"

setup: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed, found " + sys.version.split()[0]'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	@touch $(STAMP) $(LAB_STAMP)

# A learner's install: the course and what it runs on, no test tools. A full install (above) serves too.
$(LAB_STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed, found " + sys.version.split()[0]'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "Installing the course into $(VENV) (first time only; a few minutes)..."
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check -e .
	@touch $(LAB_STAMP)

lab: $(LAB_STAMP)
	@$(BIN)/course start

test: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python -m bench

site: $(STAMP)
	$(BIN)/course site --out _site

clean:
	rm -rf $(VENV) build _site .pytest_cache
