"""Nothing is landed from a partial file: a cut (mid-record or on a row boundary), rows deleted from
the middle and one authority removed each stop the load with the file named, and the previous
warehouse stays byte-identical. Each case runs on every reader format the loader has."""

from __future__ import annotations

import hashlib
import shutil
import textwrap
from pathlib import Path

import pytest

from council_index.demo.writers import write_csv, write_ods, write_parquet, write_xlsx
from council_index.pipeline.errors import LoadError
from council_index.pipeline.loader import load_all

REGISTRY = """
datasets:
  - id: partial
    publisher: Test publisher
    title: Partial files
    landing_page: https://example.invalid/
    licence: OGL-3.0
    source_folder: things
    tables:
      - id: counts
        path: things/counts.{ext}
        reader: {reader}
        {sheet}
        columns: [code, name, value]
        checks:
          authority_code: code
          numbers: [value]
"""

CODES = [f"E06{n:06d}" for n in range(1, 41)]
GRID = [["code", "name", "value"]] + [[c, f"Council {i}", str(100 + i)] for i, c in enumerate(CODES)]


def write(path: Path, grid: list[list[str]]) -> None:
    ext = path.suffix.lstrip(".")
    if ext == "csv":
        write_csv(path, grid)
    elif ext == "xlsx":
        write_xlsx(path, {"Data": grid})
    elif ext == "ods":
        write_ods(path, {"Data": grid})
    else:
        write_parquet(path, {name: [row[i] for row in grid[1:]] for i, name in enumerate(grid[0])})


def setup(tmp_path: Path, ext: str):
    raw, registry = tmp_path / "raw", tmp_path / "registry"
    registry.mkdir()
    reader = ext
    sheet = 'sheet: ["Data"]' if ext in ("xlsx", "ods") else ""
    (registry / "partial.yml").write_text(
        textwrap.dedent(REGISTRY).format(ext=ext, reader=reader, sheet=sheet), encoding="utf-8"
    )
    path = raw / "things" / f"counts.{ext}"
    write(path, GRID)
    db = tmp_path / "warehouse.duckdb"
    load_all(raw, db, registry, progress=lambda m: None)
    return raw, registry, path, db


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def stops(raw, registry, db, pattern: str) -> None:
    before = digest(db)
    with pytest.raises(LoadError, match=pattern):
        load_all(raw, db, registry, progress=lambda m: None)
    assert digest(db) == before, "the previous warehouse changed"
    assert not db.with_name(db.name + ".loading").exists()


FORMATS = ["csv", "xlsx", "ods", "parquet"]


@pytest.mark.parametrize("ext", FORMATS)
def test_cut_on_a_row_boundary_stops_as_shrinkage(tmp_path, ext):
    raw, registry, path, db = setup(tmp_path, ext)
    write(path, GRID[:21])
    stops(
        raw,
        registry,
        db,
        rf"^file things/counts\.{ext}: looks partial: 20 rows where the last successful load "
        r"had 40 \(-50%\); 20 authorities of the last successful load missing: \['E06000021'",
    )


@pytest.mark.parametrize("ext", FORMATS)
def test_rows_deleted_from_the_middle_stop_the_load(tmp_path, ext):
    raw, registry, path, db = setup(tmp_path, ext)
    write(path, GRID[:10] + GRID[20:])
    stops(raw, registry, db, r"looks partial: 30 rows where the last successful load had 40 \(-25%\); 10 authorities")


@pytest.mark.parametrize("ext", FORMATS)
def test_one_authority_removed_stops_the_load_and_is_named(tmp_path, ext):
    raw, registry, path, db = setup(tmp_path, ext)
    write(path, [row for row in GRID if row[0] != "E06000007"])
    stops(raw, registry, db, r"looks partial: 1 authority of the last successful load missing: \['E06000007'\]")


@pytest.mark.parametrize("ext", FORMATS)
def test_accept_shrink_lands_it_and_says_so_in_the_log(tmp_path, ext):
    raw, registry, path, db = setup(tmp_path, ext)
    write(path, [row for row in GRID if row[0] != "E06000007"])
    entries = load_all(raw, db, registry, progress=lambda m: None, accept_shrink=True)
    entry = next(e for e in entries if e.file == f"things/counts.{ext}")
    assert entry.status == "loaded_with_warnings"
    assert entry.message.startswith("shrink accepted (ACCEPT_SHRINK): 1 authority of the last successful load missing")
    load_all(raw, db, registry, progress=lambda m: None)  # the accepted file is the new baseline


