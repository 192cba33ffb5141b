# pilkada-warehouse — two commands on a fresh machine: `make run`, then `make test`.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
export PREFECT_HOME := $(CURDIR)/.prefect
export PREFECT_SERVER_ANALYTICS_ENABLED := false
export PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS := 120
export GX_ANALYTICS_ENABLED := False
export DO_NOT_TRACK := 1

.PHONY: run test test-fast lint report bench bench-small serve stop clean

$(BIN)/.installed: requirements.lock.txt pyproject.toml vendor/datadocs/package-lock.json
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip==25.3"
	$(BIN)/python -m pip install --quiet -r requirements.lock.txt
	# Data Docs' scripts and styles from the npm registry, so reports open offline
	if command -v npm >/dev/null 2>&1; then \
	  npm ci --prefix vendor/datadocs --no-audit --no-fund --loglevel=error \
	    || echo "warning: npm ci failed: Data Docs will load their scripts from CDNs"; \
	else echo "npm not found: Data Docs will load their scripts from CDNs"; fi
	touch $@

# The package itself, its extraction modules compiled by mypyc (setup.py; plain Python when they
# cannot be): again whenever one of them changes, so the compiled code is the code in the tree.
$(BIN)/.compiled: $(BIN)/.installed setup.py pyproject.toml $(wildcard pilkada/extract/*.py)
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

## Build the warehouse from the bundled sample and show what it loaded.
run: $(BIN)/.compiled
	$(BIN)/pilkada run --articles data/raw/articles --warehouse data/warehouse/pilkada.duckdb
	$(BIN)/pilkada sql "SELECT meeting_date, mode, n_articles, title FROM meetings ORDER BY meeting_date"

## The whole test suite (slow tests included, as CI runs it), on two pytest-xdist workers.
test: $(BIN)/.compiled
	$(BIN)/python -m pytest -q -n 2 --dist worksteal

## Tests without the slow ones (real Prefect server, Dask cluster, scale runs).
test-fast: $(BIN)/.compiled
	$(BIN)/python -m pytest -q -n 2 --dist worksteal -m "not slow"

lint: $(BIN)/.compiled
	$(BIN)/ruff check .

report: $(BIN)/.compiled
	$(BIN)/pilkada report --warehouse data/warehouse/pilkada.duckdb

bench: $(BIN)/.compiled
	$(BIN)/python benchmarks/bench.py --sizes 10000 100000 300000 --repeat 3

bench-small: $(BIN)/.compiled
	$(BIN)/python benchmarks/bench.py --sizes 5000

serve: $(BIN)/.compiled
	bash scripts/serve.sh start

stop:
	bash scripts/serve.sh stop

clean:
	rm -rf data/warehouse/*.duckdb* data/quarantine data/reports data/gx .prefect
