"""Bad input: every messy-file case (wrong sheet, empty, HTML page, wrong format, suppression markers ...), each with its exact outcome.

Each test starts from a good warehouse (the small fixtures of ``fixtures/bad_input/`` landed, plus a
``marts`` table standing for the rest of the warehouse, and an ``exports/`` folder beside it), breaks
one copied file, loads again and asserts either
- the load stops with a ``LoadError`` naming the file (and sheet, row or column), and the previous
  warehouse and exports are exactly as they were (every table's content, and the file's bytes); or
- the load succeeds with the problem recorded in ``raw.load_log`` and/or ``raw.quarantine``, the
  offending rows still landed (never silently dropped), and everything outside ``raw`` (the other
  schemas, the exports) unchanged.
"""

from __future__ import annotations

import csv
import hashlib
import re
import shutil
from pathlib import Path

import duckdb
import pytest

from council_index.demo.writers import write_csv, write_xlsx
from council_index.pipeline.checks import SUPPRESSION_MARKERS
from council_index.pipeline.errors import LoadError
from council_index.pipeline.loader import load_all

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "bad_input"
REGISTRY = FIXTURE / "registry"


def grid(name: str) -> list[list[str]]:
    with (FIXTURE / "things" / name).open(encoding="utf-8", newline="") as handle:
        return [row for row in csv.reader(handle)]


