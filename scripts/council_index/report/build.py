"""Command line of the report: read the warehouse, draw the charts, write one HTML file atomically."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from council_index import PROJECT_ROOT as ROOT
from council_index.errors import command

from . import charts, page
from . import data as report_data
from .progress import Progress


def build_report(db_path: Path | str, out_path: Path | str, demo: bool | None = None, stream=None) -> dict:
    """Write the report of db_path to out_path; return a summary (path, bytes, seconds, councils, demo)."""
    started = time.perf_counter()
    out_path = Path(out_path)
    data = report_data.load(db_path, demo=demo)
    total = charts.chart_count(data) + len(data.lens_ids) + 3
    with Progress(total, "report", stream=stream) as bar:
        bar.step("read the marts")
        figures = charts.all_figures(data, progress=bar.step)
        text = page.render(data, figures, progress=bar.step)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    temporary = out_path.with_name(f".{out_path.name}.tmp-{os.getpid()}")
    try:
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, out_path)
    finally:
        temporary.unlink(missing_ok=True)
    return {
        "path": out_path,
        "bytes": out_path.stat().st_size,
        "seconds": time.perf_counter() - started,
        "councils_ranked": len(data.league()),
        "edition": data.edition,
        "demo": data.is_demo,
    }


@command
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write the league-table report (one self-contained HTML file).")
    parser.add_argument("--db", default=os.environ.get("INDEX_DB_PATH", "data/warehouse.duckdb"))
    parser.add_argument("--out", default=os.environ.get("INDEX_REPORT_PATH", "reports/index.html"))
    demo = parser.add_mutually_exclusive_group()
    demo.add_argument("--demo", dest="demo", action="store_true", default=None, help="label as demo data")
    demo.add_argument("--real", dest="demo", action="store_false", help="do not label as demo data")
    args = parser.parse_args(argv)
    db_path = Path(args.db) if Path(args.db).is_absolute() else ROOT / args.db
    out_path = Path(args.out) if Path(args.out).is_absolute() else ROOT / args.out
    try:
        summary = build_report(db_path, out_path, demo=args.demo)
    except report_data.MissingMarts as exc:
        print(f"report not written: {exc}", file=sys.stderr)
        return 2
    print(
        f"report: {summary['path']} ({summary['bytes'] / 1024 / 1024:.1f} MiB, {summary['councils_ranked']} councils "
        f"ranked in the {summary['edition']} edition{', DEMO DATA' if summary['demo'] else ''}) "
        f"in {summary['seconds']:.1f} s"
    )
    return 0
