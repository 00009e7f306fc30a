"""One demo raw folder and demo warehouses built from it, shared by the slow tests of one pytest run.

``demo_raw()`` writes the demo files once; ``demo_warehouse(name)`` lands them and runs every dbt
seed and model (no dbt tests: ``make test`` runs those in its dbt-test step) into its own DuckDB
file, once per name. Used by test_reproducibility.py (two builds compared), test_atomicity.py (a
last good warehouse to break things against) and test_documentation.py (the built columns).

``make test`` makes both builds beside pytest, at the same time (two processes of about one core
each on two cores). This module's command line (``python tests/python/demo_build.py --raw ...
--db ...``, make's pytest-demo-build) makes ``"build_a"``, the warehouse the slow tests copy, from
demo files it writes itself (``INDEX_TEST_DEMO_RAW``, ``INDEX_TEST_DEMO_DB``); pytest starts as soon
as it is made. Its dbt-test step (``index-build --unit-tests``: load, every seed, model, data test
and unit test) hands over ``"build_b"``, the second, independent build the reproducibility test
compares with it (``INDEX_TEST_DEMO_RAW_B``, ``INDEX_TEST_DEMO_DB_B``), and its exports and report
(``INDEX_TEST_DBS``), and may still be running: a test that reads them waits for it
(make_handover.py). Then ``demo_raw()`` is pytest-demo-build's folder and
``demo_warehouse(name)`` a copy of each warehouse (tests never write to the originals). Without
those variables (``make pytest``, a bare ``pytest``) both are built here, from one demo folder.

Every dbt run of these tests, builds here and ``index-build`` runs of the atomicity tests alike,
works on one warehouse path (``build_path()``) with one target folder: dbt re-parses the whole
project whenever the warehouse path in the profile changes, so only the first run of a pytest
process parses the project and the others reuse its partial parse. dbt's target and log folders are
in a temporary folder, not the repository's. ``run_dbt`` runs dbt on another warehouse file the same
way; ``run_dbt_on_one_parse`` runs dbt on several, with different ``--vars`` if need be (the rank
simulation's seeds in test_rank_runs.py), on that same parse.
"""

from __future__ import annotations

import atexit
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from functools import cache
from pathlib import Path

from make_handover import AWAITED, await_make_builds

from council_index.demo.generate import write_demo
from council_index.pipeline.loader import load_all

ROOT = Path(__file__).resolve().parents[2]

PYTHON = Path(sys.executable)
DBT = PYTHON.with_name("dbt")


@cache
def workdir() -> Path:
    """A temporary folder for this pytest process, removed when it ends (pytest-xdist: one per worker).

    Its dbt target folder starts with the saved parse ``make test`` names (INDEX_TEST_DBT_PARSE:
    the one its second demo build kept, made on the same warehouse file name), so no process here
    parses the whole project again unless a project file changed since."""
    path = Path(tempfile.mkdtemp(prefix="index_slow_tests_"))
    atexit.register(shutil.rmtree, path, ignore_errors=True)
    saved = os.environ.get("INDEX_TEST_DBT_PARSE")
    if saved and Path(saved).is_file():
        (path / "target").mkdir()
        shutil.copy2(saved, path / "target" / "partial_parse.msgpack")
    return path


