"""Shared pytest fixtures: the real data folder, fixture files, the project's one dbt parse; the
browser requirement of CI and the scheduling of the tests that share dbt work under pytest-xdist."""

import json
import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED_DATA = Path(os.environ.get("INDEX_SHARED_DATA", ROOT.parent / "shared" / "data"))

# Modules whose tests share the expensive dbt work of one process (demo_build's warehouses and its
# one dbt parse; the dbt_docs_target fixture below): with pytest-xdist (`make pytest` runs `-n 3
# --dist loadgroup`) each group runs in one worker, so that work is done once per group, while the
# other workers take every other test. When `make test` hands pytest its demo warehouse
# (INDEX_TEST_DEMO_DB, pytest-demo-build's), "build_a" is a copy, not a build, so the modules form three groups that
# can run in parallel; otherwise one group, or both workers would build the demo. Without xdist
# (or another --dist) the groups do nothing.
SHARED_DBT_WORK = {
    "test_atomicity": "demo_build_a",
    "test_edition_geography": "demo_build_a",
    "test_demo_partial_lens": "demo_build_a",
    "test_reproducibility": "demo_build_b",
    "test_documentation": "dbt_docs",
    "test_docs_site": "dbt_docs",
    "test_indicator_models": "dbt_docs",
}

