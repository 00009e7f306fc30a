"""Reproducibility: two builds from the same raw files give the same marts, and byte-identical exports.

Two demo warehouses are built independently from the same demo raw files (load + every dbt seed and
model, tests/python/demo_build.py; under `make test` the first is the one demo_build.py's command
line built for pytest, from demo files it wrote itself, the second the warehouse its dbt-test step
built beside it with index-build, from demo files that must be the first's byte for byte). Every table of schema ``marts``
must hold the same rows: a row-order-independent digest (count and the sum of each row's hash,
i.e. the table sorted by all its columns) is compared, and on a mismatch the columns that differ
are named. Both warehouses are exported and every file must be byte-identical.
Slow (two full builds, about a minute on the 2-core machine): marked ``slow``, still in the default run.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import duckdb
import pytest
from demo_build import build_raw, demo_warehouse, file_digests, workdir

pytestmark = pytest.mark.slow


def mart_digests(db: Path) -> dict[str, tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = [
            r[0]
            for r in con.execute(
                "select table_name from duckdb_tables() where schema_name = 'marts' order by 1"
            ).fetchall()
        ]
        return {
            t: con.execute(f'select count(*), sum(hash(t)::hugeint) from marts."{t}" as t').fetchone() for t in tables
        }
    finally:
        con.close()


def differing_columns(db_a: Path, db_b: Path, table: str) -> list[str]:
    out = {}
    for key, db in (("a", db_a), ("b", db_b)):
        con = duckdb.connect(str(db), read_only=True)
        try:
            columns = [
                r[0]
                for r in con.execute(
                    "select column_name from duckdb_columns() where schema_name = 'marts' and table_name = ? "
                    "order by column_index",
                    [table],
                ).fetchall()
            ]
            out[key] = {
                c: con.execute(f'select sum(hash("{c}")::hugeint) from marts."{table}"').fetchone()[0] for c in columns
            }
        finally:
            con.close()
    return [c for c in out["a"] if out["a"][c] != out["b"].get(c)]


@pytest.fixture(scope="module")
def two_builds() -> tuple[Path, Path]:
    return demo_warehouse("build_a"), demo_warehouse("build_b")


def test_two_builds_read_the_same_raw_files(two_builds):
    """Under `make test` each build writes its own demo files: they must be the same, byte for byte."""
    first, second = file_digests(build_raw("build_a")), file_digests(build_raw("build_b"))
    assert len(first) > 50
    assert first == second


def test_two_builds_give_identical_marts(two_builds):
    first, second = two_builds
    a, b = mart_digests(first), mart_digests(second)
    assert a, "the build produced no marts"
    assert sorted(a) == sorted(b)
    differing = {t: differing_columns(first, second, t) for t in a if a[t] != b[t]}
    assert differing == {}, f"marts differ between two builds of the same raw files: {differing}"


def test_marts_hold_no_load_timestamps(two_builds):
    """Nothing from the load time (raw._loaded_at) may reach a mart: it would differ between builds."""
    con = duckdb.connect(str(two_builds[0]), read_only=True)
    try:
        timed = con.execute(
            "select table_name, column_name from duckdb_columns() where schema_name = 'marts' "
            "and (column_name like '%loaded_at%' or data_type like 'TIMESTAMP%') order by 1, 2"
        ).fetchall()
    finally:
        con.close()
    assert timed == []


def test_exports_are_byte_identical(two_builds):
    module = importlib.import_module("council_index.export")
    digests = []
    for index, db in enumerate(two_builds):
        out = workdir() / f"exports_{index}"
        module.export(db, out, progress=lambda *args, **kwargs: None)
        digests.append(file_digests(out))
    assert digests[0], "the export wrote no files"
    assert any(name.endswith(".parquet") for name in digests[0])
    assert digests[0] == digests[1]
