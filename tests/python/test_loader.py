"""The thin loader: registry validation, each reader, lineage columns, atomic swap, clear errors."""

from __future__ import annotations

import textwrap
from pathlib import Path

import duckdb
import pytest

from council_index.demo.writers import write_csv, write_ods, write_parquet, write_xlsx
from council_index.pipeline.errors import LoadError, RegistryError
from council_index.pipeline.loader import load_all
from council_index.pipeline.readers import cell_text, name_columns, normalise_name
from council_index.pipeline.registry import load_registry

BASE = """
datasets:
  - id: {id}
    publisher: Test publisher
    title: Test dataset
    landing_page: https://example.invalid/
    licence: OGL-3.0
    source_folder: things
    required: {required}
    tables:
{tables}
"""


def registry(tmp_path: Path, tables: str, dataset_id: str = "test_things", required: bool = False) -> Path:
    directory = tmp_path / "registry"
    directory.mkdir(exist_ok=True)
    (directory / f"{dataset_id}.yml").write_text(
        BASE.format(
            id=dataset_id, required=str(required).lower(), tables=textwrap.indent(textwrap.dedent(tables), " " * 6)
        ),
        encoding="utf-8",
    )
    return directory


CSV_TABLE = """
- id: counts
  path: things/counts*.csv
  reader: csv
  header_rows: [3]
  columns: [ons_code, authority, value_2017]
"""

GRID = [
    ["Table 1: counts of things", None, None],
    [None, None, None],
    ["ONS code", "Authority", "Value 2017"],
    ["E06000001", "Hartlepool", "1,234"],
    [None, None, None],
    ["E06000002", "Middlesbrough", "x"],
]


def rows(db: Path, sql: str):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


# --- names and cells -------------------------------------------------------------------------


def test_normalise_name_rules():
    assert normalise_name("Local authority ONS code") == "local_authority_ons_code"
    assert normalise_name("% recycled") == "pct_recycled"
    assert normalise_name("Costs (£)") == "costs_gbp"
    assert normalise_name("330") == "col_330"
    assert len(normalise_name("x" * 100)) == 63


def test_name_columns_joins_header_rows_and_dedupes():
    names, headers = name_columns([[None, "330", "330"], ["E-code", "Children Social Care", "Children Social Care"]], 4)
    assert names == ["e_code", "col_330_children_social_care", "col_330_children_social_care_2", "col_4"]
    assert headers[1] == "330 Children Social Care"


def test_cell_text_keeps_values_as_published():
    assert cell_text(782450.0) == "782450"
    assert cell_text(0.437) == "0.437"
    assert cell_text("") is None
    assert cell_text(None) is None
    assert cell_text(" x ") == " x "


# --- registry ----------------------------------------------------------------------------------


def test_project_registry_is_valid():
    datasets = load_registry()
    ids = [d.id for d in datasets]
    assert "ons_mid_year_population" in ids and "mysociety_la_names_codes" in ids
    raw_tables = [t.raw_table for d in datasets for t in d.tables]
    assert len(raw_tables) == len(set(raw_tables))


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ("- id: t\n  path: a.csv\n  reader: docx\n  columns: [a]\n", "reader 'docx' is not one of"),
        ("- id: t\n  path: a.xlsx\n  reader: xlsx\n  columns: [a]\n", "needs 'sheet' or 'sheets'"),
        ("- id: t\n  path: a.csv\n  reader: csv\n", "'columns' must list"),
        ("- id: t\n  reader: csv\n  columns: [a]\n", "missing required key 'path'"),
        ("- id: t\n  path: a.csv\n  reader: csv\n  columns: [a]\n  colour: red\n", "unknown keys ['colour']"),
        ("- id: T-1\n  path: a.csv\n  reader: csv\n  columns: [a]\n", "id must be snake_case"),
        ("- id: t\n  path: a.csv\n  reader: csv\n  columns: ['Bad Name']\n", "not a normalised snake_case name"),
    ],
)
def test_registry_rejects_malformed_entries(tmp_path, table, message):
    directory = registry(tmp_path, table)
    with pytest.raises(RegistryError, match=__import__("re").escape(message)):
        load_registry(directory)


