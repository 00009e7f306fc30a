# Council productivity index: the two commands are `make run` and `make test`.
#   make run                          build from the embedded (synthetic, fictional) demo dataset
#   make run RAW_DIR=../shared/data   build the real index from downloaded public files
#   make test [RAW_DIR=...]           pytest, dbt build + tests (demo, and RAW_DIR if given), sqlfluff lint

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON_BOOT ?= python3
VENV        := .venv
PY          := $(VENV)/bin/python
DBT         := $(VENV)/bin/dbt
STAMP       := $(VENV)/.installed
BIN         := $(VENV)/bin

RAW_DIR     ?= $(INDEX_RAW_DIR)
DB          ?= $(or $(INDEX_DB_PATH),data/warehouse.duckdb)
DEMO_DIR    := data/demo_raw
TEST_DIR    := data/test

# Other engines: TARGET=postgres or TARGET=spark, each with its own virtual environment
# (requirements-postgres.txt, requirements-spark.txt) so the default install stays small.
TARGET      ?= $(or $(INDEX_TARGET),duckdb)
VENV_PG     := .venv-postgres
VENV_SPARK  := .venv-spark
ENGINE_VENV := $(if $(filter postgres,$(TARGET)),$(VENV_PG),$(if $(filter spark,$(TARGET)),$(VENV_SPARK)))
ENGINE_STAMP:= $(if $(ENGINE_VENV),$(ENGINE_VENV)/.installed)

export DBT_PROFILES_DIR := $(CURDIR)
export DBT_SEND_ANONYMOUS_USAGE_STATS := false
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help venv demo load build run test pytest dbt-test lint fetch clean

help: ## list the targets and the variables they take
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'
	@echo ""
	@echo "variables (make run RAW_DIR=../shared/data, ...):"
	@echo "  RAW_DIR        folder of raw public files (default: INDEX_RAW_DIR; none = the synthetic demo)"
	@echo "  DB             DuckDB warehouse file (default: INDEX_DB_PATH or data/warehouse.duckdb; now $(DB))"
	@echo "  TARGET         duckdb (default), postgres or spark (default: INDEX_TARGET)"
	@echo "  FULL_REFRESH=1 land every raw file again (by default unchanged files keep their landed table)"
	@echo "  FORCE=1        build even when the warehouse is already the build of these raw files, project and options"
	@echo "  ACCEPT_SHRINK=1 accept raw files with markedly fewer rows or authorities than at the last load, or gone since"
	@echo "  DOCS_PORT      port of make docs-serve (default 8080)"

# The editable install writes scripts/*.egg-info in the checkout, so two venvs made at once (make -j2
# venv-postgres venv-spark, as .ci/run does) take turns for it (flock, where the system has it).
# pip byte-compiles what it installs: do not pass --no-compile. Where PYTHONDONTWRITEBYTECODE is set
# (as on the CI machine), Python then never caches a compiled module, and every process importing dbt
# paid about 2 s more CPU to compile its imports (4.1 s against 2.2 s of CPU, measured).
PIP_INSTALL   = -m pip install --quiet --disable-pip-version-check
EDITABLE_LOCK = $(if $(shell command -v flock 2>/dev/null),flock data/.editable-install.lock)

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	@test -x $(PY) || { echo "creating virtual environment in $(VENV)"; $(PYTHON_BOOT) -m venv $(VENV); }
	$(PY) $(PIP_INSTALL) -r requirements-dev.txt
	$(EDITABLE_LOCK) $(PY) $(PIP_INSTALL) --no-deps -e .
	@touch $(STAMP)

venv: $(STAMP) ## create .venv, install the pinned dependencies and the council_index package (only when needed)

demo: $(STAMP) ## write the synthetic demo raw files into data/demo_raw
	$(BIN)/index-demo --out $(DEMO_DIR)

run: $(STAMP) $(ENGINE_STAMP) ## load the raw files (demo unless RAW_DIR is given) and dbt build into the warehouse DB (TARGET=postgres|spark: on that engine)
ifeq ($(TARGET),duckdb)
	@$(BIN)/index-build --db "$(DB)" $(if $(RAW_DIR),--raw-dir "$(RAW_DIR)",--demo $(DEMO_DIR)) $(if $(FULL_REFRESH),--full-refresh) $(if $(ACCEPT_SHRINK),--accept-shrink) $(if $(FORCE),--force)
