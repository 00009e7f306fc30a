"""Readers: turn one published file into rows of text, exactly as published.

Every reader returns a :class:`Landed` block: normalised column names, the header text they came
from, and the data rows as text (``None`` for an empty cell) with the sheet and 1-based sheet row
they were read from. Nothing is filtered except wholly blank rows, and nothing is converted beyond
turning a cell into text (integral floats without ``.0``, dates as ISO 8601).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .errors import LoadError
from .registry import SPREADSHEET_READERS, Table

MAX_NAME_LENGTH = 63  # PostgreSQL's identifier limit; keeps raw names portable
SHOWN_ITEMS = 20  # an error lists at most this many names, then "... and N more"


def shorten(items, limit: int = SHOWN_ITEMS) -> str:
    """A short list for a message: the first ``limit`` items, then how many more there are."""
    items = [str(i) for i in items]
    shown = ", ".join(repr(i) for i in items[:limit])
    if len(items) > limit:
        shown += f" ... and {len(items) - limit} more"
    return f"[{shown}]"


@dataclass
class Landed:
    columns: list[str]
    headers: list[str]
    rows: list[list[str | None]]
    sheets: list[str | None]
    row_numbers: list[int]
    warnings: list[str] = field(default_factory=list)


def cell_text(value) -> str | None:
    """Text of one cell as published: empty cells become ``None``."""
    if type(value) is str:  # the common case first (every CSV cell, most spreadsheet text)
        return value if value != "" else None
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if value != value:  # NaN
            return None
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.isoformat()
    text = str(value)
    return text if text != "" else None


def normalise_name(text: str) -> str:
    """Snake-case a header: lowercase, ``%`` -> pct, ``£`` -> gbp, other symbols -> ``_``."""
    text = text.replace("%", " pct ").replace("£", " gbp ").replace("&", " and ")
    text = re.sub(r"[^0-9a-zA-Z]+", "_", text).strip("_").lower()
    if text and text[0].isdigit():
        text = f"col_{text}"
    return text[:MAX_NAME_LENGTH].rstrip("_")


def name_columns(header_cells: list[list], width: int) -> tuple[list[str], list[str]]:
    """Names and header text for ``width`` columns from one or more header rows.

    The non-empty header cells of a column are joined with a space (so a line code row and a
    label row give ``col_330_children_social_care``). A column without header text is called
    ``col_<position>``; repeated names get ``_2``, ``_3`` ... in order.
    """
    names, headers, seen = [], [], {}
    for position in range(width):
        parts = []
        for row in header_cells:
            text = cell_text(row[position]) if position < len(row) else None
            if text is not None and text.strip():
                parts.append(" ".join(text.split()))
        header = " ".join(parts)
        name = normalise_name(header) or f"col_{position + 1}"
        if name in seen:
            base = name
            while name in seen:  # a suffixed name cut to 63 characters can meet another name: try on
                seen[base] += 1
                suffix = f"_{seen[base]}"
                name = base[: MAX_NAME_LENGTH - len(suffix)] + suffix
            seen[name] = 1
        else:
            seen[name] = 1
        names.append(name)
        headers.append(header)
    return names, headers


def apply_aliases(names: list[str], table: Table) -> list[str]:
    """Rename columns a release calls differently to the registry's canonical names. Renames apply
    together, so two columns can swap names; a canonical name held by a column that is not itself
    renamed keeps its column (the alias column then keeps its own name)."""
    aliases = table.alias_map
    if not aliases:
        return names
    moving = {name for name in names if name in aliases}
    taken = {name for name in names if name not in moving}
    renamed = []
    for name in names:
        canonical = aliases.get(name)
        if canonical is not None and canonical not in taken:
            taken.add(canonical)
            renamed.append(canonical)
        else:
            renamed.append(name)
    return renamed


def _find_header(grid: list[list], table: Table, path: str, sheet: str | None, warnings: list, width: int):
    """Locate the header rows: where the registry says, or (with a warning) a few rows away."""
    if not table.header_rows:
        return None, 0
    declared = [r - 1 for r in table.header_rows]
    required = set(table.columns)

    def names_at(offset):
        rows = [grid[r + offset] if 0 <= r + offset < len(grid) else [] for r in declared]
        return apply_aliases(name_columns(rows, width)[0], table)

    found = names_at(0)
    if required <= set(found):
        return declared, 0
    for offset in range(-min(declared), table.header_scan_rows):
        if offset and required <= set(names_at(offset)):
            warnings.append(
                f"header found at row {declared[0] + offset + 1}, expected row {declared[0] + 1}"
                + (f" of sheet {sheet!r}" if sheet else "")
            )
            return declared, offset
    missing = sorted(required - set(found))
    rows = [grid[r] if 0 <= r < len(grid) else [] for r in declared]
    headers = name_columns(rows, width)[1]
    named = [n for n, header in zip(found, headers) if header]  # not the generated col_<position> names
    shown = shorten(named) if named else "(no named columns)"
    layout = f" ({table.variant_name})" if table.variant_name else ""
    raise LoadError(
        f"required column(s) {shorten(missing)} not found in header row(s) {list(table.header_rows)}{layout} "
        f"or the {table.header_scan_rows} rows below; found: {shown}",
        path=path,
        sheet=sheet,
        column=missing[0],
    )


def grid_width(grid: list[list]) -> int:
    """Columns up to the last one holding a value in any row: a re-saved sheet can declare 16,384
    columns of nothing (the slices are compared in C, so this stays fast on wide sheets)."""
    width = 0
    for row in grid:
        length = len(row)
        if length <= width:
            continue
        tail = row[width:]
        if tail.count("") + tail.count(None) == len(tail):
            continue
        last = length
        while last > width and (row[last - 1] is None or row[last - 1] == ""):
            last -= 1
        width = last
    return width


def _metadata_values(grid: list[list], table: Table, before: int, path: str, sheet: str | None) -> dict:
    """Values of the labelled cells above the header (``metadata``): the first non-empty cell to the
    right of a cell whose text is the label (case and surrounding space ignored)."""
    values = {}
    for column, label in table.metadata:
        wanted = " ".join(label.split()).casefold()
        found = None
        for row in grid[: max(before, 0)]:
            for position, cell in enumerate(row):
                text = cell_text(cell)
                if text is not None and " ".join(text.split()).casefold() == wanted:
                    found = next((cell_text(c) for c in row[position + 1 :] if cell_text(c) not in (None, "")), None)
                    break
            if found is not None:
                break
        if found is None:
            raise LoadError(
                f"no cell labelled {label!r} with a value beside it above the header (metadata column '{column}')",
                path=path,
                sheet=sheet,
                column=column,
            )
        values[column] = found
    return values


def land_grid(grid: list[list], table: Table, path: str, sheet: str | None) -> Landed:
    """Cut one sheet-like grid (list of rows) into header and data rows."""
    warnings: list[str] = []
    width = grid_width(grid)
    if not grid or width == 0 or all(all(not (cell_text(c) or "").strip() for c in row[:width]) for row in grid):
        raise LoadError("the file or sheet is empty", path=path, sheet=sheet)
    declared, offset = _find_header(grid, table, path, sheet, warnings, width)
    if declared is None:
        names, headers = name_columns([], width)
        start = table.first_data_row - 1
    else:
        header_cells = [grid[r + offset] for r in declared]
        # Columns end with the header: cells to the right of the last header cell have no name (a
        # re-saved sheet can carry a note row's "..." across all 16,384 columns).
        width = max(grid_width([row[:width] for row in header_cells]), 1)
        names, headers = name_columns(header_cells, width)
        names = apply_aliases(names, table)
        start = table.first_data_row - 1 + offset
    header_top = (min(declared) + offset) if declared is not None else start
    metadata = _metadata_values(grid, table, header_top, path, sheet) if table.metadata else {}
    rows, numbers = [], []
    for index in range(max(start, 0), len(grid)):
        values = [cell_text(c) for c in grid[index][:width]]
        if not any(v and not v.isspace() for v in values):  # a blank row
            continue
        values += [None] * (width - len(values))
        rows.append(values)
        numbers.append(index + 1)
    if metadata:
        extra = [c for c in metadata if c not in names]
        names, headers = names + extra, headers + [f"metadata: {dict(table.metadata)[c]}" for c in extra]
        for values in rows:
            values += [metadata[c] for c in extra]
    if not rows:
        warnings.append("no data rows below the header" + (f" of sheet {sheet!r}" if sheet else ""))
    return Landed(names, headers, rows, [sheet] * len(rows), numbers, warnings)


def _decode(raw: bytes, table: Table, path: str, warnings: list) -> str:
    if b"\x00" in raw[:4096]:
        raise LoadError("is not a text CSV file (it holds binary data)", path=path)
    if table.encoding:
        try:
            return raw.decode(table.encoding)
        except UnicodeDecodeError as exc:
            raise LoadError(f"is not valid {table.encoding} text at byte {exc.start}", path=path) from exc
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        warnings.append("not UTF-8: decoded as cp1252")
        return raw.decode("cp1252", errors="replace")


def read_csv(path: Path, table: Table, shown: str) -> list[Landed]:
    raw = path.read_bytes()
    if not raw.strip():
        raise LoadError("the file is empty", path=shown)
    warnings: list[str] = []
    text = _decode(raw, table, shown, warnings)
    try:
        grid = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise LoadError(f"is not a readable CSV file: {exc}", path=shown) from exc
    check_csv_complete(text, grid, shown)
    landed = land_grid(grid, table, shown, None)
    landed.warnings = warnings + landed.warnings
    return [landed]


def check_csv_complete(text: str, grid: list[list[str]], shown: str) -> None:
    """Stop on a CSV that was cut short: the text ends inside a quoted field, the last record has
    fewer fields than the file's records have (a ragged last line), or a record of several fields
    is not followed by a line break (cut inside its last field). A one-field last line counts as
    cut only when the text does not end with a line break and the line before it is a whole record
    (a publisher's one-cell footnote is not a cut)."""
    rows = [(number, row) for number, row in enumerate(grid, start=1) if any(cell.strip() for cell in row)]
    if not rows:
        return
    if text.count('"') % 2 == 1:
        try:
            for _ in csv.reader(io.StringIO(text, newline=""), strict=True):
                pass
        except csv.Error as exc:
            if "unexpected end of data" in str(exc):
                raise LoadError(
                    f"looks truncated: the file ends inside a quoted field opened on row {rows[-1][0]} "
                    f"(an incomplete download? fetch it again)",
                    path=shown,
                    row=rows[-1][0],
                ) from exc
    widths = [len(row) for _, row in rows if len(row) > 1]
    if len(widths) < 2:
        return
    typical = max(set(widths), key=widths.count)
    number, last = rows[-1]
    ends_with_break = text.endswith(("\n", "\r"))
    previous_whole = len(rows[-2][1]) >= typical
    if len(last) < typical and (len(last) > 1 or (not ends_with_break and previous_whole)):
        raise LoadError(
            f"looks truncated: the last record has {len(last)} of the {typical} fields the other records have "
            f"(the file ends mid-record; an incomplete download? fetch it again)",
            path=shown,
            row=number,
        )
    if not ends_with_break and len(last) > 1:
        raise LoadError(
            "looks truncated: the file ends without a line break after its last record, so that record may be "
            "cut inside its last field (an incomplete download? fetch it again; every publisher file read "
            "here ends with a line break)",
            path=shown,
            row=number,
        )


def _match_sheet(names: list[str], wanted: str) -> str | None:
    if wanted.startswith("re:"):
        pattern = re.compile(wanted[3:], re.IGNORECASE)
        return next((n for n in names if pattern.fullmatch(n.strip())), None)
    if wanted in names:
        return wanted
    folded = {n.strip().casefold(): n for n in names}
    return folded.get(wanted.strip().casefold())


def _real_sheets(names: list[str]) -> list[str]:
    """Sheet names worth showing in a message: not the dead external-link pseudo-sheets
    (``'file:///H:/...'#Name``) some ods re-saves carry by the hundred."""
    return [n for n in names if not n.startswith("'file:")]


class WorkbookCache:
    """Keeps the last opened workbook, so that several tables read from one file open it once
    (opening an .ods parses the whole document: 0.1-0.3 s a time)."""

    def __init__(self):
        self.key, self.workbook = None, None

    def open(self, path: Path, reader: str, shown: str):
        from python_calamine import CalamineWorkbook

        key = (str(path), path.stat().st_mtime_ns)
        if key != self.key:
            self.key, self.workbook = None, None
            try:
                self.workbook = CalamineWorkbook.from_path(str(path))
            except Exception as exc:  # calamine raises its own error types for each format
                raise LoadError(
                    f"cannot be opened as a {reader} spreadsheet ({type(exc).__name__}: {exc})", path=shown
                ) from exc
            self.key = key
        return self.workbook


_WORKBOOKS = WorkbookCache()


def read_spreadsheet(path: Path, table: Table, shown: str) -> list[Landed]:
    workbook = _WORKBOOKS.open(path, table.reader, shown)
    available = list(workbook.sheet_names)
    if table.stack_sheets:
        chosen = []
        for wanted in table.sheets:
            name = _match_sheet(available, wanted)
            if name is None:
                raise LoadError(
                    f"sheet {wanted!r} not found; the workbook has {shorten(_real_sheets(available))}", path=shown
                )
            chosen.append(name)
    else:
        chosen = [n for n in (_match_sheet(available, w) for w in table.sheets) if n is not None][:1]
        if not chosen:
            layout = f" ({table.variant_name})" if table.variant_name else ""
            raise LoadError(
                f"none of the sheets {shorten(table.sheets)} found{layout}; the workbook has "
                f"{shorten(_real_sheets(available))}",
                path=shown,
            )
    blocks = []
    for name in chosen:
        try:
            grid = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
        except Exception as exc:
            raise LoadError(f"cannot be read ({type(exc).__name__}: {exc})", path=shown, sheet=name) from exc
        blocks.append(land_grid(grid, table, shown, name))
    return blocks


def read_parquet(path: Path, table: Table, shown: str) -> list[Landed]:
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    try:
        data = pq.read_table(path)
    except Exception as exc:
        raise LoadError(f"cannot be read as Parquet ({type(exc).__name__}: {exc})", path=shown) from exc
    names, headers = name_columns([data.column_names], len(data.column_names))
    missing = sorted(set(table.columns) - set(names))
    if missing:
        raise LoadError(
            f"required column(s) {shorten(missing)} not found; found: {shorten(names)}", path=shown, column=missing[0]
        )
    rows = ArrowRows([pc.cast(col, pa.string()).combine_chunks() for col in data.columns], data.num_rows)
    return [Landed(names, headers, rows, [None] * len(rows), list(range(1, len(rows) + 1)))]


class ArrowRows(Sequence):
    """The rows of a Parquet file, kept as Arrow text columns: the loader lands the columns as
    they are (no Python objects); reading rows (tests, small files) builds them on demand."""

    def __init__(self, columns: list, length: int):
        self.columns, self.length = columns, length

    def __len__(self) -> int:
        return self.length

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self.length))]
        return [column[index].as_py() for column in self.columns]

    def __iter__(self):
        return (list(row) for row in zip(*(column.to_pylist() for column in self.columns)))


