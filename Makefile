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

RAW_DIR     ?= $(INDEX_RAW_DIR)
DB          ?= $(or $(INDEX_DB_PATH),data/warehouse.duckdb)
DEMO_DIR    := data/demo_raw
TEST_DIR    := data/test

export DBT_PROFILES_DIR := $(CURDIR)
export DBT_SEND_ANONYMOUS_USAGE_STATS := false
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help venv demo load build run test pytest dbt-test lint fetch clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): requirements.txt
	@test -x $(PY) || { echo "creating virtual environment in $(VENV)"; $(PYTHON_BOOT) -m venv $(VENV); }
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $(STAMP)

venv: $(STAMP) ## create .venv and install the pinned dependencies (only when needed)

demo: $(STAMP) ## write the synthetic demo raw files into data/demo_raw
	$(PY) scripts/make_demo.py --out $(DEMO_DIR)

run: $(STAMP) ## load the raw files (demo unless RAW_DIR is given) and dbt build into $(DB)
	@$(PY) scripts/build.py --db "$(DB)" $(if $(RAW_DIR),--raw-dir "$(RAW_DIR)",--demo $(DEMO_DIR))

pytest: $(STAMP) ## python tests (loader, readers, demo generator, fetch)
	$(PY) -m pytest -q tests/python

dbt-test: $(STAMP) ## dbt build + tests on the demo data and, with RAW_DIR, on the real files
	$(PY) scripts/build.py --db $(TEST_DIR)/demo.duckdb --demo $(DEMO_DIR)
	$(if $(RAW_DIR),$(PY) scripts/build.py --db $(TEST_DIR)/real.duckdb --raw-dir "$(RAW_DIR)",@echo "no RAW_DIR: real files not built")

lint: $(STAMP) ## sqlfluff lint of every model, macro-free SQL and test
	INDEX_DB_PATH=$(TEST_DIR)/demo.duckdb $(VENV)/bin/sqlfluff lint models tests/dbt --processes 2

test: pytest dbt-test lint ## the whole test suite
	@echo "all tests passed"

fetch: $(STAMP) ## download every registry dataset with a URL into data/raw
	$(PY) scripts/fetch.py --out data/raw

clean: ## remove build outputs (keeps .venv and downloaded files)
	rm -rf target logs $(TEST_DIR) $(DEMO_DIR) data/*.duckdb data/*.duckdb.wal
