"""Land every registry dataset found under a raw directory into DuckDB schema ``raw``.

The load is all-or-nothing: the new ``raw`` schema is built in a copy of the warehouse beside it
(``<warehouse>.loading``) and swapped in with an atomic rename only when every file has landed. A
failure, or a kill, leaves the previous warehouse exactly as it was.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import hashlib
import os
import re
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa

from council_index.errors import command

from .checks import run_checks, summarise
from .coverage import check_coverage, load_authority_lists
from .errors import LoadError
from .gcpause import no_cyclic_gc
from .readers import ArrowRows, Landed, read_file, shorten
from .registry import REGISTRY_DIR, Dataset, NotRead, Table, load_not_read, load_registry

METADATA_COLUMNS = ("_source_file", "_sheet", "_row_number", "_file_sha256", "_loaded_at")


@dataclass
class LogEntry:
    dataset: str
    table: str
    file: str | None
    rows: int
    seconds: float
    status: str  # loaded | loaded_with_warnings | missing | not_read | unregistered
    message: str
    sha256: str | None = None
    fingerprint: str | None = None
    reused: bool = False
    read_status: str | None = None  # status and message as read, before the value checks add to them
    read_message: str | None = None
    codes: frozenset | None = None  # authority codes in the file (tables whose checks name the code column)


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
    return pa.DictionaryArray.from_arrays(
        pa.array(np.zeros(length, dtype=np.int32)), pa.array([value], type=pa.string())
    )


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
    select = ", ".join(f'cast("{c}" as {"integer" if c == "_row_number" else "varchar"}) as "{c}"' for c in ordered)
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
        con.register(
            "landing_columns",
            pa.table(
                list(zip(*rows)), names=["dataset", "raw_table", "column_name", "header_text", "position", "first_file"]
            ),
        )
        con.execute("insert into raw._columns select * from landing_columns")
        con.unregister("landing_columns")


def _read_one(path: Path, table: Table, shown: str, sha: str, loaded_at: str):
    """Read one file for one table with the layout variant that fits it."""
    started = time.perf_counter()
    layout = table.for_file(shown)
    with no_cyclic_gc():
        landed = read_file(path, layout, shown)
    frames, rows, warnings = [], 0, []
    for block in landed:
        frames.append(_frame(block, shown, sha, loaded_at))
        rows += len(block.rows)
        warnings += block.warnings
    extra = [c for c in dict.fromkeys(c for b in landed for c in b.columns) if c not in layout.columns]
    message = f"{len(extra)} column(s) beyond the {len(layout.columns)} required"
    if layout.variant_name:
        message = f"layout {layout.variant_name}; " + message
    if extra:
        message += ": " + ", ".join(extra[:8]) + (f" (+{len(extra) - 8} more)" if len(extra) > 8 else "")
    if warnings:
        message = "; ".join(warnings) + "; " + message
    status = "loaded_with_warnings" if warnings else "loaded"
    entry = LogEntry(
        table.dataset_id,
        table.raw_table,
        shown,
        rows,
        time.perf_counter() - started,
        status,
        message,
        sha256=sha,
        fingerprint=fingerprint(table),
        codes=_codes(landed, layout),
    )
    return frames, [(shown, block) for block in landed], entry, warnings


CODE_SHAPE = re.compile(r"^[EWSNK][0-9]{8}$")
SHRINK_SHARE = 0.10  # a file with more than this share fewer rows than at the last good load stops it


def _codes(landed: list[Landed], table: Table) -> frozenset | None:
    """GSS-shaped authority codes in the file's code column (``checks: authority_code``), or None."""
    column = table.checks.authority_code if table.checks else None
    if not column:
        return None
    codes = set()
    for block in landed:
        if column not in block.columns:
            continue
        index = block.columns.index(column)
        if isinstance(block.rows, ArrowRows):
            import pyarrow.compute as pc

            values = pc.unique(block.rows.columns[index]).to_pylist()
        else:
            values = {row[index] for row in block.rows}
        codes |= {v.strip().upper() for v in values if v and CODE_SHAPE.match(v.strip().upper())}
    return frozenset(codes)


class ShrinkError(LoadError):
    """A file holds markedly fewer rows or authorities than the same file did at the last good load."""