else
	@$(ENGINE_VENV)/bin/index-build --target $(TARGET) $(if $(RAW_DIR),--raw-dir "$(RAW_DIR)",--demo $(DEMO_DIR))
endif

# pytest in PYTEST_WORKERS processes (pytest-xdist; 1 = one process). The tests that share the demo
# warehouses and the one dbt parse run in one worker per group (tests/python/conftest.py), the rest in the others.
# Three workers on two cores: the browser tests wait on Chromium and their pages' settling, and a third
# worker fills that time (make test on the demo, warm, measured one after the other: pytest 266.7 s with
# two workers, 238.7 s with three, about the same CPU, 692 and 667 s for the whole make test).
# --durations=10: every run names its ten slowest tests, to keep the loop fast.
PYTEST_WORKERS ?= 3
PYTEST      = $(PY) -m pytest -q --durations=10 $(if $(filter-out 0 1,$(PYTEST_WORKERS)),-n $(PYTEST_WORKERS) --dist loadgroup)

pytest: $(STAMP) ## python tests (loader, readers, demo generator, fetch, builds, atomicity, docs, report); builds the demo itself
	$(PYTEST) tests/python

dbt-test: dbt-test-demo dbt-test-real ## dbt build + data and unit tests on the demo data and, with RAW_DIR, data tests on the real files

# The two builds can run at the same time (make test runs them so): the real one keeps its dbt target and
# log folders apart ($(TEST_DIR)/target_real), so neither overwrites the other's manifest or partial parse.
.PHONY: dbt-test-demo dbt-test-real
dbt-test-demo: $(STAMP)
	@rm -f $(TEST_DIR)/demo.duckdb $(TEST_DIR)/demo.duckdb.wal  # from scratch: no table of an older build stays behind
	$(BIN)/index-build --unit-tests --db $(TEST_DIR)/demo.duckdb --demo $(DEMO_DIR) --exports $(TEST_DIR)/demo_exports --report $(TEST_DIR)/demo_report.html

dbt-test-real: $(STAMP)
	$(if $(RAW_DIR),DBT_TARGET_PATH=$(TEST_DIR)/target_real DBT_LOG_PATH=$(TEST_DIR)/logs_real $(BIN)/index-build --db $(TEST_DIR)/real.duckdb --raw-dir "$(RAW_DIR)" --exports $(TEST_DIR)/real_exports --report $(TEST_DIR)/real_report.html,@echo "no RAW_DIR: real files not built")

lint: $(STAMP) ## sqlfluff on models and singular tests (no warehouse; skips files unchanged since their last lint), ruff on scripts and tests
	$(PY) scripts/sqlfluff_libs/lint_cached.py --processes 2 $(LINT_FLAGS) models tests/dbt
	$(BIN)/ruff check scripts tests
	$(BIN)/ruff format --check scripts tests

# make test runs two demo builds at once, each about one core (dbt is GIL-bound): dbt-test's (every model,
# data test and unit test, its exports and report; with RAW_DIR the real build too, a third job) and, after
# lint, pytest-demo-build's (every seed and model, from demo files it writes itself). pytest starts as soon
# as its own build is made, while dbt-test still runs: its slow tests copy that warehouse and read its raw
# folder (tests/python/demo_build.py), and every dbt run of theirs starts from the dbt parse it kept
# ($(TEST_DIR)/dbt_parse.msgpack). The few tests that read dbt-test's builds (the reproducibility test, which
# compares the two demo builds; the exports and reports of INDEX_TEST_DBS, what outputs-test does) wait for
# it: each dbt-test job writes its outcome to $(TEST_DIR)/status/ (INDEX_TEST_AWAIT), "ok" or "failed", so a
# failed build fails them at once. pytest fills the core dbt-test leaves idle once the other build is made.
AWAIT       = $(TEST_DIR)/status
test: $(STAMP) ## the whole test suite: dbt-test (demo, and RAW_DIR if given) beside lint, a demo build of pytest's own and pytest
	@rm -rf $(AWAIT) && mkdir -p $(AWAIT)
	@$(MAKE) --no-print-directory -j$(if $(RAW_DIR),3,2) dbt-test-demo-status $(if $(RAW_DIR),dbt-test-real-status) lint-then-pytest
	@echo "all tests passed"

