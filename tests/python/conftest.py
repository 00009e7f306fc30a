"""Shared pytest fixtures: the real data folder, fixture files, the project's one dbt parse; the
browser requirement of CI and the grouping of the tests that share dbt work under pytest-xdist."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED_DATA = Path(os.environ.get("INDEX_SHARED_DATA", ROOT.parent / "shared" / "data"))

# Modules whose tests share the expensive dbt work of one process (demo_build's warehouses and
# its one dbt parse; the dbt_docs_target fixture below): with pytest-xdist (`make pytest` runs
# `-n 2 --dist loadgroup`) they run in one worker, so that work is done once, while the other
# worker takes every other test. Without xdist the marks do nothing.
SHARED_DBT_WORK = {
    "test_atomicity",
    "test_reproducibility",
    "test_documentation",
    "test_docs_site",
    "test_indicator_models",
}


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.skip(f"real data folder {SHARED_DATA} not present")
    return SHARED_DATA


@pytest.fixture(scope="session")
def dbt_docs_target(tmp_path_factory) -> Path:
    """``dbt docs generate --empty-catalog`` of the project (a full, fresh parse, then every node
    compiled against a throwaway DuckDB file) into a temporary target folder, once per run: its
    manifest.json serves the documentation and indicator-model tests, its index.html the docs site."""
    folder = tmp_path_factory.mktemp("dbt_docs")
    env = dict(
        os.environ,
        INDEX_DB_PATH=str(folder / "docs.duckdb"),
        DBT_PROFILES_DIR=str(ROOT),
        DBT_SEND_ANONYMOUS_USAGE_STATS="false",
    )
    for name in ("DBT_TARGET_PATH", "DBT_LOG_PATH", "INDEX_TARGET"):
        env.pop(name, None)
    dbt = Path(sys.executable).with_name("dbt")
    result = subprocess.run(
        [
            str(dbt) if dbt.exists() else "dbt",
            "docs",
            "generate",
            "--empty-catalog",
            "--no-partial-parse",
            "--target-path",
            str(folder / "target"),
            "--log-path",
            str(folder / "logs"),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, f"dbt docs generate failed:\n{result.stdout[-4000:]}\n{result.stderr[-2000:]}"
    return folder / "target"


@pytest.fixture(scope="session")
def manifest(dbt_docs_target) -> dict:
    """The manifest.json of that fresh parse."""
    return json.loads((dbt_docs_target / "manifest.json").read_text(encoding="utf-8"))


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: builds the demo warehouse (tens of seconds); still in the default run")


def pytest_sessionstart(session):
    """CI sets INDEX_REQUIRE_BROWSER=1: the browser checks (report and docs site in headless
    Chromium) must then run, so a machine without Chromium fails the run instead of skipping them."""
    if os.environ.get("INDEX_REQUIRE_BROWSER") == "1":
        import browser

        if browser.chromium() is None:
            raise pytest.UsageError(
                "INDEX_REQUIRE_BROWSER=1 but no Chromium was found (chromium, chromium-browser or "
                "google-chrome on PATH): the browser tests cannot run"
            )


def pytest_collection_modifyitems(config, items):
    for item in items:
        module = getattr(item, "module", None)
        if module is not None and module.__name__ in SHARED_DBT_WORK:
            item.add_marker(pytest.mark.xdist_group("shared_dbt_work"))
