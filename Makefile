# `make run` serves a demo on http://127.0.0.1:8000; `make test` runs every test.
VENV := .venv
BIN := $(VENV)/bin
PYTHON ?= python3
RUN_ENV := DEBUG=1
# Tests run in the development posture (no HTTPS redirect) with a throw-away key.
TEST_ENV := DEBUG=1 SECRET_KEY=test-only-key-not-secret-0123456789abcdefghijklmnop
HOST ?= 127.0.0.1:8000
# Python keeps its compiled modules, and pytest its rewritten tests, between runs,
# whatever the machine's environment says: each test worker otherwise compiles the
# whole project again.
unexport PYTHONDONTWRITEBYTECODE

.PHONY: setup run test test-fast test-slow test-browser test-api lint chromium openapi bench clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e ".[test]"
	touch $@

setup: $(BIN)/.installed

run: setup
	$(RUN_ENV) $(BIN)/mutua migrate --no-input -v 0
	$(RUN_ENV) $(BIN)/mutua load-reference
	$(RUN_ENV) $(BIN)/mutua seed-demo --scale 200
	$(RUN_ENV) $(BIN)/mutua refresh-suggestions
	$(RUN_ENV) $(BIN)/mutua demo-login
	@# The background worker runs beside the server, starts again whenever it
	@# stops, and stops with the server (Ctrl-C stops both).
	trap 'kill 0' INT TERM EXIT; \
	while true; do $(RUN_ENV) $(BIN)/mutua db_worker; echo "The worker stopped; starting it again." >&2; sleep 1; done & \
	$(RUN_ENV) $(BIN)/mutua runserver $(HOST)

chromium:
	@command -v chromium >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium)

lint: setup
	$(BIN)/ruff check mutua
	$(BIN)/ruff format --check mutua
	$(RUN_ENV) $(BIN)/mutua makemigrations --check --dry-run
	$(RUN_ENV) $(BIN)/mutua export-openapi --check docs/openapi.json

# On SQLite the fast suite builds its schema from the models instead of migrating
# in each worker (mutua/testing/schema.py; the slow suite checks the two agree).
# On PostgreSQL it migrates.
FAST_SCHEMA := $(if $(DATABASE_URL),,--no-migrations)

test-fast: setup
	$(TEST_ENV) $(BIN)/pytest -q -n auto $(FAST_SCHEMA) $(PYTEST_ARGS)

# Throw-away databases in other processes, migrations run backwards and forwards,
# 10,000-row exports, the crawl of every
# page, and the tests that compare response times, which need the machine to
# themselves. Then the import's lock tests, which run writers on threads of their
# own: on SQLite they need a database file, not the in-memory test database.
test-slow: setup
	$(TEST_ENV) $(BIN)/pytest -q -m slow $(PYTEST_ARGS)
	env -u DATABASE_URL $(TEST_ENV) MUTUA_TEST_DB=$(CURDIR)/data/test-locks.sqlite3 \
		$(BIN)/pytest -q mutua/importing/tests/test_import_locks.py

test-browser: setup chromium
	$(TEST_ENV) $(BIN)/pytest -q -m browser $(PYTEST_ARGS)

# Schemathesis against a live server: every check, bounded examples, fixed seed.
test-api: setup
	$(TEST_ENV) $(BIN)/pytest -q -m fuzz $(PYTEST_ARGS)

test: lint test-fast test-slow test-browser test-api

openapi: setup
	$(RUN_ENV) $(BIN)/mutua export-openapi docs/openapi.json

# Budgets of list, search, API and page weight at 100,000 requests and offers,
# on throw-away SQLite and PostgreSQL databases (see docs/benchmarks.md).
SCALE ?= 100000
# A labelled matching data set (JSON Lines, see docs/matching.md).
MATCHING_SET ?= ../shared/benchmarks/dev.jsonl
bench: setup
	@command -v wrk >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk)
	$(RUN_ENV) $(BIN)/mutua benchmark --database sqlite --scale $(SCALE)
	$(RUN_ENV) $(BIN)/mutua benchmark --database postgresql --scale $(SCALE)
	$(RUN_ENV) $(BIN)/mutua benchmark-matching --scale $(SCALE)
	$(RUN_ENV) $(BIN)/mutua evaluate-matching $(MATCHING_SET)
	$(RUN_ENV) $(BIN)/mutua benchmark-indicators --database postgresql
	$(RUN_ENV) $(BIN)/mutua benchmark-duplicates --database sqlite --open 5000
	$(RUN_ENV) $(BIN)/mutua benchmark-duplicates --database postgresql --open 5000
	$(RUN_ENV) $(BIN)/mutua benchmark-import --database sqlite --rows 5000
	$(RUN_ENV) $(BIN)/mutua benchmark-import --database postgresql --rows 5000

clean:
	rm -rf $(VENV) data
