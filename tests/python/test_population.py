"""Population folder: ONS MYE2 workbooks (every layout variant) and the DfE 0-17 series.

Fixtures (tests/python/fixtures/population/, synthetic numbers in the published layouts, .xlsx
standing in for .xls as in the demo):
- ukmidyearestimates2016.xlsx: 'MYE2 - All' (and a males sheet), header on row 5, no Geography1;
- ukmidyearestimates20182019ladcodes.xlsx: 'MYE2-All', Geography1, a link cell beside the title;
- ukmidyearestimates20192020ladcodes.xlsx (variant 1): 'MYE2 - Persons' after MYE1, before the
  sex sheets, header on row 5, last age '90+', a footnote row;
- ukpopestimatesmid2020on2021geography.xlsx (variant 2): title and notes on rows 1-7, header on
  row 8 with 'Geography' and the ages as text;
- mye22final.xlsx (variant 2): rows sorted by geography type, females and males sheets after the
  persons sheet, a long MYEB1 sheet (not read);
- ons_mid-year_population_estimates_2012_to_2024.csv: the DfE EES tidy file (national, regional,
  inner London and LA rows, 'x').
"""

from __future__ import annotations

import random
import shutil
from functools import lru_cache
from pathlib import Path

import duckdb
import pytest

from council_index.demo.datasets import population as demo_population
from council_index.demo.universe import build_universe
from council_index.demo.writers import write_xlsx
from council_index.pipeline.errors import LoadError
from council_index.pipeline.loader import load_all
from council_index.pipeline.registry import REGISTRY_DIR, load_registry

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "population"
MYE2 = "ons_mid_year_population__mye2_persons"
DFE = "dfe_child_population__children_0_17"
VARIANT_1 = "variant 1 (population/ukmidyearestimates2019*)"
VARIANT_2 = "variant 2 (population/ukpopestimatesmid*, population/mye[0-9][0-9]*)"


def registry_dir(tmp: Path) -> Path:
    registry = tmp / "registry"
    registry.mkdir(exist_ok=True)
    shutil.copy(REGISTRY_DIR / "population.yml", registry / "population.yml")
    return registry


def raw_dir_with(tmp: Path, source: Path) -> Path:
    """A raw folder holding only population/ (a copy of ``source``)."""
    raw = tmp / "raw"
    shutil.copytree(source, raw / "population")
    return raw