.PHONY: dbt-test-demo-status dbt-test-real-status lint-then-pytest pytest-demo-build
dbt-test-demo-status dbt-test-real-status: dbt-test-%-status:
	@if $(MAKE) --no-print-directory dbt-test-$*; then echo ok > $(AWAIT)/dbt-test-$*; \
	else echo failed > $(AWAIT)/dbt-test-$*; exit 1; fi

lint-then-pytest:
	@$(MAKE) --no-print-directory lint
	@$(MAKE) --no-print-directory pytest-demo-build
	INDEX_TEST_DEMO_RAW=$(TEST_DIR)/pytest_demo_raw INDEX_TEST_DEMO_DB=$(TEST_DIR)/pytest_demo.duckdb \
	INDEX_TEST_DEMO_RAW_B=$(DEMO_DIR) INDEX_TEST_DEMO_DB_B=$(TEST_DIR)/demo.duckdb \
	INDEX_TEST_DBT_PARSE=$(TEST_DIR)/dbt_parse.msgpack \
	INDEX_TEST_DBS=$(TEST_DIR)/demo.duckdb$(if $(RAW_DIR),:$(TEST_DIR)/real.duckdb) \
	INDEX_TEST_AWAIT=$(AWAIT)/dbt-test-demo$(if $(RAW_DIR),:$(AWAIT)/dbt-test-real) $(PYTEST) tests/python

pytest-demo-build: $(STAMP) ## the demo build pytest's slow tests copy, from demo files written afresh (every seed and model; make test makes it)
	@rm -f $(TEST_DIR)/pytest_demo.duckdb
	$(PY) tests/python/demo_build.py --raw $(TEST_DIR)/pytest_demo_raw --db $(TEST_DIR)/pytest_demo.duckdb --parse $(TEST_DIR)/dbt_parse.msgpack

fetch: $(STAMP) ## download every registry dataset with a URL into data/raw
	$(BIN)/index-fetch --out data/raw