def test_registry_rejects_duplicate_dataset_ids(tmp_path):
    directory = registry(tmp_path, CSV_TABLE, dataset_id="one")
    (directory / "two.yml").write_text((directory / "one.yml").read_text())
    with pytest.raises(RegistryError, match="duplicate dataset ids"):
        load_registry(directory)


# --- readers, through the loader --------------------------------------------------------------


def test_csv_lands_as_text_with_lineage(tmp_path):
    raw = tmp_path / "raw"
    write_csv(raw / "things" / "counts_2017.csv", GRID)
    db = tmp_path / "w.duckdb"
    load_all(raw, db, registry(tmp_path, CSV_TABLE), progress=lambda m: None)
    landed = rows(
        db,
        "select ons_code, authority, value_2017, _source_file, _sheet, _row_number, "
        "length(_file_sha256) from raw.test_things__counts order by _row_number",
    )
    assert landed == [
        ("E06000001", "Hartlepool", "1,234", "things/counts_2017.csv", None, 4, 64),
        ("E06000002", "Middlesbrough", "x", "things/counts_2017.csv", None, 6, 64),
    ]
    log = rows(db, "select dataset, raw_table, file, rows, status from raw.load_log")
    assert log == [("test_things", "test_things__counts", "things/counts_2017.csv", 2, "loaded")]
    headers = rows(db, "select column_name, header_text from raw._columns order by position")
    assert headers[0] == ("ons_code", "ONS code")


@pytest.mark.parametrize("extension", ["xlsx", "ods"])
def test_spreadsheets_land_from_the_named_sheet(tmp_path, extension):
    raw = tmp_path / "raw"
    writer = write_xlsx if extension == "xlsx" else write_ods
    writer(raw / "things" / f"book.{extension}", {"Notes": [["ignore me"]], "Data ": GRID})
    table = f"""
    - id: book
      path: things/book.{extension}
      reader: {extension}
      sheet: ["Data"]
      header_rows: [3]
      columns: [ons_code, value_2017]
    """
    db = tmp_path / "w.duckdb"
    load_all(raw, db, registry(tmp_path, table), progress=lambda m: None)
    landed = rows(db, "select ons_code, value_2017, _sheet, _row_number from raw.test_things__book order by 4")
    assert landed == [("E06000001", "1,234", "Data ", 4), ("E06000002", "x", "Data ", 6)]


def test_parquet_lands_every_column_as_text(tmp_path):
    raw = tmp_path / "raw"
    write_parquet(raw / "things" / "long.parquet", {"LA Number": [855, 310], "Values": [2.2999999999999998, None]})
    table = """
    - id: long
      path: things/long.parquet
      reader: parquet
      columns: [la_number, values]
    """
    db = tmp_path / "w.duckdb"
    load_all(raw, db, registry(tmp_path, table), progress=lambda m: None)
    assert rows(db, "select la_number, values, _row_number from raw.test_things__long order by 3") == [
        ("855", "2.3", 1),
        ("310", None, 2),
    ]


def test_real_xls_population_file_is_read(shared_data, tmp_path):
    # the population folder and the required lookup only (the whole real folder took 20-40 s to land)
    raw = tmp_path / "raw"
    raw.mkdir()
    for folder in ("population", "la_lookup"):
        (raw / folder).symlink_to(shared_data / folder)
    db = tmp_path / "w.duckdb"
    load_all(raw, db, progress=lambda m: None)
    leicestershire = rows(
        db,
        "select all_ages from raw.ons_mid_year_population__mye2_persons "
        "where code = 'E10000018' and _source_file in ('population/ukmidyearestimates2016.xls', "
        "'population/ukmidyearestimates2017finalversion.xls', 'population/ukmidyearestimates20182019ladcodes.xls') "
        "order by _source_file",
    )
    assert leicestershire == [("682957",), ("690212",), ("698268",)]


def test_several_files_stack_by_column_name(tmp_path):
    raw = tmp_path / "raw"
    write_csv(raw / "things" / "counts_2016.csv", [[], [], ["ONS code", "Authority", "Value 2017"], ["E1", "A", "1"]])
    write_csv(
        raw / "things" / "counts_2017.csv",
        [[], [], ["Authority", "Extra", "ONS code", "Value 2017"], ["B", "e", "E2", "2"]],
    )
    db = tmp_path / "w.duckdb"
    load_all(raw, db, registry(tmp_path, CSV_TABLE), progress=lambda m: None)
    assert rows(db, "select ons_code, extra, _source_file from raw.test_things__counts order by 1") == [
        ("E1", None, "things/counts_2016.csv"),
        ("E2", "e", "things/counts_2017.csv"),
    ]