def check_shrinkage(con, table: Table, entry: LogEntry, previous: Previous | None, accept: bool) -> None:
    """Compare a file with the same file at the last successful load: more than SHRINK_SHARE fewer rows,
    or any authority code gone, stops the load unless the user accepts it (recorded in the log)."""
    before = next(
        (e for e in (previous.entries.get(table.raw_table, []) if previous else []) if e.file == entry.file), None
    )
    if before is None or not before.rows:
        return
    problems = []
    if entry.rows < before.rows * (1 - SHRINK_SHARE):
        problems.append(
            f"{entry.rows:,} rows where the last successful load had {before.rows:,} "
            f"({(entry.rows - before.rows) / before.rows:+.0%})"
        )
    column = table.checks.authority_code if table.checks else None
    if column and entry.codes is not None:
        has_column = con.execute(
            "select count(*) from information_schema.columns where table_schema = 'raw' and table_name = ? "
            "and column_name = ?",
            [table.raw_table, column],
        ).fetchone()[0]
        if has_column:
            earlier = {
                r[0]
                for r in con.execute(
                    f'select distinct upper(trim("{column}")) from raw."{table.raw_table}" where _source_file = ?',
                    [entry.file],
                ).fetchall()
                if r[0] and CODE_SHAPE.match(r[0])
            }
            lost = sorted(earlier - entry.codes)
            if lost:
                problems.append(
                    f"{len(lost)} authorit{'y' if len(lost) == 1 else 'ies'} of the last successful "
                    f"load missing: {shorten(lost, 10)}"
                )
    if not problems:
        return
    what = "; ".join(problems)
    if not accept:
        raise ShrinkError(
            f"looks partial: {what}. If the publisher really re-issued a smaller file, run again with "
            f"ACCEPT_SHRINK=1 (make run) or --accept-shrink; the previous warehouse is unchanged",
            path=entry.file,
        )
    entry.status = "loaded_with_warnings"
    entry.message = f"shrink accepted (ACCEPT_SHRINK): {what}; {entry.message}"


class VanishedError(LoadError):
    """Files that landed in the last successful load are gone from the raw folder."""


def check_vanished(
    raw_dir: Path, datasets: list[Dataset], baseline: Previous, accept: bool, progress
) -> list[LogEntry]:
    """Files (or every file of a table) that the last successful load landed and that the raw folder no
    longer holds: a deleted or moved file, a folder not copied, would otherwise drop out of the
    warehouse without a word. Stops the load naming them, unless ``accept`` (ACCEPT_SHRINK=1 /
    --accept-shrink), when each gets a ``missing`` load_log line saying it vanished and was accepted.
    A table no longer in the registry is not compared (removing it from the registry is deliberate)."""
    gone = []
    for dataset in datasets:
        for table in dataset.tables:
            before = baseline.entries.get(table.raw_table, [])
            if not before:
                continue
            now = {p.relative_to(raw_dir).as_posix() for p in find_files(raw_dir, table)}
            if not now and dataset.required:
                continue  # stops anyway, as a required dataset without a file (land_dataset)
            gone += [(dataset, table, e) for e in sorted(before, key=lambda e: e.file or "") if e.file not in now]
    if not gone:
        return []
    listed = [
        f"{e.file} ({e.rows:,} rows in raw.{t.raw_table}"
        + ("; still in the folder, but the table's paths no longer match it)" if (raw_dir / e.file).exists() else ")")
        for _, t, e in gone
    ]
    more = f" and {len(listed) - 6} more" if len(listed) > 6 else ""
    what = f"{len(gone)} file(s) that the last successful load landed are missing now: {'; '.join(listed[:6])}{more}"
    if not accept:
        raise VanishedError(
            f"{what}. A file deleted, moved or not copied would drop its rows from the warehouse; put it back, "
            f"or if it was removed on purpose run again with ACCEPT_SHRINK=1 (make run) or --accept-shrink; "
            f"the previous warehouse is unchanged",
            path=str(raw_dir),
        )
    progress(f"  ! {what} (accepted: ACCEPT_SHRINK)")
    return [
        LogEntry(
            dataset.id,
            table.raw_table,
            e.file,
            0,
            0.0,
            "missing",
            f"vanished, accepted (ACCEPT_SHRINK): landed by the last successful load ({e.rows:,} rows, "
            f"SHA-256 {(e.sha256 or '')[:12]}), "
            + ("not matched by the table's paths now" if (raw_dir / e.file).exists() else "not in the raw folder now"),
        )
        for dataset, table, e in gone
    ]


