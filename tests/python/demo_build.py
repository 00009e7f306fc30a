"""One demo raw folder and demo warehouses built from it, shared by the slow tests of one pytest run.

``demo_raw()`` writes the demo files once; ``demo_warehouse(name)`` lands them and runs every dbt
seed and model (no dbt tests: ``make test`` runs those in its dbt-test step) into its own DuckDB
file, once per name. Used by test_reproducibility.py (two builds compared) and test_atomicity.py
(a last good warehouse to break things against). dbt's target and log folders are in a temporary folder, not the repository's.
"""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import sys
import tempfile
from functools import cache
from pathlib import Path

from council_index.demo.generate import write_demo
from council_index.pipeline.loader import load_all

ROOT = Path(__file__).resolve().parents[2]

PYTHON = Path(sys.executable)
DBT = PYTHON.with_name("dbt")


@cache
def workdir() -> Path:
    """A temporary folder for this pytest run, removed when the run ends."""
    path = Path(tempfile.mkdtemp(prefix="index_slow_tests_"))
    atexit.register(shutil.rmtree, path, ignore_errors=True)
    return path


@cache
def demo_raw() -> Path:
    return write_demo(workdir() / "demo_raw")


def dbt_env(db: Path, name: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "INDEX_DB_PATH": str(db),
            "DBT_PROFILES_DIR": str(ROOT),
            "DBT_TARGET_PATH": str(workdir() / "target"),  # shared: the builds run one after another
            "DBT_LOG_PATH": str(workdir() / "logs"),
            "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
            "INDEX_EXPORT_DIR": str(workdir() / f"exports_{name}"),
        }
    )
    return env


@cache
def demo_warehouse(name: str) -> Path:
    """Land the demo files into ``<workdir>/<name>.duckdb`` and build every seed and model.

    Built under one fixed name and then renamed: dbt re-parses the whole project whenever the
    warehouse path in the profile changes, so every build of the run reuses the first one's parse.
    """
    db = workdir() / f"{name}.duckdb"
    building = workdir() / "building.duckdb"
    load_all(demo_raw(), building, progress=lambda message: None)
    result = subprocess.run(
        [str(DBT), "build", "--exclude-resource-type", "test", "--exclude-resource-type", "unit_test", "--quiet"],
        cwd=ROOT,
        env=dbt_env(building, name),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, f"dbt build of {name} failed:\n{result.stdout[-4000:]}\n{result.stderr[-2000:]}"
    os.replace(building, db)
    return db


def fresh_dir(name: str) -> Path:
    """An empty folder of this run with a fixed path (``<workdir>/<name>``), emptied on each call:
    tests that build warehouses there keep dbt's partial parse (see demo_warehouse)."""
    path = workdir() / name
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir()
    return path
