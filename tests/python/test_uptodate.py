"""A build whose inputs are those of the warehouse's last build is not run again
(council_index/uptodate.py, index-build): the fingerprint, its stat cache, and the build's decision.

The decision tests run ``index-build`` in-process on a copy of the demo raw folder with dbt replaced
by a recorder: the load is real, dbt is not needed to tell whether it would be called.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from demo_build import demo_raw

from council_index import build, uptodate


def test_raw_digest_reuses_the_recorded_sha_only_for_an_unchanged_stat(tmp_path, monkeypatch):
    raw = tmp_path / "raw"
    (raw / "a").mkdir(parents=True)
    (raw / "a" / "one.csv").write_text("x,y\n1,2\n")
    (raw / "two.csv").write_text("z\n3\n")
    (raw / ".hidden").write_text("not an input")
    first, cache = uptodate.raw_digest(raw, {})
    assert sorted(cache) == ["a/one.csv", "two.csv"]
    hashed = []
    real = uptodate._sha256
    monkeypatch.setattr(uptodate, "_sha256", lambda path: hashed.append(path.name) or real(path))
    again, _ = uptodate.raw_digest(raw, cache)
    assert again == first and hashed == []  # nothing re-read
    (raw / "two.csv").write_text("z\n4\n")  # same size, new content and time
    changed, _ = uptodate.raw_digest(raw, cache)
    assert hashed == ["two.csv"] and changed != first
    (raw / "two.csv").rename(raw / "three.csv")  # a renamed file is another input
    assert uptodate.raw_digest(raw, {})[0] != changed


def test_unchanged_since_names_what_changed(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "f.csv").write_text("a\n1\n")
    db = tmp_path / "w.duckdb"
    db.write_bytes(b"warehouse")
    inputs = uptodate.fingerprint(raw, {"demo": False}, None)
    assert uptodate.unchanged_since(None, db, raw, inputs) == "no record of the last build"
    uptodate.write_state(db, raw, inputs, "then", {"PASS": 3}, ["edition 2018: ..."])
    state = uptodate.read_state(db)
    assert uptodate.unchanged_since(state, db, raw, inputs) is None
    assert uptodate.unchanged_since(state, db, tmp_path, inputs) == "another raw folder"
    other = uptodate.fingerprint(raw, {"demo": False, "select": "x"}, state)
    assert uptodate.unchanged_since(state, db, raw, other) == "changed build options"
    (raw / "f.csv").write_text("a\n2\n")
    assert uptodate.unchanged_since(state, db, raw, uptodate.fingerprint(raw, {"demo": False}, state)) == (
        "changed raw files"
    )
    os.utime(db, ns=(1, 1))
    assert uptodate.unchanged_since(state, db, raw, inputs) == "the warehouse was written since its last build"
    db.unlink()
    assert uptodate.unchanged_since(state, db, raw, inputs) == "no warehouse"


def test_a_project_file_changes_the_fingerprint(tmp_path, monkeypatch):
    root = tmp_path / "project"
    (root / "models").mkdir(parents=True)
    (root / "models" / "m.sql").write_text("select 1 as a")
    before = uptodate.project_digest(root)
    (root / "models" / "m.sql").write_text("select 2 as a")
    assert uptodate.project_digest(root) != before
    monkeypatch.setenv("INDEX_SOMETHING", "1")
    with_env = uptodate.environment()
    monkeypatch.setenv("INDEX_SOMETHING", "2")
    assert uptodate.environment() != with_env
    monkeypatch.setenv("INDEX_DUCKDB_THREADS", "7")  # changes no result
    assert "INDEX_DUCKDB_THREADS" not in uptodate.environment()


@pytest.fixture(autouse=True)
def own_dbt_target(tmp_path, monkeypatch):
    """The in-process builds here replace dbt, so what they record of dbt's last run comes from a
    target folder of their own, not the project's, which make's dbt-test may be writing meanwhile."""
    monkeypatch.setenv("DBT_TARGET_PATH", str(tmp_path / "dbt_target"))


@pytest.fixture
def recorded_build(tmp_path, monkeypatch):
    """index-build in-process on a copy of part of the demo raw folder, dbt replaced by a recorder."""
    raw = tmp_path / "raw"
    source = demo_raw()
    for part in ("la_lookup", "population", "waste"):  # the required datasets and one more: a quick load
        shutil.copytree(source / part, raw / part)
    shutil.copy2(source / "DEMO_DATA.md", raw / "DEMO_DATA.md")
    calls: list[list[str]] = []
    monkeypatch.setattr(build, "run_dbt", lambda args, *rest, **kw: calls.append(args))
    db = tmp_path / "warehouse.duckdb"

    def run(*extra: str) -> int:
        return build.main(["--db", str(db), "--raw-dir", str(raw), "--no-outputs", *extra])

    return run, calls, raw, db


def test_a_second_build_of_the_same_inputs_is_not_run(recorded_build, capsys):
    run, calls, raw, db = recorded_build
    assert run() == 0 and len(calls) == 1
    assert "building: no record of the last build" in capsys.readouterr().out
    stat = db.stat()
    assert run() == 0 and len(calls) == 1  # neither loaded nor built again
    out = capsys.readouterr().out
    assert "up to date: the warehouse is the build of" in out and "FORCE=1" in out
    assert (db.stat().st_size, db.stat().st_mtime_ns) == (stat.st_size, stat.st_mtime_ns)
    assert run("--force") == 0 and len(calls) == 2
    assert "building: --force" in capsys.readouterr().out
    assert run("--full-refresh") == 0 and len(calls) == 3
    victim = next(p for p in sorted(raw.rglob("*.csv")))
    victim.write_bytes(victim.read_bytes() + b"\n")  # one raw file changes: built again
    assert run() == 0 and len(calls) == 4
    assert "building: changed raw files" in capsys.readouterr().out
    assert run("--select", "dim_lens") == 0 and len(calls) == 5  # other options: built again
    assert run("--select", "dim_lens") == 0 and len(calls) == 5


def test_a_failed_build_leaves_no_record_that_claims_it(recorded_build, monkeypatch):
    run, calls, raw, db = recorded_build
    assert run() == 0
    assert uptodate.read_state(db) is not None

    def failing(args, *rest, **kw):
        raise build.BuildError("dbt build failed (exit 1); the warehouse was not replaced")

    monkeypatch.setattr(build, "run_dbt", failing)
    assert run("--force") == 1
    # the old warehouse and its record stay: the next run without --force has nothing to do
    monkeypatch.setattr(build, "run_dbt", lambda args, *rest, **kw: calls.append(args))
    assert run() == 0 and len(calls) == 1


def test_outputs_missing_or_changed_are_written_again(recorded_build, tmp_path, monkeypatch, capsys):
    run, calls, raw, db = recorded_build
    written = []

    def fake_outputs(db_path, args, demo, only=None):
        paths = build.output_paths(db_path, args)
        for name in sorted(only or paths):
            Path(paths[name]).parent.mkdir(parents=True, exist_ok=True)
            target = Path(paths[name]) / "README.md" if name == "exports" else Path(paths[name])
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(f"{name} {len(written)}")
            written.append(name)
        return {name: paths[name] for name in (only or paths)}

    monkeypatch.setattr(build, "publish_outputs", fake_outputs)
    args = [
        "--db",
        str(db),
        "--raw-dir",
        str(raw),
        "--exports",
        str(tmp_path / "ex"),
        "--report",
        str(tmp_path / "r.html"),
    ]
    assert build.main(args) == 0 and written == ["exports", "report"]
    assert build.main(args) == 0 and written == ["exports", "report"] and len(calls) == 1
    (tmp_path / "r.html").unlink()
    assert build.main(args) == 0 and written == ["exports", "report", "report"] and len(calls) == 1
    assert "(unchanged)" in capsys.readouterr().out


def test_the_dbt_result_is_counted_as_dbt_summarises_it(tmp_path):
    results = [{"status": "success"}, {"status": "pass"}, {"status": "warn"}, {"status": "no-op"}]
    (tmp_path / "run_results.json").write_text(json.dumps({"results": results}))
    assert uptodate.dbt_results(tmp_path) == {"PASS": 2, "WARN": 1, "NO-OP": 1}
    assert uptodate.dbt_results(tmp_path / "absent") == {}


def test_a_demo_build_accepts_files_its_generator_no_longer_writes(tmp_path, monkeypatch, capsys):
    """The demo folder is the generator's: after a generator change drops a file, the next demo build
    lands what is written now (recorded in the load log), where a real folder would stop."""
    import duckdb

    from council_index.demo import generate

    source = demo_raw()
    dropped = "waste"
    writes = [("la_lookup", "population", "waste"), ("la_lookup", "population")]

    def fake_write_demo(out_dir, *args, **kwargs):
        out_dir = Path(out_dir)
        shutil.rmtree(out_dir, ignore_errors=True)
        for part in writes[0]:
            shutil.copytree(source / part, out_dir / part)
        shutil.copy2(source / "DEMO_DATA.md", out_dir / "DEMO_DATA.md")
        return out_dir

    monkeypatch.setattr(generate, "write_demo", fake_write_demo)
    monkeypatch.setattr(build, "run_dbt", lambda args, *rest, **kw: None)
    db = tmp_path / "demo.duckdb"
    argv = ["--db", str(db), "--demo", str(tmp_path / "demo_raw"), "--no-outputs"]
    assert build.main(argv) == 0
    writes.pop(0)  # the generator no longer writes the waste files
    assert build.main(argv) == 0
    con = duckdb.connect(str(db), read_only=True)
    try:
        gone = con.execute(
            "select count(*) from raw.load_log where status = 'missing' and file like ?", [f"{dropped}/%"]
        ).fetchone()[0]
    finally:
        con.close()
    assert gone > 0
