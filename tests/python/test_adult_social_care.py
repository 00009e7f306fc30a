"""ASCOF and Oflog adult social care: registry entries, the json reader, fixtures, demo and real-file spot checks."""

from __future__ import annotations

import csv
import json
import random
import time
from pathlib import Path

import pytest

from pipeline.errors import LoadError, RegistryError
from pipeline.loader import find_files
from pipeline.readers import read_file
from pipeline.registry import _parse_table, load_registry

ADULT_DATASETS = {"nhsd_ascof", "ascof_processed", "oflog_asc"}


def _tables():
    return {t.raw_table: t for d in load_registry() if d.id in ADULT_DATASETS for t in d.tables}


def _rows(landed):
    return [dict(zip(landed.columns, row)) for row in landed.rows]


def test_registry_lists_the_adult_tables():
    tables = _tables()
    assert set(tables) == {
        "nhsd_ascof__measures", "ascof_processed__final_data", "oflog_asc__asc_data",
        "oflog_asc__adult_social_care", "oflog_asc__nearest_neighbours",
    }
    assert tables["oflog_asc__nearest_neighbours"].reader == "json"
    assert "ons_area_code" in tables["nhsd_ascof__measures"].columns


# --- json reader -----------------------------------------------------------------------------

def test_json_reader_lands_one_row_per_list_item_in_order(fixtures_dir):
    table = _tables()["oflog_asc__nearest_neighbours"]
    [landed] = read_file(fixtures_dir / "oflog_asc" / "NN.json", table, "oflog_asc/NN.json")
    assert landed.columns == ["code", "neighbour_position", "neighbour_code"]
    rows = [tuple(r) for r in landed.rows]
    assert rows[:3] == [("E10000018", "1", "E10000018"), ("E10000018", "2", "E10000007"),
                        ("E10000018", "3", "E10000019")]
    # a single-entry list (City of London) and a list repeating a code are landed as published
    assert ("E09000001", "1", "E09000001") in rows
    assert [r for r in rows if r[0] == "E07000112"] == [
        ("E07000112", "1", "E07000026"), ("E07000112", "2", "E07000026"), ("E07000112", "3", "E07000043")]
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
    [landed] = read_file(fixtures_dir / "ascof" / "final_data_2019.csv", _tables()["ascof_processed__final_data"],
                         "ascof/final_data_2019.csv")
    assert landed.columns[:3] == ["geographical_description", "geographical_level", "ons_code"]
    # 'IMD - Average rank ' (trailing space) normalises like any header
    assert "imd_average_rank" in landed.columns
    assert landed.warnings == []


# --- ASCOF fixtures --------------------------------------------------------------------------

def test_ascof_original_layout_fixture(fixtures_dir):
    table = _tables()["nhsd_ascof__measures"]
    path = fixtures_dir / "ascof" / "meas-from-asc-of-17-18-open-data.csv"
    assert find_files(fixtures_dir, table) == [path]
    [landed] = read_file(path, table, "ascof/meas-from-asc-of-17-18-open-data.csv")
    assert landed.warnings == ["not UTF-8: decoded as cp1252"]
    assert set(table.columns) <= set(landed.columns)
    rows = _rows(landed)
    assert len(rows) == 6
    assert rows[3]["measure_value"] == ":"              # suppression marker kept as text
    assert rows[3]["disaggregation_level"] == "64 and under"
    assert rows[4]["measure_group_description"].startswith("Adjusted Social care-related quality of life \u2013")
    assert rows[5]["ons_area_code"] is None             # council-type rows have no GSS code
    assert [r["measure_type"] for r in rows[:3]] == ["Numerator", "Denominator", "Outcome"]


