"""How pytest waits for the builds `make test` runs beside it (make_handover.await_make_builds): each
dbt-test job writes "ok" or "failed" to its status file (INDEX_TEST_AWAIT) when it ends; a test that
reads what such a job writes returns once every job ended well, and fails at once when one failed."""

from __future__ import annotations

import threading

import pytest
from demo_build import given
from make_handover import AWAITED, await_make_builds, built, make_build_status


@pytest.fixture
def status(tmp_path, monkeypatch):
    """Two status files, neither written yet, named in INDEX_TEST_AWAIT."""
    files = [tmp_path / "status" / "dbt-test-demo", tmp_path / "status" / "dbt-test-real"]
    files[0].parent.mkdir()
    monkeypatch.setenv("INDEX_TEST_AWAIT", ":".join(str(f) for f in files))
    return files


def test_without_status_files_nothing_is_awaited(monkeypatch):
    monkeypatch.delenv("INDEX_TEST_AWAIT", raising=False)
    assert make_build_status() == {}
    await_make_builds(timeout=0)


def test_returns_once_every_build_ended_well(status):
    assert set(make_build_status().values()) == {None}
    writer = threading.Timer(0.3, lambda: [f.write_text("ok\n") for f in status])
    writer.start()
    await_make_builds(timeout=30, poll=0.05)
    writer.join()
    assert make_build_status() == {str(f): "ok" for f in status}


def test_a_failed_build_fails_the_waiting_test_at_once(status):
    status[0].write_text("failed\n")  # the other is still running
    with pytest.raises(pytest.fail.Exception, match="dbt-test-demo"):
        await_make_builds(timeout=30, poll=0.05)


def test_a_build_that_never_ends_fails_after_the_timeout(status):
    status[0].write_text("ok\n")
    with pytest.raises(pytest.fail.Exception, match="did not end within .*dbt-test-real"):
        await_make_builds(timeout=0.2, poll=0.05)


def test_only_what_dbt_test_writes_is_awaited(status, tmp_path, monkeypatch):
    """given() waits for the variables naming dbt-test's outputs (AWAITED) and not for the others;
    built() waits, then checks the named warehouse exists."""
    own, theirs = tmp_path / "own.duckdb", tmp_path / "theirs.duckdb"
    own.write_bytes(b"")
    monkeypatch.setenv("INDEX_TEST_DEMO_DB", str(own))
    monkeypatch.setenv("INDEX_TEST_DEMO_DB_B", str(theirs))
    assert "INDEX_TEST_DEMO_DB" not in AWAITED and "INDEX_TEST_DEMO_DB_B" in AWAITED
    assert given("INDEX_TEST_DEMO_DB") == own.resolve()  # builds still running: not waited for
    status[1].write_text("failed\n")
    with pytest.raises(pytest.fail.Exception, match="dbt-test-real"):
        given("INDEX_TEST_DEMO_DB_B")
    for f in status:
        f.write_text("ok\n")
    with pytest.raises(AssertionError, match="no such file"):
        given("INDEX_TEST_DEMO_DB_B")  # the build ended well but did not write it
    with pytest.raises(AssertionError, match="did not write"):
        built(theirs)
    theirs.write_bytes(b"")
    assert given("INDEX_TEST_DEMO_DB_B") == theirs.resolve() and built(theirs) == theirs