# Modules that run dbt on small warehouses of their own, demo or no demo: one group each, with or
# without INDEX_TEST_DEMO_DB. Each test of a module in no group is a unit of its own, so the tests
# of such a module were spread over both workers and each worker built its module-scoped warehouses
# (test_rank_runs: both seeds' builds, 65 s each on a quiet machine). In one worker they are built
# once, on that worker's one dbt parse (demo_build.run_dbt_on_one_parse).
OWN_DBT_WORK = {
    "test_rank_runs": "rank_runs",
    # one module-scoped dbt build of landed fixtures each (demo_build.run_dbt)
    "test_adult_social_care": "adult_social_care_dbt",
    "test_health_interface": "health_interface_dbt",
    "test_waste": "waste_dbt",
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
    """``dbt parse`` and ``dbt docs generate --empty-catalog --no-compile`` of the project
    (against a throwaway, empty DuckDB file; the checks read what the parse declares, not compiled
    SQL, and compiling every node took 10-20 s more), once per run, on the one dbt parse of this pytest process
    (demo_build.run_dbt: its target folder and warehouse path, so the parse of the process's other
    dbt runs is reused, or left for them, instead of a full parse of its own, ~30 s of CPU). The
    site's files (index.html, manifest.json, catalog.json) are copied from that shared target folder
    into a temporary folder, which later dbt runs do not overwrite: its manifest.json serves the
    documentation and indicator-model tests, its index.html the docs site."""
    import duckdb
    from demo_build import run_dbt, workdir

    folder = tmp_path_factory.mktemp("dbt_docs")
    db = folder / "docs.duckdb"
    duckdb.connect(str(db)).close()
    # docs generate --no-compile writes no manifest.json: dbt parse, on the same parse, writes it
    for command in (["parse"], ["docs", "generate", "--empty-catalog", "--no-compile"]):
        result = run_dbt(db, *command, write_json=True)
        assert result.returncode == 0, f"dbt {command[0]} failed:\n{result.stdout[-4000:]}\n{result.stderr[-2000:]}"
    target = folder / "target"
    target.mkdir()
    for name in ("index.html", "manifest.json", "catalog.json"):
        shutil.copy2(workdir() / "target" / name, target / name)
    return target


@pytest.fixture(scope="session")
def manifest(dbt_docs_target) -> dict:
    """The manifest.json of that dbt parse."""
    return json.loads((dbt_docs_target / "manifest.json").read_text(encoding="utf-8"))


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: builds the demo warehouse (tens of seconds); still in the default run")


def pytest_sessionstart(session):
    """A build `make test` runs beside pytest has already failed: stop (its tests would fail one by
    one). CI sets INDEX_REQUIRE_BROWSER=1: the browser checks (report and docs site in headless
    Chromium) must then run, so a machine without Chromium fails the run instead of skipping them."""
    from make_handover import failed_make_builds

    failed = failed_make_builds()
    if failed:
        raise pytest.UsageError(f"make's build failed ({', '.join(failed)}): see its output above")
    if os.environ.get("INDEX_REQUIRE_BROWSER") == "1":
        import browser

        if browser.chromium() is None:
            raise pytest.UsageError(
                "INDEX_REQUIRE_BROWSER=1 but no Chromium was found (chromium, chromium-browser or "
                "google-chrome on PATH): the browser tests cannot run"
            )


# Tests that read one walk of a report in Chromium (test_report.py's module fixtures built_walk: the report of
# each warehouse dbt-test built, a 6 MB page; layout_walk: the layout fixture's report): one worker per walk, so
# that each page is loaded once per width, not once per test. The built reports' walks form one group per
# warehouse (in CI the demo's and the real one's took 78 and 67 s one after the other in one worker).
SHARED_BROWSER_WALKS = {
    "test_report.py::test_report_of_built_warehouse_": "built_report",
    "test_report.py::test_layout_fits_a_desktop_and_a_phone": "layout_report",
    "test_report.py::test_council_page_explains_the_rank_in_chromium": "layout_report",
}

# Tests of no group are handed out in collection order once the groups (most tests first) are: these
# modules' Chromium and repeated-build tests, the slowest single tests, go first, so that the two
# workers do not end with one of them running a long test alone.
FIRST_MODULES = ("test_report", "test_uptodate")


# Tests that read what make's dbt-test jobs write (make_handover.py), which may still be running when pytest
# starts: while they run, a worker is handed any other work first (SharedDbtWorkScheduling), so that it does not
# wait while there is work to do. A test missing here still waits for them; it only may do so sooner.
AWAITS_MAKE_BUILDS = (
    "test_reproducibility.py::",
    "test_demo.py::test_demo_generation_is_deterministic",
    "test_report.py::test_report_of_built_warehouse_",
    "test_exports.py::test_export_of_built_warehouse",
)


def module_of(nodeid: str) -> str:
    """The test module's name of a pytest node id (tests/python/test_x.py::test_y -> test_x)."""
    return nodeid.split("::", 1)[0].rsplit("/", 1)[-1].removesuffix(".py")


def pytest_collection_modifyitems(config, items):
    """FIRST_MODULES' tests first (each module's tests stay together and in order)."""

    def rank(item) -> int:
        module = module_of(item.nodeid)
        return FIRST_MODULES.index(module) if module in FIRST_MODULES else len(FIRST_MODULES)

    items.sort(key=rank)


def shared_dbt_group(nodeid: str) -> str | None:
    """The group of a test of SHARED_DBT_WORK or OWN_DBT_WORK (by its module) or of SHARED_BROWSER_WALKS,
    None for any other test."""
    for prefix, group in SHARED_BROWSER_WALKS.items():
        if prefix in nodeid:
            # one group per warehouse ("[demo]", "[real]"): the walks of two warehouses can run in two workers
            return group + (nodeid[nodeid.index("[") :] if "[" in nodeid else "")
    module = module_of(nodeid)
    if module in OWN_DBT_WORK:
        return OWN_DBT_WORK[module]
    if module not in SHARED_DBT_WORK:
        return None
    return SHARED_DBT_WORK[module] if os.environ.get("INDEX_TEST_DEMO_DB") else "shared_dbt_work"


def pytest_xdist_make_scheduler(config, log):
    """`--dist loadgroup` with the groups above: each group one unit of work, in one worker; every
    other test a unit of its own, spread as `--dist load` does. (pytest-xdist's own loadgroup reads
    xdist_group marks, which it no longer sees under pytest 9: every test went to either worker.)"""
    if config.getvalue("dist") != "loadgroup":
        return None
    from make_handover import make_build_status
    from xdist.scheduler import LoadScopeScheduling

    class SharedDbtWorkScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return shared_dbt_group(nodeid) or nodeid

        def _assign_work_unit(self, node) -> None:
            """The next unit in order, except that while make's builds run, units that wait for them
            (AWAITS_MAKE_BUILDS) go after the others."""
            if None in make_build_status().values():
                ready = next(
                    (
                        scope
                        for scope, unit in self.workqueue.items()
                        if not any(prefix in nodeid for nodeid in unit for prefix in AWAITS_MAKE_BUILDS)
                    ),
                    None,
                )
                if ready is not None:
                    self.workqueue.move_to_end(ready, last=False)
            super()._assign_work_unit(node)

    return SharedDbtWorkScheduling(config, log)
