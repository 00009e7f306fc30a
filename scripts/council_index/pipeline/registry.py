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
``checks`` (value checks reported in ``raw.quarantine``; see ``pipeline/checks.py``),
``expects`` (which authorities and periods a whole file holds; see ``pipeline/coverage.py``),
``column_aliases`` (canonical name -> list of other normalised names a release uses for it: the
column lands under the canonical name), ``metadata`` (column -> label of a cell above the header,
e.g. ``period: "Period:"``: the first non-empty cell right of the label lands in that column on
every row of the file) and ``variants``.

Layout variants are data. ``variants`` is a list of mappings, each with ``files`` (a glob or list
of globs, relative to the raw directory, matched against the file's path) and any of the keys
``sheet``, ``header_rows``, ``data_start_row``, ``header_scan_rows``, ``columns``,
``column_aliases`` and ``metadata``; a file takes the first variant whose ``files`` match it, and
the table's own keys for everything the variant does not say. A sheet name written ``re:<pattern>``
matches sheet names by regular expression (whole name, case-insensitive).

Files deliberately not read are listed too, so that no file in the raw folder is ignored silently:
a dataset's ``not_read`` (and a registry file's top-level ``not_read``) is a list of
``{path: <glob>, reason: <text>}``. The loader writes a ``not_read`` line in ``raw.load_log`` for
each, and an ``unregistered`` line (with a warning) for a file that no entry accounts for.

The ``json`` reader takes one object of key -> list (e.g. a council code -> its nearest neighbours)
and lands one row per list item with the columns ``code``, ``neighbour_position`` (1-based) and
``neighbour_code``; a key whose value is a single value lands as one row at position 1.
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from council_index import PROJECT_ROOT, yaml_files

from .checks import CHECK_KEYS, Checks
from .coverage import LISTS_FILE, Expects, parse_expects
from .errors import RegistryError

READERS = ("csv", "xlsx", "xls", "ods", "parquet", "json")
SPREADSHEET_READERS = ("xlsx", "xls", "ods")
REGISTRY_DIR = PROJECT_ROOT / "scripts" / "registry"
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")

DATASET_KEYS = {
    "id",
    "publisher",
    "title",
    "landing_page",
    "licence",
    "source_folder",
    "required",
    "downloads",
    "tables",
    "description",
    "notes",
    "periods",
    "not_read",
    "releases",
}
RELEASE_KEYS = {"usual", "lag_months", "known"}
KNOWN_RELEASE_KEYS = {"period", "released_on", "source"}
TABLE_KEYS = {
    "id",
    "description",
    "path",
    "reader",
    "sheet",
    "sheets",
    "header_rows",
    "data_start_row",
    "columns",
    "encoding",
    "header_scan_rows",
    "checks",
    "column_aliases",
    "metadata",
    "variants",
    "expects",
}
VARIANT_KEYS = {
    "files",
    "sheet",
    "header_rows",
    "data_start_row",
    "header_scan_rows",
    "columns",
    "column_aliases",
    "metadata",
}
NOT_READ_KEYS = {"path", "reason"}
DOWNLOAD_KEYS = {"url", "file", "sha256"}


@dataclass(frozen=True)
class Download:
    url: str
    file: str
    sha256: str | None = None


@dataclass(frozen=True)
class Variant:
    files: tuple[str, ...]
    overrides: tuple[tuple[str, object], ...]


@dataclass(frozen=True)
class NotRead:
    dataset_id: str
    path: str
    reason: str


@dataclass(frozen=True)
class Release:
    """When a period of a dataset was (or is estimated to have been) first published."""

    period: str
    released_on: str  # ISO date
    source: str


@dataclass(frozen=True)
class Releases:
    """A dataset's release timetable: ``lag_months`` after the period ends, as the publisher usually
    does (``usual`` says what that is), unless a period's own date is ``known`` (front pages)."""

    usual: str
    lag_months: int
    known: tuple[Release, ...] = ()


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
    column_aliases: tuple[tuple[str, tuple[str, ...]], ...] = ()
    metadata: tuple[tuple[str, str], ...] = ()
    variants: tuple[Variant, ...] = ()
    variant_name: str | None = None
    expects: Expects | None = None

    def for_file(self, shown: str) -> Table:
        """The layout that applies to one file (path relative to the raw directory): the first
        variant whose ``files`` match it, over the table's own keys; the table itself otherwise."""
        for number, variant in enumerate(self.variants, start=1):
            if any(fnmatch.fnmatchcase(shown, pattern) for pattern in variant.files):
                changes = {k: v for k, v in variant.overrides}
                if "column_aliases" in changes:
                    merged = dict(self.column_aliases)
                    merged.update(dict(changes["column_aliases"]))
                    changes["column_aliases"] = tuple(merged.items())
                return replace(
                    self, variants=(), variant_name=f"variant {number} ({', '.join(variant.files)})", **changes
                )
        return self

    @property
    def alias_map(self) -> dict[str, str]:
        """Other name -> canonical name."""
        return {alias: canonical for canonical, aliases in self.column_aliases for alias in aliases}

    @property
    def all_columns(self) -> tuple[str, ...]:
        """Required columns of the table and of every variant (the landed table has them all)."""
        names = list(self.columns) + [c for c, _ in self.metadata if c not in self.columns]
        for variant in self.variants:
            for key, value in variant.overrides:
                if key == "columns":
                    names += [c for c in value if c not in names]
                if key == "metadata":
                    names += [c for c, _ in value if c not in names]
        return tuple(names)

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
    not_read: tuple[NotRead, ...] = ()
    releases: Releases | None = None


