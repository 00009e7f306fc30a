"""List, count and export the marts of a built warehouse, for each engine.

``export_marts_*`` write every table of schema ``marts`` as ``<dir>/<table>.parquet`` (one file per
mart), the input of scripts/council_index/compare_engines.py. Values are exported as the engine returns them
(numeric/decimal as double, dates as dates); the comparison decides what counts as equal.
"""

from __future__ import annotations

import decimal
import json
import shutil
from pathlib import Path

SCHEMA = "marts"


def _fresh(out_dir: Path) -> Path:
    out_dir = Path(out_dir)
    if out_dir.exists():
        shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True)
    return out_dir


def write_build_info(out_dir: Path | str, info: dict) -> None:
    Path(out_dir, "_build.json").write_text(json.dumps(info, indent=1))


def export_marts_duckdb(db_path: Path | str, out_dir: Path | str) -> list[str]:
    import duckdb

    out_dir = _fresh(out_dir)
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        tables = [
            r[0]
            for r in con.execute(
                "select table_name from information_schema.tables where table_schema = ? and table_type = 'BASE TABLE' "
                "order by table_name",
                [SCHEMA],
            ).fetchall()
        ]
        for table in tables:
            con.execute(
                f"copy (select * from {SCHEMA}.\"{table}\") to '{out_dir / (table + '.parquet')}' (format parquet)"
            )
    finally:
        con.close()
    print(f"exported {len(tables)} marts to {out_dir}")
    return tables


def _plain(value):
    return float(value) if isinstance(value, decimal.Decimal) else value


def rows_to_parquet(columns: list[str], rows: list[tuple], path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    data = {name: [_plain(row[i]) for row in rows] for i, name in enumerate(columns)}
    pq.write_table(pa.table(data) if columns else pa.table({}), path)


def postgres_marts(con) -> list[tuple[str, int]]:
    with con.cursor() as cur:
        cur.execute(
            "select table_name from information_schema.tables where table_schema = %s "
            "and table_type = 'BASE TABLE' order by table_name",
            [SCHEMA],
        )
        tables = [r[0] for r in cur.fetchall()]
        counts = []
        for table in tables:
            cur.execute(f'select count(*) from {SCHEMA}."{table}"')
            counts.append((table, cur.fetchone()[0]))
    return counts


def export_marts_postgres(con, out_dir: Path | str) -> list[str]:
    out_dir = _fresh(out_dir)
    tables = [t for t, _ in postgres_marts(con)]
    with con.cursor() as cur:
        for table in tables:
            cur.execute(f'select * from {SCHEMA}."{table}"')
            columns = [d.name for d in cur.description]
            rows_to_parquet(columns, cur.fetchall(), out_dir / f"{table}.parquet")
    print(f"exported {len(tables)} marts to {out_dir}")
    return tables


def spark_marts(spark) -> list[tuple[str, int]]:
    tables = []
    for row in spark.sql(f"show tables in {SCHEMA}").collect():
        if row.isTemporary:
            continue
        kind = spark.sql(f"describe table extended {SCHEMA}.`{row.tableName}`").where("col_name = 'Type'").collect()
        if kind and kind[0].data_type.upper() == "VIEW":
            continue
        tables.append(row.tableName)
    return [(t, spark.table(f"{SCHEMA}.`{t}`").count()) for t in sorted(tables)]


def export_marts_spark(spark, out_dir: Path | str) -> list[str]:
    out_dir = _fresh(out_dir)
    tables = [t for t, _ in spark_marts(spark)]
    for table in tables:
        frame = spark.table(f"{SCHEMA}.`{table}`")
        rows = [tuple(r) for r in frame.collect()]
        rows_to_parquet(frame.columns, rows, out_dir / f"{table}.parquet")
    print(f"exported {len(tables)} marts to {out_dir}")
    return tables