def rows(db: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


@lru_cache(maxsize=1)
def mye2_table():
    return next(t for d in load_registry() for t in d.tables if t.raw_table == MYE2)


@pytest.fixture(scope="module")
def landed(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("population")
    db = tmp / "population.duckdb"
    load_all(raw_dir_with(tmp, FIXTURES), db, registry_dir(tmp), progress=lambda m: None)
    return db


# --- registry: layouts are data -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("file", "variant", "sheets", "header_rows"),
    [
        ("population/ukmidyearestimates2016.xls", None, ("MYE2 - All", "MYE2-All"), (5,)),
        ("population/ukmidyearestimates2017finalversion.xls", None, ("MYE2 - All", "MYE2-All"), (5,)),
        ("population/ukmidyearestimates20182019ladcodes.xls", None, ("MYE2 - All", "MYE2-All"), (5,)),
        ("population/ukmidyearestimates20192020ladcodes.xls", VARIANT_1, ("MYE2 - Persons",), (5,)),
        ("population/ukpopestimatesmid2020on2021geography.xls", VARIANT_2, ("MYE2 - Persons",), (8,)),
        ("population/ukpopestimatesmid2021on2021geographyfinal.xls", VARIANT_2, ("MYE2 - Persons",), (8,)),
        ("population/mye22final.xlsx", VARIANT_2, ("MYE2 - Persons",), (8,)),
        ("population/mye23tablesew.xlsx", VARIANT_2, ("MYE2 - Persons",), (8,)),
        # the next edition ONS publishes under its usual name needs no change at all
        ("population/mye24tablesew.xlsx", VARIANT_2, ("MYE2 - Persons",), (8,)),
    ],
)
def test_each_edition_takes_its_layout_from_the_registry(file, variant, sheets, header_rows):
    layout = mye2_table().for_file(file)
    assert (layout.variant_name, layout.sheets, layout.header_rows) == (variant, sheets, header_rows)
    assert dict(layout.column_aliases) == {"geography": ("geography1",)}


def test_registry_tables():
    tables = {
        t.raw_table: (d.required, t.reader)
        for d in load_registry()
        for t in d.tables
        if d.id in ("ons_mid_year_population", "dfe_child_population")
    }
    assert tables == {MYE2: (True, "xls"), DFE: (False, "csv")}


# --- fixtures: every layout lands ------------------------------------------------------------------


def test_every_fixture_lands_with_its_layout(landed):
    got = rows(
        landed, "select file, rows, status, message from raw.load_log where dataset <> 'unregistered' order by file"
    )
    assert [(f, n, s) for f, n, s, _ in got] == [
        ("population/mye22final.xlsx", 8, "loaded"),
        ("population/ons_mid-year_population_estimates_2012_to_2024.csv", 8, "loaded_with_warnings"),
        ("population/ukmidyearestimates2016.xlsx", 6, "loaded"),
        ("population/ukmidyearestimates20182019ladcodes.xlsx", 6, "loaded"),
        ("population/ukmidyearestimates20192020ladcodes.xlsx", 7, "loaded"),  # + the footnote row
        ("population/ukpopestimatesmid2020on2021geography.xlsx", 7, "loaded"),
    ]
    messages = {f: m for f, _, _, m in got}
    assert messages["population/ukmidyearestimates20192020ladcodes.xlsx"].startswith(f"layout {VARIANT_1}; ")
    assert messages["population/mye22final.xlsx"].startswith(f"layout {VARIANT_2}; ")
    assert messages["population/ukpopestimatesmid2020on2021geography.xlsx"].startswith(f"layout {VARIANT_2}; ")
    assert not messages["population/ukmidyearestimates2016.xlsx"].startswith("layout")


def test_persons_sheet_is_read_not_the_sex_sheets(landed):
    got = rows(
        landed,
        f"""select _source_file, _sheet, _row_number, all_ages, col_0, col_89, col_90
                           from raw.{MYE2} where code = 'E10000018' order by _source_file""",
    )
    assert got == [
        ("population/mye22final.xlsx", "MYE2 - Persons", 12, "509501", "8080", "260", "252"),
        ("population/ukmidyearestimates2016.xlsx", "MYE2 - All", 10, "504456", "8000", "258", "250"),
        ("population/ukmidyearestimates20182019ladcodes.xlsx", "MYE2-All", 10, "505716", "8020", "258", "250"),
        ("population/ukmidyearestimates20192020ladcodes.xlsx", "MYE2 - Persons", 10, "506981", "8040", "259", "251"),
        ("population/ukpopestimatesmid2020on2021geography.xlsx", "MYE2 - Persons", 14, "508238", "8060", "260", "251"),
    ]


def test_ages_land_as_col_0_to_col_90_whatever_the_header_cell(landed):
    """Ages are numbers (0.0 ... 90.0) up to mid-2019 and text ('0' ... '89', '90+') after; '90+' -> col_90."""
    got = rows(
        landed,
        f"""select distinct header_text from raw._columns
                           where raw_table = '{MYE2}' and column_name = 'col_90' order by 1""",
    )
    assert got == [("90",), ("90+",)]
    names = [
        r[0]
        for r in rows(
            landed,
            f"""select column_name from information_schema.columns
                                            where table_schema = 'raw' and table_name = '{MYE2}'
                                            order by ordinal_position""",
        )
    ]
    assert names[:4] == ["code", "name", "geography", "all_ages"]
    assert names[4:95] == [f"col_{age}" for age in range(91)]


def test_geography1_and_geography_land_as_one_column(landed):
    got = rows(
        landed,
        f"""select _source_file, geography from raw.{MYE2}
                           where code = 'E07000129' order by _source_file""",
    )
    assert got == [
        ("population/mye22final.xlsx", "Non-metropolitan District"),
        ("population/ukmidyearestimates2016.xlsx", None),  # no such column in mid-2016
        ("population/ukmidyearestimates20182019ladcodes.xlsx", "Non-metropolitan District"),
        ("population/ukmidyearestimates20192020ladcodes.xlsx", "Non-metropolitan District"),
        ("population/ukpopestimatesmid2020on2021geography.xlsx", "Non-metropolitan District"),
    ]


def test_mid_2022_rows_keep_the_published_order(landed):
    """Sorted by geography type: the staging row order says regions do not head their areas here."""
    got = rows(
        landed,
        f"""select code from raw.{MYE2} where _source_file = 'population/mye22final.xlsx'
                           order by _row_number""",
    )
    assert [c for (c,) in got] == [
        "S12000033",
        "K02000001",
        "E92000001",
        "E10000018",
        "E07000129",
        "E12000004",
        "E06000016",
        "E06000061",
    ]


def test_footnote_row_is_landed_as_published(landed):
    got = rows(
        landed,
        f"""select _row_number, left(code, 24), all_ages from raw.{MYE2}
                           where _source_file = 'population/ukmidyearestimates20192020ladcodes.xlsx'
                           and length(code) > 9""",
    )
    assert got == [(13, "1. Further information, ", None)]  # blank row 12 skipped; staging drops the note


def test_dfe_series_lands_with_markers_and_its_codes_are_checked(landed):
    got = rows(
        landed,
        f"""select time_period, geographic_level, region_code, old_la_code, new_la_code,
                                  population_estimate, _row_number
                           from raw.{DFE} order by _row_number""",
    )
    assert got[0] == ("2024", "National", None, None, None, "12183016", 2)
    assert got[2] == ("2024", "Regional", "E13000001", None, None, "640000", 4)  # inner London
    assert got[6] == ("2018", "Local authority", "E12000009", "837", "E06000028", "x", 8)
    # the LA codes are checked against the MYE2 codes of the same load (this fixture's MYE2 files
    # hold neither Buckinghamshire nor Bournemouth); 'x' is a marker, not text in a number column
    quarantine = rows(landed, "select row_number, column_name, value, problem from raw.quarantine order by 1")
    assert quarantine == [
        (6, "new_la_code", "E06000060", "unknown authority code"),
        (7, "new_la_code", "E10000002", "unknown authority code"),
        (8, "new_la_code", "E06000028", "unknown authority code"),
    ]


# --- errors: short and exact -----------------------------------------------------------------------


def test_a_later_workbook_without_the_persons_sheet_stops_with_the_sheets_it_has(tmp_path):
    source = tmp_path / "source"
    shutil.copytree(FIXTURES, source)
    write_xlsx(source / "mye23tablesew.xlsx", {"Cover sheet": [["Cover"]], "MYE2 - Males": [["x"]]})
    with pytest.raises(LoadError) as error:
        load_all(raw_dir_with(tmp_path, source), tmp_path / "w.duckdb", registry_dir(tmp_path), progress=lambda m: None)
    assert str(error.value) == (
        f"file population/mye23tablesew.xlsx: none of the sheets ['MYE2 - Persons'] found ({VARIANT_2}); "
        "the workbook has ['Cover sheet', 'MYE2 - Males']"
    )
    assert not (tmp_path / "w.duckdb").exists()


def test_a_renamed_age_column_stops_with_what_was_found(tmp_path):
    source = tmp_path / "source"
    shutil.copytree(FIXTURES, source)
    header = ["Code", "Name", "Geography", "All ages", *(str(a) for a in range(90)), "90 and over"]
    grid = [
        ["MYE2: Persons ... mid-2023"],
        *[[] for _ in range(6)],
        header,
        ["E10000018", "Leicestershire", "County", 91, *([1] * 91)],
    ]
    write_xlsx(source / "mye23tablesew.xlsx", {"MYE2 - Persons": grid})
    with pytest.raises(LoadError) as error:
        load_all(raw_dir_with(tmp_path, source), tmp_path / "w.duckdb", registry_dir(tmp_path), progress=lambda m: None)
    # (the reader lists the first 20 found names that have header text, ages included: col_90_and_over
    # is among the 75 more, so a renamed column is findable in the message)
    assert str(error.value) == (
        "file population/mye23tablesew.xlsx, sheet 'MYE2 - Persons', column 'col_90': required column(s) "
        f"['col_90'] not found in header row(s) [8] ({VARIANT_2}) or the 30 rows below; found: "
        "['code', 'name', 'geography', 'all_ages', " + ", ".join(f"'col_{a}'" for a in range(16)) + " ... and 75 more]"
    )


# --- the real files --------------------------------------------------------------------------------

REAL_ROWS = {  # landed rows per file: every area row, plus the mid-2016 to mid-2019 footnote rows
    "population/mye22final.xlsx": 404,
    "population/mye23tablesew.xlsx": 357,
    "population/ons_mid-year_population_estimates_2012_to_2024.csv": 2132,
    "population/ukmidyearestimates2016.xls": 440,
    "population/ukmidyearestimates2017finalversion.xls": 441,
    "population/ukmidyearestimates20182019ladcodes.xls": 431,
    "population/ukmidyearestimates20192020ladcodes.xls": 427,
    "population/ukpopestimatesmid2020on2021geography.xls": 420,
    "population/ukpopestimatesmid2021on2021geographyfinal.xls": 420,
}


@pytest.fixture(scope="module")
def real(tmp_path_factory) -> Path:
    from conftest import SHARED_DATA

    if not (SHARED_DATA / "population").is_dir():
        pytest.skip(f"real data folder {SHARED_DATA} not present")
    tmp = tmp_path_factory.mktemp("population_real")
    raw = tmp / "raw"
    raw.mkdir()
    (raw / "population").symlink_to(SHARED_DATA / "population")
    db = tmp / "real.duckdb"
    load_all(raw, db, registry_dir(tmp), progress=lambda m: None)
    return db


def test_every_real_population_file_lands(real):
    got = dict(rows(real, "select file, rows from raw.load_log where raw_table is not null order by file"))
    assert got == REAL_ROWS
    assert rows(real, "select count(*) from raw.quarantine") == [(0,)]


def test_real_all_ages_match_provenance(real):
    """PROVENANCE.md's checked values (All ages), one edition per file."""
    got = rows(
        real,
        f"""select code, _source_file, all_ages from raw.{MYE2}
                         where code in ('E10000018', 'E08000010', 'E06000017', 'E92000001')""",
    )
    by = {(c, f.split("/")[1].split(".")[0]): int(v) for c, f, v in got}
    leicestershire = [
        by[("E10000018", f)]
        for f in (
            "ukmidyearestimates2016",
            "ukmidyearestimates2017finalversion",
            "ukmidyearestimates20182019ladcodes",
            "ukmidyearestimates20192020ladcodes",
            "ukpopestimatesmid2020on2021geography",
            "ukpopestimatesmid2021on2021geographyfinal",
            "mye22final",
            "mye23tablesew",
        )
    ]
    assert leicestershire == [682957, 690212, 698268, 706155, 713085, 712572, 722155, 734015]
    assert by[("E08000010", "ukpopestimatesmid2021on2021geographyfinal")] == 329759  # Wigan
    assert by[("E06000017", "ukpopestimatesmid2020on2021geography")] == 40476  # Rutland
    assert by[("E92000001", "ukmidyearestimates20192020ladcodes")] == 56286961  # England


def test_real_upper_tier_counts_follow_each_editions_boundaries(real):
    got = rows(
        real,
        f"""select _source_file, count(*) from raw.{MYE2}
                         where left(code, 3) in ('E06', 'E08', 'E09', 'E10') group by 1 order by 1""",
    )
    assert dict(got) == {
        "population/mye22final.xlsx": 153,
        "population/mye23tablesew.xlsx": 153,
        "population/ukmidyearestimates2016.xls": 152,
        "population/ukmidyearestimates2017finalversion.xls": 152,
        "population/ukmidyearestimates20182019ladcodes.xls": 151,
        "population/ukmidyearestimates20192020ladcodes.xls": 151,
        "population/ukpopestimatesmid2020on2021geography.xls": 152,
        "population/ukpopestimatesmid2021on2021geographyfinal.xls": 152,
    }


def test_real_dfe_series(real):
    got = rows(
        real,
        f"""select time_period, population_estimate from raw.{DFE}
                         where new_la_code = 'E10000018' and time_period in ('2019', '2024') order by 1""",
    )
    assert got == [("2019", "139012"), ("2024", "147439")]
    assert rows(real, f"select count(*) from raw.{DFE} where population_estimate = 'x'") == [(21,)]


# --- the demo --------------------------------------------------------------------------------------


def test_demo_writes_every_layout_and_it_lands(tmp_path):
    out = tmp_path / "demo"
    demo_population.write(build_universe(), out, random.Random("20180601:population"))
    db = tmp_path / "demo.duckdb"
    load_all(out, db, registry_dir(tmp_path), progress=lambda m: None)
    got = rows(db, "select file, status, message from raw.load_log where raw_table is not null order by file")
    layouts = {f: (m.split(";")[0] if m.startswith("layout") else "table") for f, _, m in got}
    assert layouts == {
        "population/mye22final.xlsx": f"layout {VARIANT_2}",
        "population/mye23tablesew.xlsx": f"layout {VARIANT_2}",
        "population/ons_mid-year_population_estimates_2012_to_2024.csv": "table",
        "population/ukmidyearestimates2016.xlsx": "table",
        "population/ukmidyearestimates2017finalversion.xlsx": "table",
        "population/ukmidyearestimates20182019ladcodes.xlsx": "table",
        "population/ukmidyearestimates20192020ladcodes.xlsx": f"layout {VARIANT_1}",
        "population/ukpopestimatesmid2020on2021geography.xlsx": f"layout {VARIANT_2}",
        "population/ukpopestimatesmid2021on2021geographyfinal.xlsx": f"layout {VARIANT_2}",
    }
    assert {s for _, s, _ in got} == {"loaded"}
    # every edition lists the same demo areas; mid-2022's regions stand together (sorted by type)
    per_file = rows(db, f"select _source_file, count(*) from raw.{MYE2} group by 1")
    assert {n for _, n in per_file} == {359}
    regions = rows(
        db,
        f"""select _row_number from raw.{MYE2}
                           where _source_file = 'population/mye22final.xlsx' and code like 'E12%' order by 1""",
    )
    numbers = [r for (r,) in regions]
    assert numbers == list(range(numbers[0], numbers[0] + 9))
    assert rows(db, f"select count(*) from raw.{DFE} where population_estimate = 'x'") == [(6,)]
