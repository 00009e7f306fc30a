"""Land every registry dataset found under a raw directory into DuckDB schema ``raw``.

The load is all-or-nothing: the new ``raw`` schema is built in a copy of the warehouse beside it
(``<warehouse>.loading``) and swapped in with an atomic rename only when every file has landed. A
failure, or a kill, leaves the previous warehouse exactly as it was.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa

from .checks import run_checks, summarise
from .errors import LoadError
from .gcpause import no_cyclic_gc
from .readers import ArrowRows, Landed, read_file
from .registry import Dataset, Table, load_registry

METADATA_COLUMNS = ("_source_file", "_sheet", "_row_number", "_file_sha256", "_loaded_at")


@dataclass
class LogEntry:
    dataset: str
    table: str
    file: str | None
    rows: int
    seconds: float
    status: str  # loaded | loaded_with_warnings | missing
    message: str


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def find_files(raw_dir: Path, table: Table) -> list[Path]:
    """Files of a table under the raw directory, in name order, each once."""
    found: dict[Path, None] = {}
    for pattern in table.paths:
        for path in sorted(raw_dir.glob(pattern)):
            if path.is_file() and not path.name.startswith((".", "~$")):
                found[path] = None
    return list(found)


def _frame(block: Landed, shown: str, sha: str, loaded_at: str) -> pa.Table:
    """One landed block as an Arrow table of text columns (plus the lineage columns).

    Arrow, not pandas: building text columns from the rows is a C loop, and DuckDB reads Arrow
    without converting Python objects one by one (the load of the real files is about twice as
    fast). Parquet blocks hand over their Arrow columns as they are.
    """
    length = len(block.rows)
    if isinstance(block.rows, ArrowRows):
        arrays = list(block.rows.columns)
    else:
        width = len(block.columns)
        transposed = list(zip(*block.rows)) if block.rows else [()] * width
        arrays = [pa.array(column, type=pa.string()) for column in transposed]
    arrays += [
        _constant(shown, length),
        pa.array(block.sheets, type=pa.string()),
        pa.array(block.row_numbers, type=pa.int32()),
        _constant(sha, length),
        _constant(loaded_at, length),
    ]
    return pa.Table.from_arrays(arrays, names=[*block.columns, *METADATA_COLUMNS])


def _constant(value: str, length: int) -> pa.Array:
    """A text column holding one value on every row, as a one-entry dictionary (no list of a million
    copies of the same string; DuckDB lands it as varchar like any text column)."""
    return pa.DictionaryArray.from_arrays(pa.array(np.zeros(length, dtype=np.int32)), pa.array([value], type=pa.string()))


def _create_table(con, name: str, frames: list[pa.Table], declared: tuple[str, ...]) -> int:
    """Create ``raw.<name>`` as text columns (row number as integer) from the stacked frames.

    Columns are ordered as they first appear across the files, then declared columns no file had
    (created empty), then the lineage columns; a file without a column gets nulls in it.
    """
    data_columns: list[str] = []
    for frame in frames:
        data_columns += [c for c in frame.column_names if c not in METADATA_COLUMNS and c not in data_columns]
    data_columns += [c for c in declared if c not in data_columns]
    ordered = [*data_columns, *METADATA_COLUMNS]
    types = {c: pa.int32() if c == "_row_number" else pa.string() for c in ordered}
    aligned = [
        pa.Table.from_arrays(
            [frame.column(c) if c in frame.column_names else pa.nulls(frame.num_rows, types[c]) for c in ordered],
            names=ordered,
        )
        for frame in frames
    ]
    data = pa.concat_tables(aligned) if aligned else pa.table({c: pa.array([], type=types[c]) for c in ordered})
    con.register("landing_frame", data)
    select = ", ".join(
        f'cast("{c}" as {"integer" if c == "_row_number" else "varchar"}) as "{c}"' for c in ordered
    )
    con.execute(f'create table raw."{name}" as select {select} from landing_frame')
    con.unregister("landing_frame")
    return data.num_rows


def _record_columns(con, table: Table, blocks: list[tuple[str, Landed]]):
    seen, rows = set(), []
    for shown, block in blocks:
        for position, (name, header) in enumerate(zip(block.columns, block.headers), start=1):
            key = (name, header)
            if key in seen:
                continue
            seen.add(key)
            rows.append((table.dataset_id, table.raw_table, name, header, position, shown))
    if rows:  # one statement per table: a statement per column costs seconds over the whole load
        con.register("landing_columns", pa.table(list(zip(*rows)), names=[
            "dataset", "raw_table", "column_name", "header_text", "position", "first_file"]))
        con.execute("insert into raw._columns select * from landing_columns")
        con.unregister("landing_columns")


def land_table(con, raw_dir: Path, dataset: Dataset, table: Table, loaded_at: str, progress) -> list[LogEntry]:
    files = find_files(raw_dir, table)
    entries: list[LogEntry] = []
    if not files:
        if dataset.required:
            patterns = ", ".join(table.paths)
            raise LoadError(
                f"required dataset '{dataset.id}' has no file matching {patterns} under {raw_dir}",
                path=str(raw_dir / table.paths[0]),
            )
        _create_table(con, table.raw_table, [], table.columns)
        entries.append(LogEntry(dataset.id, table.raw_table, None, 0, 0.0, "missing",
                                f"no file matching {', '.join(table.paths)}; table created empty"))
        progress(f"  - {table.raw_table:<55} missing (no file matching {', '.join(table.paths)})")
        return entries
    frames, blocks = [], []
    for path in files:
        started = time.perf_counter()
        shown = path.relative_to(raw_dir).as_posix()
        sha = sha256_of(path)
        with no_cyclic_gc():
            landed = read_file(path, table, shown)
        rows = 0
        warnings: list[str] = []
        for block in landed:
            frames.append(_frame(block, shown, sha, loaded_at))
            blocks.append((shown, block))
            rows += len(block.rows)
            warnings += block.warnings
        extra = [c for c in dict.fromkeys(c for b in landed for c in b.columns) if c not in table.columns]
        message = f"{len(extra)} column(s) beyond the {len(table.columns)} required"
        if extra:
            message += ": " + ", ".join(extra[:8]) + (f" (+{len(extra) - 8} more)" if len(extra) > 8 else "")
        if warnings:
            message = "; ".join(warnings) + "; " + message
        seconds = time.perf_counter() - started
        status = "loaded_with_warnings" if warnings else "loaded"
        entries.append(LogEntry(dataset.id, table.raw_table, shown, rows, seconds, status, message))
        note = f"  ({'; '.join(warnings)})" if warnings else ""
        progress(f"  + {shown:<55} {rows:>8,} rows {seconds:6.2f} s -> raw.{table.raw_table}{note}")
    started = time.perf_counter()
    _create_table(con, table.raw_table, frames, table.columns)
    _record_columns(con, table, blocks)
    if entries:
        entries[-1].seconds += time.perf_counter() - started
    return entries


def ensure_not_locked(db_path: Path) -> None:
    """Stop with a clear message when another process holds the warehouse open for writing.

    Readers (a BI tool's read-only connection) are fine: the new warehouse is built in a copy and
    renamed over the old file, so they keep reading the old one until they reconnect. A writer's
    lock means the file may be mid-change, so it is neither copied nor replaced.
    """
    if not db_path.exists():
        return
    try:
        duckdb.connect(str(db_path), read_only=True).close()
    except duckdb.IOException as exc:
        if "lock" not in str(exc).lower():
            raise
        raise LoadError(
            f"the warehouse is open for writing in another process; close that connection (or open it "
            f"read-only) and run again. DuckDB says: {exc}", path=str(db_path),
        ) from exc


def _prepare_copy(db_path: Path) -> Path:
    ensure_not_locked(db_path)
    staging = db_path.with_name(db_path.name + ".loading")
    for leftover in (staging, staging.with_name(staging.name + ".wal")):
        leftover.unlink(missing_ok=True)
    if db_path.exists():
        shutil.copy2(db_path, staging)
        wal = db_path.with_name(db_path.name + ".wal")
        if wal.exists():
            shutil.copy2(wal, staging.with_name(staging.name + ".wal"))
    return staging


def progress_bar(done: int, total: int, width: int = 24) -> str:
    """A text progress bar, e.g. ``[######------]``: works in a terminal and in a CI log alike."""
    filled = round(width * done / total) if total else width
    return "[" + "#" * filled + "-" * (width - filled) + "]"


def load_all(raw_dir: Path | str, db_path: Path | str, registry_dir: Path | str | None = None,
             progress=None) -> list[LogEntry]:
    """Land every registry table found under ``raw_dir`` into ``db_path`` (schema ``raw``), atomically."""
    progress = progress or (lambda message: print(message, flush=True))
    raw_dir, db_path = Path(raw_dir), Path(db_path)
    if not raw_dir.is_dir():
        raise LoadError("raw directory does not exist or is not a directory", path=str(raw_dir))
    datasets = load_registry(registry_dir) if registry_dir else load_registry()
    db_path.parent.mkdir(parents=True, exist_ok=True)
    loaded_at = dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()
    staging = _prepare_copy(db_path)
    started = time.perf_counter()
    entries: list[LogEntry] = []
    try:
        con = duckdb.connect(str(staging))
        try:
            con.execute("begin transaction")
            con.execute("drop schema if exists raw cascade")
            con.execute("create schema raw")
            con.execute(
                "create table raw._columns (dataset varchar, raw_table varchar, column_name varchar, "
                "header_text varchar, position integer, first_file varchar)"
            )
            for index, dataset in enumerate(datasets, start=1):
                progress(f"load {progress_bar(index - 1, len(datasets))} {index}/{len(datasets)} "
                         f"{dataset.id}: {dataset.title}")
                for table in dataset.tables:
                    entries += land_table(con, raw_dir, dataset, table, loaded_at, progress)
            run_checks(con, [t for d in datasets for t in d.tables], progress)
            problems = summarise(con)
            for entry in entries:
                found = problems.get((entry.table, entry.file))
                if found:
                    entry.status = "loaded_with_warnings"
                    entry.message = f"{found}; {entry.message}"
                    progress(f"  ! {entry.file}: {found} (see raw.quarantine)")
            con.execute(
                "create table raw.load_log (dataset varchar, raw_table varchar, file varchar, rows bigint, "
                "seconds double, status varchar, message varchar, loaded_at varchar)"
            )
            con.executemany(
                "insert into raw.load_log values (?, ?, ?, ?, ?, ?, ?, ?)",
                [[e.dataset, e.table, e.file, e.rows, round(e.seconds, 3), e.status, e.message, loaded_at]
                 for e in entries],
            )
            con.execute("commit")
            con.execute("checkpoint")
        finally:
            con.close()
        os.replace(staging, db_path)
    except BaseException:
        for leftover in (staging, staging.with_name(staging.name + ".wal")):
            leftover.unlink(missing_ok=True)
        raise
    loaded = sum(1 for e in entries if e.status.startswith("loaded"))
    missing = sum(1 for e in entries if e.status == "missing")
    rows = sum(e.rows for e in entries)
    progress(
        f"landed {loaded} file(s), {rows:,} rows, {missing} table(s) with no file, "
        f"in {time.perf_counter() - started:.1f} s -> {db_path} (schema raw)"
    )
    return entries


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description="Land the raw public files into the warehouse (schema raw).")
    parser.add_argument("--raw-dir", default=os.environ.get("INDEX_RAW_DIR"), help="folder of raw files")
    parser.add_argument("--db", default=os.environ.get("INDEX_DB_PATH", "data/warehouse.duckdb"))
    args = parser.parse_args(argv)
    if not args.raw_dir:
        parser.error("give --raw-dir or set INDEX_RAW_DIR")
    try:
        load_all(args.raw_dir, args.db)
    except LoadError as exc:
        print(f"load failed, warehouse left unchanged: {exc}", file=sys.stderr)
        return 1
    return 0
