"""Housing: homelessness (H-CLIC, processed P1E), rough sleeping and housing supply registry
entries, parsers on hand-written fixtures, the demo writers, and spot checks on the real files."""

from __future__ import annotations

import fnmatch
import functools
import random
from pathlib import Path

import pytest

from council_index.pipeline.loader import find_files
from council_index.pipeline.readers import read_file
from council_index.pipeline.registry import load_registry

HOUSING_FOLDERS = {"homelessness", "rough_sleeping", "housing_supply"}


@functools.lru_cache(maxsize=1)
def _tables():
    return {t.raw_table: t for d in load_registry() if d.source_folder in HOUSING_FOLDERS for t in d.tables}


def _land(folder: Path, table_name: str, file_name: str):
    """Land one file as the loader does: with the layout variant that fits it (registry globs are
    relative to the raw folder, so the file is named as it sits under homelessness/ etc.)."""
    shown = f"{folder.name}/{file_name}"
    table = _tables()[table_name].for_file(shown)
    path = folder / file_name
    blocks = read_file(path, table, shown)
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
        "mhclg_hclic_detailed_la__hclic_a1",
        "mhclg_hclic_detailed_la__hclic_p1",
        "mhclg_hclic_detailed_la__hclic_r1",
        "mhclg_hclic_detailed_la__hclic_md1",
        "homelessness_2004_2018_processed__la_year",
        "mhclg_homelessness_table_784__la_action",
        "mhclg_homelessness_ta_quarterly__ta1",
        "mhclg_homelessness_ta_quarterly__a1",
        "mhclg_homelessness_ta_quarterly__p1",
        "mhclg_homelessness_ta_quarterly__r1",
        "mhclg_homelessness_ta_quarterly__md1",
        "mhclg_homelessness_prevention_relief_p1e__prevention_relief",
        "dluhc_rough_sleeping_snapshot__table1_total",
        "dluhc_net_additional_dwellings__lt122",
        "dluhc_affordable_housing_supply__lt1008c",
        "dluhc_local_authority_housing_statistics__open_data",
        "dluhc_vacant_dwellings_lt615__lt615",
    }
    # H-CLIC sheets are landed positionally: no header rows
    assert _tables()["mhclg_hclic_detailed_la__hclic_a1"].header_rows == ()


# --- fixtures: quirks ---------------------------------------------------------------------------


def test_hclic_a1_lands_positionally_with_markers_as_text(fixtures_dir):
    [block], rows = _land(
        fixtures_dir / "homelessness", "mhclg_hclic_detailed_la__hclic_a1", "DetailedLA_2018-2019.ods"
    )
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
    [block], rows = _land(
        fixtures_dir / "homelessness", "homelessness_2004_2018_processed__la_year", "Homelessness 2004-2018 by LA.xlsx"
    )
    assert block.columns[:8] == [
        "la_code",
        "la",
        "households",
        "homeless_acc",
        "homeless_pm",
        "ta",
        "ta_pm",
        "no_accom",
    ]
    assert rows[0]["la_code"] is None  # pre-2009 district without a code
    nwl = [r for r in rows if r["la_code"] == "E07000134"][0]
    assert (nwl["ta"], nwl["year"]) == ("--", "2017")
    redbridge = [r for r in rows if r["la_code"] == "E09000026"][0]
    assert (redbridge["homeless_acc"], redbridge["ta"]) == ("464", "2308")


def test_rough_sleeping_header_row_4_and_region_rows(fixtures_dir):
    [block], rows = _land(
        fixtures_dir / "rough_sleeping", "dluhc_rough_sleeping_snapshot__table1_total", "Rough_sleeping.xlsx"
    )
    assert block.columns[:6] == [
        "local_authority_ons_code",
        "local_authority",
        "region",
        "region_ons_code",
        "col_2010",
        "col_2011",
    ]
    england = [r for r in rows if r["region_ons_code"] == "E92000001"][0]
    assert (england["local_authority_ons_code"], england["col_2017"]) == ("---", "4751")
    wigan = [r for r in rows if r["local_authority_ons_code"] == "E08000010"][0]
    assert (wigan["col_2016"], wigan["col_2017"], wigan["col_2018"]) == ("28", "30", "17")
    nwl = [r for r in rows if r["local_authority_ons_code"] == "E07000134"][0]
    assert nwl["col_2015"] == ".."


