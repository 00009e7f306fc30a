"""Export every table of schema ``marts`` to Parquet and CSV for BI tools, with a data dictionary.

    index-export --db data/warehouse.duckdb --out exports

For each mart ``<name>`` it writes ``<out>/<name>.parquet`` (zstd) and ``<out>/<name>.csv`` (header,
comma-separated, empty = null), rows ordered by the mart's key (its ``unique_combination_of_columns``
test or ``unique`` column in the models' yml; all columns when it has none), so the same warehouse
always gives byte-identical files (no timestamps are written). ``<out>/README.md`` is the data
dictionary: each mart's and column's description, rendered from the yml and doc blocks that also
feed the dbt docs site, with the column types of the warehouse.

Everything is written into a temporary folder beside ``<out>`` which then replaces ``<out>`` (two
renames on one file system), so readers never see a half-written export. The warehouse is opened
read-only.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from council_index import PROJECT_ROOT as ROOT
from council_index import yaml_files
from council_index.errors import CommandError, command

MARTS_DIR = ROOT / "models" / "marts"
DOCS_DIRS = (ROOT / "models", ROOT / "docs")
SCHEMA = "marts"

DOC_BLOCK = re.compile(r"{%-?\s*docs\s+(\w+)\s*-?%}(.*?){%-?\s*enddocs\s*-?%}", re.S)
DOC_CALL = re.compile(r"{{\s*doc\(\s*['\"](\w+)['\"]\s*\)\s*}}")


@dataclass
class MartSpec:
    name: str
    description: str = ""
    columns: dict[str, str] = field(default_factory=dict)  # column -> description
    key: list[str] = field(default_factory=list)


def read_doc_blocks(dirs=DOCS_DIRS) -> dict[str, str]:
    blocks: dict[str, str] = {}
    for folder in dirs:
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*.md")):
            for name, body in DOC_BLOCK.findall(path.read_text(encoding="utf-8")):
                blocks[name] = body.strip()
    return blocks


def render_description(text: str | None, blocks: dict[str, str]) -> str:
    """A yml description with its ``{{ doc('name') }}`` calls replaced by the doc block text."""
    return DOC_CALL.sub(
        lambda match: blocks.get(match.group(1), f"(doc {match.group(1)} not found)"), text or ""
    ).strip()


def _test_name_and_args(test) -> tuple[str, dict]:
    if isinstance(test, str):
        return test, {}
    name, config = next(iter(test.items()))
    config = config or {}
    return name, {**config, **(config.get("arguments") or {})}


def read_mart_specs(marts_dir: Path = MARTS_DIR, blocks: dict[str, str] | None = None) -> dict[str, MartSpec]:
    """Mart name -> description, column descriptions and key, from the yml under models/marts."""
    blocks = read_doc_blocks() if blocks is None else blocks
    specs: dict[str, MartSpec] = {}
    for path in sorted(marts_dir.rglob("*.yml")):
        for model in (yaml_files.safe_load(path.read_text(encoding="utf-8")) or {}).get("models", []) or []:
            spec = MartSpec(model["name"], render_description(model.get("description"), blocks))
            for test in model.get("data_tests", model.get("tests", [])) or []:
                name, args = _test_name_and_args(test)
                if name.endswith("unique_combination_of_columns") and not spec.key:
                    spec.key = list(args.get("combination_of_columns") or [])
            for column in model.get("columns", []) or []:
                spec.columns[column["name"]] = render_description(column.get("description"), blocks)
                tests = column.get("data_tests", column.get("tests", [])) or []
                if not spec.key and any(_test_name_and_args(t)[0] == "unique" for t in tests):
                    spec.key = [column["name"]]
            specs[spec.name] = spec
    return specs


def quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def sql_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def mart_tables(con) -> list[str]:
    rows = con.execute(
        "select table_name from information_schema.tables where table_schema = ? and table_type = 'BASE TABLE' "
        "order by table_name",
        [SCHEMA],
    ).fetchall()
    return [row[0] for row in rows]


def table_columns(con, table: str) -> list[tuple[str, str]]:
    return con.execute(
        "select column_name, data_type from information_schema.columns where table_schema = ? and table_name = ? "
        "order by ordinal_position",
        [SCHEMA, table],
    ).fetchall()


def order_by(columns: list[str], key: list[str]) -> str:
    """Key columns first, then every other column, so the order is total even without a key."""
    ordered = [c for c in key if c in columns] + [c for c in columns if c not in key]
    return ", ".join(f"{quote(c)} nulls last" for c in ordered)


def _one_line(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


DATA_KIND_FILE = "DATA_KIND.txt"
DATA_KINDS = {
    "demo": "DEMO: synthetic data about fictional councils, written by the demo generator. Never quote its numbers.",
    "real": "REAL: the index built from the public files in the raw folder (see raw.load_log for each file).",
}


def data_kind(con) -> str:
    """'demo' when the warehouse was loaded from the demo generator's folder (its marker file is in
    raw.load_log), else 'real'."""
    try:
        found = con.execute("select count(*) from raw.load_log where file = 'DEMO_DATA.md'").fetchone()[0]
    except Exception:  # a warehouse without a load log (a hand-made fixture) is not the demo's
        return "real"
    return "demo" if found else "real"


def data_dictionary(tables: dict[str, list[tuple[str, str]]], specs: dict[str, MartSpec], kind: str = "real") -> str:
    lines = [
        "# BI exports: data dictionary",
        "",
        f"**{DATA_KINDS[kind]}** (also in `{DATA_KIND_FILE}`)",
        "",
        "Generated by `scripts/council_index/export.py` (`make export`, also run by `make run` after a successful build)",
        "from the descriptions of the dbt models (the same yml and doc blocks as the dbt docs site, `make docs`)",
        "and the column types of the warehouse. Do not edit by hand.",
        "",
        "Every table of schema `marts` is written twice, ordered by its key:",
        "",
        "- `<mart>.parquet`: typed columns (zstd); read it with DuckDB, pandas, Power BI, Tableau, Evidence ...",
        "- `<mart>.csv`: comma-separated, header row, UTF-8, empty field = null, booleans `true`/`false`.",
        "",
        "A demo build (`make run` without `RAW_DIR`) exports **synthetic data about fictional councils**",
        '(codes such as `E06900001`): never quote its numbers. See the README section "Reading the index',
        'from BI tools" for connecting Power BI, Tableau, Metabase or Evidence.',
        "",
        "| mart | key | columns |",
        "|---|---|---|",
    ]
    for table, columns in tables.items():
        spec = specs.get(table, MartSpec(table))
        key = ", ".join(f"`{c}`" for c in spec.key) or "(all columns)"
        lines.append(f"| [`{table}`](#{table}) | {key} | {len(columns)} |")
    for table, columns in tables.items():
        spec = specs.get(table, MartSpec(table))
        lines += [
            "",
            f"## {table}",
            "",
            spec.description or "(no description)",
            "",
            f"Files: `{table}.parquet`, `{table}.csv`. Key: "
            + (", ".join(f"`{c}`" for c in spec.key) or "none (ordered by all columns)")
            + ".",
            "",
            "| column | type | description |",
            "|---|---|---|",
        ]
        for name, data_type in columns:
            lines.append(f"| `{name}` | {data_type.lower()} | {_one_line(spec.columns.get(name, ''))} |")
    return "\n".join(lines) + "\n"


def _process_alive(pid: str) -> bool:
    try:
        os.kill(int(pid), 0)
    except (ValueError, ProcessLookupError):
        return False
    except PermissionError:
        return True
    return True


def _swap_in(staging: Path, out_dir: Path) -> None:
    """Replace out_dir by staging: two renames on one file system, the old copy removed after."""
    old = out_dir.with_name(f".{out_dir.name}.old-{os.getpid()}")
    if out_dir.exists():
        os.replace(out_dir, old)
    try:
        os.replace(staging, out_dir)
    except BaseException:
        if old.exists() and not out_dir.exists():
            os.replace(old, out_dir)
        raise
    shutil.rmtree(old, ignore_errors=True)


def export(db_path: Path | str, out_dir: Path | str, progress=print) -> list[dict]:
    """Write every mart of db_path into out_dir; return one summary dict per mart."""
    import duckdb

    db_path, out_dir = Path(db_path), Path(out_dir)
    if not db_path.exists():
        raise CommandError(f"warehouse {db_path} not found: run `make run` first")
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    for leftover in [*out_dir.parent.glob(f".{out_dir.name}.tmp-*"), *out_dir.parent.glob(f".{out_dir.name}.old-*")]:
        if not _process_alive(leftover.name.rsplit("-", 1)[-1]):  # left by a killed export, not a running one
            shutil.rmtree(leftover, ignore_errors=True)
    staging = out_dir.with_name(f".{out_dir.name}.tmp-{os.getpid()}")
    staging.mkdir()
    specs = read_mart_specs()
    summary: list[dict] = []
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        con.execute("set threads = 1")  # one writer thread: identical files from identical data
        tables = {table: table_columns(con, table) for table in mart_tables(con)}
        schema = f"{quote(con.execute('select current_database()').fetchone()[0])}.{SCHEMA}"
        if not tables:
            raise CommandError(f"no tables in schema {SCHEMA} of {db_path}: nothing to export")
        for number, (table, columns) in enumerate(tables.items(), start=1):
            started = time.perf_counter()
            spec = specs.get(table, MartSpec(table))
            query = f"select * from {schema}.{quote(table)} order by {order_by([c for c, _ in columns], spec.key)}"
            parquet, csv = staging / f"{table}.parquet", staging / f"{table}.csv"
            con.execute(f"copy ({query}) to {sql_literal(str(parquet))} (format parquet, compression zstd)")
            con.execute(f"copy ({query}) to {sql_literal(str(csv))} (format csv, header true)")
            rows = con.execute(f"select count(*) from {schema}.{quote(table)}").fetchone()[0]
            summary.append(
                {
                    "mart": table,
                    "rows": rows,
                    "parquet_bytes": parquet.stat().st_size,
                    "csv_bytes": csv.stat().st_size,
                    "seconds": time.perf_counter() - started,
                }
            )
            progress(
                f"  [{number:>2}/{len(tables)}] {table:<34} {rows:>9,} rows  "
                f"parquet {parquet.stat().st_size / 1024:>8.1f} KiB  csv {csv.stat().st_size / 1024:>8.1f} KiB"
            )
        kind = data_kind(con)
        (staging / "README.md").write_text(data_dictionary(tables, specs, kind), encoding="utf-8")
        (staging / DATA_KIND_FILE).write_text(f"{kind}\n{DATA_KINDS[kind]}\n", encoding="utf-8")
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        con.close()
    _swap_in(staging, out_dir)
    return summary


@command
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=os.environ.get("INDEX_DB_PATH", "data/warehouse.duckdb"))
    parser.add_argument("--out", default=os.environ.get("INDEX_EXPORT_DIR", "exports"))
    args = parser.parse_args(argv)
    db_path = Path(args.db) if Path(args.db).is_absolute() else ROOT / args.db
    out_dir = Path(args.out) if Path(args.out).is_absolute() else ROOT / args.out
    started = time.perf_counter()
    print(f"exporting the marts of {db_path} to {out_dir}", flush=True)
    summary = export(db_path, out_dir, progress=lambda line: print(line, flush=True))
    total = sum(item["parquet_bytes"] + item["csv_bytes"] for item in summary)
    print(
        f"exported {len(summary)} marts ({sum(item['rows'] for item in summary):,} rows, "
        f"{total / 1024 / 1024:.1f} MiB) in {time.perf_counter() - started:.1f} s -> {out_dir}; "
        f"data dictionary {out_dir / 'README.md'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
