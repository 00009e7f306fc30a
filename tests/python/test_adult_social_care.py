"""ASCOF and Oflog adult social care: registry entries, the json reader, fixtures, demo and real-file spot checks."""

from __future__ import annotations

import csv
import fnmatch
import json
import random
import shutil
import sys
from pathlib import Path

import pytest
from demo_build import run_dbt

from council_index.pipeline.errors import LoadError, RegistryError
from council_index.pipeline.loader import find_files
from council_index.pipeline.readers import read_file
from council_index.pipeline.registry import _parse_table, load_registry

ADULT_DATASETS = {"nhsd_ascof", "ascof_processed", "oflog_asc"}


def _tables():
    return {t.raw_table: t for d in load_registry() if d.id in ADULT_DATASETS for t in d.tables}


def _rows(landed):
    return [dict(zip(landed.columns, row)) for row in landed.rows]


def test_registry_lists_the_adult_tables():
    tables = _tables()
    assert set(tables) == {
        "nhsd_ascof__measures",
        "nhsd_ascof__measures_xlsx",
        "ascof_processed__final_data",
        "oflog_asc__asc_data",
        "oflog_asc__adult_social_care",
        "oflog_asc__nearest_neighbours",
    }
    assert tables["oflog_asc__nearest_neighbours"].reader == "json"
    # one reader per table: the open-data CSVs and their xlsx copies share the column set
    assert tables["nhsd_ascof__measures"].columns == tables["nhsd_ascof__measures_xlsx"].columns
    assert "ons_code" in tables["nhsd_ascof__measures"].columns


# --- json reader -----------------------------------------------------------------------------


def test_json_reader_lands_one_row_per_list_item_in_order(fixtures_dir):
    table = _tables()["oflog_asc__nearest_neighbours"]
    [landed] = read_file(fixtures_dir / "oflog_asc" / "NN.json", table, "oflog_asc/NN.json")
    assert landed.columns == ["code", "neighbour_position", "neighbour_code"]
    rows = [tuple(r) for r in landed.rows]
    assert rows[:3] == [
        ("E10000018", "1", "E10000018"),
        ("E10000018", "2", "E10000007"),
        ("E10000018", "3", "E10000019"),
    ]
    # a single-entry list (City of London) and a list repeating a code are landed as published
    assert ("E09000001", "1", "E09000001") in rows
    assert [r for r in rows if r[0] == "E07000112"] == [
        ("E07000112", "1", "E07000026"),
        ("E07000112", "2", "E07000026"),
        ("E07000112", "3", "E07000043"),
    ]
    assert landed.row_numbers == list(range(1, 8))


def test_json_reader_rejects_bad_files(tmp_path):
    table = _tables()["oflog_asc__nearest_neighbours"]
    bad = tmp_path / "NN.json"
    bad.write_text("[1, 2, 3]", encoding="utf-8")
    with pytest.raises(LoadError, match="JSON object"):
        read_file(bad, table, "oflog_asc/NN.json")
    bad.write_text('{"E1": [1, 2', encoding="utf-8")
    with pytest.raises(LoadError, match="not valid JSON"):
        read_file(bad, table, "oflog_asc/NN.json")
    bad.write_text('{"E1": [[1, 2]]}', encoding="utf-8")
    with pytest.raises(LoadError, match="not a single value"):
        read_file(bad, table, "oflog_asc/NN.json")


def test_json_reader_in_registry_schema():
    entry = {"id": "nn", "path": "x/NN.json", "reader": "json", "columns": ["code", "neighbour_code"]}
    assert _parse_table("d", entry, "test").reader == "json"
    with pytest.raises(RegistryError, match="json files have no header rows"):
        _parse_table("d", {**entry, "header_rows": [3]}, "test")
    with pytest.raises(RegistryError, match="has no sheets"):
        _parse_table("d", {**entry, "sheet": "x"}, "test")


def test_json_reader_requires_its_fixed_columns(tmp_path):
    path = tmp_path / "NN.json"
    path.write_text('{"E1": ["E2"]}', encoding="utf-8")
    table = _parse_table("d", {"id": "nn", "path": "NN.json", "reader": "json", "columns": ["missing_col"]}, "t")
    with pytest.raises(LoadError, match="missing_col"):
        read_file(path, table, "NN.json")