def test_lt122_revised_year_and_county_rows(fixtures_dir):
    [block], rows = _land(
        fixtures_dir / "housing_supply", "dluhc_net_additional_dwellings__lt122", "Live_Table_122.ods"
    )
    assert "col_2019_20r" in block.columns and "col_2018_19" in block.columns
    leics = [r for r in rows if r["current_ons_code"] == "E10000018"][0]
    assert (leics["met_and_shire_county_totals"], leics["col_2016_17"]) == ("Leicestershire", "3856")
    bcp = [r for r in rows if r["current_ons_code"] == "E06000058"][0]
    assert bcp["col_2018_19"] is None and bcp["col_2019_20r"] == "1703"


def test_lt1008c_england_row_has_no_code(fixtures_dir):
    [block], rows = _land(
        fixtures_dir / "housing_supply", "dluhc_affordable_housing_supply__lt1008c", "Live_Tables_1006-1009.ods"
    )
    england = [r for r in rows if r["col_1"] == "England"][0]
    assert england["current_ons_code"] is None
    wigan = [r for r in rows if r["current_ons_code"] == "E08000010"][0]
    assert (wigan["col_2016_17"], wigan["col_2017_18"], wigan["col_2018_19"]) == ("221", "336", "325")
    nwl = [r for r in rows if r["current_ons_code"] == "E07000134"][0]
    assert nwl["col_2018_19"] == "-"


# --- demo ---------------------------------------------------------------------------------------


def test_demo_writes_every_housing_table(tmp_path):
    from council_index.demo.datasets import homelessness, housing_supply, rough_sleeping
    from council_index.demo.universe import build_universe

    universe = build_universe()
    for module in (homelessness, rough_sleeping, housing_supply):
        module.write(universe, tmp_path, random.Random(module.__name__))
    for name, table in _tables().items():
        files = find_files(tmp_path, table)
        assert files, f"demo wrote no file for {name}"
        for path in files:
            shown = path.relative_to(tmp_path).as_posix()
            blocks = read_file(path, table.for_file(shown), shown)
            assert sum(len(b.rows) for b in blocks) > 100, name
    # three H-CLIC years, and a suppression marker in each
    hclic = find_files(tmp_path, _tables()["mhclg_hclic_detailed_la__hclic_a1"])
    assert [p.name for p in hclic] == [
        "DetailedLA_2016-2017.ods",
        "DetailedLA_2017-2018.ods",
        "DetailedLA_2018-2019.ods",
    ]
    [block] = read_file(hclic[-1], _tables()["mhclg_hclic_detailed_la__hclic_a1"], "x")
    assert sum(1 for r in block.rows if r[4] == "...") == 2
    # a quarterly workbook of every layout variant: old-name .xlsx, TA1_/P1_ sheet names, the 2025 name
    ta1 = _tables()["mhclg_homelessness_ta_quarterly__ta1"]
    quarterly = {p.name: ta1.for_file(f"homelessness/{p.name}").variant_name for p in find_files(tmp_path, ta1)}
    assert quarterly["DetailedLA_201903.xlsx"].startswith("variant 1 ")
    assert quarterly["DetailedLA_202106.ods"].startswith("variant 2 ")
    assert quarterly["Statutory_Homelessness_Detailed_Local_Authority_Data_202506.ods"] is None  # newest layout
    from python_calamine import CalamineWorkbook

    sheets = CalamineWorkbook.from_path(str(tmp_path / "homelessness" / "DetailedLA_202112.ods")).sheet_names
    assert {"TA1_", "P1_", "R1_", "MD1_", "A1"} <= set(sheets) and any(n.startswith("'file:") for n in sheets)
    for table_id in ("a1", "p1", "r1", "md1"):
        table = _tables()[f"mhclg_homelessness_ta_quarterly__{table_id}"]
        assert {p.name for p in find_files(tmp_path, table)} == set(quarterly)