JSON_COLUMNS = ["code", "neighbour_position", "neighbour_code"]


def read_json(path: Path, table: Table, shown: str) -> list[Landed]:
    """An object of key -> list of values, as rows (key, 1-based position in the list, value).

    Written for Oflog's nearest-neighbour file (``NN.json``: council code -> comparator codes).
    Nothing is dropped or de-duplicated: a list that repeats a code lands it twice.
    """
    import json

    raw = path.read_bytes()
    warnings: list[str] = []
    text = _decode(raw, table, shown, warnings)
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise LoadError(f"is not valid JSON: {exc.msg} at line {exc.lineno}", path=shown) from exc
    if not isinstance(document, dict):
        raise LoadError(f"expected a JSON object of key -> list, got {type(document).__name__}", path=shown)
    missing = sorted(set(table.columns) - set(JSON_COLUMNS))
    if missing:
        raise LoadError(f"required column(s) {missing} not found; found: {JSON_COLUMNS}", path=shown, column=missing[0])
    rows, numbers = [], []
    for key, values in document.items():
        items = values if isinstance(values, list) else [values]
        for position, value in enumerate(items, start=1):
            if isinstance(value, (dict, list)):
                raise LoadError(f"key {key!r} item {position} is not a single value", path=shown)
            rows.append([cell_text(key), str(position), cell_text(value)])
            numbers.append(len(rows))
    return [Landed(list(JSON_COLUMNS), list(JSON_COLUMNS), rows, [None] * len(rows), numbers, warnings)]


