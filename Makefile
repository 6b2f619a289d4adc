# Two commands do everything:  `make lab` (set up, then open the course)  and  `make test` (set up, then test).
# Set-up is idempotent: a virtual environment in .venv with exactly the versions in uv.lock (the learner's
# packages for `make lab`, those and the test tools for `make test`), re-done only when pyproject.toml or
# uv.lock changes. `make lock` refreshes uv.lock to the newest versions pyproject.toml allows.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-test
LAB_STAMP := $(VENV)/.installed-lab
# uv installs from the lock file; it is itself pinned so the lock format it reads stays the same
UV_VERSION := 0.13.9
UV := $(BIN)/uv
# nbgrader runs `alembic` by name to create a gradebook: the venv's bin must come first on PATH.
export PATH := $(CURDIR)/$(BIN):$(PATH)

.PHONY: lab test check system setup lock bench site clean help lessons-text

help:
	@echo "make lab    set up and open the course in JupyterLab"
	@echo "make test   set up and run the whole test suite"
	@echo "make check  the quick loop while editing: lint and the fast tests (under a minute)"
	@echo "make bench  run the benchmarks in bench/"
	@echo "make lock   refresh uv.lock to the newest versions pyproject.toml allows"
	@echo "make lessons-text  bring each lesson's text twin (notebooks/text/*.md) up to date, both ways"
	@echo "make site   build the offline course website into _site/"

setup: $(STAMP)

$(UV):
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed, found " + sys.version.split()[0]'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet "uv==$(UV_VERSION)"

# --locked: stop if uv.lock no longer matches pyproject.toml (run `make lock`); --inexact: keep uv itself
$(STAMP): pyproject.toml uv.lock | $(UV)
	$(UV) sync --quiet --locked --inexact --python $(BIN)/python --extra test
	@touch $(STAMP) $(LAB_STAMP)

# A learner's install: the course and what it runs on, no test tools (bench/install.py measures both)
$(LAB_STAMP): pyproject.toml uv.lock | $(UV)
	@echo "Installing the course into $(VENV) (first time only; a few minutes)..."
	$(UV) sync --quiet --locked --inexact --python $(BIN)/python
	@touch $(LAB_STAMP)

# each lesson's text twin, for diffs that read as text: jupytext pairs notebooks/X.ipynb with notebooks/text/X.md
# (the newer of the two wins); tests/test_lesson_text.py fails until this has been run after an edit. A new
# lesson is paired once with: jupytext --set-formats ipynb,text//md:myst notebooks/NEW.ipynb
lessons-text: $(STAMP)
	$(BIN)/jupytext --quiet --sync notebooks/*.ipynb

lock: | $(UV)
	$(UV) lock --upgrade

lab: $(LAB_STAMP)
	@$(BIN)/course start

# system parts some tests need (chromium, postgresql, the hub's proxy): installed when root, else reported
system:
	@sh tests/support/system-packages.sh

# the quick loop while editing (well under a minute): lint, then the tables, charts, self-checks, trusted
# checks, packaging and the layout; no kernels, browsers or servers. `make test` before committing.
check: $(STAMP)
	$(BIN)/ruff check --quiet .
	$(BIN)/python -m pytest -q -p no:cacheprovider tests/test_data.py tests/test_charts.py tests/test_selfcheck.py \
		tests/test_trusted_checks.py tests/test_environment.py tests/test_ci_gate.py tests/test_packaging.py tests/test_layout.py tests/test_record.py

# Every kernel, server and grader the suite starts imports pandas, plotly, nbgrader, JupyterLab...: with
# their bytecode compiled first (only what changed; a few seconds after the first time) none of those
# processes compiles them again, even where PYTHONDONTWRITEBYTECODE forbids caching: about a third less CPU.
# Where `system` can install every system part (root on Debian, as on a fresh CI machine), nothing may be
# skipped: COURSE_NO_SKIPS=1 turns a skip into a failure (tests/conftest.py). Elsewhere (a laptop without
# root) a test whose part is missing skips with its reason. Set COURSE_NO_SKIPS yourself to override.
NO_SKIPS := $(shell [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && echo 1)
test: $(STAMP) system
	$(BIN)/ruff check --quiet .
	$(BIN)/python -m compileall -q -j 0 $(VENV)/lib course tests > /dev/null
	COURSE_NO_SKIPS=$${COURSE_NO_SKIPS:-$(NO_SKIPS)} $(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python -m bench

site: $(LAB_STAMP)
	$(BIN)/course site --out _site

# Screenshots of every site page and chart at 360 px into docs/img/site/ (rebuilds the site into _site).
site-screenshots: $(STAMP)
	$(BIN)/python tools/site_screenshots.py _site --build

clean:
	rm -rf $(VENV) build _site _site.zip .pytest_cache
