"""Benchmark (``make bench``): time and peak memory of each phase, on data of several sizes.

    index-bench                              # demo, real (../shared/data), demo x10
    index-bench --sizes demo,x10 --raw-dir ../shared/data --work data/bench

Phases: venv check (``make venv``: nothing to do on a warm environment), generate (demo sizes only:
``index-demo --scale N``), load (``index-load``), dbt build (every seed and
model, no tests), tests (``dbt test``: the data tests; the unit tests, which a data build skips,
run in ``make test``), export (``index-export``) and report (``index-report``); a phase
whose script does not exist yet is skipped and said so. Each phase runs as a child of a small
wrapper process that reports the child's peak resident memory
(``resource.getrusage(RUSAGE_CHILDREN).ru_maxrss``), so each figure is that phase's own peak.
Everything is written under ``--work`` (default ``data/bench``, git-ignored); the warehouse of
each size is its own file there. It prints one table (seconds, peak MB, rows landed, status) and
the growth factor of each phase between successive demo sizes (x10 is 10 times the authorities
of the demo: linear growth is a factor of 10), with the machine's one-minute load average when
each size started and ended (other work on the machine slows every phase). It is a measurement,
not a test: a failing phase is reported in the table and the benchmark goes on.

``--dbt-vars`` (``make bench BENCH_VARS=...``) passes dbt vars to the build and the tests of every
size. The sizes stop at x10 (1,500 councils, ten times England's): the project serves about 150
councils per edition, and 100x served no real question.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

from council_index import PROJECT_ROOT as ROOT
from council_index.errors import command

PYTHON = Path(sys.executable)
DBT = PYTHON.with_name("dbt")
PHASES = ("venv check", "generate", "load", "dbt build", "tests", "export", "report")


def measure(command: list[str], env: dict, log: Path) -> dict:
    """Run ``command`` through the wrapper (this script with --child); seconds, peak MB, exit code."""
    started = time.perf_counter()
    with log.open("a", encoding="utf-8") as handle:
        handle.write(f"\n$ {' '.join(command)}\n")
        handle.flush()
        result = subprocess.run(
            [str(PYTHON), __file__, "--child", "--", *command],
            cwd=ROOT,
            env=env,
            stdout=handle,
            stderr=subprocess.STDOUT,
        )
    seconds = time.perf_counter() - started
    peak_kb = 0
    for line in reversed(log.read_text(encoding="utf-8", errors="replace").splitlines()):
        if line.startswith("BENCH_PEAK_KB "):
            peak_kb = int(line.split()[1])
            break
    return {"seconds": seconds, "peak_mb": peak_kb / 1024, "code": result.returncode}


def child(command: list[str]) -> int:
    code = subprocess.call(command, cwd=ROOT)
    print(f"BENCH_PEAK_KB {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}", flush=True)
    return code


def rows_landed(db: Path) -> int | None:
    try:
        import duckdb

        con = duckdb.connect(str(db), read_only=True)
        try:
            return con.execute("select sum(rows) from raw.load_log").fetchone()[0]
        finally:
            con.close()
    except Exception:  # the load failed: no warehouse or no log
        return None


def bench_size(
    name: str, raw_dir: Path | None, scale: int | None, work: Path, skip: set[str], dbt_vars: str | None = None
) -> dict:
    db = work / f"{name}.duckdb"
    log = work / f"{name}.log"
    log.write_text(f"benchmark {name}\n", encoding="utf-8")
    for stale in (db, db.with_name(db.name + ".wal")):
        stale.unlink(missing_ok=True)
    env = dict(
        os.environ,
        INDEX_DB_PATH=str(db),
        DBT_PROFILES_DIR=str(ROOT),
        DBT_TARGET_PATH=str(work / "target"),
        DBT_LOG_PATH=str(work / "logs"),
        DBT_SEND_ANONYMOUS_USAGE_STATS="false",
    )
    results: dict[str, dict | str] = {}
    load_before = os.getloadavg()[0]
    vars_args = ["--vars", dbt_vars] if dbt_vars else []
    if scale is not None:
        raw_dir = work / f"{name}_raw"
    steps = {
        "venv check": ["make", "--no-print-directory", "venv"],
        "generate": [str(PYTHON), "-m", "council_index.demo.generate", "--out", str(raw_dir), "--scale", str(scale)]
        if scale is not None
        else None,
        "load": [str(PYTHON), "-m", "council_index.pipeline.loader", "--raw-dir", str(raw_dir), "--db", str(db)],
        "dbt build": [
            str(DBT),
            "build",
            "--exclude-resource-type",
            "test",
            "--exclude-resource-type",
            "unit_test",
            *vars_args,
        ],
        # data tests, as a data build runs them (unit tests check the SQL on fixed inputs: make test)
        "tests": [str(DBT), "test", "--exclude-resource-type", "unit_test", *vars_args],
        "export": [str(PYTHON), "-m", "council_index.export", "--db", str(db), "--out", str(work / f"{name}_exports")],
        "report": [
            str(PYTHON),
            "-m",
            "council_index.report",
            "--db",
            str(db),
            "--out",
            str(work / f"{name}_report.html"),
        ],
    }
    for phase in PHASES:
        step = steps[phase]
        if step is None:
            results[phase] = "n/a"
        elif phase in skip:
            results[phase] = "skipped (--skip)"
        elif isinstance(step, str):
            results[phase] = step
        else:
            results[phase] = measure(step, env, log)
            print(
                f"  {name:<6} {phase:<10} {results[phase]['seconds']:8.1f} s {results[phase]['peak_mb']:8.0f} MB"
                f"  exit {results[phase]['code']}",
                flush=True,
            )
    return {
        "name": name,
        "scale": scale,
        "rows": rows_landed(db),
        "phases": results,
        "log": str(log),
        "load_average": [round(load_before, 1), round(os.getloadavg()[0], 1)],
        "dbt_vars": dbt_vars,
    }


def fmt_cell(result) -> str:
    if isinstance(result, str):
        return "n/a" if result == "n/a" else "skip"
    flag = "" if result["code"] == 0 else " (fail)"
    return f"{result['seconds']:.1f} s / {result['peak_mb']:.0f} MB{flag}"


def table(runs: list[dict]) -> str:
    header = ["size", "rows landed", *PHASES, "total (s)", "load avg (start/end)"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for run in runs:
        timed = [r for r in run["phases"].values() if isinstance(r, dict)]
        total = sum(r["seconds"] for r in timed)
        rows = f"{run['rows']:,}" if run["rows"] is not None else "-"
        load = "/".join(str(x) for x in run.get("load_average", [])) or "-"
        lines.append(
            "| "
            + " | ".join([run["name"], rows, *(fmt_cell(run["phases"][p]) for p in PHASES), f"{total:.1f}", load])
            + " |"
        )
    return "\n".join(lines)


def growth(runs: list[dict]) -> str:
    demos = sorted((r for r in runs if r["scale"]), key=lambda r: r["scale"])
    lines = []
    for small, large in zip(demos, demos[1:]):
        parts = []
        for phase in ("generate", "load", "dbt build", "tests", "export", "report"):
            a, b = small["phases"].get(phase), large["phases"].get(phase)
            if isinstance(a, dict) and isinstance(b, dict) and a["seconds"] > 0:
                parts.append(f"{phase} x{b['seconds'] / a['seconds']:.1f}")
        rows = f"rows x{large['rows'] / small['rows']:.1f}; " if small["rows"] and large["rows"] else ""
        lines.append(
            f"- {small['name']} -> {large['name']} ({large['scale'] // small['scale']}x the authorities): "
            + rows
            + ", ".join(parts)
        )
    return "\n".join(lines)


@command
def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child"]:
        return child(argv[2:] if argv[1:2] == ["--"] else argv[1:])
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        default="demo,real,x10",
        help="comma-separated: demo, real, xN (demo scaled N times); default demo,real,x10",
    )
    parser.add_argument(
        "--raw-dir",
        default=os.environ.get("INDEX_RAW_DIR") or str(ROOT.parent / "shared" / "data"),
        help="real raw files for the 'real' size (default ../shared/data)",
    )
    parser.add_argument("--work", default="data/bench", help="folder for the warehouses, logs and scaled demo files")
    parser.add_argument("--skip", default="", help="comma-separated phases not to run (e.g. tests,report)")
    parser.add_argument(
        "--dbt-vars",
        default=None,
        help="dbt --vars for the build and tests of every size, e.g. '{uncertainty_draws: 100}'",
    )
    args = parser.parse_args(argv)
    work = (ROOT / args.work).resolve()
    work.mkdir(parents=True, exist_ok=True)
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    runs = []
    for size in [s.strip() for s in args.sizes.split(",") if s.strip()]:
        print(f"benchmark: {size}", flush=True)
        if size == "real":
            raw = Path(args.raw_dir)
            if not raw.is_dir():
                print(f"  real data folder {raw} not found: skipped")
                continue
            runs.append(bench_size("real", raw.resolve(), None, work, skip, args.dbt_vars))
        elif size == "demo":
            runs.append(bench_size("demo", None, 1, work, skip, args.dbt_vars))
        elif size.startswith("x") and size[1:].isdigit():
            runs.append(bench_size(size, None, int(size[1:]), work, skip, args.dbt_vars))
        else:
            parser.error(f"unknown size {size!r}")
        (work / "bench.json").write_text(json.dumps(runs, indent=2), encoding="utf-8")
    print()
    print(
        f"benchmark on {os.cpu_count()} cores (seconds / peak resident MB of each phase; logs in {work})"
        + (f"; dbt --vars {args.dbt_vars}" if args.dbt_vars else "")
    )
    print(table(runs))
    print()
    print("growth between demo sizes:")
    print(growth(runs) or "- (needs two demo sizes)")
    failed = [(r["name"], p) for r in runs for p, v in r["phases"].items() if isinstance(v, dict) and v["code"]]
    if failed:
        print("\nphases that failed (see the logs): " + ", ".join(f"{n}/{p}" for n, p in failed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