# What a file really is, from its first bytes (the name can lie: a saved error page, a renamed file).
MAGIC = (
    (b"PK\x03\x04", "a zip archive (xlsx/ods workbook)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an OLE2 compound file (xls workbook)"),
    (b"PAR1", "a Parquet file"),
    (b"%PDF", "a PDF document"),
)
EXPECTED = {
    "csv": "text",
    "json": "text",
    "parquet": "a Parquet file",
    "xlsx": "a workbook",
    "xls": "a workbook",
    "ods": "a workbook",
}


def sniff(path: Path) -> str:
    """A short description of what the file holds, judged from its first bytes only."""
    with path.open("rb") as handle:
        head = handle.read(512)
    for magic, kind in MAGIC:
        if head.startswith(magic):
            return kind
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith((b"<!doctype html", b"<html", b"<head", b"<body")):
        return "an HTML page"
    if start.startswith(b"<?xml"):
        return "an XML document"
    return "binary data" if b"\x00" in head else "text"


def check_format(path: Path, table: Table, shown: str) -> None:
    """Stop with a clear message when the file is not what its reader expects, or is cut short."""
    kind = sniff(path)
    expected = EXPECTED[table.reader]
    if table.reader in SPREADSHEET_READERS:
        fits = kind.startswith(("a zip", "an OLE2"))
    elif expected == "text":
        fits = kind in ("text", "an XML document") if table.reader == "json" else kind == "text"
    else:
        fits = kind == expected
    what = f"a {table.reader} spreadsheet" if table.reader in SPREADSHEET_READERS else f"a {table.reader} file"
    if not fits:
        hint = " (a failed download saved under the right name?)" if kind == "an HTML page" else ""
        raise LoadError(f"cannot be opened as {what}: it is {kind}, not {expected}{hint}", path=shown)
    if kind.startswith("a zip"):
        import zipfile

        try:  # the zip directory sits at the end of the file: a cut download has none
            zipfile.ZipFile(path).close()
        except (zipfile.BadZipFile, OSError, EOFError) as exc:
            raise LoadError(f"cannot be opened as {what}: it is truncated or damaged ({exc})", path=shown) from exc
    if kind == "a Parquet file":
        with path.open("rb") as handle:
            handle.seek(-4, 2)
            if handle.read(4) != b"PAR1":
                raise LoadError(f"cannot be opened as {what}: it is truncated (no closing PAR1 footer)", path=shown)


def read_file(path: Path, table: Table, shown: str) -> list[Landed]:
    """Read one file with the table's reader; the file's own extension picks the spreadsheet engine."""
    if path.stat().st_size == 0:
        raise LoadError("the file is empty (0 bytes)", path=shown)
    check_format(path, table, shown)
    if table.reader == "csv":
        return read_csv(path, table, shown)
    if table.reader in SPREADSHEET_READERS:
        return read_spreadsheet(path, table, shown)
    if table.reader == "json":
        return read_json(path, table, shown)
    return read_parquet(path, table, shown)