LOADER_VERSION = "2"  # bump when the way files become rows changes: every table is then landed again


def fingerprint(table: Table) -> str:
    """What a landed table depends on besides its files' bytes: its registry entry and the loader."""
    return hashlib.sha256(f"{LOADER_VERSION}:{table!r}".encode()).hexdigest()[:16]


@dataclass
class Previous:
    """What the warehouse's last load landed: per raw table, its files with their SHA-256 and the
    table's fingerprint, the load_log lines and the raw._columns rows (to keep for a reused table)."""

    entries: dict[str, list[LogEntry]]
    columns: dict[str, list[tuple]]

    def unchanged(self, table: Table, files: dict[str, str], con) -> list[LogEntry] | None:
        """The previous log lines of a table whose files and definition are the same as now."""
        before = self.entries.get(table.raw_table)
        if not before or not files:
            return None
        if {e.file: e.sha256 for e in before} != files or any(e.fingerprint != fingerprint(table) for e in before):
            return None
        exists = con.execute(
            "select count(*) from information_schema.tables where table_schema = 'raw' and table_name = ?",
            [table.raw_table],
        ).fetchone()[0]
        return before if exists else None


DEMO_MARKER = "DEMO_DATA.md"  # the file that marks a demo raw folder (council_index.demo.generate)


def was_demo(con) -> bool:
    """Whether the warehouse's last load was of a demo folder (its load_log lists the marker file)."""
    return bool(
        con.execute(
            "select count(*) from information_schema.tables where table_schema = 'raw' and table_name = 'load_log'"
        ).fetchone()[0]
        and con.execute("select count(*) from raw.load_log where file = ?", [DEMO_MARKER]).fetchone()[0]
    )


def read_previous(con) -> Previous:
    """The last load's record, or nothing to reuse when there is none (or it predates reuse)."""
    empty = Previous({}, {})
    found = {
        r[0]
        for r in con.execute("select table_name from information_schema.tables where table_schema = 'raw'").fetchall()
    }
    if "load_log" not in found or "_columns" not in found:
        return empty
    columns = {
        r[0]
        for r in con.execute(
            "select column_name from information_schema.columns where table_schema = 'raw' and table_name = 'load_log'"
        ).fetchall()
    }
    if not {"file_sha256", "layout_fingerprint", "read_status", "read_message"} <= columns:
        return empty
    entries: dict[str, list[LogEntry]] = {}
    for row in con.execute(
        "select dataset, raw_table, file, rows, seconds, read_status, read_message, file_sha256, layout_fingerprint "
        "from raw.load_log where raw_table is not null and status like 'loaded%'"
    ).fetchall():
        entries.setdefault(row[1], []).append(
            LogEntry(
                row[0],
                row[1],
                row[2],
                row[3],
                row[4],
                row[5],
                row[6],
                sha256=row[7],
                fingerprint=row[8],
                reused=True,
                read_status=row[5],
                read_message=row[6],
            )
        )
    kept: dict[str, list[tuple]] = {}
    for row in con.execute("select * from raw._columns").fetchall():
        kept.setdefault(row[1], []).append(row)
    return Previous(entries, kept)