def test_missing_optional_dataset_gets_an_empty_table_with_its_columns(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    db = tmp_path / "w.duckdb"
    load_all(raw, db, registry(tmp_path, CSV_TABLE), progress=lambda m: None)
    assert rows(db, "select count(*) from raw.test_things__counts") == [(0,)]
    columns = [
        r[0]
        for r in rows(
            db,
            "select column_name from information_schema.columns "
            "where table_name = 'test_things__counts' order by ordinal_position",
        )
    ]
    assert columns[:3] == ["ons_code", "authority", "value_2017"]
    assert rows(db, "select status from raw.load_log") == [("missing",)]


def test_missing_required_dataset_stops_the_load(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    with pytest.raises(LoadError, match=r"required dataset 'test_things' has no file matching things/counts\*\.csv"):
        load_all(raw, tmp_path / "w.duckdb", registry(tmp_path, CSV_TABLE, required=True), progress=lambda m: None)


# --- errors name the file, sheet and column; the previous warehouse is untouched --------------


def test_missing_column_message_names_file_and_column(tmp_path):
    raw = tmp_path / "raw"
    write_csv(raw / "things" / "counts_2017.csv", [[], [], ["ONS code", "Authority", "Value 2018"], ["E1", "A", "1"]])
    with pytest.raises(LoadError) as error:
        load_all(raw, tmp_path / "w.duckdb", registry(tmp_path, CSV_TABLE), progress=lambda m: None)
    message = str(error.value)
    assert message.startswith("file things/counts_2017.csv, column 'value_2017': required column(s) ['value_2017']")
    assert "found: ['ons_code', 'authority', 'value_2018']" in message


def test_wrong_sheet_message_lists_the_sheets(tmp_path):
    raw = tmp_path / "raw"
    write_xlsx(raw / "things" / "book.xlsx", {"Other": GRID})
    table = """
    - id: book
      path: things/book.xlsx
      reader: xlsx
      sheet: Data
      header_rows: [3]
      columns: [ons_code]
    """
    with pytest.raises(
        LoadError, match=r"file things/book.xlsx: none of the sheets \['Data'\] found; the workbook has \['Other'\]"
    ):
        load_all(raw, tmp_path / "w.duckdb", registry(tmp_path, table), progress=lambda m: None)


def test_header_moved_down_is_found_and_reported(tmp_path):
    raw = tmp_path / "raw"
    write_csv(raw / "things" / "counts_2017.csv", [[None]] + GRID)
    db = tmp_path / "w.duckdb"
    load_all(raw, db, registry(tmp_path, CSV_TABLE), progress=lambda m: None)
    assert rows(db, "select count(*) from raw.test_things__counts") == [(2,)]
    status, message = rows(db, "select status, message from raw.load_log")[0]
    assert status == "loaded_with_warnings"
    assert "header found at row 4, expected row 3" in message


def test_failed_load_leaves_previous_warehouse_exactly_as_it_was(tmp_path):
    raw = tmp_path / "raw"
    write_csv(raw / "things" / "counts_2017.csv", GRID)
    db = tmp_path / "w.duckdb"
    reg = registry(tmp_path, CSV_TABLE)
    load_all(raw, db, reg, progress=lambda m: None)
    con = duckdb.connect(str(db))
    con.execute("create schema marts; create table marts.keep as select 42 as answer")
    con.close()
    before = rows(db, "select * from raw.test_things__counts order by _row_number")
    before_bytes = db.read_bytes()

    write_csv(raw / "things" / "counts_2018.csv", [[], [], ["Wrong", "Header"], ["E9", "9"]])
    with pytest.raises(LoadError, match="counts_2018.csv"):
        load_all(raw, db, reg, progress=lambda m: None)

    assert db.read_bytes() == before_bytes
    assert rows(db, "select * from raw.test_things__counts order by _row_number") == before
    assert rows(db, "select answer from marts.keep") == [(42,)]
    assert not list(tmp_path.glob("w.duckdb.loading*"))


def test_successful_reload_keeps_other_schemas(tmp_path):
    raw = tmp_path / "raw"
    write_csv(raw / "things" / "counts_2017.csv", GRID)
    db = tmp_path / "w.duckdb"
    reg = registry(tmp_path, CSV_TABLE)
    load_all(raw, db, reg, progress=lambda m: None)
    con = duckdb.connect(str(db))
    con.execute("create schema marts; create table marts.keep as select 1 as x")
    con.close()
    write_csv(raw / "things" / "counts_2018.csv", GRID)
    load_all(raw, db, reg, progress=lambda m: None)
    assert rows(db, "select count(*) from raw.test_things__counts") == [(4,)]
    assert rows(db, "select x from marts.keep") == [(1,)]


def test_empty_and_wrong_format_files_are_named(tmp_path):
    raw = tmp_path / "raw"
    (raw / "things").mkdir(parents=True)
    (raw / "things" / "counts_2017.csv").write_bytes(b"")
    with pytest.raises(LoadError, match=r"file things/counts_2017.csv: the file is empty"):
        load_all(raw, tmp_path / "w.duckdb", registry(tmp_path, CSV_TABLE), progress=lambda m: None)
    (raw / "things" / "counts_2017.csv").unlink()
    (raw / "things" / "book.xlsx").write_text("this is not a workbook")
    table = """
    - id: book
      path: things/book.xlsx
      reader: xlsx
      sheet: Data
      columns: [ons_code]
    """
    with pytest.raises(LoadError, match=r"file things/book.xlsx: cannot be opened as a xlsx spreadsheet"):
        load_all(raw, tmp_path / "w2.duckdb", registry(tmp_path, table), progress=lambda m: None)


def test_cp1252_csv_is_decoded_with_a_warning_and_bom_is_stripped(tmp_path):
    raw = tmp_path / "raw"
    (raw / "things").mkdir(parents=True)
    (raw / "things" / "counts_2016.csv").write_bytes(
        "\n\nONS code,Authority,Value 2017\nE1,Spend £,5\n".encode("cp1252")
    )
    (raw / "things" / "counts_2017.csv").write_bytes(
        "\ufeff\n\nONS code,Authority,Value 2017\nE2,B,6\n".encode("utf-8")
    )
    db = tmp_path / "w.duckdb"
    load_all(raw, db, registry(tmp_path, CSV_TABLE), progress=lambda m: None)
    assert rows(db, "select ons_code, authority from raw.test_things__counts order by 1") == [
        ("E1", "Spend £"),
        ("E2", "B"),
    ]
    log = dict(rows(db, "select file, message from raw.load_log"))
    assert "decoded as cp1252" in log["things/counts_2016.csv"]
    assert "cp1252" not in log["things/counts_2017.csv"]


def test_progress_bar_fills_with_the_share_done():
    from council_index.pipeline.loader import progress_bar

    assert progress_bar(0, 4, width=8) == "[--------]"
    assert progress_bar(2, 4, width=8) == "[####----]"
    assert progress_bar(4, 4, width=8) == "[########]"
    assert progress_bar(0, 0, width=4) == "[####]"


def test_cyclic_gc_is_paused_for_bulk_work_and_restored():
    """The loader and the demo generator pause the cyclic collector while they build millions of
    rows; it must be back on afterwards (also after an error), and stay off if it was off."""
    import gc

    from council_index.pipeline.gcpause import no_cyclic_gc

    assert gc.isenabled()
    with no_cyclic_gc():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(RuntimeError):
        with no_cyclic_gc():
            raise RuntimeError("a bad file")
    assert gc.isenabled()
    gc.disable()
    try:
        with no_cyclic_gc():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


# --- layout variants, aliases, metadata cells and files not read are registry data -----------

VARIANT_TABLE = """
- id: book
  path: things/book_*.xlsx
  reader: xlsx
  sheet: ["Data"]
  header_rows: [3]
  columns: [ons_code, value]
  column_aliases:
    value: [value_2017]
  variants:
    - files: things/book_2020*.xlsx
      sheet: ["re:Table_?1"]
      header_rows: [5]
      metadata:
        period: "Period:"
"""


def test_variants_pick_sheet_header_and_metadata_per_file(tmp_path):
    raw = tmp_path / "raw"
    write_xlsx(raw / "things" / "book_2019.xlsx", {"Data": GRID})
    newer = [
        ["Title"],
        ["Period:", None, "April 2020"],
        [None],
        [None],
        ["ONS code", "Authority", "Value"],
        ["E06000003", "Redcar", "7"],
    ]
    write_xlsx(raw / "things" / "book_2020_q1.xlsx", {"Contents": [["x"]], "Table_1": newer})
    db = tmp_path / "w.duckdb"
    log = load_all(raw, db, registry(tmp_path, VARIANT_TABLE), progress=lambda m: None)
    landed = rows(db, "select ons_code, value, period, _sheet from raw.test_things__book order by 1")
    assert landed == [
        ("E06000001", "1,234", None, "Data"),
        ("E06000002", "x", None, "Data"),
        ("E06000003", "7", "April 2020", "Table_1"),
    ]
    messages = {e.file: e.message for e in log}
    assert "layout variant 1 (things/book_2020*.xlsx)" in messages["things/book_2020_q1.xlsx"]
    assert "variant" not in messages["things/book_2019.xlsx"]


def test_variant_that_fits_no_sheet_names_the_variant_and_shortens_the_sheet_list(tmp_path):
    raw = tmp_path / "raw"
    sheets = {f"Sheet{i}": [["x"]] for i in range(30)}
    write_xlsx(raw / "things" / "book_2020_q2.xlsx", sheets)
    with pytest.raises(LoadError) as error:
        load_all(raw, tmp_path / "w.duckdb", registry(tmp_path, VARIANT_TABLE), progress=lambda m: None)
    message = str(error.value)
    assert message.startswith(
        "file things/book_2020_q2.xlsx: none of the sheets ['re:Table_?1'] found "
        "(variant 1 (things/book_2020*.xlsx)); the workbook has ['Sheet0', "
    )
    assert message.endswith("'Sheet19' ... and 10 more]")


def test_dead_external_link_pseudo_sheets_are_not_listed_in_messages():
    from council_index.pipeline.readers import _real_sheets, shorten

    names = ["A1", "'file:///H:/Homeless/x.xls'#LA_list6", "TA1_"]
    assert _real_sheets(names) == ["A1", "TA1_"]
    assert shorten(range(3), 2) == "['0', '1' ... and 1 more]"


def test_metadata_label_missing_is_an_error_naming_the_column(tmp_path):
    raw = tmp_path / "raw"
    write_xlsx(raw / "things" / "book_2020_q3.xlsx", {"Table1": [[None]] * 4 + [["ONS code", "Value"], ["E1", "1"]]})
    with pytest.raises(LoadError, match=r"sheet 'Table1', column 'period': no cell labelled 'Period:'"):
        load_all(raw, tmp_path / "w.duckdb", registry(tmp_path, VARIANT_TABLE), progress=lambda m: None)


def test_columns_past_the_last_header_cell_are_dropped(tmp_path):
    raw = tmp_path / "raw"
    wide = [row + [None] * 300 for row in GRID]
    wide[4] = [None] * 2 + ["..."] * 300  # a note row's ellipsis across every column of a re-saved sheet
    write_xlsx(raw / "things" / "book_2019.xlsx", {"Data": wide})
    db = tmp_path / "w.duckdb"
    load_all(raw, db, registry(tmp_path, VARIANT_TABLE), progress=lambda m: None)
    columns = [r[0] for r in rows(db, "select column_name from raw._columns order by position")]
    assert columns == ["ons_code", "authority", "value"]


def test_every_file_in_the_raw_folder_gets_a_load_log_line(tmp_path):
    raw = tmp_path / "raw"
    write_csv(raw / "things" / "counts_2017.csv", GRID)
    (raw / "things" / "notes.txt").write_text("read me", encoding="utf-8")
    (raw / "things" / "surprise.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    directory = registry(tmp_path, CSV_TABLE)
    (directory / "_folder.yml").write_text(
        "not_read:\n  - path: things/*.txt\n    reason: Notes for people.\n", encoding="utf-8"
    )
    db = tmp_path / "w.duckdb"
    messages = []
    load_all(raw, db, directory, progress=messages.append)
    log = rows(db, "select dataset, file, status, message from raw.load_log where status not like 'loaded%' order by 2")
    assert log[0] == ("raw_folder", "things/notes.txt", "not_read", "Notes for people.")
    assert log[1][:3] == ("unregistered", "things/surprise.csv", "unregistered")
    assert any("things/surprise.csv: not in the registry" in m for m in messages)


def test_dataset_not_read_entries_carry_the_dataset_id(tmp_path):
    directory = registry(tmp_path, CSV_TABLE)
    text = (directory / "test_things.yml").read_text(encoding="utf-8")
    text = text.replace(
        "    tables:\n", "    not_read:\n      - path: things/*.pdf\n        reason: A scan.\n    tables:\n"
    )
    (directory / "test_things.yml").write_text(text, encoding="utf-8")
    from council_index.pipeline.registry import load_not_read

    assert [(n.dataset_id, n.path, n.reason) for n in load_not_read(directory)] == [
        ("test_things", "things/*.pdf", "A scan.")
    ]


@pytest.mark.parametrize(
    ("variant", "message"),
    [
        ("- sheet: [A]\n", "missing required key 'files'"),
        ("- files: x\n  colour: red\n", r"unknown keys \['colour'\]"),
        ("- files: x\n  header_rows: [0]\n", "header_rows must be 1-based"),
        ("- files: x\n  columns: ['Bad Name']\n", "is not a normalised snake_case name"),
    ],
)
def test_registry_rejects_malformed_variants(tmp_path, variant, message):
    table = CSV_TABLE + "  variants:\n" + textwrap.indent(variant, "    ")
    with pytest.raises(RegistryError, match=message):
        load_registry(registry(tmp_path, table))


# --- an unchanged file is not landed twice -----------------------------------------------------

TWO_TABLES = (
    CSV_TABLE
    + """
- id: others
  path: things/others*.csv
  reader: csv
  header_rows: [3]
  columns: [ons_code, value_2017]
"""
)


def _log(db):
    return rows(
        db, "select raw_table, file, status, is_reused from raw.load_log where raw_table is not null order by 1, 2"
    )


def test_second_load_reuses_unchanged_tables_and_relands_changed_ones(tmp_path):
    raw = tmp_path / "raw"
    write_csv(raw / "things" / "counts_2017.csv", GRID)
    write_csv(raw / "things" / "others_2017.csv", GRID)
    directory = registry(tmp_path, TWO_TABLES)
    db = tmp_path / "w.duckdb"
    load_all(raw, db, directory, progress=lambda m: None)
    first = rows(db, "select * exclude (_loaded_at) from raw.test_things__counts order by _row_number")

    messages = []
    load_all(raw, db, directory, progress=messages.append)
    assert [r[3] for r in _log(db)] == [True, True]
    assert rows(db, "select * exclude (_loaded_at) from raw.test_things__counts order by _row_number") == first
    assert rows(db, "select count(*) from raw._columns")[0][0] == 6
    assert any("reused" in m for m in messages)

    grid = [list(r) for r in GRID]
    grid[3][2] = "999"
    write_csv(raw / "things" / "others_2017.csv", grid)  # one file changes: its table lands again
    load_all(raw, db, directory, progress=lambda m: None)
    assert [(r[0], r[3]) for r in _log(db)] == [("test_things__counts", True), ("test_things__others", False)]
    assert rows(db, "select value_2017 from raw.test_things__others order by _row_number")[0] == ("999",)

    load_all(raw, db, directory, progress=lambda m: None, full_refresh=True)
    assert [r[3] for r in _log(db)] == [False, False]


def test_a_registry_change_or_a_removed_file_lands_the_table_again(tmp_path):
    raw = tmp_path / "raw"
    write_csv(raw / "things" / "counts_2017.csv", GRID)
    write_csv(raw / "things" / "counts_2018.csv", GRID)
    db = tmp_path / "w.duckdb"
    load_all(raw, db, registry(tmp_path, CSV_TABLE), progress=lambda m: None)
    changed = CSV_TABLE.replace("header_rows: [3]", "header_rows: [3]\n  header_scan_rows: 5")
    load_all(raw, db, registry(tmp_path, changed), progress=lambda m: None)
    assert {r[3] for r in _log(db)} == {False}
    (raw / "things" / "counts_2018.csv").unlink()  # removed on purpose: accepted (a vanished file stops otherwise)
    load_all(raw, db, registry(tmp_path, changed), progress=lambda m: None, accept_shrink=True)
    assert _log(db) == [
        ("test_things__counts", "things/counts_2017.csv", "loaded", False),
        ("test_things__counts", "things/counts_2018.csv", "missing", False),
    ]
    assert rows(db, "select count(*) from raw.test_things__counts")[0][0] == 2


def test_release_timetables_land_as_raw_tables(tmp_path):
    raw = tmp_path / "raw"
    write_csv(raw / "things" / "counts_2017.csv", GRID)
    directory = registry(tmp_path, CSV_TABLE)
    text = (directory / "test_things.yml").read_text(encoding="utf-8")
    text = text.replace(
        "    tables:\n",
        textwrap.indent(
            textwrap.dedent("""\
        releases:
          usual: November after the financial year ends
          lag_months: 8
          known:
            - {period: "2016-17", released_on: 2017-11-16, source: Front page of the 2016-17 file}
        tables:
        """),
            "    ",
        ),
    )
    (directory / "test_things.yml").write_text(text, encoding="utf-8")
    db = tmp_path / "w.duckdb"
    load_all(raw, db, directory, progress=lambda m: None)
    assert rows(db, "select * from raw.release_timetables") == [
        ("test_things", 8, "November after the financial year ends")
    ]
    assert [(r[0], r[1], str(r[2])) for r in rows(db, "select * from raw.release_dates")] == [
        ("test_things", "2016-17", "2017-11-16")
    ]


def test_release_timetable_is_validated(tmp_path):
    directory = registry(tmp_path, CSV_TABLE)
    text = (directory / "test_things.yml").read_text(encoding="utf-8")
    (directory / "test_things.yml").write_text(
        text.replace("    tables:\n", "    releases: {usual: soon, lag_months: soon}\n    tables:\n"), encoding="utf-8"
    )
    with pytest.raises(RegistryError, match="lag_months must be a whole number"):
        load_registry(directory)


def test_aliases_can_swap_two_column_names():
    from council_index.pipeline.readers import apply_aliases
    from council_index.pipeline.registry import Table

    table = Table(
        dataset_id="d",
        id="t",
        description="",
        paths=("x",),
        reader="csv",
        column_aliases=(("characteristic", ("breakdown",)), ("cla_group", ("characteristic",))),
    )
    assert apply_aliases(["code", "characteristic", "breakdown"], table) == ["code", "cla_group", "characteristic"]
    assert apply_aliases(
        ["characteristic", "breakdown"],
        Table(
            dataset_id="d",
            id="t",
            description="",
            paths=("x",),
            reader="csv",
            column_aliases=(("characteristic", ("breakdown",)),),
        ),
    ) == ["characteristic", "breakdown"]


def test_files_under_symlinked_folders_are_accounted_for(tmp_path):
    real = tmp_path / "elsewhere" / "things"
    write_csv(real / "counts_2017.csv", GRID)
    (real / "notes.txt").write_text("x", encoding="utf-8")
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "things").symlink_to(real, target_is_directory=True)
    db = tmp_path / "w.duckdb"
    load_all(raw, db, registry(tmp_path, CSV_TABLE), progress=lambda m: None)
    assert rows(db, "select file, status from raw.load_log order by 1") == [
        ("things/counts_2017.csv", "loaded"),
        ("things/notes.txt", "unregistered"),
    ]


def test_missing_column_message_lists_named_columns_that_start_with_a_digit(tmp_path):
    raw = tmp_path / "raw"
    write_csv(raw / "things" / "counts_2017.csv", [[], [], ["ONS code", "", "90 and over"], ["E1", "A", "1"]])
    with pytest.raises(LoadError) as error:
        load_all(raw, tmp_path / "w.duckdb", registry(tmp_path, CSV_TABLE), progress=lambda m: None)
    assert "found: ['ons_code', 'col_90_and_over']" in str(error.value)


def test_repeated_long_names_stay_unique_after_cutting():
    long = "x" * 70
    names, _ = name_columns([[long, long, long[:61] + "_2", long]], 4)
    assert len(set(names)) == 4 and all(len(n) <= 63 for n in names)