def test_existing_readers_unchanged(fixtures_dir):
    """The csv reader still lands the processed ASCOF file as before (json support added beside it)."""
    [landed] = read_file(
        fixtures_dir / "ascof" / "final_data_2019.csv",
        _tables()["ascof_processed__final_data"],
        "ascof/final_data_2019.csv",
    )
    assert landed.columns[:3] == ["geographical_description", "geographical_level", "ons_code"]
    # 'IMD - Average rank ' (trailing space) normalises like any header
    assert "imd_average_rank" in landed.columns
    assert landed.warnings == []


# --- ASCOF fixtures --------------------------------------------------------------------------

OPEN_DATA_CSVS = [
    "2014-15 ASCOF open data csv file.csv",
    "meas-from-asc-of-17-18-open-data.csv",
    "meas-from-asc-of-eng-1920-open-data-csv.csv",
]
OPEN_DATA_XLSX = "meas-from-asc-of-eng-2021-open-data-csv_v2.xlsx"


def _land(fixtures_dir, raw_table: str, name: str):
    """Read one fixture as the loader does: with the layout variant that fits its name."""
    shown = f"ascof/{name}"
    layout = _tables()[raw_table].for_file(shown)
    [landed] = read_file(fixtures_dir / "ascof" / name, layout, shown)
    return layout, landed


def test_ascof_original_layout_fixture(fixtures_dir):
    layout, landed = _land(fixtures_dir, "nhsd_ascof__measures", "meas-from-asc-of-17-18-open-data.csv")
    assert layout.variant_name is None
    assert landed.warnings == ["not UTF-8: decoded as cp1252"]
    assert set(layout.columns) <= set(landed.columns)
    rows = _rows(landed)
    assert len(rows) == 6
    assert rows[3]["measure_value"] == ":"  # suppression marker kept as text
    assert rows[3]["disaggregation_level"] == "64 and under"
    assert rows[4]["measure_group_description"].startswith("Adjusted Social care-related quality of life \u2013")
    assert rows[5]["ons_code"] is None  # council-type rows have no GSS code
    assert rows[0]["ons_code"] == "E10000018"  # `ONS Area Code` (to 2018-19) lands as ons_code
    assert [r["measure_type"] for r in rows[:3]] == ["Numerator", "Denominator", "Outcome"]


def test_every_open_data_release_lands_under_one_column_set(fixtures_dir):
    """2014-15 (no spaces in headers, no level column), 2017-18 (`ONS Area Code`), 2019-20 (`ONS Code`) and
    the 2020-21 xlsx copy all land with the same column names."""
    table = _tables()["nhsd_ascof__measures"]
    assert sorted(p.name for p in find_files(fixtures_dir, table)) == sorted(OPEN_DATA_CSVS)
    assert [p.name for p in find_files(fixtures_dir, _tables()["nhsd_ascof__measures_xlsx"])] == [OPEN_DATA_XLSX]
    landed = {name: _land(fixtures_dir, "nhsd_ascof__measures", name) for name in OPEN_DATA_CSVS}
    landed[OPEN_DATA_XLSX] = _land(fixtures_dir, "nhsd_ascof__measures_xlsx", OPEN_DATA_XLSX)
    for name, (layout, block) in landed.items():
        assert set(layout.columns) <= set(block.columns), name
        assert {"ons_code", "measure_group", "measure_type", "measure_value"} <= set(block.columns), name
    old_layout, old = landed["2014-15 ASCOF open data csv file.csv"]
    assert old_layout.variant_name == "variant 1 (ascof/2014-15 ASCOF open data csv file.csv)"
    assert "geographical_level" not in old.columns
    first = _rows(old)[0]
    assert (first["geographical_description"], first["ons_code"], first["measure_group"]) == (
        "Leicestershire",
        "E10000018",
        "2A(2)_1415",
    )
    rows_1920 = _rows(landed["meas-from-asc-of-eng-1920-open-data-csv.csv"][1])
    assert [r["measure_value"] for r in rows_1920 if r["measure_group"] == "1C2B"] == ["c", "c"]
    xlsx = _rows(landed[OPEN_DATA_XLSX][1])
    assert xlsx[0]["geographical_code"] == "508"  # the CASSR code is a number in the workbook
    assert {r["measure_value"] for r in xlsx if r["measure_group"] == "1A"} == {"[x]"}
    assert "Margin Of Error" in {r["measure_type"] for r in xlsx}
    assert [r["ons_code"] for r in xlsx if r["geographical_level"] == "Council Type"] == [None]