def land_dataset(
    con,
    raw_dir: Path,
    dataset: Dataset,
    loaded_at: str,
    progress,
    previous: Previous | None = None,
    shas: dict | None = None,
    accept_shrink: bool = False,
    baseline: Previous | None = None,
) -> list[LogEntry]:
    """Land every table of one dataset. Files are read file by file (a workbook that feeds several
    tables is opened once), then each table is created from its files in name order. A table whose
    files (by SHA-256) and registry entry are those of the previous load is kept as it is."""
    work: list[tuple[Path, Table]] = []
    entries_by_table: dict[str, list[LogEntry]] = {t.id: [] for t in dataset.tables}
    reused: dict[str, list[LogEntry]] = {}
    shas = {} if shas is None else shas
    for table in dataset.tables:
        files = find_files(raw_dir, table)
        if not files and dataset.required:
            patterns = ", ".join(table.paths)
            raise LoadError(
                f"required dataset '{dataset.id}' has no file matching {patterns} under {raw_dir}",
                path=str(raw_dir / table.paths[0]),
            )
        for path in files:
            if path not in shas:
                shas[path] = sha256_of(path)
        before = (
            previous.unchanged(table, {p.relative_to(raw_dir).as_posix(): shas[p] for p in files}, con)
            if previous
            else None
        )
        if before is not None:
            reused[table.id] = before
            progress(
                f"  = {table.raw_table:<55} {sum(e.rows for e in before):>8,} rows reused "
                f"({len(before)} file(s) unchanged)"
            )
            continue
        work += [(path, table) for path in files]
    order = {t.id: i for i, t in enumerate(dataset.tables)}
    frames: dict[str, list] = {t.id: [] for t in dataset.tables}
    blocks: dict[str, list] = {t.id: [] for t in dataset.tables}
    for path, table in sorted(work, key=lambda item: (str(item[0]), order[item[1].id])):
        shown = path.relative_to(raw_dir).as_posix()
        table_frames, table_blocks, entry, warnings = _read_one(path, table, shown, shas[path], loaded_at)
        frames[table.id] += table_frames
        blocks[table.id] += table_blocks
        check_shrinkage(con, table, entry, baseline if baseline is not None else previous, accept_shrink)
        entries_by_table[table.id].append(entry)
        note = f"  ({'; '.join(warnings)})" if warnings else ""
        progress(f"  + {shown:<55} {entry.rows:>8,} rows {entry.seconds:6.2f} s -> raw.{table.raw_table}{note}")
    entries: list[LogEntry] = []
    for table in dataset.tables:
        started = time.perf_counter()
        if table.id in reused:
            entries += [
                LogEntry(
                    e.dataset,
                    e.table,
                    e.file,
                    e.rows,
                    0.0,
                    e.read_status,
                    e.read_message,
                    e.sha256,
                    e.fingerprint,
                    True,
                )
                for e in reused[table.id]
            ]
            if previous is not None and previous.columns.get(table.raw_table):
                con.executemany("insert into raw._columns values (?, ?, ?, ?, ?, ?)", previous.columns[table.raw_table])
            continue
        con.execute(f'drop table if exists raw."{table.raw_table}"')
        if not entries_by_table[table.id]:
            _create_table(con, table.raw_table, [], table.all_columns)
            entries.append(
                LogEntry(
                    dataset.id,
                    table.raw_table,
                    None,
                    0,
                    0.0,
                    "missing",
                    f"no file matching {', '.join(table.paths)}; table created empty",
                )
            )
            progress(f"  - {table.raw_table:<55} missing (no file matching {', '.join(table.paths)})")
            continue
        _create_table(con, table.raw_table, frames[table.id], table.all_columns)
        _record_columns(con, table, blocks[table.id])
        table_entries = sorted(entries_by_table[table.id], key=lambda e: e.file)
        table_entries[-1].seconds += time.perf_counter() - started
        entries += table_entries
    return entries


def write_release_tables(con, datasets: list[Dataset]) -> None:
    """The registry's release timetables as two raw tables, so that dbt can tell which period of each
    dataset had been published by an edition's publication date: ``raw.release_timetables`` (dataset,
    usual months after the period ends, what that usual release is) and ``raw.release_dates`` (the
    periods whose own release date is known, with where it comes from)."""
    con.execute("create table raw.release_timetables (dataset varchar, lag_months integer, usual varchar)")
    con.execute("create table raw.release_dates (dataset varchar, period varchar, released_on date, source varchar)")
    timetables = [(d.id, d.releases.lag_months, d.releases.usual) for d in datasets if d.releases]
    dates = [(d.id, r.period, r.released_on, r.source) for d in datasets if d.releases for r in d.releases.known]
    if timetables:
        con.executemany("insert into raw.release_timetables values (?, ?, ?)", timetables)
    if dates:
        con.executemany("insert into raw.release_dates values (?, ?, cast(? as date), ?)", dates)