def test_csv_cut_mid_record_is_named_truncated_at_its_row(tmp_path):
    raw, registry, path, db = setup(tmp_path, "csv")
    text = path.read_text(encoding="utf-8")
    cut = text.index("E06000030") + 14  # inside the name field of row 31
    path.write_text(text[:cut], encoding="utf-8")
    stops(
        raw, registry, db, r"^file things/counts\.csv, row 31: looks truncated: the last record has 2 of the 3 fields"
    )


def test_csv_cut_inside_the_last_field_is_truncated(tmp_path):
    raw, registry, path, db = setup(tmp_path, "csv")
    text = path.read_text(encoding="utf-8").rstrip("\r\n")
    path.write_text(text[:-1], encoding="utf-8")
    stops(raw, registry, db, r"^file things/counts\.csv, row 41: looks truncated: the file ends without a line break")


def test_csv_cut_inside_a_quoted_field_is_truncated(tmp_path):
    raw, registry, path, db = setup(tmp_path, "csv")
    text = path.read_text(encoding="utf-8")
    path.write_text(text + 'E06000099,"Council, cut', encoding="utf-8")
    stops(raw, registry, db, r"^file things/counts\.csv, row 42: looks truncated: the file ends inside a quoted field")


def test_a_one_cell_footnote_is_not_a_cut(tmp_path):
    raw, registry, path, db = setup(tmp_path, "csv")
    write(path, GRID + [["Source: a publisher"]])
    load_all(raw, db, registry, progress=lambda m: None)


@pytest.mark.parametrize("ext", ["xlsx", "ods", "parquet"])
def test_binary_file_cut_short_is_named_truncated(tmp_path, ext):
    raw, registry, path, db = setup(tmp_path, ext)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    stops(raw, registry, db, rf"^file things/counts\.{ext}: cannot be opened as .*truncated")


def test_real_xls_cut_short_stops_the_load(tmp_path, shared_data):
    source = shared_data / "population" / "ukmidyearestimates2016.xls"
    raw, registry = tmp_path / "raw", tmp_path / "registry"
    registry.mkdir()
    (registry / "partial.yml").write_text(
        textwrap.dedent(REGISTRY).format(ext="xls", reader="xls", sheet='sheet: ["MYE2 - All"]'), encoding="utf-8"
    )
    (raw / "things").mkdir(parents=True)
    data = source.read_bytes()
    (raw / "things" / "counts.xls").write_bytes(data[: len(data) // 2])
    db = tmp_path / "warehouse.duckdb"
    shutil.copy(source, tmp_path / "unused.xls")
    with pytest.raises(LoadError, match=r"^file things/counts\.xls.*(cannot be opened|cannot be read|truncated)"):
        load_all(raw, db, registry, progress=lambda m: None)
    assert not db.exists()


def test_a_real_folder_after_the_demo_is_not_judged_against_it(tmp_path):
    """make run (demo) then make run RAW_DIR=... on the same warehouse: the demo's fictional councils
    share file names with the real files, so the real files are not 'partial' demo files (and the
    reverse); two loads of the same kind are compared as before."""
    from council_index.demo.generate import DEMO_MARKER
    from council_index.pipeline import loader

    assert loader.DEMO_MARKER == DEMO_MARKER
    raw, registry, path, db = setup(tmp_path, "csv")
    (raw / DEMO_MARKER).write_text("demo\n", encoding="utf-8")
    load_all(raw, db, registry, progress=lambda m: None)  # the demo, now the last load
    (raw / DEMO_MARKER).unlink()
    write(path, GRID[:21])  # the "real" files: other councils, fewer rows
    messages = []
    load_all(raw, db, registry, progress=messages.append)
    assert any("last load was of the demo files" in m for m in messages), messages
    write(path, GRID[:11])  # real after real: judged as before
    stops(raw, registry, db, r"looks partial: 10 rows where the last successful load had 20 \(-50%\)")