def _need(entry: dict, key: str, where: str, kind=str):
    if key not in entry or entry[key] in (None, ""):
        raise RegistryError(f"{where}: missing required key '{key}'")
    value = entry[key]
    if not isinstance(value, kind):
        expected = " or ".join(k.__name__ for k in kind) if isinstance(kind, tuple) else kind.__name__
        raise RegistryError(f"{where}: key '{key}' must be {expected}, got {type(value).__name__}")
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
    _check_columns(columns, where)
    aliases = _parse_aliases(entry.get("column_aliases"), where)
    metadata = _parse_metadata(entry.get("metadata"), where)
    variants = tuple(
        _parse_variant(v, f"{where} variant {i}", reader) for i, v in enumerate(entry.get("variants") or [], start=1)
    )
    if "variants" in entry and not isinstance(entry["variants"], list):
        raise RegistryError(f"{where}: 'variants' must be a list")
    all_columns = list(columns) + [c for v in variants for k, val in v.overrides if k == "columns" for c in val]
    checks = _parse_checks(entry.get("checks"), tuple(all_columns), where)
    expects = parse_expects(entry.get("expects"), tuple(all_columns), where)
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
        column_aliases=aliases,
        metadata=metadata,
        variants=variants,
        expects=expects,
    )


def _check_columns(columns, where: str) -> None:
    for column in columns:
        if not isinstance(column, str) or not _ID.match(column) and not re.match(r"^col_[0-9]", column):
            raise RegistryError(f"{where}: column '{column}' is not a normalised snake_case name")


def _parse_aliases(entry, where: str) -> tuple:
    if entry is None:
        return ()
    if not isinstance(entry, dict):
        raise RegistryError(f"{where}: 'column_aliases' must map a column name to a list of other names")
    parsed = []
    for canonical, aliases in entry.items():
        aliases = _as_tuple(aliases, where, f"column_aliases.{canonical}")
        _check_columns((canonical, *aliases), f"{where} column_aliases")
        parsed.append((canonical, tuple(aliases)))
    return tuple(parsed)


def _parse_metadata(entry, where: str) -> tuple:
    if entry is None:
        return ()
    if not isinstance(entry, dict) or not all(isinstance(v, str) and v.strip() for v in entry.values()):
        raise RegistryError(f"{where}: 'metadata' must map a column name to the label text of a cell")
    _check_columns(tuple(entry), f"{where} metadata")
    return tuple((k, v) for k, v in entry.items())


def _parse_variant(entry, where: str, reader: str) -> Variant:
    if not isinstance(entry, dict):
        raise RegistryError(f"{where}: each variant must be a mapping")
    unknown = set(entry) - VARIANT_KEYS
    if unknown:
        raise RegistryError(f"{where}: unknown keys {sorted(unknown)} (allowed: {sorted(VARIANT_KEYS)})")
    files = _as_tuple(entry.get("files"), where, "files")
    if not files:
        raise RegistryError(f"{where}: missing required key 'files' (the glob(s) of the files it describes)")
    overrides: list[tuple[str, object]] = []
    if "sheet" in entry:
        if reader not in SPREADSHEET_READERS:
            raise RegistryError(f"{where}: reader '{reader}' has no sheets")
        overrides.append(("sheets", tuple(str(x) for x in _as_tuple(entry["sheet"], where, "sheet"))))
    if "header_rows" in entry:
        rows = _as_tuple(entry["header_rows"], where, "header_rows")
        if any(not isinstance(r, int) or r < 1 for r in rows):
            raise RegistryError(f"{where}: header_rows must be 1-based row numbers")
        overrides.append(("header_rows", tuple(rows)))
    if "data_start_row" in entry:
        start = entry["data_start_row"]
        if not isinstance(start, int) or start < 1:
            raise RegistryError(f"{where}: data_start_row must be a 1-based row number")
        overrides.append(("data_start_row", start))
    if "header_scan_rows" in entry:
        overrides.append(("header_scan_rows", int(entry["header_scan_rows"])))
    if "columns" in entry:
        columns = _as_tuple(entry["columns"], where, "columns")
        if not columns:
            raise RegistryError(f"{where}: 'columns' must list the columns the file must have")
        _check_columns(columns, where)
        overrides.append(("columns", tuple(columns)))
    if "column_aliases" in entry:
        overrides.append(("column_aliases", _parse_aliases(entry["column_aliases"], where)))
    if "metadata" in entry:
        overrides.append(("metadata", _parse_metadata(entry["metadata"], where)))
    return Variant(files=tuple(str(f) for f in files), overrides=tuple(overrides))