def account_for_files(raw_dir: Path, datasets: list[Dataset], not_read: list[NotRead]) -> list[LogEntry]:
    """A load_log line for every file under the raw directory that no registry table reads: the
    registry's reason for a file listed as not read, a warning for a file nobody accounts for."""
    read = {p for d in datasets for t in d.tables for p in find_files(raw_dir, t)}
    entries = []
    every = [Path(folder) / name for folder, _, names in os.walk(raw_dir, followlinks=True) for name in names]
    for path in sorted(p for p in every if p.is_file()):
        if path in read or any(part.startswith(".") for part in path.relative_to(raw_dir).parts):
            continue
        shown = path.relative_to(raw_dir).as_posix()
        reason = next((n for n in not_read if fnmatch.fnmatchcase(shown, n.path)), None)
        if reason is not None:
            entries.append(LogEntry(reason.dataset_id, None, shown, 0, 0.0, "not_read", reason.reason))
        else:
            entries.append(
                LogEntry(
                    "unregistered",
                    None,
                    shown,
                    0,
                    0.0,
                    "unregistered",
                    "no registry table reads this file and no not_read entry lists it: add it to the "
                    "registry (scripts/registry/) or list it under not_read with the reason",
                )
            )
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
            f"read-only) and run again. DuckDB says: {exc}",
            path=str(db_path),
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


