"""Build the warehouse end to end: (demo files) -> land raw files -> dbt build -> publish.

The whole build runs on a copy of the warehouse (``<warehouse>.building``); only when the load and
every dbt model and error-severity test have succeeded is the copy renamed over the warehouse.
A failed or killed build therefore leaves the last good warehouse readable and unchanged.

``--target postgres`` / ``--target spark`` build the same project on another engine: the
same loader lands the raw files into a DuckDB file (``--db``), its raw schema is exported once as
Parquet and published to the engine (scripts/council_index/engines/landing.py), then dbt builds there. With no
INDEX_PG_HOST a throwaway PostgreSQL server is started on 127.0.0.1 and stopped at the end; Spark
runs a local session (metastore and warehouse under INDEX_SPARK_DIR). ``--export-marts DIR`` writes
every mart as Parquet (what scripts/council_index/compare_engines.py compares).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from council_index import PROJECT_ROOT as ROOT
from council_index import uptodate
from council_index.errors import BuildError, command
from council_index.pipeline.errors import LoadError
from council_index.pipeline.loader import ensure_not_locked, load_all
from council_index.summary import keep_previous, read_snapshot, summary_lines

TARGETS = ("duckdb", "postgres", "spark")


def run_dbt(args: list[str], db_path: Path, raw_dir: Path, target: str = "duckdb", in_process: bool = False) -> None:
    env = dict(os.environ)
    env["INDEX_DB_PATH"] = str(db_path)
    env["INDEX_RAW_DIR"] = str(raw_dir)
    cwd = ROOT
    if target == "duckdb" and not in_process:
        # dbt parses the whole project again whenever the profile changes, and the warehouse path is
        # part of it: dbt runs in the warehouse's folder on the file name alone (the project named by
        # DBT_PROJECT_DIR), so builds of a warehouse file of the same name in any folder (make run's
        # data/warehouse.duckdb, the tests' copies) keep each other's partial parse
        env["INDEX_DB_PATH"] = db_path.name
        env["DBT_PROJECT_DIR"] = str(ROOT)
        cwd = db_path.resolve().parent
    env["DBT_PROFILES_DIR"] = str(Path(env.get("DBT_PROFILES_DIR") or ROOT).resolve())  # dbt may run elsewhere
    env.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
    if target != "duckdb":
        args = [*args, "--target", target]
    print(f"$ dbt {' '.join(args)}", flush=True)
    if in_process:  # Spark: dbt reuses this process's Spark session (scripts/council_index/engines/spark.py)
        from dbt.cli.main import dbtRunner

        os.environ.update(env)
        previous = os.getcwd()
        os.chdir(ROOT)
        try:
            result = dbtRunner().invoke(args)
        finally:
            os.chdir(previous)
        if not result.success:
            raise BuildError(f"dbt {args[0]} failed on {target}: {result.exception or 'see the log above'}")
        return
    dbt = Path(sys.executable).with_name("dbt")
    command = [str(dbt) if dbt.exists() else "dbt", *args]
    result = subprocess.run(command, cwd=cwd, env=env)
    if result.returncode != 0:
        raise BuildError(f"dbt {args[0]} failed (exit {result.returncode}); the warehouse was not replaced")


def summarise(db_path: Path) -> None:
    import duckdb

    con = duckdb.connect(str(db_path), read_only=True)
    try:
        rows = con.execute(
            "select schema_name, table_name, estimated_size from duckdb_tables() "
            "where schema_name = 'marts' order by table_name"
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


@command
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--raw-dir", help="folder of real raw files (as published)")
    source.add_argument("--demo", metavar="DIR", help="generate the synthetic demo files into DIR and build them")
    parser.add_argument(
        "--db",
        default=None,
        help="DuckDB warehouse (duckdb target; default INDEX_DB_PATH or data/warehouse.duckdb), "
        "or for postgres/spark the DuckDB file the loader lands the raw files in "
        "(default data/landing_<target>.duckdb)",
    )
    parser.add_argument(
        "--target",
        choices=TARGETS,
        default=os.environ.get("INDEX_TARGET") or "duckdb",
        help="warehouse engine (default INDEX_TARGET or duckdb)",
    )
    parser.add_argument(
        "--export-marts", metavar="DIR", help="write every table of schema marts to DIR/<table>.parquet"
    )
    parser.add_argument(
        "--vars",
        help="dbt --vars for the build (default none: every target builds every model, the analysis "
        "models included; '{analysis_enabled: false}' leaves them out)",
    )
    parser.add_argument("--select", help="dbt build only these nodes (a dbt selector; for iterating)")
    parser.add_argument(
        "--selector",
        help="dbt build the nodes of this YAML selector (selectors.yml; e.g. engine_port_check, which CI's "
        "Spark comparison builds); not with --select",
    )
    parser.add_argument(
        "--exports",
        default=os.environ.get("INDEX_EXPORT_DIR"),
        help="after a successful build, write every mart here as Parquet + CSV (scripts/council_index/export.py); "
        "default exports/ for data/warehouse.duckdb, else <db name>_exports/ beside the warehouse",
    )
    parser.add_argument(
        "--report",
        default=os.environ.get("INDEX_REPORT_PATH"),
        help="after a successful build, write the league-table report here (scripts/council_index/report); "
        "default reports/index.html for data/warehouse.duckdb, else <db name>_report.html beside it",
    )
    parser.add_argument("--no-outputs", action="store_true", help="skip the exports and the report")
    parser.add_argument(
        "--full-refresh",
        action="store_true",
        help="land every raw file again (by default a file unchanged since the last load, by "
        "SHA-256, keeps its landed table)",
    )
    parser.add_argument(
        "--accept-shrink",
        action="store_true",
        default=bool(os.environ.get("ACCEPT_SHRINK")),
        help="accept raw files with markedly fewer rows or authorities than the same file at the "
        "last load, or gone from the raw folder since (default: such a file stops the build; "
        "ACCEPT_SHRINK=1 sets this; always on for --demo, whose files the generator owns)",
    )
    parser.add_argument(
        "--force",
        action="store_true",
        default=bool(os.environ.get("FORCE")),
        help="build even when the warehouse is already the build of these raw files, project files and "
        "options (council_index/uptodate.py; default: such a build is skipped; FORCE=1 sets this)",
    )
    parser.add_argument(
        "--unit-tests",
        action="store_true",
        help="also run the dbt unit tests (fixed inputs, so they test the SQL, not the data: "
        "`make test` runs them; a data build skips them, as dbt recommends for production)",
    )
    args = parser.parse_args(argv)
    if args.select and args.selector:
        parser.error("give --select or --selector, not both (dbt takes one or the other)")
    if args.db is None:
        args.db = (
            (os.environ.get("INDEX_DB_PATH") or "data/warehouse.duckdb")
            if args.target == "duckdb"
            else f"data/landing_{args.target}.duckdb"
        )

    started = time.perf_counter()
    db_path = (ROOT / args.db).resolve() if not Path(args.db).is_absolute() else Path(args.db)
    if args.demo:
        from council_index.demo.generate import write_demo

        raw_dir = (ROOT / args.demo).resolve()
        print(f"DEMO DATA: writing the synthetic demo dataset (fictional councils) to {raw_dir}", flush=True)
        write_demo(raw_dir)
    else:
        raw_dir = (ROOT / args.raw_dir).resolve() if not Path(args.raw_dir).is_absolute() else Path(args.raw_dir)
        print(f"building from raw files in {raw_dir}", flush=True)

    db_path.parent.mkdir(parents=True, exist_ok=True)
    if args.target != "duckdb":
        from council_index.engines.build import build_on_engine

        return build_on_engine(
            args.target,
            raw_dir,
            db_path,
            run_dbt,
            started,
            demo=bool(args.demo),
            export_dir=args.export_marts,
            dbt_vars=args.vars,
            select=args.select,
            selector=args.selector,
        )
    try:
        ensure_not_locked(db_path)  # a BI tool's read-only connection is fine; a writer's lock is not
    except LoadError as exc:
        print(f"build not started, warehouse left unchanged: {exc}", file=sys.stderr)
        return 1
    state = uptodate.read_state(db_path)
    inputs = uptodate.fingerprint(
        raw_dir,
        {
            "demo": bool(args.demo),
            "select": args.select,
            "selector": args.selector,
            "vars": args.vars,
            "unit_tests": args.unit_tests,
        },
        state,
    )
    stale = "--full-refresh" if args.full_refresh else "--force" if args.force else None
    stale = stale or uptodate.unchanged_since(state, db_path, raw_dir, inputs)
    if stale is None:
        return keep_up_to_date(db_path, raw_dir, args, state, inputs, started)
    print(f"building: {stale}", flush=True)
    building = db_path.with_name(db_path.name + ".building")
    for leftover in (building, building.with_name(building.name + ".wal")):
        leftover.unlink(missing_ok=True)
    if db_path.exists():
        shutil.copy2(db_path, building)
    try:
        try:
            # The demo generator owns the demo folder (it writes it afresh each run): a file or rows it
            # no longer writes are its own change, not a cut download, so the demo accepts them.
            load_all(
                raw_dir,
                building,
                in_place=True,
                full_refresh=args.full_refresh,
                accept_shrink=args.accept_shrink or bool(args.demo),
            )
        except LoadError as exc:
            print(f"load failed, warehouse left unchanged: {exc}", file=sys.stderr)
            return 1
        dbt_args = ["build", "--fail-fast"] if os.environ.get("INDEX_FAIL_FAST") else ["build"]
        if not args.unit_tests:
            dbt_args += ["--exclude-resource-type", "unit_test"]
        run_dbt(
            dbt_args
            + (["--select", args.select] if args.select else [])
            + (["--selector", args.selector] if args.selector else [])
            + (["--vars", args.vars] if args.vars else []),
            building,
            raw_dir,
        )
        previous_build = read_snapshot(db_path)  # what the warehouse it replaces published
        uptodate.forget(db_path)  # the record describes the warehouse being replaced
        os.replace(building, db_path)  # only reached when the load and every error-severity test passed
        built_at = time.strftime("%Y-%m-%dT%H:%M:%S%z")
    finally:
        for leftover in (building, building.with_name(building.name + ".wal")):
            leftover.unlink(missing_ok=True)
    summarise(db_path)
    keep_previous(db_path, previous_build)
    published = summary_lines(db_path, previous_build)
    if published:
        print("\nwhat this build published:")
        for line in published:
            print(f"  {line}")
    if args.export_marts:
        export_marts(db_path, args, started)
    outputs = {} if args.no_outputs else publish_outputs(db_path, args, demo=bool(args.demo))
    uptodate.write_state(
        db_path,
        raw_dir,
        inputs,
        built_at,
        uptodate.dbt_results(ROOT / (os.environ.get("DBT_TARGET_PATH") or "target")),
        published,
        written_outputs(output_paths(db_path, args), outputs),
    )
    return finish("built from", db_path, raw_dir, args, outputs, started)


def written_outputs(paths: dict[str, str], outputs: dict[str, str]) -> dict[str, str]:
    """The output paths (name -> path) that this run wrote or kept: not failed, not skipped."""
    return {n: p for n, p in paths.items() if n in outputs and not outputs[n].startswith(("FAILED", "not written"))}


def finish(verb: str, db_path: Path, raw_dir: Path, args, outputs: dict[str, str], started: float) -> int:
    """The closing lines of a build or an up-to-date check; exit 1 when an output failed."""
    label = "DEMO (synthetic, fictional councils)" if args.demo else str(raw_dir)
    print(f"\n{verb} {label} in {time.perf_counter() - started:.1f} s")
    print(f"warehouse: {db_path}")
    for name, where in outputs.items():
        print(f"{name + ':':<10} {where}")
    return 1 if any(str(where).startswith("FAILED") for where in outputs.values()) else 0


def keep_up_to_date(db_path: Path, raw_dir: Path, args, state: dict, inputs, started: float) -> int:
    """The warehouse is the build of these inputs: say so, and write only the outputs that are
    missing or were changed since that build wrote them."""
    counts = ", ".join(f"{status}={n}" for status, n in sorted(state.get("dbt_results", {}).items()))
    print(
        f"\nup to date: the warehouse is the build of {state['built_at']} from the same raw files (SHA-256), "
        f"project files and options; its dbt build ({counts or 'no record'}) stands, so nothing is built "
        "again (FORCE=1 or --force builds anyway)"
    )
    if state.get("published"):
        print("\nwhat this build published:")
        for line in state["published"]:
            print(f"  {line}")
    if args.export_marts:
        export_marts(db_path, args, started)
    outputs: dict[str, str] = {}
    if not args.no_outputs:
        wanted = output_paths(db_path, args)
        stale = {name for name, path in wanted.items() if not uptodate.outputs_current(state, name, Path(path))}
        for name in sorted(set(wanted) - stale):
            outputs[name] = f"{wanted[name]} (unchanged)"
        if stale:
            outputs.update(publish_outputs(db_path, args, demo=bool(args.demo), only=stale))
        uptodate.write_state(
            db_path,
            raw_dir,
            inputs,
            state["built_at"],
            state.get("dbt_results", {}),
            state.get("published", []),
            written_outputs(wanted, outputs),
        )
    return finish("checked", db_path, raw_dir, args, outputs, started)


def export_marts(db_path: Path, args, started: float) -> None:
    """--export-marts: every mart as Parquet, with the build's info (what compare_engines.py reads)."""
    from council_index.engines.marts import export_marts_duckdb, write_build_info

    export_marts_duckdb(db_path, Path(args.export_marts))
    write_build_info(
        args.export_marts,
        {"target": "duckdb", "demo": bool(args.demo), "seconds": {"total": time.perf_counter() - started}},
    )


