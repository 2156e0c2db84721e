# Two commands do all set-up on a fresh machine (Python 3.11+, Node.js, make):
#   make demo   environment from the lock file, assets, demo data, the site on :8000
#   make test   the same set-up, then lint, types and the whole suite
# In CI (CI=true) the suite runs on SQLite and on PostgreSQL, both at once.

SHELL := /bin/bash
PYTHON ?= python3
UV_VERSION := 0.13.9
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(CURDIR)/.venv
UV := .uv/bin/uv
BIN := .venv/bin
TEST_POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/postgres
PYTEST_ARGS ?=

.PHONY: demo test env assets lint types test-sqlite test-postgres bench-pack bench-import bench-load bench-scale bench-search clean

demo: env assets
	$(BIN)/headway demo

# With PostgreSQL (always in CI) the suite runs on both databases at once, one per core: the
# PostgreSQL run's output is kept in var/test-postgres.log and printed after SQLite's. Tests
# marked own_databases start Headway on databases of their own, the same whichever database the
# suite uses: the SQLite run has them.
test: env assets lint types
	@if [ "$${CI:-}" = "true" ] || pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then \
		mkdir -p var; \
		$(MAKE) --no-print-directory test-postgres PYTEST_ARGS='-m "not own_databases" $(PYTEST_ARGS)' \
			> var/test-postgres.log 2>&1 & postgres=$$!; \
		$(MAKE) --no-print-directory test-sqlite; sqlite=$$?; \
		wait $$postgres; postgres=$$?; \
		echo; echo "The suite on PostgreSQL (var/test-postgres.log):"; cat var/test-postgres.log; \
		[ $$sqlite -eq 0 ] && [ $$postgres -eq 0 ]; \
	else \
		$(MAKE) --no-print-directory test-sqlite && \
		echo "PostgreSQL is not running on 127.0.0.1:5432: the suite ran on SQLite only."; \
	fi

env: .venv/.synced

$(UV):
	$(PYTHON) -m venv .uv
	.uv/bin/pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"

.venv/.synced: $(UV) uv.lock pyproject.toml
	$(UV) sync --frozen
	@touch $@

assets: build/static/.built

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

build/static/.built: node_modules/.installed $(shell find assets -type f 2>/dev/null)
	npm run --silent build
	@touch $@

lint: env
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

types: env
	$(BIN)/mypy headway tests

# Each database's run has its own media folder and temporary files, so both can run at once.
test-sqlite: env assets
	mkdir -p var/test-tmp
	DATABASE_URL= MEDIA_ROOT=$(CURDIR)/var/test-media/sqlite \
		$(BIN)/pytest --basetemp=$(CURDIR)/var/test-tmp/sqlite $(PYTEST_ARGS)

test-postgres: env assets
	mkdir -p var/test-tmp
	DATABASE_URL=$(TEST_POSTGRES_URL) MEDIA_ROOT=$(CURDIR)/var/test-media/postgres \
		$(BIN)/pytest -p no:cacheprovider --basetemp=$(CURDIR)/var/test-tmp/postgres $(PYTEST_ARGS)

bench-pack: env assets
	$(BIN)/python -m headway.committee.bench

bench-import: env assets
	$(BIN)/python -m headway.dataio.bench

# A search's p50 and p95 over 10,000 initiatives' returns, on SQLite (FTS5) and PostgreSQL.
# Its own PostgreSQL database's name: make bench-search BENCH_ARGS="--database hw_mine_bench"
bench-search: env assets
	$(BIN)/python -m headway.search.bench --postgres $(TEST_POSTGRES_URL) $(BENCH_ARGS)

# 50 simulated people for 60 s against `headway serve` on a PostgreSQL database of its own.
bench-load: env assets
	$(BIN)/python -m headway.bench.load --users 50 --seconds 60 --postgres $(TEST_POSTGRES_URL)

clean:
	rm -rf .venv .uv node_modules build var/static

# Generates 40 organisations x 1,000 initiatives x 12 quarters into a database of its own on the
# PostgreSQL of DATABASE_URL (default 127.0.0.1:5432), then measures every page. Smaller:
# make bench-scale BENCH_ARGS="--organisations 1 --initiatives 100 --quarters 4"
bench-scale: env assets
	$(BIN)/python -m headway.scale $(BENCH_ARGS)