# --- quarterly H-CLIC workbooks: one fixture per layout variant -----------------------------------
# Each fixture (tests/python/fixtures/homelessness, small workbooks in the published layouts) holds,
# for the k-th authority (Wigan 1, North West Leicestershire 2, Rutland 3, a new authority 4), the
# value 100 * c + k in published column c, so a landed value tells which column it was read from.
# The published column of each canonical column, per table and layout (columns move in A1 from
# September 2023): read by header text, checked here position by position.
QUARTERLY_COLUMNS = {
    "ta1": {
        "households_in_ta": 5,
        "households_thousands": 6,
        "households_in_ta_with_children": 8,
        "children_in_ta": 9,
        "bb_households": 11,
        "bb_households_with_children": 12,
    },
    "a1": {
        "total_initial_assessments": 5,
        "owed_duty": 7,
        "prevention_duty_owed": 8,
        "prevention_duty_owed_section_21": 9,
        "relief_duty_owed": 10,
        "no_duty_owed": 12,
        "households_thousands": 14,
    },
    "p1": {
        "prevention_duties_ended": 5,
        "prevention_secured_accommodation": 7,
        "prevention_stayed_in_existing": 8,
        "prevention_moved_to_alternative": 9,
        "prevention_ended_homeless": 11,
    },
    "r1": {"relief_duties_ended": 5, "relief_secured_accommodation": 6, "relief_56_days_elapsed": 7},
    "md1": {
        "main_duty_decisions": 5,
        "acceptances": 6,
        "intentionally_homeless": 7,
        "no_priority_need": 8,
        "not_homeless": 9,
    },
}
A1_FROM_SEPTEMBER_2023 = {"withdrew_before_assessment": 13, "not_eligible": 14, "households_thousands": 16}
# fixture -> (variant of ta1, a1, p1, r1, md1 (None: the table's own, newest, layout), first data row of
# each sheet, whether authority rows carry region name and code in columns 3-4, suppression marker)
QUARTERLY_FIXTURES = {
    "DetailedLA_201906_revised.xlsx": ((1, 2, 1, 2, 1), (4, 6, 5, 4, 4), True, ".."),
    "DetailedLA_202106.ods": ((2, 3, None, 3, 2), (5, 7, 7, 6, 5), True, ".."),
    "DetailedLA_202109_fixed.ods": ((2, 3, 2, 4, 2), (5, 7, 6, 5, 5), True, ".."),
    "DetailedLA_202112.ods": ((None, 1, None, 1, None), (8, 8, 7, 7, 7), False, ".."),
    "Statutory_Homelessness_Detailed_Local_Authority_Data_202506.ods": (
        (None, None, None, None, None),
        (8, 8, 7, 7, 7),
        False,
        "[x]",
    ),
}


@pytest.mark.parametrize("file_name", sorted(QUARTERLY_FIXTURES))
def test_quarterly_fixture_lands_every_table_by_header_text(fixtures_dir, file_name):
    variants, first_rows, has_regions, marker = QUARTERLY_FIXTURES[file_name]
    folder = fixtures_dir / "homelessness"
    for table_id, variant, first_row in zip(QUARTERLY_COLUMNS, variants, first_rows):
        name = f"mhclg_homelessness_ta_quarterly__{table_id}"
        layout = _tables()[name].for_file(f"homelessness/{file_name}")
        got = layout.variant_name.split(" (")[0] if layout.variant_name else None
        assert got == (f"variant {variant}" if variant else None), (table_id, layout.variant_name)
        [block], rows = _land(folder, name, file_name)
        assert block.row_numbers[0] == first_row, table_id  # the England row: the header rows sit just above
        codes = _by_code(rows, "col_1")
        assert [r["col_2"] for r in codes["E12000007"]] == ["London", "London"]  # regions stay in raw
        expected = dict(QUARTERLY_COLUMNS[table_id])
        if table_id == "a1" and file_name.startswith("Statutory"):
            expected |= A1_FROM_SEPTEMBER_2023
        wigan, nwl = codes["E08000010"][0], codes["E07000134"][0]
        assert {c: wigan[c] for c in expected} == {c: str(100 * p + 1) for c, p in expected.items()}, table_id
        assert {c: nwl[c] for c in expected} == {c: str(100 * p + 2) for c, p in expected.items()}, table_id
        assert {wigan["col_3"], wigan["col_4"]} == ({"North West", "E12000002"} if has_regions else {None})
        redbridge = codes["E09000026"][0]
        assert {redbridge[c] for c in expected} == {marker}, table_id
        rutland = codes["E06000017"][0]
        if table_id == "ta1":  # B&B breakdown suppressed ('-', under 5 in B&B) in the fixtures after 2019
            assert rutland["bb_households_with_children"] == (
                "1203" if file_name.startswith("DetailedLA_2019") else "-"
            )
        if table_id == "a1":
            assert rutland["prevention_duty_owed_section_21"] is None  # an empty cell lands as null