def output_paths(db_path: Path, args) -> dict[str, str]:
    """Where the exports and the report of a warehouse go: --exports / --report, else exports/ and
    reports/index.html for data/warehouse.duckdb, else beside the warehouse."""
    main_warehouse = db_path == (ROOT / "data" / "warehouse.duckdb").resolve()
    exports = args.exports or ("exports" if main_warehouse else str(db_path.with_name(db_path.stem + "_exports")))
    report = args.report or (
        "reports/index.html" if main_warehouse else str(db_path.with_name(db_path.stem + "_report.html"))
    )
    return {
        "exports": str((ROOT / exports) if not Path(exports).is_absolute() else Path(exports)),
        "report": str((ROOT / report) if not Path(report).is_absolute() else Path(report)),
    }


def publish_outputs(db_path: Path, args, demo: bool, only: set[str] | None = None) -> dict[str, str]:
    """After a published build: the BI exports and the report (``only``: those of them). Returns
    name -> path or failure."""
    from council_index import export
    from council_index.report import build_report
    from council_index.report.data import MissingMarts

    outputs: dict[str, str] = {}
    paths = output_paths(db_path, args)
    exports_dir, report_path = Path(paths["exports"]), Path(paths["report"])
    if only is None or "exports" in only:
        print(f"\nexporting the marts to {exports_dir}", flush=True)
        try:
            summary = export.export(db_path, exports_dir)
            outputs["exports"] = f"{exports_dir} ({len(summary)} marts, Parquet + CSV; data dictionary README.md)"
        except Exception as exc:  # the warehouse is published either way
            print(f"export failed: {exc}", file=sys.stderr)
            outputs["exports"] = f"FAILED ({exc})"
    if only is not None and "report" not in only:
        return outputs
    try:
        result = build_report(db_path, report_path, demo=demo)
        outputs["report"] = (
            f"{report_path} ({result['bytes'] / 1024 / 1024:.1f} MiB, {result['councils_ranked']} councils ranked)"
        )
    except MissingMarts as exc:
        print(f"report skipped: {exc}", file=sys.stderr)
        outputs["report"] = f"not written ({exc})"
    except Exception as exc:
        print(f"report failed: {exc}", file=sys.stderr)
        outputs["report"] = f"FAILED ({exc})"
    return outputs


if __name__ == "__main__":
    sys.exit(main())
