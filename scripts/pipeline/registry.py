"""The dataset registry: one YAML entry per public dataset, kept as data under ``scripts/registry/``.

Each ``*.yml`` file there holds ``datasets:``, a list of entries of this shape::

    - id: ons_mid_year_population          # snake_case, unique across the registry
      publisher: Office for National Statistics
      title: Population estimates ... MYE2
      landing_page: https://www.ons.gov.uk/...
      licence: OGL-3.0
      source_folder: population             # folder under the raw directory (and staging folder)
      required: true                        # optional; a required dataset with no file stops the load
      downloads:                            # optional; what `make fetch` downloads
        - url: https://.../ukmidyearestimates2016.xls
          file: population/ukmidyearestimates2016.xls   # relative to the raw directory
          sha256: 0123...                   # optional; verified when present
      tables:
        - id: mye2_persons                  # raw table = raw.<dataset id>__<table id>
          description: Persons by single year of age
          path: population/ukmidyearestimates*.xls*      # glob (or list of globs) under the raw dir
          reader: xls                       # csv | xlsx | xls | ods | parquet | json
          sheet: ["MYE2 - All", "MYE2-All"] # spreadsheet readers: first sheet found wins
          header_rows: [5]                  # 1-based sheet rows whose cells name the columns
          columns: [code, name, all_ages]   # column names (after normalisation) that must be found

Optional table keys: ``sheets`` (list: land several sheets of one layout into one table, with
``_sheet`` telling them apart), ``data_start_row`` (1-based; default the row after the last header
row), ``encoding`` (csv; default: UTF-8 with or without BOM, falling back to cp1252 with a warning),
``header_scan_rows`` (how far down to look when the header is not where declared; default 30),
``checks`` (value checks reported in ``raw.quarantine``; see ``pipeline/checks.py``).

The ``json`` reader takes one object of key -> list (e.g. a council code -> its nearest neighbours)
and lands one row per list item with the columns ``code``, ``neighbour_position`` (1-based) and
``neighbour_code``; a key whose value is a single value lands as one row at position 1.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .checks import CHECK_KEYS, Checks
from .errors import RegistryError

READERS = ("csv", "xlsx", "xls", "ods", "parquet", "json")
SPREADSHEET_READERS = ("xlsx", "xls", "ods")
REGISTRY_DIR = Path(__file__).resolve().parent.parent / "registry"
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")

DATASET_KEYS = {
    "id", "publisher", "title", "landing_page", "licence", "source_folder", "required",
    "downloads", "tables", "description", "notes", "periods",
}
TABLE_KEYS = {
    "id", "description", "path", "reader", "sheet", "sheets", "header_rows", "data_start_row",
    "columns", "encoding", "header_scan_rows", "checks",
}
DOWNLOAD_KEYS = {"url", "file", "sha256"}


@dataclass(frozen=True)
class Download:
    url: str
    file: str
    sha256: str | None = None


@dataclass(frozen=True)
class Table:
    dataset_id: str
    id: str
    description: str
    paths: tuple[str, ...]
    reader: str
    sheets: tuple[str, ...] = ()
    stack_sheets: bool = False
    header_rows: tuple[int, ...] = (1,)
    data_start_row: int | None = None
    columns: tuple[str, ...] = ()
    encoding: str | None = None
    header_scan_rows: int = 30
    checks: Checks | None = None

    @property
    def raw_table(self) -> str:
        """Name of the landed table inside schema ``raw``."""
        return f"{self.dataset_id}__{self.id}"

    @property
    def first_data_row(self) -> int:
        if self.data_start_row is not None:
            return self.data_start_row
        return (max(self.header_rows) + 1) if self.header_rows else 1


@dataclass(frozen=True)
class Dataset:
    id: str
    publisher: str
    title: str
    landing_page: str
    licence: str
    source_folder: str
    required: bool
    tables: tuple[Table, ...]
    downloads: tuple[Download, ...] = field(default_factory=tuple)
    description: str = ""


def _need(entry: dict, key: str, where: str, kind=str):
    if key not in entry or entry[key] in (None, ""):
        raise RegistryError(f"{where}: missing required key '{key}'")
    value = entry[key]
    if not isinstance(value, kind):
        raise RegistryError(f"{where}: key '{key}' must be {kind.__name__}, got {type(value).__name__}")
    return value


def _as_tuple(value, where: str, key: str) -> tuple:
    if value is None:
        return ()
    if isinstance(value, (str, int)):
        return (value,)
    if isinstance(value, list):
        return tuple(value)
    raise RegistryError(f"{where}: key '{key}' must be a string or a list")


def _parse_table(dataset_id: str, entry: dict, where: str) -> Table:
    if not isinstance(entry, dict):
        raise RegistryError(f"{where}: each table must be a mapping")
    unknown = set(entry) - TABLE_KEYS
    if unknown:
        raise RegistryError(f"{where}: unknown keys {sorted(unknown)} (allowed: {sorted(TABLE_KEYS)})")
    table_id = _need(entry, "id", where)
    where = f"{where} table '{table_id}'"
    if not _ID.match(table_id):
        raise RegistryError(f"{where}: id must be snake_case")
    reader = _need(entry, "reader", where)
    if reader not in READERS:
        raise RegistryError(f"{where}: reader '{reader}' is not one of {READERS}")
    paths = _as_tuple(entry.get("path"), where, "path")
    if not paths:
        raise RegistryError(f"{where}: missing required key 'path'")
    if "sheet" in entry and "sheets" in entry:
        raise RegistryError(f"{where}: give 'sheet' (alternatives) or 'sheets' (stacked), not both")
    sheets = _as_tuple(entry.get("sheet", entry.get("sheets")), where, "sheet")
    if reader in SPREADSHEET_READERS and not sheets:
        raise RegistryError(f"{where}: spreadsheet reader '{reader}' needs 'sheet' or 'sheets'")
    if reader not in SPREADSHEET_READERS and sheets:
        raise RegistryError(f"{where}: reader '{reader}' has no sheets")
    header_rows = _as_tuple(entry.get("header_rows", [1]), where, "header_rows")
    if any(not isinstance(r, int) or r < 1 for r in header_rows):
        raise RegistryError(f"{where}: header_rows must be 1-based row numbers")
    if reader == "parquet" and header_rows not in ((1,), ()):
        raise RegistryError(f"{where}: parquet files have no header rows to choose")
    if reader == "json" and header_rows not in ((1,), ()):
        raise RegistryError(f"{where}: json files have no header rows to choose")
    columns = _as_tuple(entry.get("columns"), where, "columns")
    if not columns:
        raise RegistryError(f"{where}: 'columns' must list the columns the file must have")
    for column in columns:
        if not isinstance(column, str) or not _ID.match(column) and not re.match(r"^col_[0-9]", column):
            raise RegistryError(f"{where}: column '{column}' is not a normalised snake_case name")
    checks = _parse_checks(entry.get("checks"), columns, where)
    start = entry.get("data_start_row")
    if start is not None and (not isinstance(start, int) or start < 1):
        raise RegistryError(f"{where}: data_start_row must be a 1-based row number")
    return Table(
        dataset_id=dataset_id,
        id=table_id,
        description=str(entry.get("description", "")),
        paths=tuple(str(p) for p in paths),
        reader=reader,
        sheets=tuple(str(s) for s in sheets),
        stack_sheets="sheets" in entry,
        header_rows=tuple(header_rows),
        data_start_row=start,
        columns=tuple(columns),
        encoding=entry.get("encoding"),
        header_scan_rows=int(entry.get("header_scan_rows", 30)),
        checks=checks,
    )


def _parse_checks(entry, columns: tuple, where: str) -> Checks | None:
    if entry is None:
        return None
    if not isinstance(entry, dict):
        raise RegistryError(f"{where}: 'checks' must be a mapping")
    unknown = set(entry) - CHECK_KEYS
    if unknown:
        raise RegistryError(f"{where}: unknown checks {sorted(unknown)} (allowed: {sorted(CHECK_KEYS)})")
    checks = Checks(
        authority_code=entry.get("authority_code"),
        known_codes=bool(entry.get("known_codes", False)),
        key_columns=tuple(_as_tuple(entry.get("key_columns"), where, "key_columns")),
        counts=tuple(_as_tuple(entry.get("counts"), where, "counts")),
        numbers=tuple(_as_tuple(entry.get("numbers"), where, "numbers")),
        percentages=tuple(_as_tuple(entry.get("percentages"), where, "percentages")),
        period_column=entry.get("period_column"),
    )
    undeclared = [c for c in checks.columns if c not in columns]
    if undeclared:
        raise RegistryError(f"{where}: checks name column(s) {undeclared} not listed in 'columns'")
    if (checks.known_codes or checks.key_columns) and not checks.authority_code:
        raise RegistryError(f"{where}: checks 'known_codes' and 'key_columns' need 'authority_code'")
    return checks


def _parse_dataset(entry: dict, where: str) -> Dataset:
    if not isinstance(entry, dict):
        raise RegistryError(f"{where}: each dataset must be a mapping")
    unknown = set(entry) - DATASET_KEYS
    if unknown:
        raise RegistryError(f"{where}: unknown keys {sorted(unknown)} (allowed: {sorted(DATASET_KEYS)})")
    dataset_id = _need(entry, "id", where)
    where = f"{where} dataset '{dataset_id}'"
    if not _ID.match(dataset_id) or "__" in dataset_id:
        raise RegistryError(f"{where}: id must be snake_case without double underscores")
    for key in ("publisher", "title", "landing_page", "licence", "source_folder"):
        _need(entry, key, where)
    tables = entry.get("tables")
    if not isinstance(tables, list) or not tables:
        raise RegistryError(f"{where}: 'tables' must be a non-empty list")
    parsed_tables = tuple(_parse_table(dataset_id, t, f"{where}") for t in tables)
    ids = [t.id for t in parsed_tables]
    if len(ids) != len(set(ids)):
        raise RegistryError(f"{where}: duplicate table ids {sorted({i for i in ids if ids.count(i) > 1})}")
    downloads = []
    for i, d in enumerate(entry.get("downloads") or []):
        if not isinstance(d, dict) or set(d) - DOWNLOAD_KEYS:
            raise RegistryError(f"{where} download {i + 1}: must be a mapping of {sorted(DOWNLOAD_KEYS)}")
        url = _need(d, "url", f"{where} download {i + 1}")
        file = _need(d, "file", f"{where} download {i + 1}")
        if not url.startswith(("http://", "https://")):
            raise RegistryError(f"{where} download {i + 1}: url must be http(s)")
        if Path(file).is_absolute() or ".." in Path(file).parts:
            raise RegistryError(f"{where} download {i + 1}: file must be relative to the raw directory")
        sha = d.get("sha256")
        if sha is not None and not _SHA256.match(str(sha)):
            raise RegistryError(f"{where} download {i + 1}: sha256 must be 64 lowercase hex digits")
        downloads.append(Download(url=url, file=file, sha256=sha))
    return Dataset(
        id=dataset_id,
        publisher=entry["publisher"],
        title=entry["title"],
        landing_page=entry["landing_page"],
        licence=entry["licence"],
        source_folder=entry["source_folder"],
        required=bool(entry.get("required", False)),
        tables=parsed_tables,
        downloads=tuple(downloads),
        description=str(entry.get("description", "")),
    )


def load_registry(directory: Path | str = REGISTRY_DIR) -> list[Dataset]:
    """Read and validate every ``*.yml`` file of the registry directory, in name order."""
    directory = Path(directory)
    files = sorted(directory.glob("*.yml"))
    if not files:
        raise RegistryError(f"registry directory {directory} holds no *.yml files")
    datasets: list[Dataset] = []
    for path in files:
        try:
            document = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            raise RegistryError(f"{path}: not valid YAML: {exc}") from exc
        if not isinstance(document, dict) or not isinstance(document.get("datasets"), list):
            raise RegistryError(f"{path}: expected a mapping with a 'datasets' list")
        for i, entry in enumerate(document["datasets"]):
            datasets.append(_parse_dataset(entry, f"{path.name} entry {i + 1}"))
    ids = [d.id for d in datasets]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise RegistryError(f"duplicate dataset ids across the registry: {duplicates}")
    return datasets