def test_quarterly_new_authorities_and_pseudo_sheets(fixtures_dir):
    folder = fixtures_dir / "homelessness"
    blocks, ta = _land(folder, "mhclg_homelessness_ta_quarterly__ta1", "DetailedLA_202112.ods")
    assert {s for b in blocks for s in b.sheets} == {"TA1_"}  # among dead external-link pseudo-sheets
    assert _by_code(ta, "col_1")["E06000061"][0]["households_in_ta"] == "504"  # North Northamptonshire, as published
    _, ta = _land(
        folder,
        "mhclg_homelessness_ta_quarterly__ta1",
        "Statutory_Homelessness_Detailed_Local_Authority_Data_202506.ods",
    )
    assert _by_code(ta, "col_1")["E06000063"][0]["col_2"] == "Cumberland"


def test_quarterly_workbook_without_the_sheet_fails_naming_file_sheets_and_first_20(tmp_path):
    from council_index.demo.datasets.homelessness import write_ods_fast
    from council_index.pipeline.errors import LoadError

    names = ["Contents", *[f"A{i}" for i in range(1, 25)], "'file:///H:/Homeless/x.ods'#$FinImp_TA1"]
    path = write_ods_fast(tmp_path / "homelessness" / "Detailed_LA_202209.ods", {n: [["x"]] for n in names})
    table = _tables()["mhclg_homelessness_ta_quarterly__ta1"]
    with pytest.raises(LoadError) as caught:
        read_file(path, table.for_file("homelessness/Detailed_LA_202209.ods"), "homelessness/Detailed_LA_202209.ods")
    shown = ", ".join(repr(n) for n in names[:20])
    assert str(caught.value) == (
        "file homelessness/Detailed_LA_202209.ods: none of the sheets ['re:TA1_?'] found; "
        f"the workbook has [{shown} ... and 5 more]"
    )


def test_quarterly_variant_globs_cover_every_real_file_name():
    """The first variant matching each published name (real files, June 2019 - December 2025) is the
    layout of that release: no older name falls through to the newest layout."""
    table = _tables()["mhclg_homelessness_ta_quarterly__ta1"]
    expect = {
        "DetailedLA_201906_revised.xlsx": 1,
        "DetailedLA_202003.xlsx": 1,
        "DetailedLA_202009_REVISED.ods": 1,
        "DetailedLA_202103_revised.ods": 1,
        "DetailedLA_202106.ods": 2,
        "DetailedLA_202109_fixed.ods": 2,
        "DetailedLA_202112.ods": None,
        "Detailed_LA_202203.ods": None,
        "Detailed_LA_202503.ods": None,
        "Statutory_Homelessness_Detailed_Local_Authority_Data_202512.ods": None,
    }
    for name, variant in expect.items():
        got = table.for_file(f"homelessness/{name}").variant_name
        assert (got.split(" (")[0] if got else None) == (f"variant {variant}" if variant else None), name
    a1 = _tables()["mhclg_homelessness_ta_quarterly__a1"]
    assert a1.for_file("homelessness/Detailed_LA_202306_all_dropdowns_fix.ods").variant_name.startswith("variant 1 ")
    assert a1.for_file("homelessness/Detailed_LA_202309_fixed.ods").variant_name is None
    annual = _tables()["mhclg_hclic_detailed_la__hclic_a1"]
    assert fnmatch.fnmatchcase("homelessness/DetailedLA_2018-2019.ods", annual.paths[0])
    assert not any(fnmatch.fnmatchcase(f"homelessness/{n}", p) for n in expect for p in annual.paths)
    assert not any(fnmatch.fnmatchcase("homelessness/DetailedLA_2018-2019.ods", p) for p in table.paths)


# --- real files ---------------------------------------------------------------------------------