def test_ascof_processed_fixture_only_matches_its_own_files(fixtures_dir):
    processed = _tables()["ascof_processed__final_data"]
    original = _tables()["nhsd_ascof__measures"]
    assert [p.name for p in find_files(fixtures_dir, processed)] == ["final_data_2019.csv"]
    assert [p.name for p in find_files(fixtures_dir, original)] == ["meas-from-asc-of-17-18-open-data.csv"]
    [landed] = read_file(fixtures_dir / "ascof" / "final_data_2019.csv", processed, "ascof/final_data_2019.csv")
    rows = _rows(landed)
    assert rows[0]["measure_value"] == "575.6" and rows[0]["year"] == "2019"
    assert rows[2]["disaggregation_level"] == "65 and over" and rows[2]["measure_value"] == "2.76"


def test_oflog_fixtures(fixtures_dir):
    tables = _tables()
    [data] = read_file(fixtures_dir / "oflog_asc" / "ASC_data.csv", tables["oflog_asc__asc_data"], "a")
    [named] = read_file(fixtures_dir / "oflog_asc" / "adult_social_care.csv",
                        tables["oflog_asc__adult_social_care"], "b")
    data_rows, named_rows = _rows(data), _rows(named)
    assert [r["code"] for r in data_rows] == ["ASC4", "ASC7", "ASC2"]
    assert data_rows[1]["value"] is None                 # not published: blank, no marker
    assert "code" not in named.columns
    assert [r["value"] for r in named_rows] == [r["value"] for r in data_rows]


# --- demo ------------------------------------------------------------------------------------

def _write_demo(out: Path) -> float:
    from demo.datasets import ascof, oflog_asc
    from demo.universe import build_universe

    universe = build_universe()
    started = time.perf_counter()
    ascof.write(universe, out, random.Random("ascof"))
    oflog_asc.write(universe, out, random.Random("oflog_asc"))
    return time.perf_counter() - started


def test_demo_writes_every_adult_table(tmp_path):
    seconds = _write_demo(tmp_path)
    assert seconds >= 0  # speed is measured by `make bench`, not asserted here
    for raw_table, table in _tables().items():
        files = find_files(tmp_path, table)
        assert files, f"demo wrote no file for {raw_table}"
        for path in files:
            for landed in read_file(path, table, path.name):
                assert set(table.columns) <= set(landed.columns), raw_table
                assert landed.rows


def test_demo_ascof_years_markers_and_layout(tmp_path):
    from demo.universe import build_universe

    _write_demo(tmp_path)
    names = sorted(p.name for p in (tmp_path / "ascof").iterdir())
    assert names == ["final_data_2019.csv", "meas-from-asc-of-1617-open-data-csv.csv",
                     "meas-from-asc-of-17-18-open-data.csv", "meas-from-asc-of-eng-1516-open-data-csv.csv"]
    text = (tmp_path / "ascof" / "meas-from-asc-of-17-18-open-data.csv").read_bytes()
    assert b"\x96" in text                                   # cp1252 en dash, as published
    rows = list(csv.DictReader((tmp_path / "ascof" / "meas-from-asc-of-17-18-open-data.csv")
                               .open(encoding="cp1252")))
    assert {r["Measure Group"] for r in rows} >= {"2A1", "2A2", "1C2A", "1I1", "3D2"}
    assert any(r["Measure Value"] == ":" for r in rows)      # a few suppressed outcomes
    assert any(r["Disaggregation Level"] == "64 and under" for r in rows)
    councils = {r["ONS Area Code"] for r in rows if r["Geographical Level"] == "Council"}
    assert councils == {a.code for a in build_universe().upper_tier}
    # the outcome is the published numerator over denominator
    by_key = {}
    for r in rows:
        by_key.setdefault((r["ONS Area Code"], r["ASCOF Measure Code"]), {})[r["Measure Type"]] = r["Measure Value"]
    sample = next(v for (code, m), v in by_key.items() if m == "2A2" and v.get("Outcome") not in (None, ":"))
    assert float(sample["Outcome"]) == pytest.approx(
        int(sample["Numerator"]) / int(sample["Denominator"]) * 100_000, abs=0.05)


