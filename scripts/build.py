"""Build the warehouse end to end: (demo files) -> land raw files -> dbt build -> publish.

The whole build runs on a copy of the warehouse (``<warehouse>.building``); only when the load and
every dbt model and error-severity test have succeeded is the copy renamed over the warehouse.
A failed or killed build therefore leaves the last good warehouse readable and unchanged.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from pipeline.errors import LoadError  # noqa: E402
from pipeline.loader import load_all  # noqa: E402


def run_dbt(args: list[str], db_path: Path, raw_dir: Path) -> None:
    env = dict(os.environ)
    env["INDEX_DB_PATH"] = str(db_path)
    env["INDEX_RAW_DIR"] = str(raw_dir)
    env.setdefault("DBT_PROFILES_DIR", str(ROOT))
    env.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
    dbt = Path(sys.executable).with_name("dbt")
    command = [str(dbt) if dbt.exists() else "dbt", *args]
    print(f"$ dbt {' '.join(args)}", flush=True)
    result = subprocess.run(command, cwd=ROOT, env=env)
    if result.returncode != 0:
        raise SystemExit(f"dbt {args[0]} failed (exit {result.returncode}); the warehouse was not replaced")


def summarise(db_path: Path) -> None:
    import duckdb

    con = duckdb.connect(str(db_path), read_only=True)
    try:
        rows = con.execute(
            "select table_schema, table_name, estimated_size from duckdb_tables() "
            "where table_schema = 'marts' order by table_name"
        ).fetchall()
        log = con.execute(
            "select count(*) filter (where status like 'loaded%'), count(*) filter (where status = 'missing'), "
            "coalesce(sum(rows), 0) from raw.load_log"
        ).fetchone()
    finally:
        con.close()
    print(f"\nraw files landed: {log[0]} ({log[2]:,} rows); registry tables with no file: {log[1]}")
    print("marts:")
    for schema, name, size in rows:
        print(f"  {schema}.{name:<40} {size:>9,} rows")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--raw-dir", help="folder of real raw files (as published)")
    source.add_argument("--demo", metavar="DIR", help="generate the synthetic demo files into DIR and build them")
    parser.add_argument("--db", default=os.environ.get("INDEX_DB_PATH", "data/warehouse.duckdb"))
    args = parser.parse_args(argv)

    started = time.perf_counter()
    db_path = (ROOT / args.db).resolve() if not Path(args.db).is_absolute() else Path(args.db)
    if args.demo:
        from demo.generate import write_demo

        raw_dir = (ROOT / args.demo).resolve()
        print(f"DEMO DATA: writing the synthetic demo dataset (fictional councils) to {raw_dir}", flush=True)
        write_demo(raw_dir)
    else:
        raw_dir = (ROOT / args.raw_dir).resolve() if not Path(args.raw_dir).is_absolute() else Path(args.raw_dir)
        print(f"building from raw files in {raw_dir}", flush=True)

    db_path.parent.mkdir(parents=True, exist_ok=True)
    building = db_path.with_name(db_path.name + ".building")
    for leftover in (building, building.with_name(building.name + ".wal")):
        leftover.unlink(missing_ok=True)
    if db_path.exists():
        shutil.copy2(db_path, building)
    try:
        try:
            load_all(raw_dir, building)
        except LoadError as exc:
            print(f"load failed, warehouse left unchanged: {exc}", file=sys.stderr)
            return 1
        run_dbt(["build", "--fail-fast"] if os.environ.get("INDEX_FAIL_FAST") else ["build"], building, raw_dir)
        os.replace(building, db_path)
    finally:
        for leftover in (building, building.with_name(building.name + ".wal")):
            leftover.unlink(missing_ok=True)
    summarise(db_path)
    label = "DEMO (synthetic, fictional councils)" if args.demo else str(raw_dir)
    print(f"\nbuilt from {label} in {time.perf_counter() - started:.1f} s")
    print(f"warehouse: {db_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
