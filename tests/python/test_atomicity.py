"""Faults: a killed loader or build, a BI tool holding the warehouse open, a failing dbt test.

Every test starts from a copy of a last good demo warehouse (tests/python/demo_build.py) and checks
that, whatever happens, that warehouse still opens read-only with exactly the same content (a digest
of raw.load_log and of every table of every schema, and the file's bytes), and that leftover
temporary copies (``.loading`` / ``.building``) are removed by the next run.
Slow (real loads and dbt runs on the demo data): marked ``slow``, still in the default run.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import duckdb
import pytest
from demo_build import ROOT, build_path, dbt_env, demo_raw, demo_warehouse

pytestmark = pytest.mark.slow
PYTHON = sys.executable


def content(db: Path) -> dict[str, tuple]:
    """Row count and row-order-independent hash of every table, opened read-only."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = con.execute("select schema_name, table_name from duckdb_tables() order by 1, 2").fetchall()
        return {
            f"{s}.{t}": con.execute(f'select count(*), sum(hash(x)::hugeint) from "{s}"."{t}" as x').fetchone()
            for s, t in tables
        }
    finally:
        con.close()


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def temp_copies(db: Path) -> list[str]:
    return sorted(p.name for p in db.parent.iterdir() if p.name.startswith(db.name + "."))


@pytest.fixture
def good() -> tuple[Path, dict, str]:
    """A copy of the last good warehouse, its content digest and its bytes' digest (always at the
    same path, demo_build.build_path(), in a folder emptied for each test, so the builds of these
    tests and of demo_build share dbt's parse)."""
    last_good = demo_warehouse("build_a")
    db = build_path()
    for leftover in db.parent.iterdir():
        shutil.rmtree(leftover) if leftover.is_dir() else leftover.unlink()
    shutil.copy2(last_good, db)
    before = content(db)
    assert before["raw.load_log"][0] > 50 and any(k.startswith("marts.") for k in before)
    return db, before, file_digest(db)


def start(args: list[str], db: Path) -> subprocess.Popen:
    """A pipeline command in its own process group (so SIGKILL reaches dbt, its child, too)."""
    return subprocess.Popen(
        [PYTHON, *args],
        cwd=ROOT,
        env=dbt_env(db, "atomicity"),
        start_new_session=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def kill_when(process: subprocess.Popen, ready, timeout: float = 120) -> list[str]:
    """Collect the output; SIGKILL the whole process group as soon as ``ready(lines)`` is true."""
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(process.stdout), daemon=True)
    reader.start()
    deadline = time.monotonic() + timeout
    while not ready(lines):
        assert process.poll() is None, "the command finished before it could be killed:\n" + "".join(lines[-20:])
        assert time.monotonic() < deadline, "timed out waiting for the moment to kill"
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    reader.join(timeout=10)
    assert process.returncode == -signal.SIGKILL
    return lines


