"""``scripts/council_index/build.py --target postgres|spark``: the same load, published to another engine, then dbt build.

1. The registry loader lands the raw files into a DuckDB file (``--db``), exactly as for DuckDB.
2. Its raw schema is exported once as Parquet (``<db>_raw_parquet/``) and published to the engine
   (scripts/council_index/engines/landing.py), ``raw.load_log`` and ``raw._columns`` included.
3. ``dbt build --target <engine>`` (Spark: in this process, so dbt reuses the landing session).
4. A summary of the marts, and with ``--export-marts`` every mart as Parquet plus ``_build.json``
   (the seconds each step took). When dbt fails, the marts it did build are still exported (for
   diagnosis) and the build exits non-zero.
PostgreSQL: with no INDEX_PG_HOST a local server is started on 127.0.0.1 and stopped at the end; its
cluster is kept in INDEX_PG_KEEP_DIR (default ``<landing db stem>_pg`` beside the landing warehouse,
data/landing_postgres_pg) and the build prints how to start it, query the marts and stop it
(INDEX_PG_THROWAWAY=1: removed at the end instead); set INDEX_PG_HOST (and _PORT, _USER, _PASSWORD,
_DATABASE) to build into a server of your own.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from council_index.errors import BuildError
from council_index.pipeline.errors import LoadError
from council_index.pipeline.loader import load_all

from .landing import export_raw_to_parquet, publish_postgres, publish_spark
from .marts import export_marts_postgres, export_marts_spark, postgres_marts, spark_marts, write_build_info


def _print_marts(counts: list[tuple[str, int]]) -> None:
    print("marts:")
    for name, rows in counts:
        print(f"  marts.{name:<40} {rows:>9,} rows")


def build_on_engine(
    target: str,
    raw_dir: Path,
    landing_db: Path,
    run_dbt,
    started: float,
    demo: bool,
    export_dir: str | None,
    dbt_vars: str | None = None,
    select: str | None = None,
    selector: str | None = None,
) -> int:
    seconds: dict[str, float] = {}
    step = time.perf_counter()
    try:
        load_all(raw_dir, landing_db)
    except LoadError as exc:
        print(f"load failed: {exc}", file=sys.stderr)
        return 1
    parquet_dir = landing_db.with_name(landing_db.stem + "_raw_parquet")
    manifest = export_raw_to_parquet(landing_db, parquet_dir)
    print(f"raw schema exported as Parquet: {len(manifest)} tables -> {parquet_dir}", flush=True)
    seconds["load"] = time.perf_counter() - step
    runner = _build_postgres if target == "postgres" else _build_spark
    # Unit tests (fixed inputs: they test the SQL) run on DuckDB in `make test`; on PostgreSQL dbt names a
    # unit test's input CTE after its source table, which can pass the 63-character identifier limit.
    # The engine comparison compares every mart row by row instead.
    dbt_args = [
        "build",
        "--exclude-resource-type",
        "unit_test",
        *(["--vars", dbt_vars] if dbt_vars else []),
        *(["--select", select] if select else []),
        *(["--selector", selector] if selector else []),
    ]
    if dbt_vars:
        print(f"dbt vars: {dbt_vars}", flush=True)
    if selector:
        print(f"dbt selector: {selector} (selectors.yml)", flush=True)
    runner(raw_dir, landing_db, parquet_dir, run_dbt, seconds, export_dir, dbt_args)
    seconds["total"] = time.perf_counter() - started
    label = "DEMO (synthetic, fictional councils)" if demo else str(raw_dir)
    steps = ", ".join(f"{k} {v:.1f} s" for k, v in seconds.items())
    print(f"\nbuilt on {target} from {label} ({steps})")
    if export_dir:
        write_build_info(export_dir, {"target": target, "seconds": seconds, "demo": demo})
    return 0


def _build_postgres(raw_dir, landing_db, parquet_dir, run_dbt, seconds, export_dir, dbt_args) -> None:
    import psycopg2

    from .postgres_server import ThrowawayPostgres, keep_dir_from_env, postgres_connection_settings

    settings = postgres_connection_settings()
    server = None
    if settings is None:
        import signal

        # a terminated build still stops its local server (SIGTERM -> SystemExit -> finally below)
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
        server = ThrowawayPostgres(keep_dir=keep_dir_from_env(local_cluster_dir(landing_db))).start()
        settings = server.settings
        os.environ.update(settings)
    else:
        print(
            f"POSTGRES: using the configured server {settings['INDEX_PG_HOST']}:{settings['INDEX_PG_PORT']}, "
            f"database {settings['INDEX_PG_DATABASE']}",
            flush=True,
        )
    try:

        def connect():
            return psycopg2.connect(
                host=settings["INDEX_PG_HOST"],
                port=int(settings["INDEX_PG_PORT"]),
                user=settings["INDEX_PG_USER"],
                password=settings["INDEX_PG_PASSWORD"],
                dbname=settings["INDEX_PG_DATABASE"],
            )

        step = time.perf_counter()
        publish_postgres(parquet_dir, connect)
        seconds["publish"] = time.perf_counter() - step
        step = time.perf_counter()
        failure = _run(run_dbt, dbt_args, landing_db, raw_dir, target="postgres")
        seconds["dbt"] = time.perf_counter() - step
        con = connect()
        try:
            _print_marts(postgres_marts(con))
            if export_dir:
                export_marts_postgres(con, export_dir)
        finally:
            con.close()
    finally:
        if server is not None:
            server.stop()
    if failure:
        raise failure


def local_cluster_dir(landing_db: Path) -> Path:
    """Default folder of the local PostgreSQL cluster kept after a build: beside the landing warehouse."""
    return landing_db.with_name(landing_db.stem + "_pg")


def _build_spark(raw_dir, landing_db, parquet_dir, run_dbt, seconds, export_dir, dbt_args) -> None:
    from .spark import get_session, is_throwaway, spark_dir

    folder = spark_dir()
    os.environ["INDEX_SPARK_DIR"] = str(folder)
    where = "warehouse (catalogue in memory: INDEX_SPARK_THROWAWAY)" if is_throwaway() else "metastore and warehouse"
    print(f"SPARK: local session, {where} in {folder}", flush=True)
    step = time.perf_counter()
    spark = get_session(folder)
    seconds["session"] = time.perf_counter() - step
    step = time.perf_counter()
    publish_spark(parquet_dir, spark)
    seconds["publish"] = time.perf_counter() - step
    step = time.perf_counter()
    failure = _run(run_dbt, dbt_args, landing_db, raw_dir, target="spark", in_process=True)
    seconds["dbt"] = time.perf_counter() - step
    _print_marts(spark_marts(spark))
    if export_dir:
        export_marts_spark(spark, export_dir)
    if failure:
        raise failure


def _run(run_dbt, *args, **kwargs) -> BuildError | None:
    """Run dbt; on failure return the exit (raised after the marts built so far are exported)."""
    try:
        run_dbt(*args, **kwargs)
    except BuildError as exc:
        return exc
    return None