def test_ascof_processed_fixture_only_matches_its_own_files(fixtures_dir):
    processed = _tables()["ascof_processed__final_data"]
    original = _tables()["nhsd_ascof__measures"]
    assert [p.name for p in find_files(fixtures_dir, processed)] == ["final_data_2019.csv", "final_data_2020.csv"]
    assert sorted(p.name for p in find_files(fixtures_dir, original)) == sorted(OPEN_DATA_CSVS)
    [landed] = read_file(fixtures_dir / "ascof" / "final_data_2019.csv", processed, "ascof/final_data_2019.csv")
    rows = _rows(landed)
    assert rows[0]["measure_value"] == "575.6" and rows[0]["year"] == "2019"
    assert rows[2]["disaggregation_level"] == "65 and over" and rows[2]["measure_value"] == "2.76"


def test_every_publisher_file_name_is_read_and_annexes_are_not(tmp_path):
    """Every year's open-data file as NHS Digital names it lands in one of the two tables (so a `make fetch`
    of any year is read); the time-series annexes are another layout, listed as not read."""
    from council_index.pipeline.registry import load_not_read

    read = [
        "2014-15 ASCOF open data csv file.csv",
        "2015-16 ASCOF open data csv file.csv",
        "meas-from-asc-of-1617-open-data-csv.csv",
        "meas-from-asc-of-17-18-open-data.csv",
        "meas-from-asc-of-eng-1819-open-data-csv-v2.csv",
        "meas-from-asc-of-eng-1920-open-data-csv.csv",
        "meas-from-asc-of-eng-2021-open-data-csv_v2.xlsx",
        "meas-from-asc-of-eng-2022-csv-v3.csv",
    ]
    annexes = ["meas-from-asc-of-eng-2021-22-time-sers-anx-v2.xlsx", "meas-from-asc-of-eng-2022-23-timeseries.xlsx"]
    (tmp_path / "ascof").mkdir()
    for name in read + annexes:
        (tmp_path / "ascof" / name).write_text("x\n", encoding="utf-8")
    tables = _tables()
    found = [
        p.name for t in ("nhsd_ascof__measures", "nhsd_ascof__measures_xlsx") for p in find_files(tmp_path, tables[t])
    ]
    assert sorted(found) == sorted(read)
    not_read = [n for n in load_not_read() if n.dataset_id == "nhsd_ascof"]
    assert all(any(fnmatch.fnmatchcase(f"ascof/{a}", n.path) for n in not_read) for a in annexes)
    [dataset] = [d for d in load_registry() if d.id == "nhsd_ascof"]
    assert [(d.url, d.file) for d in dataset.downloads] == [
        (
            "https://files.digital.nhs.uk/65/E7A20E/meas-from-asc-of-eng-1920-open-data-csv.csv",
            "ascof/meas-from-asc-of-eng-1920-open-data-csv.csv",
        )
    ]


# --- the next release of a file already read: ambiguous rows quarantined, staging built by dbt --

ROOT = Path(__file__).resolve().parents[2]
DP = "Proportion of people using social care who receive direct payments"
AMBIGUOUS_2020 = (
    "quarantine: 18 ambiguous authority row (year ['2020']; measure_group_description "
    f"['{DP}']; disaggregation_level ['18-64', '65 and over', 'Total']; "
    "3 code(s) ['E08000010', 'E10000018', 'E92000001'])"
)


