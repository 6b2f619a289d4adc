# Two commands do everything:  `make lab` (set up, then open the course)  and  `make test` (set up, then test).
# Set-up is idempotent: a virtual environment in .venv, the course installed into it, re-done only when
# pyproject.toml changes.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
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
	@touch $(STAMP)

lab: $(STAMP)
	$(BIN)/course start

test: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python -m bench

site: $(STAMP)
	$(BIN)/course site --out _site

# Screenshots of every site page and chart at 360 px into docs/img/site/ (rebuilds the site into _site).
site-screenshots: $(STAMP)
	$(BIN)/python tools/site_screenshots.py _site --build

clean:
	rm -rf $(VENV) build _site .pytest_cache
