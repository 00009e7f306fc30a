"""Housing: homelessness (H-CLIC, processed P1E), rough sleeping and housing supply registry
entries, parsers on hand-written fixtures, the demo writers, and spot checks on the real files."""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest

from pipeline.loader import find_files
from pipeline.readers import read_file
from pipeline.registry import load_registry

HOUSING_FOLDERS = {"homelessness", "rough_sleeping", "housing_supply"}


def _tables():
    return {t.raw_table: t for d in load_registry() if d.source_folder in HOUSING_FOLDERS for t in d.tables}


def _land(folder: Path, table_name: str, file_name: str):
    table = _tables()[table_name]
    path = folder / file_name
    blocks = read_file(path, table, file_name)
    rows = []
    for block in blocks:
        rows += [dict(zip(block.columns, r)) for r in block.rows]
    return blocks, rows


def _by_code(rows, code_column):
    out = {}
    for r in rows:
        out.setdefault(r[code_column], []).append(r)
    return out


def test_registry_lists_every_housing_table():
    assert set(_tables()) == {
        "mhclg_hclic_detailed_la__hclic_a1", "mhclg_hclic_detailed_la__hclic_p1",
        "mhclg_hclic_detailed_la__hclic_r1", "mhclg_hclic_detailed_la__hclic_md1",
        "homelessness_2004_2018_processed__la_year", "mhclg_homelessness_table_784__la_action",
        "mhclg_homelessness_ta_quarterly__ta1", "mhclg_homelessness_prevention_relief_p1e__prevention_relief",
        "dluhc_rough_sleeping_snapshot__table1_total", "dluhc_net_additional_dwellings__lt122",
        "dluhc_affordable_housing_supply__lt1008c", "dluhc_local_authority_housing_statistics__open_data",
        "dluhc_vacant_dwellings_lt615__lt615",
    }
    # H-CLIC sheets are landed positionally: no header rows
    assert _tables()["mhclg_hclic_detailed_la__hclic_a1"].header_rows == ()


# --- fixtures: quirks ---------------------------------------------------------------------------

def test_hclic_a1_lands_positionally_with_markers_as_text(fixtures_dir):
    [block], rows = _land(fixtures_dir / "homelessness", "mhclg_hclic_detailed_la__hclic_a1",
                          "DetailedLA_2018-2019.ods")
    assert block.columns[:3] == ["col_1", "col_2", "col_3"] and len(block.columns) == 16
    assert block.row_numbers[0] == 1  # the title row is landed too; staging keeps coded rows only
    codes = _by_code(rows, "col_1")
    assert len(codes["E12000007"]) == 2  # London twice: staging drops regions
    wigan = codes["E08000010"][0]
    assert (wigan["col_5"], wigan["col_14"]) == ("1666", "143.429")
    redbridge = codes["E09000026"][0]
    assert (redbridge["col_5"], redbridge["col_14"]) == ("...", "…")


def test_hclic_p1_r1_md1_columns(fixtures_dir):
    folder = fixtures_dir / "homelessness"
    _, p1 = _land(folder, "mhclg_hclic_detailed_la__hclic_p1", "DetailedLA_2018-2019.ods")
    _, r1 = _land(folder, "mhclg_hclic_detailed_la__hclic_r1", "DetailedLA_2018-2019.ods")
    _, md1 = _land(folder, "mhclg_hclic_detailed_la__hclic_md1", "DetailedLA_2018-2019.ods")
    wigan = [r for r in p1 if r["col_1"] == "E08000010"][0]
    assert (wigan["col_5"], wigan["col_7"]) == ("471", "305")
    wigan = [r for r in r1 if r["col_1"] == "E08000010"][0]
    assert (wigan["col_5"], wigan["col_6"]) == ("87", "48")
    wigan = [r for r in md1 if r["col_1"] == "E08000010"][0]
    assert (wigan["col_5"], wigan["col_6"], wigan["col_4"]) == ("48", "27", "E12000002")


def test_processed_2004_2018_file(fixtures_dir):
    [block], rows = _land(fixtures_dir / "homelessness", "homelessness_2004_2018_processed__la_year",
                          "Homelessness 2004-2018 by LA.xlsx")
    assert block.columns[:8] == ["la_code", "la", "households", "homeless_acc", "homeless_pm", "ta", "ta_pm",
                                 "no_accom"]
    assert rows[0]["la_code"] is None  # pre-2009 district without a code
    nwl = [r for r in rows if r["la_code"] == "E07000134"][0]
    assert (nwl["ta"], nwl["year"]) == ("--", "2017")
    redbridge = [r for r in rows if r["la_code"] == "E09000026"][0]
    assert (redbridge["homeless_acc"], redbridge["ta"]) == ("464", "2308")


def test_rough_sleeping_header_row_4_and_region_rows(fixtures_dir):
    [block], rows = _land(fixtures_dir / "rough_sleeping", "dluhc_rough_sleeping_snapshot__table1_total",
                          "Rough_sleeping.xlsx")
    assert block.columns[:6] == ["local_authority_ons_code", "local_authority", "region", "region_ons_code",
                                 "col_2010", "col_2011"]
    england = [r for r in rows if r["region_ons_code"] == "E92000001"][0]
    assert (england["local_authority_ons_code"], england["col_2017"]) == ("---", "4751")
    wigan = [r for r in rows if r["local_authority_ons_code"] == "E08000010"][0]
    assert (wigan["col_2016"], wigan["col_2017"], wigan["col_2018"]) == ("28", "30", "17")
    nwl = [r for r in rows if r["local_authority_ons_code"] == "E07000134"][0]
    assert nwl["col_2015"] == ".."