def test_real_spot_checks(shared_data):
    _, md1 = _land(shared_data / "homelessness", "mhclg_hclic_detailed_la__hclic_md1", "DetailedLA_2018-2019.ods")
    acceptances = {r["col_2"]: r["col_6"] for r in md1 if r["col_1"] and r["col_1"].startswith("E0")}
    assert (acceptances["Wigan"], acceptances["Havering"], acceptances["Rutland"]) == ("27", "43", "4")
    _, a1 = _land(shared_data / "homelessness", "mhclg_hclic_detailed_la__hclic_a1", "DetailedLA_2018-2019.ods")
    assert {r["col_2"]: r["col_5"] for r in a1 if r["col_1"] == "E08000010"} == {"Wigan": "1666"}
    assert sum(1 for r in a1 if r["col_1"] and r["col_1"][:3] in ("E06", "E07", "E08", "E09")) == 326

    _, p1e = _land(
        shared_data / "homelessness", "homelessness_2004_2018_processed__la_year", "Homelessness 2004-2018 by LA.xlsx"
    )
    spot = {(r["la"], r["year"]): (r["homeless_acc"], r["ta"]) for r in p1e}
    assert spot["Redbridge", "2017"] == ("464", "2308")
    assert spot["Havering", "2017"] == ("317", "738")
    assert spot["Wigan", "2017"] == ("179", "20")
    assert spot["Rutland", "2018"][1] == "--"

    _, rs = _land(shared_data / "rough_sleeping", "dluhc_rough_sleeping_snapshot__table1_total", "Rough_sleeping.xlsx")
    rough = {r["local_authority"]: r["col_2017"] for r in rs}
    assert (rough["Wigan"], rough["Redbridge"]) == ("30", "65")

    _, c8 = _land(
        shared_data / "housing_supply", "dluhc_affordable_housing_supply__lt1008c", "Live_Tables_1006-1009.ods"
    )
    assert {r["col_2016_17"] for r in c8 if r["current_ons_code"] == "E08000010"} == {"221"}
    assert not any((r["current_ons_code"] or "").startswith("E10") for r in c8)

    _, lt = _land(shared_data / "housing_supply", "dluhc_net_additional_dwellings__lt122", "Live_Table_122.ods")
    assert {r["col_2016_17"] for r in lt if r["current_ons_code"] == "E10000018"} == {"3856"}


def test_real_quarterly_workbooks_land_every_table(shared_data):
    """Every quarterly H-CLIC workbook in ../shared/data (June 2019 - December 2025) lands all five
    tables with its layout variant; housing authority rows follow the reorganisations (317 in 2019-20,
    314 from 2020-21: Dorset/BCP, 309 from 2021-22: Northamptonshire, 296 from 2023-24: Cumberland,
    Westmorland and Furness, North Yorkshire, Somerset)."""
    folder = shared_data / "homelessness"
    files = find_files(shared_data, _tables()["mhclg_homelessness_ta_quarterly__ta1"])
    assert len(files) == 27
    expected = {"2019-20": 317, "2020-21": 314, "2021-22": 309, "2022-23": 309}
    england = {}
    for path in files:
        yyyymm = next(part for part in path.stem.split("_") if part.isdigit() and len(part) == 6)
        year, month = int(yyyymm[:4]), int(yyyymm[4:])
        end = year + (month > 3)
        authorities = expected.get(f"{end - 1}-{end % 100:02d}", 296)
        for table_id in QUARTERLY_COLUMNS:
            _, rows = _land(folder, f"mhclg_homelessness_ta_quarterly__{table_id}", path.name)
            las = [r for r in rows if (r["col_1"] or "")[:3] in ("E06", "E07", "E08", "E09")]
            assert len(las) == len({r["col_1"] for r in las}) == authorities, (path.name, table_id)
            england[yyyymm, table_id] = next(r for r in rows if r["col_1"] == "E92000001")
    ta = england["202503", "ta1"]  # 31 March 2025 (PROVENANCE.md)
    assert (ta["households_in_ta"], ta["children_in_ta"]) == ("131140", "169050")
    ta = england["202003", "ta1"]  # 31 March 2020: TA with children and B&B, new from 2019-20
    assert (ta["households_in_ta_with_children"], ta["bb_households"], ta["bb_households_with_children"]) == (
        "63610",
        "8180",
        "1550",
    )
    a1 = england["201906", "a1"]
    assert (a1["total_initial_assessments"], a1["owed_duty"], a1["no_duty_owed"]) == ("74180", "70030", "4150")
    a1 = england["202309", "a1"]  # the total now includes withdrawn and not eligible
    assert [
        a1[c]
        for c in (
            "total_initial_assessments",
            "owed_duty",
            "no_duty_owed",
            "withdrew_before_assessment",
            "not_eligible",
        )
    ] == ["87510", "78460", "3550", "4820", "690"]
    assert england["202503", "md1"]["main_duty_decisions"] == "25220"