clean: ## remove build outputs (keeps .venv and downloaded files)
	rm -rf target logs $(TEST_DIR) $(DEMO_DIR) data/*.duckdb data/*.duckdb.wal

.PHONY: bench
bench: $(STAMP) ## time each phase on demo, real (RAW_DIR or ../shared/data) and demo x10; then make test, lint and make run (BENCH_LOOP=none: not)
	$(BIN)/index-bench $(if $(RAW_DIR),--raw-dir "$(RAW_DIR)") $(if $(BENCH_SIZES),--sizes $(BENCH_SIZES)) $(if $(BENCH_VARS),--dbt-vars '$(BENCH_VARS)') $(if $(BENCH_LOOP),--loop $(BENCH_LOOP))

.PHONY: venv-postgres venv-spark compare-engines
$(VENV_PG)/.installed: requirements.txt requirements-postgres.txt pyproject.toml
	@test -x $(VENV_PG)/bin/python || { echo "creating virtual environment in $(VENV_PG)"; $(PYTHON_BOOT) -m venv $(VENV_PG); }
	$(VENV_PG)/bin/python $(PIP_INSTALL) -r requirements-postgres.txt
	$(EDITABLE_LOCK) $(VENV_PG)/bin/python $(PIP_INSTALL) --no-deps -e .
	@touch $@

$(VENV_SPARK)/.installed: requirements.txt requirements-spark.txt pyproject.toml
	@test -x $(VENV_SPARK)/bin/python || { echo "creating virtual environment in $(VENV_SPARK)"; $(PYTHON_BOOT) -m venv $(VENV_SPARK); }
	$(VENV_SPARK)/bin/python $(PIP_INSTALL) -r requirements-spark.txt
	$(EDITABLE_LOCK) $(VENV_SPARK)/bin/python $(PIP_INSTALL) --no-deps -e .
	@touch $@

venv-postgres: $(VENV_PG)/.installed ## create .venv-postgres (dbt-postgres) for TARGET=postgres

venv-spark: $(VENV_SPARK)/.installed ## create .venv-spark (dbt-spark, PySpark; needs Java 17) for TARGET=spark

# ENGINES picks the engines (the first is the reference), ENGINE_VARS passes dbt vars to every build
# (e.g. '{analysis_enabled: false}'), ENGINE_SELECTOR a dbt YAML selector every engine builds instead of
# every node (selectors.yml: engine_port_check, every model with the marts' tests), ENGINES_DIR the work
# folder; REFERENCE_DB takes DuckDB's marts from a warehouse already built from the demo folder (make
# test's $(TEST_DIR)/demo.duckdb) instead of building DuckDB again (it has the project's own vars: of
# ENGINE_VARS only '{analysis_enabled: false}' goes with it, compared as that build gives the marts).
# ENGINE_DEMO is the demo folder built (default make test's $(DEMO_DIR) when it is there; empty: the
# comparison writes its own into ENGINES_DIR). ENGINE_STEP=build builds and exports only, ENGINE_STEP=compare
# then compares those exports (with REFERENCE_DB, once that warehouse is built): .ci/run builds the engines
# while make test runs, from their own demo folder (make test writes $(DEMO_DIR) again meanwhile).
# .ci/run runs two comparisons at once.
ENGINES     ?= duckdb,postgres,spark
ENGINES_DIR ?= $(TEST_DIR)/engines
ENGINE_DEMO ?= $(if $(wildcard $(DEMO_DIR)/DEMO_DATA.md),$(DEMO_DIR))
ENGINE_STEP ?=
compare-engines: $(STAMP) $(VENV_PG)/.installed $(VENV_SPARK)/.installed ## build the demo on DuckDB, PostgreSQL and Spark (at the same time) and compare every mart row by row
	$(BIN)/index-compare-engines --workdir $(ENGINES_DIR) --engines $(ENGINES) $(if $(ENGINE_VARS),--vars '$(ENGINE_VARS)') $(if $(ENGINE_SELECTOR),--selector $(ENGINE_SELECTOR)) $(if $(ENGINE_DEMO),--raw-dir $(ENGINE_DEMO)) $(if $(REFERENCE_DB),--reference-db $(REFERENCE_DB)) $(if $(filter build,$(ENGINE_STEP)),--build-only)$(if $(filter compare,$(ENGINE_STEP)),--skip-build)

# What users see: the dbt docs site, the BI exports and the league-table report.
.PHONY: docs docs-serve export report
DOCS_PORT ?= 8080
DOCS_DB   = $(if $(wildcard $(DB)),$(DB),$(TEST_DIR)/docs_empty.duckdb)

docs: $(STAMP) ## regenerate the indicator and lens doc pages from the catalogue, then dbt docs generate into target/ (pages titled in plain English)
	$(BIN)/index-docs
	@mkdir -p $(TEST_DIR)
	INDEX_DB_PATH=$(DOCS_DB) $(DBT) docs generate --target-path target $(if $(wildcard $(DB)),,--empty-catalog)
	$(BIN)/index-docs --site target

# served as generated (dbt docs serve would copy its own index.html over the titled one)
docs-serve: docs ## serve the dbt docs site on 127.0.0.1 (port DOCS_PORT, default 8080)
	$(BIN)/python -m http.server --bind 127.0.0.1 --directory target $(DOCS_PORT)

export: $(STAMP) ## write every mart of the warehouse (DB) to exports/ as Parquet and CSV, with the data dictionary exports/README.md
	$(BIN)/index-export --db "$(DB)" --out exports

report: $(STAMP) ## write the league-table report of the warehouse (DB) to reports/index.html (self-contained HTML)
	$(BIN)/index-report --db "$(DB)" --out reports/index.html

.PHONY: outputs-test
BUILT_DBS = $(wildcard $(TEST_DIR)/demo.duckdb $(TEST_DIR)/real.duckdb)
NOTHING :=
SPACE := $(NOTHING) $(NOTHING)
outputs-test: $(STAMP) ## exports round trip and report in headless Chromium on the warehouses dbt-test built
	$(if $(BUILT_DBS),INDEX_TEST_DBS=$(subst $(SPACE),:,$(BUILT_DBS)) $(PY) -m pytest -q tests/python/test_exports.py tests/python/test_report.py -k built,@echo "no built warehouse in $(TEST_DIR): run make dbt-test first")