def query(db: Path, sql: str, params=None):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def snapshot(db: Path, schemas: tuple[str, ...] | None = None) -> dict[str, str]:
    """schema.table -> SHA-256 of its rows in sorted order (every table, or those of ``schemas``)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = con.execute("select schema_name, table_name from duckdb_tables() order by 1, 2").fetchall()
        result = {}
        for schema, table in tables:
            if schemas is not None and schema not in schemas:
                continue
            data = con.execute(f'select * from "{schema}"."{table}"').fetchall()
            result[f"{schema}.{table}"] = hashlib.sha256(repr(sorted(map(repr, data))).encode()).hexdigest()
        return result
    finally:
        con.close()


def exports_digest(directory: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(directory.iterdir())}


class Warehouse:
    """A good warehouse built from the fixtures, with helpers to break a file and reload."""

    def __init__(self, tmp_path: Path):
        self.raw = tmp_path / "raw"
        shutil.copytree(FIXTURE, self.raw, ignore=shutil.ignore_patterns("registry"))
        write_xlsx(
            self.raw / "things" / "book_2017.xlsx", {"Notes": [["About this table"]], "Data": grid("counts_2017.csv")}
        )
        self.db = tmp_path / "warehouse.duckdb"
        self.messages: list[str] = []
        load_all(self.raw, self.db, REGISTRY, progress=self.messages.append)
        con = duckdb.connect(str(self.db))
        con.execute("create schema marts; create table marts.fct_keep as select 42 as answer, 'kept' as note")
        con.close()
        self.exports = tmp_path / "exports"
        self.exports.mkdir()
        (self.exports / "fct_keep.csv").write_text("answer,note\n42,kept\n", encoding="utf-8")
        self.before_all = snapshot(self.db)
        self.before_bytes = self.db.read_bytes()
        self.before_exports = exports_digest(self.exports)
        assert query(self.db, "select count(*) from raw.quarantine") == [(0,)], "the good fixtures are clean"

    def path(self, relative: str) -> Path:
        return self.raw / relative

    def write_csv(self, relative: str, rows) -> None:
        write_csv(self.path(relative), rows)

    def reload(self, accept_shrink: bool = False):
        self.messages.clear()
        return load_all(self.raw, self.db, REGISTRY, progress=self.messages.append, accept_shrink=accept_shrink)

    def fails(self, pattern: str) -> str:
        """The reload stops with a LoadError matching ``pattern``; nothing changed."""
        with pytest.raises(LoadError) as error:
            self.reload()
        message = str(error.value)
        assert re.search(pattern, message), message
        assert self.db.read_bytes() == self.before_bytes
        assert snapshot(self.db) == self.before_all
        assert exports_digest(self.exports) == self.before_exports
        assert sorted(p.name for p in self.db.parent.iterdir() if p.name.startswith(self.db.name)) == [self.db.name]
        return message

    def loads(self, accept_shrink: bool = False):
        """The reload succeeds; everything outside ``raw`` is unchanged. Returns (log, quarantine)."""
        self.reload(accept_shrink)
        assert snapshot(self.db, ("marts",)) == {k: v for k, v in self.before_all.items() if k.startswith("marts.")}
        assert exports_digest(self.exports) == self.before_exports
        log = {
            (r[0], r[1]): (r[2], r[3], r[4])
            for r in query(self.db, "select raw_table, file, rows, status, message from raw.load_log")
        }
        quarantine = query(
            self.db,
            "select raw_table, source_file, sheet, row_number, column_name, value, problem "
            "from raw.quarantine order by raw_table, source_file, row_number, problem",
        )
        return log, quarantine


@pytest.fixture
def wh(tmp_path) -> Warehouse:
    return Warehouse(tmp_path)


COUNTS_2018 = "things/counts_2018.csv"


# --- files that are not there, or hold nothing -------------------------------------------------


def test_missing_optional_file_lands_an_empty_table_and_logs_missing(wh):
    wh.path("things/book_2017.xlsx").unlink()  # landed by the last load: gone on purpose, so accepted
    log, quarantine = wh.loads(accept_shrink=True)
    assert log[("test_things__book", None)] == (0, "missing", "no file matching things/book*.xlsx; table created empty")
    assert query(wh.db, "select count(*) from raw.test_things__book") == [(0,)]
    assert quarantine == []


def test_missing_required_file_stops_the_load(wh):
    wh.path("areas/areas.csv").unlink()
    wh.fails(r"^file .*areas/areas\*\.csv: required dataset 'test_areas' has no file matching areas/areas\*\.csv")


def test_empty_file_stops_the_load_naming_it(wh):
    wh.path(COUNTS_2018).write_bytes(b"")
    wh.fails(r"^file things/counts_2018\.csv: the file is empty \(0 bytes\)$")


def test_blank_file_stops_the_load_naming_it(wh):
    wh.path(COUNTS_2018).write_text("\n , \n\n", encoding="utf-8")
    wh.fails(r"^file things/counts_2018\.csv: the file or sheet is empty$")


def test_header_only_file_stops_as_partial_unless_accepted_then_loads_with_a_warning(wh):
    wh.write_csv(COUNTS_2018, grid("counts_2018.csv")[:3])
    wh.fails(r"^file things/counts_2018\.csv: looks partial: 0 rows where the last successful load had \d+")
    log, _ = wh.loads(accept_shrink=True)
    rows, status, message = log[("test_things__counts", COUNTS_2018)]
    assert (rows, status) == (0, "loaded_with_warnings")
    assert message.startswith("shrink accepted (ACCEPT_SHRINK): ")
    assert "no data rows below the header;" in message


# --- layout changes --------------------------------------------------------------------------


def test_wrong_sheet_name_stops_the_load_listing_the_sheets(wh):
    write_xlsx(wh.path("things/book_2017.xlsx"), {"Notes": [["x"]], "Data 2017": grid("counts_2017.csv")})
    wh.fails(
        r"^file things/book_2017\.xlsx: none of the sheets \['Data'\] found; "
        r"the workbook has \['Notes', 'Data 2017'\]$"
    )


def test_header_moved_down_a_row_in_a_sheet_is_found_and_reported(wh):
    write_xlsx(wh.path("things/book_2017.xlsx"), {"Data": [[None]] + grid("counts_2017.csv")})
    log, _ = wh.loads()
    rows, status, message = log[("test_things__book", "things/book_2017.xlsx")]
    assert (rows, status) == (4, "loaded_with_warnings")
    assert message.startswith("header found at row 4, expected row 3 of sheet 'Data';")
    assert query(wh.db, "select ons_code, _row_number from raw.test_things__book order by 2")[0] == ("E06000001", 5)


@pytest.mark.parametrize("header", ["Incidents reported", None])
def test_required_column_renamed_or_missing_stops_the_load_naming_it(wh, header):
    rows = grid("counts_2018.csv")
    column = rows[2].index("Incidents")
    for row in rows[2:]:
        if header is None:
            del row[column]
    if header is not None:
        rows[2][column] = header
    wh.write_csv(COUNTS_2018, rows)
    message = wh.fails(
        r"^file things/counts_2018\.csv, column 'incidents': required column\(s\) \['incidents'\] "
        r"not found in header row\(s\) \[3\]"
    )
    assert ("incidents_reported" in message) == (header is not None)


def test_extra_columns_are_landed_and_reported(wh):
    rows = grid("counts_2018.csv")
    rows[2] += ["Notes", "Incidents per 1,000"]
    for row in rows[3:]:
        row += ["revised", "1.5"]
    wh.write_csv(COUNTS_2018, rows)
    log, _ = wh.loads()
    assert log[("test_things__counts", COUNTS_2018)] == (
        4,
        "loaded",
        "2 column(s) beyond the 5 required: notes, incidents_per_1_000",
    )
    assert log[("test_things__counts", "things/counts_2017.csv")][2] == "0 column(s) beyond the 5 required"
    assert query(wh.db, "select notes, count(*) from raw.test_things__counts group by 1 order by 1") == [
        ("revised", 4),
        (None, 4),
    ]
    assert query(wh.db, "select header_text from raw._columns where column_name = 'incidents_per_1_000'") == [
        ("Incidents per 1,000",)
    ]


# --- values: landed as published, problems quarantined ---------------------------------------


def test_duplicated_authority_rows_are_kept_and_quarantined(wh):
    rows = grid("counts_2018.csv")
    rows.append(list(rows[4]))  # Middlesbrough 2018 again, at sheet row 8
    wh.write_csv(COUNTS_2018, rows)
    log, quarantine = wh.loads()
    assert quarantine == [
        (
            "test_things__counts",
            COUNTS_2018,
            None,
            8,
            "ons_code",
            "E06000002",
            "duplicate authority row (same ons_code, year as row 5)",
        )
    ]
    assert log[("test_things__counts", COUNTS_2018)][:2] == (5, "loaded_with_warnings")
    assert log[("test_things__counts", COUNTS_2018)][2].startswith("quarantine: 1 duplicate authority row;")
    assert query(wh.db, "select count(*) from raw.test_things__counts where ons_code = 'E06000002'") == [(3,)]


def test_same_authority_in_another_year_is_not_a_duplicate(wh):
    log, quarantine = wh.loads()  # E06000001 appears in 2017 and 2018: fine
    assert quarantine == []
    assert {status for _, status, _ in log.values()} == {"loaded"}


def test_unknown_authority_codes_are_quarantined_not_dropped(wh):
    rows = grid("counts_2018.csv")
    rows.append(["E06009999", "Nowhere", "2018", "12", "40.0"])
    rows.append(["e06000001 ", "Hartlepool (lower case, padded)", "2019", "5", "41.0"])  # known once normalised
    rows.append(["Total", "England", "2018", "99999", "45.0"])  # not shaped like a code: not checked
    wh.write_csv(COUNTS_2018, rows)
    log, quarantine = wh.loads()
    assert quarantine == [
        ("test_things__counts", COUNTS_2018, None, 8, "ons_code", "E06009999", "unknown authority code")
    ]
    assert log[("test_things__counts", COUNTS_2018)][2].startswith("quarantine: 1 unknown authority code;")
    assert query(wh.db, "select authority from raw.test_things__counts where ons_code = 'E06009999'") == [("Nowhere",)]
    assert any("E06009999" not in m and "counts_2018.csv: quarantine" in m for m in wh.messages)


def test_blank_codes_in_a_known_codes_table_do_not_hide_unknown_codes(wh):
    # A null among the known codes would make `code not in (...)` null for every row.
    areas = wh.path("areas/areas.csv")
    areas.write_text(areas.read_text(encoding="utf-8") + ",Area with no code\n", encoding="utf-8")
    rows = grid("counts_2018.csv")
    rows.append(["E06009999", "Nowhere", "2018", "12", "40.0"])
    wh.write_csv(COUNTS_2018, rows)
    _, quarantine = wh.loads()
    assert quarantine == [
        ("test_things__counts", COUNTS_2018, None, 8, "ons_code", "E06009999", "unknown authority code")
    ]


def test_codes_of_bodies_the_known_codes_do_not_list_are_not_judged(wh):
    # Finance and waste files list fire (E31), police (E23) and waste (E50) authorities beside councils.
    rows = grid("counts_2018.csv")
    rows.append(["E31000001", "A fire authority", "2018", "1", "1.0"])
    rows.append(["E50000005", "A waste disposal authority", "2018", "2", "2.0"])
    rows.append(["E10009999", "A county nobody knows", "2018", "3", "3.0"])  # E10 is listed: judged
    wh.write_csv(COUNTS_2018, rows)
    _, quarantine = wh.loads()
    assert quarantine == [
        ("test_things__counts", COUNTS_2018, None, 10, "ons_code", "E10009999", "unknown authority code")
    ]


def test_repeated_total_and_note_rows_are_not_duplicates(wh):
    rows = grid("counts_2018.csv")
    rows += [
        ["Total", "England", "2018", "5000", "45.0"],
        ["Total", "England", "2018", "5000", "45.0"],
        ["---", "", "2018", "", ""],
        ["---", "", "2018", "", ""],
    ]
    wh.write_csv(COUNTS_2018, rows)
    _, quarantine = wh.loads()
    assert quarantine == []


def test_the_low_marker_k_is_a_suppression_marker(wh):
    rows = grid("counts_2018.csv")
    rows[4][3] = "k"  # DfE (EES): rounds to zero but is not zero
    wh.write_csv(COUNTS_2018, rows)
    _, quarantine = wh.loads()
    assert quarantine == []


def test_text_in_numeric_cells_beyond_suppression_markers_is_quarantined(wh):
    rows = grid("counts_2018.csv")
    rows[3][3] = "about 1300"  # text
    rows[4][3] = "[c]"  # a known marker: fine
    rows[5][3] = " 1,876 "  # separators and spaces: a number
    rows[6][4] = "56.5%"  # a percent sign: a number
    wh.write_csv(COUNTS_2018, rows)
    log, quarantine = wh.loads()
    assert quarantine == [
        ("test_things__counts", COUNTS_2018, None, 4, "incidents", "about 1300", "text in numeric column")
    ]
    assert log[("test_things__counts", COUNTS_2018)][2].startswith("quarantine: 1 text in numeric column;")


def test_negative_counts_are_quarantined(wh):
    rows = grid("counts_2018.csv")
    rows[6][3] = "-297"
    wh.write_csv(COUNTS_2018, rows)
    write_xlsx(
        wh.path("things/book_2017.xlsx"),
        {"Data": grid("counts_2017.csv")[:4] + [["E06000003", "Redcar and Cleveland", "2017", -3.0]]},
    )
    _, quarantine = wh.loads(accept_shrink=True)  # the workbook keeps one data row of the original
    assert quarantine == [
        ("test_things__book", "things/book_2017.xlsx", "Data", 5, "incidents", "-3", "negative count"),
        ("test_things__counts", COUNTS_2018, None, 7, "incidents", "-297", "negative count"),
    ]


def test_percentages_given_as_fractions_in_one_year_are_quarantined(wh):
    rows = grid("counts_2018.csv")
    for row in rows[3:]:
        row[4] = str(round(float(row[4]) / 100, 4))
    wh.write_csv(COUNTS_2018, rows)
    log, quarantine = wh.loads()
    assert quarantine == [
        (
            "test_things__counts",
            COUNTS_2018,
            None,
            4,
            "recycled_pct",
            "max 0.565",
            "percentages given as fractions (every value of year 2018 <= 1) while other years or files are 0-100",
        )
    ]
    assert sorted(
        r[0] for r in query(wh.db, "select recycled_pct from raw.test_things__counts where year = '2018'")
    ) == ["0.39", "0.441", "0.502", "0.565"]


def test_percentage_above_100_is_quarantined(wh):
    rows = grid("counts_2018.csv")
    rows[3][4] = "441"
    wh.write_csv(COUNTS_2018, rows)
    _, quarantine = wh.loads()
    assert quarantine == [("test_things__counts", COUNTS_2018, None, 4, "recycled_pct", "441", "percentage above 100")]


# --- encodings -------------------------------------------------------------------------------


def test_cp1252_csv_with_a_pound_sign_is_decoded_and_reported(wh):
    text = (FIXTURE / "things" / "counts_2018.csv").read_text(encoding="utf-8")
    text = text.replace("Hartlepool,2018", "Hartlepool – £ spend,2018")
    wh.path(COUNTS_2018).write_bytes(text.encode("cp1252"))
    log, _ = wh.loads()
    rows, status, message = log[("test_things__counts", COUNTS_2018)]
    assert (rows, status) == (4, "loaded_with_warnings")
    assert message.startswith("not UTF-8: decoded as cp1252;")
    assert query(
        wh.db, "select authority from raw.test_things__counts where ons_code = 'E06000001' and year = '2018'"
    ) == [("Hartlepool – £ spend",)]


def test_utf8_bom_is_stripped_from_the_first_header(wh):
    wh.path("areas/areas.csv").write_bytes(b"\xef\xbb\xbf" + (FIXTURE / "areas" / "areas.csv").read_bytes())
    log, quarantine = wh.loads()
    assert log[("test_areas__areas", "areas/areas.csv")] == (4, "loaded", "0 column(s) beyond the 2 required")
    assert query(
        wh.db, "select header_text from raw._columns where raw_table = 'test_areas__areas' order by position"
    ) == [("Code",), ("Name",)]
    assert quarantine == []


def test_declared_encoding_that_does_not_fit_stops_the_load_with_the_byte(wh, tmp_path):
    registry = tmp_path / "registry"
    shutil.copytree(REGISTRY, registry)
    yml = registry / "bad_input.yml"
    yml.write_text(
        yml.read_text().replace("path: things/counts_*.csv\n", "path: things/counts_*.csv\n        encoding: utf-8\n")
    )
    wh.path(COUNTS_2018).write_bytes("ONS code,Authority £\n".encode("cp1252"))
    with pytest.raises(LoadError, match=r"^file things/counts_2018\.csv: is not valid utf-8 text at byte 19$"):
        load_all(wh.raw, wh.db, registry, progress=lambda m: None)
    assert wh.db.read_bytes() == wh.before_bytes


# --- damaged files and files of the wrong format ---------------------------------------------


def test_truncated_xlsx_stops_the_load(wh):
    book = wh.path("things/book_2017.xlsx")
    book.write_bytes(book.read_bytes()[: book.stat().st_size // 2])
    wh.fails(r"^file things/book_2017\.xlsx: cannot be opened as a xlsx spreadsheet: it is truncated or damaged")


def test_html_error_page_saved_as_csv_stops_the_load(wh):
    wh.path(COUNTS_2018).write_text("<!DOCTYPE html>\n<html><body><h1>404 Not Found</h1></body></html>\n")
    wh.fails(
        r"^file things/counts_2018\.csv: cannot be opened as a csv file: it is an HTML page, not text "
        r"\(a failed download saved under the right name\?\)$"
    )


def test_workbook_saved_as_csv_stops_the_load(wh):
    shutil.copy(wh.path("things/book_2017.xlsx"), wh.path(COUNTS_2018))
    wh.fails(
        r"^file things/counts_2018\.csv: cannot be opened as a csv file: it is a zip archive "
        r"\(xlsx/ods workbook\), not text$"
    )


def test_csv_saved_as_xlsx_stops_the_load(wh):
    shutil.copy(wh.path(COUNTS_2018), wh.path("things/book_2017.xlsx"))
    wh.fails(r"^file things/book_2017\.xlsx: cannot be opened as a xlsx spreadsheet: it is text, not a workbook$")


def test_pdf_saved_as_xlsx_stops_the_load(wh):
    wh.path("things/book_2017.xlsx").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    wh.fails(r"^file things/book_2017\.xlsx: cannot be opened as a xlsx spreadsheet: it is a PDF document")


# --- the loader's marker list is the dbt one ---------------------------------------------------


def test_suppression_markers_match_the_dbt_macro():
    macro = (ROOT / "macros" / "cleaning" / "parse_number.sql").read_text(encoding="utf-8")
    listed = re.search(r"macro suppression_markers\(\).*?return\(\[(.*?)\]\)", macro, re.S).group(1)
    assert tuple(re.findall(r"'([^']*)'", listed)) == SUPPRESSION_MARKERS


def test_quarantine_exists_and_is_empty_on_clean_files(wh):
    assert query(wh.db, "select count(*) from raw.quarantine") == [(0,)]
    columns = [
        r[0]
        for r in query(
            wh.db,
            "select column_name from information_schema.columns "
            "where table_schema = 'raw' and table_name = 'quarantine' "
            "order by ordinal_position",
        )
    ]
    assert columns == ["dataset", "raw_table", "source_file", "sheet", "row_number", "column_name", "value", "problem"]
