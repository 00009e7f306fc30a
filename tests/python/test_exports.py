"""BI exports (council_index.export, `index-export`): every mart as Parquet and CSV, deterministic, atomic, documented."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import duckdb
import pytest
from make_handover import built, built_warehouses
from mart_fixture import build_mart_warehouse

from council_index import export
from council_index.errors import CommandError

ROOT = Path(__file__).resolve().parents[2]
# Warehouses of full builds, checked as well when named (make test: the demo and real builds of dbt-test, which
# may still be running: a test reads one through make_handover.built, which waits for it).
BUILT = built_warehouses()


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("exports") / "fixture.duckdb"
    build_mart_warehouse(path)
    return path


def digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def marts_of(db: Path) -> dict[str, list[tuple[str, str]]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {table: export.table_columns(con, table) for table in export.mart_tables(con)}
    finally:
        con.close()


def check_round_trip(db: Path, out: Path) -> None:
    """Each Parquet file read back has the mart's columns, types and rows (in key order); CSV too."""
    specs = export.read_mart_specs()
    tables = marts_of(db)
    assert tables, "no marts in the warehouse"
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [f"{t}.parquet" for t in tables] + [f"{t}.csv" for t in tables] + ["README.md", export.DATA_KIND_FILE]
    )
    con = duckdb.connect(str(db), read_only=True)
    try:
        for table, columns in tables.items():
            parquet = out / f"{table}.parquet"
            described = con.execute(f"describe select * from read_parquet('{parquet}')").fetchall()
            assert [(row[0], row[1]) for row in described] == columns, table
            key = specs[table].key if table in specs else []
            order = export.order_by([c for c, _ in columns], key)
            expected = con.execute(f"select * from marts.{table} order by {order}").fetchall()
            actual = con.execute(f"select * from read_parquet('{parquet}')").fetchall()
            assert actual == expected, f"{table}: Parquet rows differ from the mart"
            with (out / f"{table}.csv").open(newline="", encoding="utf-8") as handle:
                reader = csv.reader(handle)
                assert next(reader) == [c for c, _ in columns]
                assert sum(1 for _ in reader) == len(expected)
            from_csv = con.execute(
                f"select * from read_csv('{out / f'{table}.csv'}', header = true, "
                f"columns = {{{', '.join(repr(c) + ': ' + repr(t) for c, t in columns)}}})"
            ).fetchall()
            assert len(from_csv) == len(expected)
    finally:
        con.close()


def test_export_round_trips_every_mart(warehouse, tmp_path):
    out = tmp_path / "exports"
    summary = export.export(warehouse, out, progress=lambda line: None)
    assert {item["mart"] for item in summary} == set(marts_of(warehouse))
    check_round_trip(warehouse, out)


def test_rows_are_in_key_order(warehouse, tmp_path):
    out = tmp_path / "exports"
    export.export(warehouse, out, progress=lambda line: None)
    con = duckdb.connect()
    keys = con.execute(
        f"select edition, authority_code, lens_id from read_parquet('{out / 'fct_lens_productivity.parquet'}')"
    ).fetchall()
    assert keys == sorted(keys)
    assert export.read_mart_specs()["fct_lens_productivity"].key == ["edition", "authority_code", "lens_id"]


def test_export_is_deterministic(warehouse, tmp_path):
    first, second = tmp_path / "one", tmp_path / "two"
    export.export(warehouse, first, progress=lambda line: None)
    export.export(warehouse, second, progress=lambda line: None)
    assert digests(first) == digests(second)


def test_failed_export_leaves_previous_export(warehouse, tmp_path, monkeypatch):
    out = tmp_path / "exports"
    export.export(warehouse, out, progress=lambda line: None)
    before = digests(out)

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(export, "data_dictionary", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        export.export(warehouse, out, progress=lambda line: None)
    assert digests(out) == before
    assert [p.name for p in tmp_path.iterdir()] == ["exports"], "temporary folder left behind"


def test_missing_warehouse_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="not found"):
        export.export(tmp_path / "nope.duckdb", tmp_path / "exports")
    assert not (tmp_path / "exports").exists()


def test_data_dictionary_documents_every_column(warehouse, tmp_path):
    out = tmp_path / "exports"
    export.export(warehouse, out, progress=lambda line: None)
    readme = (out / "README.md").read_text(encoding="utf-8")
    assert "{{" not in readme and "doc(" not in readme
    for table, columns in marts_of(warehouse).items():
        assert f"## {table}" in readme
        for column, data_type in columns:
            assert f"| `{column}` | {data_type.lower()} |" in readme
    # descriptions come from the yml and doc blocks (here the doc block index_quadrant)
    blocks = export.read_doc_blocks()
    assert " ".join(blocks["index_quadrant"].split())[:60] in " ".join(readme.split())
    # the documented description of a column, not an empty cell
    assert "| `overall_rank` | integer | Rank of mean_lens_rank" in readme


def test_render_description_resolves_doc_blocks():
    blocks = {"a": "Alpha text."}
    assert export.render_description("{{ doc('a') }} More.", blocks) == "Alpha text. More."
    assert export.render_description('{{doc("a")}}', blocks) == "Alpha text."


def test_leftovers_of_a_killed_export_are_removed(warehouse, tmp_path):
    stale = tmp_path / ".exports.tmp-999999999"  # no such process
    stale.mkdir()
    (stale / "half.csv").write_text("a,b\n", encoding="utf-8")
    export.export(warehouse, tmp_path / "exports", progress=lambda line: None)
    assert not stale.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["exports"]


if BUILT:  # only when a full build has left its warehouse (no skipped test otherwise)

    @pytest.mark.parametrize("db", BUILT, ids=[p.name for p in BUILT])
    def test_export_of_built_warehouse(db, tmp_path):
        db = built(db)
        out = tmp_path / "exports"
        export.export(db, out, progress=lambda line: None)
        check_round_trip(db, out)


def test_exports_say_whether_they_hold_demo_or_real_data(warehouse, tmp_path):
    real = tmp_path / "real"
    export.export(warehouse, real, progress=lambda *a: None)
    assert (real / export.DATA_KIND_FILE).read_text(encoding="utf-8").startswith("real\n")
    demo_db = tmp_path / "demo.duckdb"
    demo_db.write_bytes(warehouse.read_bytes())
    con = duckdb.connect(str(demo_db))
    con.execute("create schema if not exists raw")
    con.execute("create or replace table raw.load_log as select 'raw_folder' as dataset, 'DEMO_DATA.md' as file")
    con.close()
    demo = tmp_path / "demo"
    export.export(demo_db, demo, progress=lambda *a: None)
    assert (demo / export.DATA_KIND_FILE).read_text(encoding="utf-8").startswith("demo\n")
    assert "**DEMO: synthetic data about fictional councils" in (demo / "README.md").read_text(encoding="utf-8")
