"""How pytest reads what `make test` builds beside it: make's dbt-test jobs may still be running when
pytest starts (Makefile, target test), and each writes "ok" or "failed" to its status file when it
ends (INDEX_TEST_AWAIT, os.pathsep separated). A test that reads what they write waits here: it
returns once every job ended well, and fails at once when one failed. Kept apart from demo_build.py,
whose imports (the loader, the demo generator) the xdist controller, which reads the status to hand
out work, does not need."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

# The variables of single paths that make's dbt-test jobs write, which demo_build.given() waits for
# (INDEX_TEST_DBS, a list of warehouses, is read through built_warehouses() and built()).
AWAITED = ("INDEX_TEST_DEMO_DB_B", "INDEX_TEST_DEMO_RAW_B")


def make_build_status() -> dict[str, str | None]:
    """The status files of the builds `make test` runs beside pytest (INDEX_TEST_AWAIT, os.pathsep
    separated; each written when its build ends, "ok" or "failed") and what each says (None: not yet)."""
    files = [Path(p) for p in os.environ.get("INDEX_TEST_AWAIT", "").split(os.pathsep) if p]
    return {str(f): (f.read_text(encoding="utf-8").strip() or None) if f.is_file() else None for f in files}


def failed_make_builds(status: dict[str, str | None] | None = None) -> list[str]:
    """The status files of ``status`` (default: make_build_status()) that say anything but "ok"."""
    status = make_build_status() if status is None else status
    return [name for name, outcome in status.items() if outcome not in (None, "ok")]


def await_make_builds(timeout: float = 3600, poll: float = 1.0) -> None:
    """Return once every build of INDEX_TEST_AWAIT has ended well (at once without that variable);
    fail the calling test when one failed or none ended within ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        status = make_build_status()
        failed = failed_make_builds(status)
        if failed:
            pytest.fail(f"make's build failed ({', '.join(failed)}): see its output above", pytrace=False)
        if all(outcome == "ok" for outcome in status.values()):
            return
        if time.monotonic() > deadline:
            pending = [name for name, outcome in status.items() if outcome is None]
            pytest.fail(f"make's builds did not end within {timeout:.0f} s: {', '.join(pending)}", pytrace=False)
        time.sleep(poll)


def built_warehouses() -> list[Path]:
    """The warehouses of full builds named in INDEX_TEST_DBS (make test: dbt-test's), not checked:
    test modules parametrize over them at collection, while their builds may still be running.
    A test reads one through ``built(path)``."""
    return [Path(p) for p in os.environ.get("INDEX_TEST_DBS", "").split(os.pathsep) if p]


def built(path: Path) -> Path:
    """``path``, one of ``built_warehouses()``, once its build has ended, checked to exist."""
    await_make_builds()
    assert path.is_file(), f"INDEX_TEST_DBS names {path}, which its build did not write"
    return path