def file_digests(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (relative POSIX path) and its SHA-256: folders compared byte for byte."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def given(variable: str) -> Path | None:
    """A path handed over by `make test`, checked to exist (once its build has ended, for AWAITED)."""
    value = os.environ.get(variable)
    if not value:
        return None
    if variable in AWAITED:
        await_make_builds()
    path = Path(value)
    assert path.exists(), f"{variable}={value}: no such file or folder (run make test, or make dbt-test first)"
    return path.resolve()


@cache
def demo_raw() -> Path:
    """The demo raw folder: pytest-demo-build's (INDEX_TEST_DEMO_RAW, only read) or one written for this run."""
    return given("INDEX_TEST_DEMO_RAW") or write_demo(workdir() / "demo_raw")


def build_path() -> Path:
    """The warehouse of the atomicity tests' ``index-build`` runs, which run dbt on
    ``<build_path>.building``: the one warehouse path every dbt run of these tests uses (see the
    module docstring). Runs of one process are sequential."""
    folder = workdir() / "build"
    folder.mkdir(exist_ok=True)
    return folder / "warehouse.duckdb"


def dbt_path() -> Path:
    """The file dbt builds in every run of this process: ``<build_path>.building``, as index-build names it."""
    return build_path().with_name(build_path().name + ".building")


def run_dbt(db: Path, *args: str, timeout: float = 900, write_json: bool = False) -> subprocess.CompletedProcess:
    """``dbt <args>`` on the warehouse file ``db``, moved to ``dbt_path()`` for the run and back
    after it, with this process's one target folder: the run reuses the parse of the runs before it
    (the staging tests of several sources build their fixtures this way). ``write_json``: see dbt_env."""
    work = dbt_path()
    move_in(db, work)
    try:
        return subprocess.run(
            [str(DBT), *args],
            cwd=work.parent,
            env=dbt_env(work, "dbt", write_json),
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    finally:
        move_back(db, work)


def move_in(db: Path, work: Path) -> None:
    """Move the warehouse file ``db`` to ``work`` for a dbt run, removing a stale file and WAL there."""
    for stale in (work, work.with_name(work.name + ".wal")):
        stale.unlink(missing_ok=True)
    shutil.move(db, work)


def move_back(db: Path, work: Path) -> None:
    """Move the warehouse file (and its WAL, if DuckDB left one) back from ``work`` to ``db``."""
    shutil.move(work, db)
    wal = work.with_name(work.name + ".wal")
    if wal.exists():
        shutil.move(wal, db.with_name(db.name + ".wal"))


# The child process of run_dbt_on_one_parse: argv[1] is the runs as JSON, [warehouse path, dbt args].
ONE_PARSE_RUNS = """
import json, os, sys
from dbt.cli.main import dbtRunner

parsed = dbtRunner().invoke(["parse", "--quiet"])
if not parsed.success:
    sys.exit(f"dbt parse failed: {parsed.exception}")
for path, args in json.loads(sys.argv[1]):
    os.environ["INDEX_DB_PATH"] = path
    result = dbtRunner(manifest=parsed.result).invoke(args)
    if not result.success:
        sys.exit(f"dbt {' '.join(args)} on {path} failed: {result.exception}")
"""


def run_dbt_on_one_parse(runs: list[tuple[Path, list[str]]], timeout: float = 900) -> subprocess.CompletedProcess:
    """``dbt <args>`` on each warehouse file of ``runs`` in turn, all on one parse of the project.

    One Python process runs ``dbt parse`` as ``run_dbt`` would (on ``dbt_path()`` with this
    process's target folder, so it reuses the partial parse of the runs before it), then each run
    on the manifest that parse returned (dbt's programmatic ``dbtRunner(manifest=...)``, which does
    not parse). Runs that differ in ``--vars`` therefore cost no parse: a dbt command that parses
    re-parses the whole project when --vars change ("Unable to do partial parsing because config
    vars, config profile, or config target have changed"), and leaves that parse for the next run
    of this process to redo; a run on a parsed manifest compiles its models with its own vars.
    Each file is moved, for the whole process, to a folder of its own under the name of
    ``dbt_path()`` (the manifest's database name is the file's), and back once the process has
    ended, so no file moves while DuckDB has it open. Stops at the first run that fails."""
    moved = []
    for index, (db, args) in enumerate(runs):
        folder = workdir() / "one_parse" / str(index)
        folder.mkdir(parents=True, exist_ok=True)
        work = folder / dbt_path().name
        move_in(db, work)
        moved.append((db, work, list(args)))
    try:
        return subprocess.run(
            [str(PYTHON), "-c", ONE_PARSE_RUNS, json.dumps([(str(work), args) for _, work, args in moved])],
            cwd=dbt_path().parent,
            env=dbt_env(dbt_path(), "dbt") | {"INDEX_TARGET": "duckdb"},
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    finally:
        for db, work, _ in moved:
            move_back(db, work)


def dbt_env(db: Path, name: str, write_json: bool = False) -> dict[str, str]:
    """The environment of a dbt run (or an ``index-build`` run) of these tests on ``db``. dbt writes
    no manifest.json or run_results.json unless ``write_json``: no test reads them but the docs
    fixture, and writing them took about 1.7 s of CPU per run (a 6 MB manifest; measured 6.0-6.2 s
    against 4.3-4.5 s for a one-model run). Its saved parse is written either way."""
    env = dict(os.environ)
    env.update(
        {
            "DBT_WRITE_JSON": "true" if write_json else "false",
            # the file name, dbt running in its folder (cwd=db.parent) as index-build runs it: the
            # profile, and with it dbt's saved parse, is then the same for every run here and for
            # the parse a make test hands over (INDEX_TEST_DBT_PARSE, see workdir)
            "INDEX_DB_PATH": db.name,
            "DBT_PROJECT_DIR": str(ROOT),
            "DBT_PROFILES_DIR": str(ROOT),
            "DBT_TARGET_PATH": str(workdir() / "target"),  # shared: the builds run one after another
            "DBT_LOG_PATH": str(workdir() / "logs"),
            "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
            "INDEX_EXPORT_DIR": str(workdir() / f"exports_{name}"),
        }
    )
    return env


# The builds `make test` hands over: name -> (variable of its warehouse, variable of its raw folder).
HANDED_OVER = {
    "build_a": ("INDEX_TEST_DEMO_DB", "INDEX_TEST_DEMO_RAW"),  # pytest-demo-build's (main below)
    "build_b": ("INDEX_TEST_DEMO_DB_B", "INDEX_TEST_DEMO_RAW_B"),  # dbt-test's
}


@cache
def demo_warehouse(name: str) -> Path:
    """``<workdir>/<name>.duckdb``: the demo files landed and every seed and model built.

    A copy of a warehouse `make test` built when it names one: ``build_a`` of the build this
    module's command line makes for pytest (INDEX_TEST_DEMO_DB, from its own demo files
    INDEX_TEST_DEMO_RAW), ``build_b`` of dbt-test's (INDEX_TEST_DEMO_DB_B, built from
    INDEX_TEST_DEMO_RAW_B; waited for). Any other name, or no such variable, is built here from
    ``demo_raw()``.
    """
    db = workdir() / f"{name}.duckdb"
    warehouse, raw = HANDED_OVER.get(name, (None, None))
    handed = given(warehouse) if warehouse else None
    if handed is not None:
        assert given(raw), f"{warehouse} needs {raw}, the raw folder it was built from"
        shutil.copy2(handed, db)
        return db
    build_demo(demo_raw(), db, name)
    return db


def build_raw(name: str) -> Path:
    """The raw folder ``demo_warehouse(name)`` was built from: the one handed over with it, else ``demo_raw()``."""
    warehouse, raw = HANDED_OVER.get(name, (None, None))
    return (given(raw) if warehouse and given(warehouse) else None) or demo_raw()


def build_demo(raw: Path, db: Path, name: str) -> None:
    """Land ``raw`` and run every seed and model (no dbt tests) on ``build_path()`` (landed into
    ``<build_path>.building``, as index-build does), then move the warehouse to ``db``."""
    building = dbt_path()
    building.unlink(missing_ok=True)
    load_all(raw, building, progress=lambda message: None)
    result = subprocess.run(
        [str(DBT), "build", "--exclude-resource-type", "test", "--exclude-resource-type", "unit_test", "--quiet"],
        cwd=building.parent,
        env=dbt_env(building, name),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, f"dbt build of {name} failed:\n{result.stdout[-4000:]}\n{result.stderr[-2000:]}"
    shutil.move(building, db)


def main(argv: list[str] | None = None) -> int:
    """`make test`'s demo build for pytest (pytest-demo-build), made beside dbt-test's: demo files
    written afresh into --raw (the generator is deterministic: the reproducibility test checks they
    are dbt-test's byte for byte), landed and built into --db (replaced only when the build succeeds)."""
    import argparse

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--raw", type=Path, required=True, help="folder for the demo files (emptied first)")
    parser.add_argument("--db", type=Path, required=True, help="the warehouse file to write")
    parser.add_argument("--parse", type=Path, help="dbt's saved parse: started from when it exists, written after")
    args = parser.parse_args(argv)
    if args.parse:  # workdir() seeds its target folder from it (this process has not called it yet)
        os.environ["INDEX_TEST_DBT_PARSE"] = str(args.parse)
    shutil.rmtree(args.raw, ignore_errors=True)
    write_demo(args.raw)
    args.db.parent.mkdir(parents=True, exist_ok=True)
    build_demo(args.raw, args.db, "build_a")
    if args.parse:
        shutil.copy2(workdir() / "target" / "partial_parse.msgpack", args.parse)
    print(f"pytest's demo build: {args.db} (from {args.raw})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
