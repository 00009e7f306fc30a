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

Then the **loop figures**, what a developer waits for (``--loop``, default ``test,lint,run``; ``none``
skips them), each timed as a whole command with its CPU time (user + system of every process it ran,
so a busy machine's wait shows as wall time above CPU time):
``make test`` (the demo: dbt-test, pytest, lint), ``make lint`` cold (``LINT_FLAGS=--no-cache``: every
file linted) and warm (the cache of the run before), and ``make run`` on the real files: a first run
into a new warehouse with a new dbt target folder (every file landed, a full parse of the project),
then ``--run-repeats`` (default 5) runs in a row with nothing changed (the warehouse is up to date:
council_index/uptodate.py, nothing is built again), with their median, and one ``FORCE=1`` run that
builds again on the same files (every raw table reused, dbt's partial parse kept).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
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
    peak_kb, cpu = 0, None
    for line in reversed(log.read_text(encoding="utf-8", errors="replace").splitlines()):
        if line.startswith("BENCH_PEAK_KB "):
            peak_kb = int(line.split()[1])
            cpu = float(line.split()[3]) if len(line.split()) > 3 else None
            break
    return {"seconds": seconds, "peak_mb": peak_kb / 1024, "cpu_seconds": cpu, "code": result.returncode}


def child(command: list[str]) -> int:
    code = subprocess.call(command, cwd=ROOT)
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(f"BENCH_PEAK_KB {usage.ru_maxrss} BENCH_CPU_S {usage.ru_utime + usage.ru_stime:.2f}", flush=True)
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
    cpu = f" (CPU {result['cpu_seconds']:.1f} s)" if result.get("cpu_seconds") is not None else ""
    return f"{result['seconds']:.1f} s{cpu} / {result['peak_mb']:.0f} MB{flag}"


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


LOOP_STEPS = ("test", "lint", "run")


def bench_loop(steps: set[str], raw_dir: Path, work: Path, repeats: int) -> list[dict]:
    """The developer's loop: make test, make lint cold and warm, make run on the real files (first, then repeated)."""
    log = work / "loop.log"
    log.write_text("benchmark: the loop\n", encoding="utf-8")
    env = dict(os.environ, DBT_SEND_ANONYMOUS_USAGE_STATS="false")
    # `make bench RAW_DIR=...` hands its variables to sub-makes in MAKEFLAGS: the loop's make test is the demo's
    for name in (
        "INDEX_DB_PATH",
        "DBT_TARGET_PATH",
        "DBT_LOG_PATH",
        "RAW_DIR",
        "INDEX_RAW_DIR",
        "MAKEFLAGS",
        "MFLAGS",
        "MAKELEVEL",
    ):
        env.pop(name, None)
    make = ["make", "--no-print-directory"]
    runs: list[dict] = []

    def step(name: str, command: list[str], step_env: dict | None = None) -> dict:
        load = os.getloadavg()[0]
        result = measure(command, step_env or env, log)
        result.update(name=name, load_average=[round(load, 1), round(os.getloadavg()[0], 1)])
        cpu = f"{result['cpu_seconds']:.1f}" if result["cpu_seconds"] is not None else "?"
        print(f"  loop   {name:<28} {result['seconds']:8.1f} s  CPU {cpu:>7} s  exit {result['code']}", flush=True)
        runs.append(result)
        return result

    if "test" in steps:
        step("make test (demo)", [*make, "test"])
    if "lint" in steps:
        step("make lint (cold: no cache)", [*make, "lint", "LINT_FLAGS=--no-cache"])
        step("make lint (warm)", [*make, "lint"])
    if "run" in steps:
        if not raw_dir.is_dir():
            print(f"  real data folder {raw_dir} not found: make run not timed")
            return runs
        db = work / "loop_real.duckdb"
        for stale in work.glob("loop_real*"):
            shutil.rmtree(stale) if stale.is_dir() else stale.unlink()
        run_env = dict(env, DBT_TARGET_PATH=str(work / "loop_target"), DBT_LOG_PATH=str(work / "loop_logs"))
        shutil.rmtree(work / "loop_target", ignore_errors=True)
        command = [*make, "run", f"RAW_DIR={raw_dir}", f"DB={db}"]
        step("make run real (first)", command, run_env)
        for number in range(1, repeats + 1):
            step(f"make run real (again, {number} of {repeats})", command, run_env)
        step("make run real (FORCE=1: built again)", [*command, "FORCE=1"], run_env)
    return runs


def loop_table(runs: list[dict]) -> str:
    lines = ["| step | wall (s) | CPU (s) | peak MB | exit | load avg (start/end) |", "|---|---|---|---|---|---|"]
    for run in runs:
        cpu = f"{run['cpu_seconds']:.1f}" if run["cpu_seconds"] is not None else "-"
        load = "/".join(str(x) for x in run["load_average"])
        lines.append(
            f"| {run['name']} | {run['seconds']:.1f} | {cpu} | {run['peak_mb']:.0f} | {run['code']} | {load} |"
        )
    again = sorted(r["seconds"] for r in runs if r["name"].startswith("make run real (again"))
    if again:
        lines.append(
            f"\nmake run on the real files, again with nothing changed: median {statistics.median(again):.1f} s "
            f"of {len(again)} runs"
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
    parser.add_argument(
        "--loop",
        default=",".join(LOOP_STEPS),
        help="loop figures to time: test, lint, run (comma-separated; 'none' for none; default all)",
    )
    parser.add_argument("--run-repeats", type=int, default=5, help="make run repeats after the first (median)")
    args = parser.parse_args(argv)
    loop = {s.strip() for s in args.loop.split(",") if s.strip() and s.strip() != "none"}
    if loop - set(LOOP_STEPS):
        parser.error(f"unknown --loop steps {sorted(loop - set(LOOP_STEPS))}")
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
    loop_runs = []
    if loop:
        print("benchmark: the loop", flush=True)
        loop_runs = bench_loop(loop, Path(args.raw_dir).resolve(), work, args.run_repeats)
        (work / "bench.json").write_text(json.dumps({"sizes": runs, "loop": loop_runs}, indent=2), encoding="utf-8")
    print()
    print(
        f"benchmark on {os.cpu_count()} cores (wall seconds (CPU seconds: user + system) / peak resident MB of each "
        f"phase; logs in {work})" + (f"; dbt --vars {args.dbt_vars}" if args.dbt_vars else "")
    )
    print(table(runs))
    print()
    print("growth between demo sizes:")
    print(growth(runs) or "- (needs two demo sizes)")
    if loop_runs:
        print()
        print("the loop (whole commands; CPU = user + system time of every process they ran):")
        print(loop_table(loop_runs))
    failed = [(r["name"], p) for r in runs for p, v in r["phases"].items() if isinstance(v, dict) and v["code"]]
    failed += [("loop", r["name"]) for r in loop_runs if r["code"]]
    if failed:
        print("\nphases that failed (see the logs): " + ", ".join(f"{n}/{p}" for n, p in failed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
