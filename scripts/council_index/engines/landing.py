"""One loader, every target: the raw schema landed by the DuckDB loader, published to other engines.

The registry-driven loader (``pipeline.loader.load_all``) lands the files once, into a DuckDB file.
``export_raw_to_parquet`` writes every table of its ``raw`` schema (``raw.load_log`` and
``raw._columns`` included) as one Parquet file ``raw.<table>.parquet``, plus ``manifest.json`` (table, columns and types,
rows). ``publish_postgres`` and ``publish_spark`` create the same tables from those files:

- PostgreSQL: a ``raw__landing`` schema is filled with ``COPY ... FROM STDIN`` (CSV streamed by
  DuckDB from the Parquet file, every value quoted so that an empty string stays an empty string
  and only a null is null), then swapped for ``raw`` in one transaction: a failed load leaves the
  previous ``raw`` schema untouched.
- Spark: database ``raw`` is recreated with one external Parquet table per file (metadata only).

Columns stay text (``_row_number`` integer, ``load_log.rows`` bigint, ``seconds`` double), exactly as
in DuckDB, so staging models read the same values on every engine.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb

MANIFEST = "manifest.json"

# DuckDB type of a raw column -> the PostgreSQL type used for it.
POSTGRES_TYPES = {
    "VARCHAR": "text",
    "INTEGER": "integer",
    "BIGINT": "bigint",
    "DOUBLE": "double precision",
    "BOOLEAN": "boolean",
    "DATE": "date",
}


def export_raw_to_parquet(db_path: Path | str, out_dir: Path | str, schema: str = "raw") -> list[dict]:
    """Write every table of ``schema`` in the DuckDB file as ``<out_dir>/<table>.parquet``; return the manifest."""
    out_dir = Path(out_dir)
    if out_dir.exists():
        shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True)
    con = duckdb.connect(str(db_path), read_only=True)
    manifest = []
    try:
        tables = [
            row[0]
            for row in con.execute(
                "select table_name from information_schema.tables where table_schema = ? "
                "and table_type = 'BASE TABLE' order by table_name",
                [schema],
            ).fetchall()
        ]
        for table in tables:
            columns = con.execute(
                "select column_name, data_type from information_schema.columns "
                "where table_schema = ? and table_name = ? order by ordinal_position",
                [schema, table],
            ).fetchall()
            unknown = [f"{name} {kind}" for name, kind in columns if kind not in POSTGRES_TYPES]
            if unknown:
                raise ValueError(f"{schema}.{table}: column type(s) with no portable mapping: {', '.join(unknown)}")
            path = out_dir / f"{schema}.{table}.parquet"  # never a leading '_': Spark skips such files
            con.execute(f"copy (select * from {schema}.\"{table}\") to '{path}' (format parquet)")
            rows = con.execute(f'select count(*) from {schema}."{table}"').fetchone()[0]
            manifest.append(
                {
                    "table": table,
                    "file": path.name,
                    "rows": rows,
                    "columns": [{"name": name, "type": kind} for name, kind in columns],
                }
            )
    finally:
        con.close()
    (out_dir / MANIFEST).write_text(json.dumps({"schema": schema, "tables": manifest}, indent=1))
    return manifest


def read_manifest(parquet_dir: Path | str) -> dict:
    return json.loads((Path(parquet_dir) / MANIFEST).read_text())


def quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def postgres_create_table_sql(schema: str, entry: dict) -> str:
    columns = ", ".join(f"{quote_ident(c['name'])} {POSTGRES_TYPES[c['type']]}" for c in entry["columns"])
    return f"create table {quote_ident(schema)}.{quote_ident(entry['table'])} ({columns})"


def publish_postgres(parquet_dir: Path | str, connect, schema: str = "raw", progress=print) -> int:
    """Create ``schema`` in PostgreSQL from the Parquet files, atomically. ``connect()`` returns a psycopg2 connection."""

    parquet_dir = Path(parquet_dir)
    manifest = read_manifest(parquet_dir)
    landing = f"{schema}__landing"
    duck = duckdb.connect()
    con = connect()
    rows = 0
    try:
        with con:  # one transaction: commit on success, rollback on any error
            with con.cursor() as cur:
                cur.execute(f"drop schema if exists {quote_ident(landing)} cascade")
                cur.execute(f"create schema {quote_ident(landing)}")
                for entry in manifest["tables"]:
                    cur.execute(postgres_create_table_sql(landing, entry))
                    if entry["rows"]:
                        csv_path = parquet_dir / (entry["table"] + ".csv")
                        duck.execute(
                            f"copy (select * from read_parquet('{parquet_dir / entry['file']}')) to '{csv_path}' "
                            "(format csv, header false, force_quote *, nullstr '')"
                        )
                        with csv_path.open("rb") as handle:
                            cur.copy_expert(
                                f"copy {quote_ident(landing)}.{quote_ident(entry['table'])} from stdin "
                                "with (format csv, header false)",
                                handle,
                            )
                        csv_path.unlink()
                    cur.execute(f"select count(*) from {quote_ident(landing)}.{quote_ident(entry['table'])}")
                    landed = cur.fetchone()[0]
                    if landed != entry["rows"]:
                        raise RuntimeError(f"{entry['table']}: {landed} rows in PostgreSQL, {entry['rows']} in Parquet")
                    rows += landed
                cur.execute(f"drop schema if exists {quote_ident(schema)} cascade")
                cur.execute(f"alter schema {quote_ident(landing)} rename to {quote_ident(schema)}")
    finally:
        con.close()
        duck.close()
    progress(
        f"POSTGRES: landed {len(manifest['tables'])} raw tables ({rows:,} rows) from {parquet_dir} -> schema {schema}"
    )
    return rows


def publish_spark(parquet_dir: Path | str, spark, schema: str = "raw", progress=print) -> int:
    """Recreate database ``schema`` in the Spark session's catalog over the Parquet files.

    Each table is an external Parquet table whose location is a folder holding that table's file
    (``<parquet_dir>/spark/<table>/``, a hard link to the exported file where possible): landing is
    metadata only, and dropping the database never deletes the exported files.
    """
    import os

    parquet_dir = Path(parquet_dir).resolve()
    manifest = read_manifest(parquet_dir)
    spark.sql(f"drop database if exists `{schema}` cascade")
    spark.sql(f"create database `{schema}`")
    rows = 0
    for entry in manifest["tables"]:
        folder = parquet_dir / "spark" / entry["table"]
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        source, target = parquet_dir / entry["file"], folder / "part-00000.parquet"
        try:
            os.link(source, target)
        except OSError:
            shutil.copy2(source, target)
        spark.sql(f"create table `{schema}`.`{entry['table']}` using parquet location '{folder.as_posix()}'")
        rows += entry["rows"]
    landed = {r.tableName for r in spark.sql(f"show tables in `{schema}`").collect()}
    expected = {e["table"].lower() for e in manifest["tables"]}
    if landed != expected:
        raise RuntimeError(f"Spark database {schema}: tables {sorted(expected - landed)} missing after landing")
    progress(
        f"SPARK: landed {len(manifest['tables'])} raw tables ({rows:,} rows) from {parquet_dir} -> database {schema}"
    )
    return rows