@pytest.fixture(scope="module")
def ascof_landed(tmp_path_factory):
    """The ASCOF fixtures landed with the project's ascof registry entries, plus two files written here:
    the 2020-21 CSV (first issue) beside its v2 xlsx, and a processed file repeating one row exactly."""
    from council_index.demo.writers import write_csv
    from council_index.pipeline.loader import load_all
    from council_index.pipeline.registry import REGISTRY_DIR

    tmp = tmp_path_factory.mktemp("ascof")
    registry, raw = tmp / "registry", tmp / "raw"
    registry.mkdir()
    shutil.copy(REGISTRY_DIR / "ascof.yml", registry / "ascof.yml")
    shutil.copytree(Path(__file__).resolve().parent / "fixtures" / "ascof", raw / "ascof")
    header = [
        "Geographical Code",
        "Geographical Description",
        "Geographical Level",
        "ONS Code",
        "ASCOF Measure Code",
        "Disaggregation Level",
        "Measure Type",
        "Measure Value",
        "Measure Group",
        "Measure Group Description",
    ]
    write_csv(
        raw / "ascof" / "meas-from-asc-of-eng-2021-open-data-csv.csv",
        [
            header,
            [508, "Leicestershire", "Council", "E10000018", "2B1", "Total", "Outcome", 99.9, "2B1", "2B1 first issue"],
            [857, "Rutland", "Council", "E06000017", "2A2", "Total", "Outcome", 455.5, "2A2", "2A2 first issue"],
        ],
        encoding="cp1252",
    )
    with (raw / "ascof" / "final_data_2019.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    write_csv(raw / "ascof" / "final_data_2018.csv", [rows[0], [*rows[1][:-1], "2018"], [*rows[1][:-1], "2018"]])
    db = tmp / "ascof.duckdb"
    messages: list[str] = []
    load_all(raw, db, registry, progress=messages.append)
    return tmp, db, messages


def _query(db: Path, sql: str):
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_ambiguous_measure_rows_are_quarantined_with_a_message_naming_file_measure_and_councils(ascof_landed):
    """final_data_2020.csv (the processed 2019-20 layout) gives the carers' direct payments the service users'
    description: the file has no code column to tell them apart, so every repeated row is quarantined (the
    first too), and the load goes on."""
    _, db, messages = ascof_landed
    assert f"  ! ascof/final_data_2020.csv: {AMBIGUOUS_2020} (see raw.quarantine)" in messages
    log = dict(_query(db, "select file, message from raw.load_log where raw_table = 'ascof_processed__final_data'"))
    assert log["ascof/final_data_2020.csv"].startswith(AMBIGUOUS_2020 + "; ")
    assert (
        log["ascof/final_data_2019.csv"]
        == "3 column(s) beyond the 7 required: imd_average_rank, annual_pay_mean, population; "
        "coverage not checked (no authority register landed)"  # the fixture lands no la_lookup register
    )
    got = _query(
        db,
        """select q.value, r.disaggregation_level, r.measure_value, q.problem
        from raw.quarantine as q inner join raw.ascof_processed__final_data as r
            on r._source_file = q.source_file and r._row_number = q.row_number
        where q.source_file = 'ascof/final_data_2020.csv' order by q.row_number""",
    )
    assert len(got) == 18
    assert {r[0] for r in got} == {"E10000018", "E08000010", "E92000001"}  # Rutland has one set only
    assert got[0] == (
        "E10000018",
        "Total",
        "27.5",
        "ambiguous authority row (same ons_code, year, measure_group_description, "
        "disaggregation_level in rows 6, 9, with different values)",
    )
    assert got[3][:3] == ("E10000018", "Total", "88.0")
    # an exact copy is a duplicate: the first row stays clean
    assert _query(
        db, "select row_number, problem from raw.quarantine where source_file = 'ascof/final_data_2018.csv'"
    ) == [
        (3, "duplicate authority row (same ons_code, year, measure_group_description, disaggregation_level as row 2)")
    ]
    assert _query(db, "select count(*) from raw.ascof_processed__final_data") == [(4 + 2 + 37,)]  # nothing dropped


@pytest.fixture(scope="module")
def ascof_staged(ascof_landed):
    """dbt builds the two ASCOF staging models and runs their tests (uniqueness included) on the landed fixtures."""
    tmp, db, _ = ascof_landed
    dbt = Path(sys.executable).with_name("dbt")
    if not dbt.exists():
        pytest.skip("dbt is not installed next to this Python")
    # at the one warehouse path and target folder of this process's dbt runs: a partial parse
    result = run_dbt(db, "build", "--select", "stg_ascof__measures", "stg_ascof__final_data", timeout=900)
    return result, db


@pytest.mark.slow
def test_staging_leaves_ambiguous_measures_out_and_the_build_goes_on(ascof_staged):
    result, db = ascof_staged
    assert result.returncode == 0, result.stdout[-4000:]
    assert "unique_combination_of_columns_stg_ascof__final_data" in result.stdout and "ERROR=0" in result.stdout
    rows = _query(
        db,
        """select authority_code, period, measure_code, disaggregation, outcome_value
        from staging.stg_ascof__final_data where period = '2019-20' order by all""",
    )
    # no direct payments row of 2019-20 is attributed, not even Rutland's single set
    assert {r[2] for r in rows} == {"1E", "2A(2)", "2B(1)", "2B(2)"}
    assert ("E10000018", "2019-20", "2B(2)", "Total", 2.9) in rows  # the 2019-20 wording is recognised
    assert ("E06000017", "2019-20", "1E", "Total", 9.5) in rows
    assert len(rows) == 4 * 4
    # 2018-19 as before; the exact copy in final_data_2018.csv gives one row
    assert _query(db, "select count(*) from staging.stg_ascof__final_data where period = '2017-18'") == [(1,)]
    assert _query(
        db,
        """select outcome_value from staging.stg_ascof__final_data
        where period = '2018-19' and authority_code = 'E10000018' and measure_code = '2A(2)'""",
    ) == [(575.6,)]


@pytest.mark.slow
def test_staging_stacks_every_open_data_release(ascof_staged):
    result, db = ascof_staged
    assert result.returncode == 0, result.stdout[-4000:]
    periods = _query(
        db, "select period, min(period_end_year), count(*) from staging.stg_ascof__measures group by 1 order by 1"
    )
    assert periods == [("2014-15", 2015, 2), ("2017-18", 2018, 3), ("2019-20", 2020, 5), ("2020-21", 2021, 8)]
    got = {
        r[:3]: r[3:]
        for r in _query(
            db,
            """select authority_code, period, measure_code || ' ' || disaggregation,
               outcome_value, numerator, denominator, survey_base, margin_of_error, is_suppressed, source_file
        from staging.stg_ascof__measures""",
        )
    }
    xlsx = "ascof/meas-from-asc-of-eng-2021-open-data-csv_v2.xlsx"
    # the v2 xlsx outranks the first issue of 2020-21 (99.9); a row only in the first issue stays
    assert got[("E10000018", "2020-21", "2B(1) Total")] == (84.7, 431.0, 509.0, None, None, False, xlsx)
    assert got[("E06000017", "2020-21", "2A(2) Total")][0] == 455.5
    assert got[("E10000018", "2020-21", "1A Total")] == (None, None, None, None, None, True, xlsx)  # [x]
    assert got[("E08000010", "2020-21", "2B(1) Total")][:3] == (None, 12.0, 14.0)  # [c]
    assert ("E06000058", "2020-21", "2A(2) Total") in got  # later-boundary code kept as published
    assert got[("E10000018", "2019-20", "2A(2) Total")][:3] == (561.0, 830.0, 147950.0)
    assert got[("E10000018", "2019-20", "1J Total")][0] == 0.412 and got[("E10000018", "2019-20", "1J Total")][3] == 310
    assert got[("E10000018", "2019-20", "1C(2B) 18-64")][5] is True  # 'c'; '64 and under' harmonised
    assert got[("E10000018", "2014-15", "2A(2) Total")][:3] == (583.7, 805.0, 137915.0)  # '2A(2)_1415'
    assert got[("E10000018", "2017-18", "1A 18-64")][5] is True  # ':' in 2017-18
    assert not [k for k in got if k[0] == ""]  # council types left out


def test_oflog_fixtures(fixtures_dir):
    tables = _tables()
    [data] = read_file(fixtures_dir / "oflog_asc" / "ASC_data.csv", tables["oflog_asc__asc_data"], "a")
    [named] = read_file(
        fixtures_dir / "oflog_asc" / "adult_social_care.csv", tables["oflog_asc__adult_social_care"], "b"
    )
    data_rows, named_rows = _rows(data), _rows(named)
    assert [r["code"] for r in data_rows] == ["ASC4", "ASC7", "ASC2"]
    assert data_rows[1]["value"] is None  # not published: blank, no marker
    assert "code" not in named.columns
    assert [r["value"] for r in named_rows] == [r["value"] for r in data_rows]


# --- demo ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def adult_demo(tmp_path_factory) -> Path:
    """The demo's ASCOF and Oflog files, written once for the tests below (they only read them)."""
    from council_index.demo.datasets import ascof, oflog_asc
    from council_index.demo.universe import build_universe

    out = tmp_path_factory.mktemp("adult_demo")
    universe = build_universe()
    ascof.write(universe, out, random.Random("ascof"))
    oflog_asc.write(universe, out, random.Random("oflog_asc"))
    return out


def test_demo_writes_every_adult_table(adult_demo):
    for raw_table, table in _tables().items():
        files = find_files(adult_demo, table)
        assert files, f"demo wrote no file for {raw_table}"
        for path in files:
            for landed in read_file(path, table, path.name):
                assert set(table.columns) <= set(landed.columns), raw_table
                assert landed.rows


def test_demo_ascof_years_markers_and_layout(adult_demo):
    from council_index.demo.universe import build_universe

    names = sorted(p.name for p in (adult_demo / "ascof").iterdir())
    # no ASCOF file before 2017-18, as in the real folder: the early editions use the substitutes
    assert names == ["final_data_2019.csv", "meas-from-asc-of-17-18-open-data.csv", OPEN_DATA_XLSX]
    text = (adult_demo / "ascof" / "meas-from-asc-of-17-18-open-data.csv").read_bytes()
    assert b"\x96" in text  # cp1252 en dash, as published
    rows = list(csv.DictReader((adult_demo / "ascof" / "meas-from-asc-of-17-18-open-data.csv").open(encoding="cp1252")))
    assert {r["Measure Group"] for r in rows} >= {"2A1", "2A2", "1C2A", "1I1", "3D2"}
    assert any(r["Measure Value"] == ":" for r in rows)  # a few suppressed outcomes
    assert any(r["Disaggregation Level"] == "64 and under" for r in rows)
    councils = {r["ONS Area Code"] for r in rows if r["Geographical Level"] == "Council"}
    assert councils == {a.code for a in build_universe().upper_tier}
    # the outcome is the published numerator over denominator
    by_key = {}
    for r in rows:
        by_key.setdefault((r["ONS Area Code"], r["ASCOF Measure Code"]), {})[r["Measure Type"]] = r["Measure Value"]
    sample = next(v for (code, m), v in by_key.items() if m == "2A2" and v.get("Outcome") not in (None, ":"))
    assert float(sample["Outcome"]) == pytest.approx(
        int(sample["Numerator"]) / int(sample["Denominator"]) * 100_000, abs=0.05
    )


def test_demo_writes_the_2020_21_open_data_workbook(adult_demo):
    from council_index.demo.universe import build_universe

    table = _tables()["nhsd_ascof__measures_xlsx"]
    [path] = find_files(adult_demo, table)
    [landed] = read_file(path, table, f"ascof/{path.name}")
    assert landed.sheets[0] == "in" and set(table.columns) <= set(landed.columns)
    rows = _rows(landed)
    councils = {r["ons_code"] for r in rows if r["geographical_level"] == "Council"}
    assert councils == {a.code for a in build_universe().upper_tier}
    assert {r["measure_value"] for r in rows if r["measure_group"] == "1A"} == {"[x]"}
    assert any(r["measure_value"] == "[c]" for r in rows)
    assert {"Margin Of Error", "Base", "Numerator", "Denominator", "Outcome"} <= {r["measure_type"] for r in rows}
    assert {"65-74", "85 and over", "Male", "Female"} <= {
        r["disaggregation_level"] for r in rows if r["measure_group"].startswith("2B")
    }
    assert [r["ons_code"] for r in rows if r["geographical_level"] == "Council Type"] == [None]
    sample = next(r for r in rows if r["geographical_level"] == "Council")
    assert sample["geographical_code"].isdigit()  # the CASSR code is a number, as in the real file


def test_demo_oflog_asc4_matches_ascof_3d2(adult_demo):
    oflog = {
        (r["Local authority code"], r["Financial year"]): r["Value"]
        for r in csv.DictReader((adult_demo / "oflog_asc" / "ASC_data.csv").open())
        if r["Code"] == "ASC4"
    }
    assert {y for _, y in oflog} == {"2016-17", "2018-19", "2021-22"}
    processed = {
        r["ONS Code"]: r["Measure Value"]
        for r in csv.DictReader((adult_demo / "ascof" / "final_data_2019.csv").open())
        if r["Measure Group Description"].startswith("The proportion of carers who find it easy")
        and r["Disaggregation Level"] == "Total"
    }
    same = [code for code, v in processed.items() if oflog.get((code, "2018-19")) not in (None, "")]
    assert same and all(float(oflog[(c, "2018-19")]) == float(processed[c]) for c in same)
    neighbours = json.loads((adult_demo / "oflog_asc" / "NN.json").read_text())
    assert all(code in listed for code, listed in neighbours.items())
    assert sorted({len(v) for v in neighbours.values()}) == [1, 16]


# --- real files (skipped without ../shared/data) ---------------------------------------------


def test_real_ascof_2018_19_spot_checks(shared_data):
    table = _tables()["ascof_processed__final_data"]
    [landed] = read_file(shared_data / "ascof" / "final_data_2019.csv", table, "ascof/final_data_2019.csv")
    rows = _rows(landed)
    assert len(rows) == 16_275
    admissions = {
        r["geographical_description"]: r["measure_value"]
        for r in rows
        if r["measure_group_description"].startswith("Long-term support needs of older adults")
    }
    assert admissions["Leicestershire"] == "575.6"
    assert admissions["Wigan"] == "378.4"
    assert admissions["Rutland"] == "577.0"
    assert admissions["Redbridge"] == "239.3"
    adjusted = {
        r["geographical_description"]: r["measure_value"]
        for r in rows
        if r["measure_group_description"].startswith("Adjusted Social care-related")
    }
    assert adjusted["Leicestershire"] == "0.415"  # 1J is a score, not a share


def test_real_ascof_2020_21_open_data_workbook(shared_data):
    table = _tables()["nhsd_ascof__measures_xlsx"]
    [path] = find_files(shared_data, table)
    assert path.name == OPEN_DATA_XLSX
    [landed] = read_file(path, table, f"ascof/{path.name}")
    rows = _rows(landed)
    assert len(rows) == 48_970 and landed.sheets[0] == "in"
    councils = [r for r in rows if r["geographical_level"] == "Council"]
    assert len(councils) == 44_545
    assert len({r["ons_code"] for r in councils}) == 151
    assert {"E06000058", "E06000059", "E06000060", "E10000021"} <= {r["ons_code"] for r in councils}
    leicestershire = {
        r["measure_type"]: r["measure_value"]
        for r in councils
        if r["ons_code"] == "E10000018" and r["ascof_measure_code"] == "2B1"
    }
    assert leicestershire == {"Outcome": "84.7", "Numerator": "431", "Denominator": "509"}
    assert {r["measure_value"] for r in rows if not r["measure_value"][0].isdigit()} == {"[x]", "[c]"}
    assert {r["measure_group"] for r in rows} >= {"1C1A", "1C2A", "2A1", "2A2", "2B1", "2B2", "2D", "3D1", "4B"}
    assert not {"2C1", "3D2", "1D"} & {r["measure_group"] for r in rows}  # DToC suspended; no carers' survey


def test_real_oflog_files(shared_data):
    tables = _tables()
    [data] = read_file(shared_data / "oflog_asc" / "ASC_data.csv", tables["oflog_asc__asc_data"], "a")
    rows = _rows(data)
    assert len(rows) == 6_376
    leicestershire = {
        (r["code"], r["financial_year"]): r["value"] for r in rows if r["local_authority_code"] == "E10000018"
    }
    assert leicestershire[("ASC2", "2018-19")] == "0.415"  # ASC2 = ASCOF 1J
    assert leicestershire[("ASC4", "2018-19")] == "60.3"  # ASC4 = ASCOF 3D(2)
    assert leicestershire[("ASC1", "2018-19")] == "7.5"
    [nn] = read_file(shared_data / "oflog_asc" / "NN.json", tables["oflog_asc__nearest_neighbours"], "n")
    keys = {r[0] for r in nn.rows}
    assert len(keys) == 348  # districts and combined authorities too
    assert len([r for r in nn.rows if r[0] == "E07000112"]) == 34
    assert [r[2] for r in nn.rows if r[0] == "E09000001"] == ["E09000001"]