def test_lt122_revised_year_and_county_rows(fixtures_dir):
    [block], rows = _land(fixtures_dir / "housing_supply", "dluhc_net_additional_dwellings__lt122",
                          "Live_Table_122.ods")
    assert "col_2019_20r" in block.columns and "col_2018_19" in block.columns
    leics = [r for r in rows if r["current_ons_code"] == "E10000018"][0]
    assert (leics["met_and_shire_county_totals"], leics["col_2016_17"]) == ("Leicestershire", "3856")
    bcp = [r for r in rows if r["current_ons_code"] == "E06000058"][0]
    assert bcp["col_2018_19"] is None and bcp["col_2019_20r"] == "1703"


def test_lt1008c_england_row_has_no_code(fixtures_dir):
    [block], rows = _land(fixtures_dir / "housing_supply", "dluhc_affordable_housing_supply__lt1008c",
                          "Live_Tables_1006-1009.ods")
    england = [r for r in rows if r["col_1"] == "England"][0]
    assert england["current_ons_code"] is None
    wigan = [r for r in rows if r["current_ons_code"] == "E08000010"][0]
    assert (wigan["col_2016_17"], wigan["col_2017_18"], wigan["col_2018_19"]) == ("221", "336", "325")
    nwl = [r for r in rows if r["current_ons_code"] == "E07000134"][0]
    assert nwl["col_2018_19"] == "-"


# --- demo ---------------------------------------------------------------------------------------

def test_demo_writes_every_housing_table(tmp_path):
    from demo.datasets import homelessness, housing_supply, rough_sleeping
    from demo.universe import build_universe

    universe = build_universe()
    start = time.perf_counter()
    for module in (homelessness, rough_sleeping, housing_supply):
        module.write(universe, tmp_path, random.Random(module.__name__))
    for name, table in _tables().items():
        files = find_files(tmp_path, table)
        assert files, f"demo wrote no file for {name}"
        for path in files:
            blocks = read_file(path, table, str(path.relative_to(tmp_path)))
            assert sum(len(b.rows) for b in blocks) > 100, name
    # three H-CLIC years, and a suppression marker in each
    hclic = find_files(tmp_path, _tables()["mhclg_hclic_detailed_la__hclic_a1"])
    assert [p.name for p in hclic] == ["DetailedLA_2016-2017.ods", "DetailedLA_2017-2018.ods",
                                       "DetailedLA_2018-2019.ods"]
    [block] = read_file(hclic[-1], _tables()["mhclg_hclic_detailed_la__hclic_a1"], "x")
    assert sum(1 for r in block.rows if r[4] == "...") == 2


# --- real files ---------------------------------------------------------------------------------

def test_real_spot_checks(shared_data):
    _, md1 = _land(shared_data / "homelessness", "mhclg_hclic_detailed_la__hclic_md1", "DetailedLA_2018-2019.ods")
    acceptances = {r["col_2"]: r["col_6"] for r in md1 if r["col_1"] and r["col_1"].startswith("E0")}
    assert (acceptances["Wigan"], acceptances["Havering"], acceptances["Rutland"]) == ("27", "43", "4")
    _, a1 = _land(shared_data / "homelessness", "mhclg_hclic_detailed_la__hclic_a1", "DetailedLA_2018-2019.ods")
    assert {r["col_2"]: r["col_5"] for r in a1 if r["col_1"] == "E08000010"} == {"Wigan": "1666"}
    assert sum(1 for r in a1 if r["col_1"] and r["col_1"][:3] in ("E06", "E07", "E08", "E09")) == 326

    _, p1e = _land(shared_data / "homelessness", "homelessness_2004_2018_processed__la_year",
                   "Homelessness 2004-2018 by LA.xlsx")
    spot = {(r["la"], r["year"]): (r["homeless_acc"], r["ta"]) for r in p1e}
    assert spot["Redbridge", "2017"] == ("464", "2308")
    assert spot["Havering", "2017"] == ("317", "738")
    assert spot["Wigan", "2017"] == ("179", "20")
    assert spot["Rutland", "2018"][1] == "--"

    _, rs = _land(shared_data / "rough_sleeping", "dluhc_rough_sleeping_snapshot__table1_total", "Rough_sleeping.xlsx")
    rough = {r["local_authority"]: r["col_2017"] for r in rs}
    assert (rough["Wigan"], rough["Redbridge"]) == ("30", "65")

    _, c8 = _land(shared_data / "housing_supply", "dluhc_affordable_housing_supply__lt1008c",
                  "Live_Tables_1006-1009.ods")
    assert {r["col_2016_17"] for r in c8 if r["current_ons_code"] == "E08000010"} == {"221"}
    assert not any((r["current_ons_code"] or "").startswith("E10") for r in c8)

    _, lt = _land(shared_data / "housing_supply", "dluhc_net_additional_dwellings__lt122", "Live_Table_122.ods")
    assert {r["col_2016_17"] for r in lt if r["current_ons_code"] == "E10000018"} == {"3856"}