def _parse_not_read(entries, dataset_id: str, where: str) -> tuple[NotRead, ...]:
    if entries is None:
        return ()
    if not isinstance(entries, list):
        raise RegistryError(f"{where}: 'not_read' must be a list of {{path, reason}}")
    parsed = []
    for i, item in enumerate(entries, start=1):
        here = f"{where} not_read {i}"
        if not isinstance(item, dict) or set(item) - NOT_READ_KEYS:
            raise RegistryError(f"{here}: must be a mapping of {sorted(NOT_READ_KEYS)}")
        path = _need(item, "path", here)
        reason = _need(item, "reason", here)
        parsed.append(NotRead(dataset_id=dataset_id, path=path, reason=" ".join(reason.split())))
    return tuple(parsed)


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
        not_read=_parse_not_read(entry.get("not_read"), dataset_id, where),
        releases=_parse_releases(entry.get("releases"), where),
    )


def _parse_releases(entry, where: str) -> Releases | None:
    """``releases: {usual: <text>, lag_months: <int>, known: [{period, released_on, source}]}``."""
    if entry is None:
        return None
    where = f"{where} releases"
    if not isinstance(entry, dict) or set(entry) - RELEASE_KEYS:
        raise RegistryError(f"{where}: must be a mapping of {sorted(RELEASE_KEYS)}")
    usual = _need(entry, "usual", where)
    lag = entry.get("lag_months")
    if not isinstance(lag, int) or isinstance(lag, bool) or not -24 <= lag <= 36:
        raise RegistryError(f"{where}: lag_months must be a whole number of months after the period ends (-24..36)")
    known = []
    for i, item in enumerate(entry.get("known") or [], start=1):
        here = f"{where} known {i}"
        if not isinstance(item, dict) or set(item) - KNOWN_RELEASE_KEYS:
            raise RegistryError(f"{here}: must be a mapping of {sorted(KNOWN_RELEASE_KEYS)}")
        period = str(_need(item, "period", here, (str, int)))
        released = item.get("released_on")
        released = released.isoformat() if hasattr(released, "isoformat") else str(released or "")
        if not re.match(r"^\d{4}-\d{2}-\d{2}$", released):
            raise RegistryError(f"{here}: released_on must be a date (YYYY-MM-DD)")
        known.append(Release(period=period, released_on=released, source=_need(item, "source", here)))
    return Releases(usual=" ".join(usual.split()), lag_months=lag, known=tuple(known))


FOLDER_ENTRY = "raw_folder"  # the load_log dataset of a registry file's top-level not_read entries


def _documents(directory: Path):
    files = sorted(directory.glob("*.yml"))
    if not files:
        raise RegistryError(f"registry directory {directory} holds no *.yml files")
    for path in files:
        if path.name == LISTS_FILE:  # the authority lists of the tables' expects (pipeline/coverage.py)
            continue
        try:
            document = yaml_files.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            raise RegistryError(f"{path}: not valid YAML: {exc}") from exc
        if not isinstance(document, dict) or not (
            isinstance(document.get("datasets"), list) or isinstance(document.get("not_read"), list)
        ):
            raise RegistryError(f"{path}: expected a mapping with a 'datasets' list (or a 'not_read' list)")
        unknown = set(document) - {"datasets", "not_read"}
        if unknown:
            raise RegistryError(f"{path}: unknown top-level keys {sorted(unknown)} (allowed: datasets, not_read)")
        yield path, document


def load_registry(directory: Path | str = REGISTRY_DIR) -> list[Dataset]:
    """Read and validate every ``*.yml`` file of the registry directory, in name order."""
    directory = Path(directory)
    datasets: list[Dataset] = []
    for path, document in _documents(directory):
        for i, entry in enumerate(document.get("datasets") or []):
            datasets.append(_parse_dataset(entry, f"{path.name} entry {i + 1}"))
    ids = [d.id for d in datasets]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise RegistryError(f"duplicate dataset ids across the registry: {duplicates}")
    return datasets


def load_not_read(directory: Path | str = REGISTRY_DIR, datasets: list[Dataset] | None = None) -> list[NotRead]:
    """Every file pattern the registry lists as deliberately not read (dataset and top-level entries).
    ``datasets``: that registry's datasets when the caller has already read them (load_registry), so that
    they are not read and validated again."""
    directory = Path(directory)
    entries: list[NotRead] = []
    for path, document in _documents(directory):
        entries += _parse_not_read(document.get("not_read"), FOLDER_ENTRY, f"{path.name}")
    for dataset in load_registry(directory) if datasets is None else datasets:
        entries += dataset.not_read
    return entries
