"""Build the demo on DuckDB, PostgreSQL and Spark and compare every mart row by row.

    index-compare-engines [--workdir data/compare] [--engines duckdb,postgres,spark]

1. Writes the demo raw files once (``<workdir>/demo_raw``), or reads an existing demo folder
   (``--raw-dir``: ``make compare-engines`` passes the one ``make test`` wrote, when it is there).
2. Builds them on each engine with that engine's virtual environment (``.venv``, ``.venv-postgres``,
   ``.venv-spark``; ``make compare-engines`` creates them): ``index-build --target <engine>
   --export-marts <workdir>/<engine>_marts``. PostgreSQL uses a throwaway server on 127.0.0.1 unless
   INDEX_PG_HOST is set; Spark a local session under ``<workdir>/spark``. The builds run at the same
   time (``--sequential`` one after another): each is mostly one Python process (dbt) waiting on its
   engine, so on two cores the three together take little more than the slowest (Spark) alone; peak
   memory is about the sum of the three (Spark's driver is given 3 GB).
3. Compares every mart with DuckDB's, the analysis marts (rank uncertainty, sensitivity, statistical
   neighbours, lens context) included: every model is SQL, so every engine builds every mart
   (scripts/council_index/engines/compare.py: keys equal, numbers within 1e-9 relative), and prints a
   table of marts, rows and differences, and each engine's build time.

``--reference-db WAREHOUSE`` takes DuckDB's marts from a DuckDB warehouse already built from the same demo
files (``make test``'s dbt-test warehouse: CI passes it) instead of building DuckDB again: every file of
its ``raw.load_log`` must be in the raw folder with the same SHA-256, or the run stops. Of ``--vars`` it
takes only ``{analysis_enabled: false}``: the reference was built with the project's own vars, and other
vars change marts. Without the analysis models a build leaves the analysis marts out and the columns
marked ``meta: {from_analysis: true}`` null (rpt_league_table's rank interval), and every other mart and
column is what the full build gives, so the reference is compared as such a build gives it
(scripts/council_index/engines/compare.py, ``without_analysis``): CI's Spark comparison reuses make
test's warehouse this way.

``--build-only`` builds and exports, and ``--skip-build`` (with the same options) compares later: .ci/run
builds the engines while ``make test`` runs, each from a demo folder of its workdir, and compares them with
make test's warehouse once that is built (``--skip-build --reference-db``: the reference is checked against
the workdir's demo folder then). A build first removes its engine's exports of an earlier run.
Exit status: 0 when every engine built and every mart matches; 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from council_index import PROJECT_ROOT as ROOT
from council_index.engines.compare import (
    ANALYSIS_OFF,
    compare_mart,
    format_table,
    mart_keys_from_manifest,
    without_analysis,
)
from council_index.engines.marts import export_marts_duckdb, write_build_info
from council_index.errors import CommandError, command

ENGINES = ("duckdb", "postgres", "spark")
VENVS = {"duckdb": ".venv", "postgres": ".venv-postgres", "spark": ".venv-spark"}
PRINTING = threading.Lock()


def python_of(engine: str) -> Path:
    python = ROOT / VENVS[engine] / "bin" / "python"
    if not python.exists():
        raise CommandError(
            f"{python} not found: run `make venv-{engine}` (or `make compare-engines`) first"
            if engine != "duckdb"
            else f"{python} not found: run `make venv` first"
        )
    return python


def build(
    engine: str, workdir: Path, raw_dir: Path, extra_vars: str | None, selector: str | None = None
) -> tuple[bool, float]:
    env = dict(os.environ)
    env.update(
        {
            "DBT_PROFILES_DIR": str(ROOT),
            "DBT_TARGET_PATH": str(workdir / f"target_{engine}"),
            "DBT_LOG_PATH": str(workdir / f"logs_{engine}"),
            "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
            "INDEX_SPARK_DIR": str(workdir / "spark"),
            "INDEX_TARGET": engine,
            "INDEX_PG_THROWAWAY": "1",  # only the exported marts are compared: no local cluster is kept
            "INDEX_SPARK_THROWAWAY": "1",  # nor a Hive metastore (engines/spark.py: in-memory catalog)
        }
    )
    if engine == "spark":  # a fresh metastore and warehouse each time
        shutil.rmtree(workdir / "spark", ignore_errors=True)
    # no exports of an earlier run left to compare (a later --skip-build) when this build fails before exporting
    shutil.rmtree(workdir / f"{engine}_marts", ignore_errors=True)
    command = [
        str(python_of(engine)),
        "-m",
        "council_index.build",
        "--target",
        engine,
        "--db",
        str(workdir / f"{engine}.duckdb"),
        "--raw-dir",
        str(raw_dir),
        "--export-marts",
        str(workdir / f"{engine}_marts"),
        *(["--vars", extra_vars] if extra_vars else []),
        *(["--selector", selector] if selector else []),
        "--no-outputs",
    ]
    log = workdir / f"build_{engine}.log"
    print(f"== {engine}: building the demo (log: {log})", flush=True)
    started = time.perf_counter()
    with log.open("w") as handle:
        result = subprocess.run(command, cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT)
    seconds = time.perf_counter() - started
    tail = log.read_text(errors="replace").splitlines()[-12:]
    with PRINTING:  # concurrent builds: one engine's lines together
        print("\n".join("   " + line for line in tail), flush=True)
        print(
            f"== {engine}: {'built' if result.returncode == 0 else f'FAILED (exit {result.returncode})'} "
            f"in {seconds:.1f} s",
            flush=True,
        )
    return result.returncode == 0, seconds


def build_all(
    engines: list[str],
    workdir: Path,
    raw_dir: Path,
    extra_vars: str | None,
    concurrent: bool,
    selector: str | None = None,
) -> dict:
    """engine -> (built, seconds): the builds one after another, or all at once (one thread each,
    waiting on its engine's build process)."""
    if not concurrent:
        return {engine: build(engine, workdir, raw_dir, extra_vars, selector) for engine in engines}
    with ThreadPoolExecutor(max_workers=len(engines)) as pool:
        futures = {engine: pool.submit(build, engine, workdir, raw_dir, extra_vars, selector) for engine in engines}
        return {engine: future.result() for engine, future in futures.items()}


def reuse_reference(db: Path, raw_dir: Path, out_dir: Path) -> None:
    """DuckDB's marts from ``db`` (built from ``raw_dir``) into ``out_dir``, as a DuckDB build of the
    comparison would export them; stops when the warehouse was built from other files."""
    import duckdb

    from council_index.pipeline.loader import sha256_of

    if not db.is_file():
        raise CommandError(f"--reference-db {db}: no such warehouse (run make dbt-test first)")
    con = duckdb.connect(str(db), read_only=True)
    try:
        landed = con.execute(
            "select distinct file, file_sha256 from raw.load_log where file_sha256 is not null"
        ).fetchall()
    finally:
        con.close()
    if not landed:
        raise CommandError(f"--reference-db {db}: raw.load_log lists no landed file")
    differ = [file for file, sha in landed if not (raw_dir / file).is_file() or sha256_of(raw_dir / file) != sha]
    if differ:
        raise CommandError(
            f"--reference-db {db} was not built from {raw_dir}: {len(differ)} of its {len(landed)} landed "
            f"file(s) are missing there or differ, e.g. {', '.join(sorted(differ)[:3])}"
        )
    export_marts_duckdb(db, out_dir)
    write_build_info(out_dir, {"target": "duckdb", "demo": True, "reused": str(db), "seconds": {"total": None}})
    print(f"== duckdb: reusing {db} (built from the same {len(landed)} files), not building it again", flush=True)


def load_marts(folder: Path) -> dict:
    import pandas as pd

    if not folder.is_dir():
        return {}
    return {path.stem: pd.read_parquet(path) for path in sorted(folder.glob("*.parquet"))}


def report_failed(failed: list[str], workdir: Path) -> None:
    """The line naming the engines whose build failed, after a build step or a comparison."""
    print(f"\nFAILED: the build failed on {', '.join(failed)} (see {workdir}/build_<engine>.log)")


def parse_vars(text: str) -> object:
    """dbt's --vars (a YAML mapping), parsed; the text itself when it is not YAML."""
    import yaml

    try:
        return yaml.safe_load(text)
    except yaml.YAMLError:
        return text


@command
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workdir", default="data/compare", help="folder for the demo files, builds and exports")
    parser.add_argument(
        "--engines",
        default=",".join(ENGINES),
        help="comma-separated engines, the first is the reference (default duckdb,postgres,spark)",
    )
    step = parser.add_mutually_exclusive_group()
    step.add_argument("--skip-build", action="store_true", help="compare the exports of an earlier run only")
    step.add_argument(
        "--build-only",
        action="store_true",
        help="build and export only; a later run with --skip-build compares (so .ci/run builds the engines while "
        "make test runs, and compares with its warehouse once it is there)",
    )
    parser.add_argument(
        "--raw-dir",
        help="an existing demo raw folder (written by index-demo; it must hold DEMO_DATA.md) to build "
        "instead of writing the demo again into <workdir>/demo_raw",
    )
    parser.add_argument(
        "--sequential", action="store_true", help="build the engines one after another (default: all at once)"
    )
    parser.add_argument(
        "--vars",
        help="dbt --vars for every engine (default none: the project's own vars, so every mart, the "
        "analysis marts included, is built and compared on every engine)",
    )
    parser.add_argument(
        "--selector",
        help="a dbt YAML selector (selectors.yml) every engine builds, instead of every node: engine_port_check "
        "builds every model but runs only the marts' and seeds' generic tests and the singular tests (.ci/run's "
        "Spark comparison); every mart is compared either way",
    )
    parser.add_argument(
        "--reference-db",
        help="a DuckDB warehouse already built from the same demo files (make test's data/test/demo.duckdb): "
        "its marts are DuckDB's, and DuckDB is not built again",
    )
    args = parser.parse_args(argv)
    engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    unknown = sorted(set(engines) - set(ENGINES))
    if unknown or len(engines) < 2:
        parser.error(f"give at least two of {', '.join(ENGINES)} (unknown: {', '.join(unknown) or 'none'})")
    if args.reference_db and engines[0] != "duckdb":
        parser.error("--reference-db needs duckdb as the first (reference) engine")
    analysis_off = bool(args.vars) and parse_vars(args.vars) == ANALYSIS_OFF
    if args.reference_db and args.vars and not analysis_off:
        parser.error(
            "--reference-db cannot be given with --vars other than '{analysis_enabled: false}': the reference "
            "warehouse was built with the project's own vars, and other vars change marts (build DuckDB with the "
            "same vars instead)"
        )
    workdir = (ROOT / args.workdir).resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    raw_dir = Path(args.raw_dir).resolve() if args.raw_dir else workdir / "demo_raw"
    reference = (ROOT / args.reference_db).resolve() if args.reference_db else None

    built: dict[str, bool] = {}
    wall: dict[str, float | None] = {}
    if not args.skip_build:
        if args.raw_dir:
            if not (raw_dir / "DEMO_DATA.md").is_file():
                raise CommandError(f"--raw-dir {raw_dir}: not a demo raw folder (no DEMO_DATA.md)")
            print(f"DEMO DATA: building the synthetic demo dataset (fictional councils) in {raw_dir}", flush=True)
        else:
            print(f"DEMO DATA: writing the synthetic demo dataset (fictional councils) to {raw_dir}", flush=True)
            subprocess.run(
                [str(python_of("duckdb")), "-m", "council_index.demo.generate", "--out", str(raw_dir)],
                cwd=ROOT,
                check=True,
                stdout=subprocess.DEVNULL,
            )
        for engine in engines:
            python_of(engine)  # a missing environment stops the run before any build starts
        to_build = engines
        if args.reference_db:
            if not args.build_only:  # with --build-only the reference is read by the later --skip-build run
                reuse_reference(reference, raw_dir, workdir / "duckdb_marts")
            built["duckdb"], wall["duckdb"], to_build = True, None, engines[1:]
        started = time.perf_counter()
        for engine, (ok, seconds) in build_all(
            to_build, workdir, raw_dir, args.vars, not args.sequential, args.selector
        ).items():
            built[engine], wall[engine] = ok, seconds
        how = "one after another" if args.sequential else "at the same time"
        print(f"== every build done in {time.perf_counter() - started:.1f} s ({how})", flush=True)
        if args.build_only:
            failed = [e for e in to_build if not built[e]]
            if failed:
                report_failed(failed, workdir)
                return 1
            print(f"\nbuilt on {', '.join(to_build)}: compare with the same options and --skip-build")
            return 0
    else:
        if args.reference_db:  # the engines were built earlier (--build-only) from the demo folder of this workdir
            if not (raw_dir / "DEMO_DATA.md").is_file():
                raise CommandError(
                    f"--skip-build --reference-db: no demo raw folder {raw_dir} to check the reference by"
                )
            reuse_reference(reference, raw_dir, workdir / "duckdb_marts")
        for engine in engines:
            info = workdir / f"{engine}_marts" / "_build.json"
            built[engine] = info.exists()
            wall[engine] = json.loads(info.read_text())["seconds"].get("total") if info.exists() else None

    frames = {engine: load_marts(workdir / f"{engine}_marts") for engine in engines}  # exported even on failure
    # the reference (--reference-db) was not built here: an old target_duckdb of this folder says nothing of it
    manifests = [
        workdir / f"target_{e}" / "manifest.json" for e in engines if not (args.reference_db and e == "duckdb")
    ]
    manifest = next((m for m in manifests if m.exists()), None)  # one project: the same keys on every engine
    keys = mart_keys_from_manifest(manifest) if manifest else {}
    if args.reference_db and analysis_off and manifest:
        # the engines were built without the analysis models: the reference's analysis marts are left out and
        # its from_analysis columns taken as null, as a DuckDB build with the same vars gives them
        frames["duckdb"] = without_analysis(frames["duckdb"], manifest)
        print("== duckdb: the reference's marts as a build without the analysis models gives them", flush=True)
    marts = sorted(set().union(*(set(f) for f in frames.values())))
    results = [compare_mart(m, {e: frames[e].get(m) for e in engines}, keys.get(m)) for m in marts]

    print()
    print(format_table(results, engines, wall))
    failed = [e for e in engines if not built[e]]
    differing = [r for r in results if r.differences]
    for r in differing:
        print(f"\n{r.mart} (key: {', '.join(r.keys)}): {r.differences} difference(s), e.g.")
        for example in r.examples:
            print(f"  - {example}")
    if failed:
        report_failed(failed, workdir)
    if not marts:
        print("\nFAILED: no marts to compare")
    if failed or differing or not marts:
        return 1
    print(f"\nOK: {len(marts)} marts identical on {', '.join(engines)} (keys equal, numbers within 1e-9 relative)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