def load_all(
    raw_dir: Path | str,
    db_path: Path | str,
    registry_dir: Path | str | None = None,
    progress=None,
    in_place: bool = False,
    full_refresh: bool = False,
    accept_shrink: bool = False,
) -> list[LogEntry]:
    """Land every registry table found under ``raw_dir`` into ``db_path`` (schema ``raw``), atomically.

    A table whose files and registry entry are unchanged since the warehouse's last load is kept as it
    was (``full_refresh`` lands everything again). A file with markedly fewer rows or authorities than
    the same file at the last load, or short of what its registry entry says a whole file holds
    (``expects``, pipeline/coverage.py), or a file of the last load gone from the raw folder, stops the
    load, unless ``accept_shrink`` (recorded in the log).
    ``in_place``: the caller already works on a copy of
    the warehouse (scripts/council_index/build.py), so the load writes to ``db_path`` directly in one transaction.
    """
    progress = progress or (lambda message: print(message, flush=True))
    raw_dir, db_path = Path(raw_dir), Path(db_path)
    if not raw_dir.is_dir():
        raise LoadError("raw directory does not exist or is not a directory", path=str(raw_dir))
    registry = Path(registry_dir or REGISTRY_DIR)
    datasets = load_registry(registry)
    not_read = load_not_read(registry, datasets)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    loaded_at = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
    staging = db_path if in_place else _prepare_copy(db_path)
    started = time.perf_counter()
    entries: list[LogEntry] = []
    try:
        con = duckdb.connect(str(staging))
        try:
            con.execute("begin transaction")
            con.execute("create schema if not exists raw")
            previous = read_previous(con)
            baseline = previous  # shrinkage is judged against the last load even on a full refresh
            if previous.entries and was_demo(con) != (raw_dir / DEMO_MARKER).exists():
                # The demo's fictional councils and the real ones share file names: a real folder after
                # the demo (make run, then make run RAW_DIR=...) is not a shrunken demo, nor the reverse.
                baseline = Previous({}, {})
                progress(
                    f"  (the last load was of the {'demo' if was_demo(con) else 'real'} files: this load of the "
                    f"{'demo' if (raw_dir / DEMO_MARKER).exists() else 'real'} files is not compared with it for shrinkage)"
                )
            if full_refresh:
                previous = Previous({}, {})
            vanished = check_vanished(raw_dir, datasets, baseline, accept_shrink, progress)
            registered = {t.raw_table for d in datasets for t in d.tables}
            for (name,) in con.execute(
                "select table_name from information_schema.tables where table_schema = 'raw'"
            ).fetchall():
                if name not in registered or name in (
                    "_columns",
                    "load_log",
                    "quarantine",
                    "release_timetables",
                    "release_dates",
                ):
                    con.execute(f'drop table raw."{name}"')
            con.execute(
                "create table raw._columns (dataset varchar, raw_table varchar, column_name varchar, "
                "header_text varchar, position integer, first_file varchar)"
            )
            shas: dict[Path, str] = {}
            for index, dataset in enumerate(datasets, start=1):
                progress(
                    f"load {progress_bar(index - 1, len(datasets))} {index}/{len(datasets)} "
                    f"{dataset.id}: {dataset.title}"
                )
                entries += land_dataset(
                    con, raw_dir, dataset, loaded_at, progress, previous, shas, accept_shrink, baseline
                )
            entries += vanished
            accounted = account_for_files(raw_dir, datasets, not_read)
            for entry in accounted:
                if entry.status == "unregistered":
                    progress(f"  ? {entry.file}: not in the registry (neither read nor listed as not read)")
            entries += accounted
            for entry in entries:
                entry.read_status = entry.read_status or entry.status
                entry.read_message = entry.read_message if entry.read_message is not None else entry.message
            run_checks(con, [t for d in datasets for t in d.tables], progress)
            problems = summarise(con)
            for entry in entries:
                found = problems.get((entry.table, entry.file))
                if found:
                    entry.status = "loaded_with_warnings"
                    entry.message = f"{found}; {entry.message}"
                    progress(f"  ! {entry.file}: {found} (see raw.quarantine)")
                if entry.reused:
                    entry.message = f"reused: unchanged since the last load; {entry.message}"
            check_coverage(
                con,
                [t for d in datasets for t in d.tables],
                load_authority_lists(registry),
                entries,
                accept_shrink,
                progress,
            )
            write_release_tables(con, datasets)
            con.execute(
                "create table raw.load_log (dataset varchar, raw_table varchar, file varchar, rows bigint, "
                "seconds double, status varchar, message varchar, loaded_at varchar, file_sha256 varchar, "
                "layout_fingerprint varchar, is_reused boolean, read_status varchar, read_message varchar)"
            )
            con.executemany(
                "insert into raw.load_log values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    [
                        e.dataset,
                        e.table,
                        e.file,
                        e.rows,
                        round(e.seconds, 3),
                        e.status,
                        e.message,
                        loaded_at,
                        e.sha256,
                        e.fingerprint,
                        e.reused,
                        e.read_status,
                        e.read_message,
                    ]
                    for e in entries
                ],
            )
            con.execute("commit")
            con.execute("checkpoint")
        finally:
            con.close()
        if not in_place:
            os.replace(staging, db_path)
    except BaseException:
        if not in_place:
            for leftover in (staging, staging.with_name(staging.name + ".wal")):
                leftover.unlink(missing_ok=True)
        raise
    loaded = len({e.file for e in entries if e.status.startswith("loaded")})
    reused = len({e.file for e in entries if e.reused})
    missing = sum(1 for e in entries if e.status == "missing" and e.file is None)
    vanished = sum(1 for e in entries if e.status == "missing" and e.file is not None)
    skipped = sum(1 for e in entries if e.status == "not_read")
    unregistered = sum(1 for e in entries if e.status == "unregistered")
    rows = sum(e.rows for e in entries)
    progress(
        f"landed {loaded} file(s) ({reused} reused unchanged), {rows:,} rows, {missing} table(s) with no file, "
        f"{skipped} file(s) listed as not read, {unregistered} file(s) not in the registry, "
        + (f"{vanished} file(s) of the last load gone (accepted), " if vanished else "")
        + f"in {time.perf_counter() - started:.1f} s -> {db_path} (schema raw)"
    )
    return entries


@command
def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description="Land the raw public files into the warehouse (schema raw).")
    parser.add_argument("--raw-dir", default=os.environ.get("INDEX_RAW_DIR"), help="folder of raw files")
    parser.add_argument("--db", default=os.environ.get("INDEX_DB_PATH", "data/warehouse.duckdb"))
    parser.add_argument(
        "--full-refresh", action="store_true", help="land every file again, even those unchanged since the last load"
    )
    parser.add_argument(
        "--accept-shrink",
        action="store_true",
        help="accept files with markedly fewer rows or authorities than at the last load, short of their "
        "registry expectation, or gone from the raw folder since the last load (recorded in raw.load_log)",
    )
    args = parser.parse_args(argv)
    if not args.raw_dir:
        parser.error("give --raw-dir or set INDEX_RAW_DIR")
    try:
        load_all(
            args.raw_dir,
            args.db,
            full_refresh=args.full_refresh,
            accept_shrink=args.accept_shrink or bool(os.environ.get("ACCEPT_SHRINK")),
        )
    except LoadError as exc:
        print(f"load failed, warehouse left unchanged: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