def test_killed_loader_leaves_the_last_good_warehouse(good):
    db, before, raw_bytes = good
    loading = db.with_name(db.name + ".loading")
    process = start(["-m", "council_index.pipeline.loader", "--raw-dir", str(demo_raw()), "--db", str(db)], db)
    # Kill mid-way: the copy exists and a few files have landed into it.
    kill_when(process, lambda lines: loading.exists() and sum(" rows " in line for line in lines) >= 5)
    assert loading.exists(), "the kill did not happen mid-load"
    assert content(db) == before
    assert file_digest(db) == raw_bytes
    # The next run removes the leftover copy and publishes normally.
    result = subprocess.run(
        [PYTHON, "-m", "council_index.pipeline.loader", "--raw-dir", str(demo_raw()), "--db", str(db)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert temp_copies(db) == []
    after = content(db)
    assert after["raw.load_log"][0] == before["raw.load_log"][0]
    assert {k: v for k, v in after.items() if k.startswith("marts.")} == {
        k: v for k, v in before.items() if k.startswith("marts.")
    }


def test_killed_build_during_dbt_leaves_the_last_good_warehouse(good):
    db, before, raw_bytes = good
    building = db.with_name(db.name + ".building")
    process = start(["-m", "council_index.build", "--raw-dir", str(demo_raw()), "--db", str(db)], db)
    started: list[float] = []

    def dbt_running(lines):  # a couple of seconds into dbt build: models are being written
        if not started and any(line.startswith("$ dbt build") for line in lines):
            started.append(time.monotonic())
        return bool(started) and time.monotonic() - started[0] > 4

    lines = kill_when(process, dbt_running)
    assert building.exists(), "the kill did not happen mid-build:\n" + "".join(lines[-10:])
    assert content(db) == before
    assert file_digest(db) == raw_bytes
    # A later run starts by removing the leftover copy, whatever then happens (here: no raw folder).
    result = subprocess.run(
        [PYTHON, "-m", "council_index.build", "--raw-dir", str(db.parent / "no_such_dir"), "--db", str(db)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=dbt_env(db, "atomicity"),
    )
    assert result.returncode == 1
    assert "load failed, warehouse left unchanged" in result.stderr
    assert temp_copies(db) == []
    assert file_digest(db) == raw_bytes


HOLDER = textwrap.dedent("""
    import sys, duckdb
    con = duckdb.connect(sys.argv[1], read_only=sys.argv[2] == "read_only")
    print("ready", flush=True)
    for line in sys.stdin:
        print(con.execute("select max(loaded_at), count(*) from raw.load_log").fetchone(), flush=True)
""")


def holder(db: Path, mode: str) -> subprocess.Popen:
    """Another process (a BI tool) holding the warehouse open."""
    process = subprocess.Popen(
        [PYTHON, "-c", HOLDER, str(db), mode],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout.readline().strip() == "ready", process.stderr.read()
    return process


def ask(process: subprocess.Popen) -> str:
    process.stdin.write("?\n")
    process.stdin.flush()
    return process.stdout.readline().strip()


def test_bi_tool_reading_while_a_build_publishes(good):
    db, before, _ = good
    bi = holder(db, "read_only")
    try:
        seen_before = ask(bi)
        time.sleep(1.1)  # loaded_at has one-second resolution
        result = subprocess.run(
            [
                PYTHON,
                "-m",
                "council_index.build",
                "--raw-dir",
                str(demo_raw()),
                "--db",
                str(db),
                "--select",
                "stg_la_lookup__authorities",
                "--no-outputs",  # the warehouse is what the reader holds: no exports or report (15 s)
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            env=dbt_env(db, "atomicity"),
        )
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
        # The BI tool keeps a consistent view of the warehouse it opened ...
        assert ask(bi) == seen_before
    finally:
        bi.stdin.close()
        bi.wait(timeout=30)
    assert bi.returncode == 0, bi.stderr.read()
    # ... and a new connection sees the new build, in a file that opens cleanly.
    after = content(db)
    assert after["raw.load_log"] != before["raw.load_log"]
    assert {k for k in after} == {k for k in before}
    assert temp_copies(db) == []


def test_bi_tool_holding_a_write_lock_gets_a_clear_message(good):
    db, before, raw_bytes = good
    writer = holder(db, "read_write")
    try:
        result = subprocess.run(
            [PYTHON, "-m", "council_index.build", "--raw-dir", str(demo_raw()), "--db", str(db)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            env=dbt_env(db, "atomicity"),
        )
        assert result.returncode == 1
        assert "build not started, warehouse left unchanged" in result.stderr
        assert "the warehouse is open for writing in another process" in result.stderr
        assert str(db) in result.stderr
        loader = subprocess.run(
            [PYTHON, "-m", "council_index.pipeline.loader", "--raw-dir", str(demo_raw()), "--db", str(db)],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        assert loader.returncode == 1
        assert "the warehouse is open for writing in another process" in loader.stderr
    finally:
        writer.stdin.close()
        writer.wait(timeout=30)
    assert file_digest(db) == raw_bytes
    assert content(db) == before
    assert temp_copies(db) == []


def test_failing_error_test_stops_publication_of_warehouse_and_exports(good, tmp_path):
    db, before, raw_bytes = good
    raw = tmp_path / "raw"
    shutil.copytree(demo_raw(), raw)
    lookup = raw / "la_lookup" / "uk_local_authorities_current.csv"
    lines = lookup.read_text(encoding="utf-8").splitlines(keepends=True)
    lookup.write_text("".join(lines + [lines[1]]), encoding="utf-8")  # a repeated authority: unique test fails
    exports = tmp_path / "exports"
    exports.mkdir()
    (exports / "dim_authority.parquet").write_bytes(b"previous export")
    result = subprocess.run(
        [
            PYTHON,
            "-m",
            "council_index.build",
            "--raw-dir",
            str(raw),
            "--db",
            str(db),
            "--select",
            "stg_la_lookup__authorities",
            "--export-marts",
            str(exports),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=dbt_env(db, "atomicity"),
    )
    assert result.returncode != 0
    assert "unique_stg_la_lookup__authorities_local_authority_code" in result.stdout
    assert "the warehouse was not replaced" in result.stdout + result.stderr
    assert file_digest(db) == raw_bytes
    assert content(db) == before
    assert [(p.name, p.read_bytes()) for p in exports.iterdir()] == [("dim_authority.parquet", b"previous export")]
    assert temp_copies(db) == []