def test_demo_oflog_asc4_matches_ascof_3d2(tmp_path):
    _write_demo(tmp_path)
    oflog = {(r["Local authority code"], r["Financial year"]): r["Value"]
             for r in csv.DictReader((tmp_path / "oflog_asc" / "ASC_data.csv").open()) if r["Code"] == "ASC4"}
    assert {y for _, y in oflog} == {"2016-17", "2018-19", "2021-22"}
    processed = {r["ONS Code"]: r["Measure Value"]
                 for r in csv.DictReader((tmp_path / "ascof" / "final_data_2019.csv").open())
                 if r["Measure Group Description"].startswith("The proportion of carers who find it easy")
                 and r["Disaggregation Level"] == "Total"}
    same = [code for code, v in processed.items() if oflog.get((code, "2018-19")) not in (None, "")]
    assert same and all(float(oflog[(c, "2018-19")]) == float(processed[c]) for c in same)
    neighbours = json.loads((tmp_path / "oflog_asc" / "NN.json").read_text())
    assert all(code in listed for code, listed in neighbours.items())
    assert sorted({len(v) for v in neighbours.values()}) == [1, 16]


# --- real files (skipped without ../shared/data) ---------------------------------------------

def test_real_ascof_2018_19_spot_checks(shared_data):
    table = _tables()["ascof_processed__final_data"]
    [landed] = read_file(shared_data / "ascof" / "final_data_2019.csv", table, "ascof/final_data_2019.csv")
    rows = _rows(landed)
    assert len(rows) == 16_275
    admissions = {r["geographical_description"]: r["measure_value"] for r in rows
                  if r["measure_group_description"].startswith("Long-term support needs of older adults")}
    assert admissions["Leicestershire"] == "575.6"
    assert admissions["Wigan"] == "378.4"
    assert admissions["Rutland"] == "577.0"
    assert admissions["Redbridge"] == "239.3"
    adjusted = {r["geographical_description"]: r["measure_value"] for r in rows
                if r["measure_group_description"].startswith("Adjusted Social care-related")}
    assert adjusted["Leicestershire"] == "0.415"             # 1J is a score, not a share


def test_real_oflog_files(shared_data):
    tables = _tables()
    [data] = read_file(shared_data / "oflog_asc" / "ASC_data.csv", tables["oflog_asc__asc_data"], "a")
    rows = _rows(data)
    assert len(rows) == 6_376
    leicestershire = {(r["code"], r["financial_year"]): r["value"] for r in rows
                      if r["local_authority_code"] == "E10000018"}
    assert leicestershire[("ASC2", "2018-19")] == "0.415"    # ASC2 = ASCOF 1J
    assert leicestershire[("ASC4", "2018-19")] == "60.3"     # ASC4 = ASCOF 3D(2)
    assert leicestershire[("ASC1", "2018-19")] == "7.5"
    [nn] = read_file(shared_data / "oflog_asc" / "NN.json", tables["oflog_asc__nearest_neighbours"], "n")
    keys = {r[0] for r in nn.rows}
    assert len(keys) == 348                                  # districts and combined authorities too
    assert len([r for r in nn.rows if r[0] == "E07000112"]) == 34
    assert [r[2] for r in nn.rows if r[0] == "E09000001"] == ["E09000001"]


def test_original_layout_paths_match_2015_16_to_2018_19_only(tmp_path):
    table = _tables()["nhsd_ascof__measures"]
    names = ["meas-from-asc-of-eng-1516-open-data-csv.csv", "meas-from-asc-of-1617-open-data-csv.csv",
             "meas-from-asc-of-17-18-open-data.csv", "meas-from-asc-of-eng-1819-open-data-csv-v2.csv",
             "meas-from-asc-of-eng-1920-open-data-csv.csv"]   # 2019-20 renamed ONS Area Code: not matched
    (tmp_path / "ascof").mkdir()
    for name in names:
        (tmp_path / "ascof" / name).write_text("x\n", encoding="utf-8")
    assert sorted(p.name for p in find_files(tmp_path, table)) == sorted(names[:4])
