"""MHCLG finance returns (RA budget, RS/RSX outturn, RO detail, BBC roall.csv): registry, parser quirks, demo.

Every layout variant of scripts/registry/la_finance.yml has a small file here: the committed fixtures
(RA 2016-17 without ONS codes, the BBC's RA 2017-18 CSV export, RS 2017-18, roall.csv) and files the
tests write in the published layouts (RA 2020-21 with the COVID block and a 16,384-column note row,
RA 2021-22 with underscored sheet names, RSX and RO3 in the line-numbered layout of 2022-23/2023-24
and the text-header layout of 2024-25). Lines must land under their line numbers, never by position.
"""

from __future__ import annotations

import random
import shutil
import time
from pathlib import Path

import duckdb
import pytest

from council_index.demo.datasets import la_finance as demo_finance
from council_index.demo.universe import build_universe
from council_index.demo.writers import write_ods, write_xlsx
from council_index.pipeline.errors import LoadError
from council_index.pipeline.loader import find_files, load_all
from council_index.pipeline.registry import REGISTRY_DIR, load_registry

MY_DATASETS = ("mhclg_ra_budget", "mhclg_rs_outturn", "bbc_roall", "mhclg_ro_detail")


def tables() -> dict:
    return {t.raw_table: t for d in load_registry() for t in d.tables if d.id in MY_DATASETS}


def land(raw_dir: Path, tmp: Path) -> Path:
    registry = tmp / "registry"
    registry.mkdir(exist_ok=True)
    shutil.copy(REGISTRY_DIR / "la_finance.yml", registry / "la_finance.yml")
    db = tmp / "finance.duckdb"
    load_all(raw_dir, db, registry, progress=lambda m: None)
    return db


@pytest.fixture(scope="module")
def landed(tmp_path_factory, request) -> Path:
    """The la_finance fixtures landed with only the la_finance registry entries."""
    tmp = tmp_path_factory.mktemp("finance")
    fixtures = Path(request.config.rootpath) / "tests" / "python" / "fixtures"
    return land(fixtures, tmp)


def rows(db: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_registry_tables():
    assert sorted(tables()) == [
        "bbc_roall__roall",
        "mhclg_ra_budget__ra_budget",
        "mhclg_ra_budget__ra_budget_2017_18_csv_export",
        "mhclg_ro_detail__ro3_social_care",
        "mhclg_ro_detail__ro4_housing",
        "mhclg_ro_detail__ro5_environmental",
        "mhclg_rs_outturn__rs_outturn",
        "mhclg_rs_outturn__rsx_outturn",
    ]
    # two header rows: line codes and labels joined
    assert tables()["mhclg_rs_outturn__rs_outturn"].header_rows == (6, 7)
    # RA 2016-17 (no ONS code) is a variant of the one RA table; RSX and RO3 name their line-numbered
    # releases as a variant and take the 2024-25 text layout as the table's own
    ra = tables()["mhclg_ra_budget__ra_budget"]
    assert "ons_code" not in ra.for_file("la_finance/budgetaccounts1617.xlsx").columns
    assert "ons_code" in ra.for_file("la_finance/RA_2021-22_data_by_LA.xlsx").columns
    rsx, ro3 = tables()["mhclg_rs_outturn__rsx_outturn"], tables()["mhclg_ro_detail__ro3_social_care"]
    assert rsx.for_file("la_finance/RSX_2023-24_data_by_LA.ods").header_rows == (9, 10, 11)
    assert rsx.for_file("la_finance/RSX_LA_Data_2024-25_data_by_LA.ods").header_rows == (7,)
    assert ro3.for_file("la_finance/RO3_2022-23_data_by_LA.ods").header_rows == (9, 10, 11)
    assert ro3.for_file("la_finance/RO3_LA_Data_2025-26_data_by_LA.ods").header_rows == (7,)
    # every 2024-25 alias maps a text name to a line-numbered name, and no text name is used twice
    for table in (rsx, ro3):
        aliases = [a for _, names in table.column_aliases for a in names]
        assert len(aliases) == len(set(aliases))
        assert all(canonical.startswith("col_") for canonical, _ in table.column_aliases)
    # the provisional RS workbook is listed as not read, with its reason
    not_read = [n for d in load_registry() if d.id == "mhclg_rs_outturn" for n in d.not_read]
    assert [n.path for n in not_read] == ["la_finance/RS_*_PRENOV.xlsx"]


def test_ra_csv_export_lands_with_na_prefixed_identifiers_and_line_names(landed):
    got = rows(
        landed,
        """
        select na_e_code, na_ons_code, na_class, col_330_total_children_s_social_care,
               col_799_total_service_expenditure, _row_number
        from raw.mhclg_ra_budget__ra_budget_2017_18_csv_export order by _row_number""",
    )
    assert got[0] == ("E2436", "E10000018", "SC", "66836.0", got[0][4], 8)  # codes row 6, labels row 7, data row 8
    assert got[3][:3] == ("NA", "NA", "SC")  # class total row: readxl wrote blanks as 'NA'
    assert got[4][0] == "Notes" and got[4][5] == 12  # notes row (no E-code pattern), filtered in staging
    header = rows(
        landed,
        """select header_text from raw._columns
        where raw_table = 'mhclg_ra_budget__ra_budget_2017_18_csv_export'
          and column_name = 'col_330_total_children_s_social_care'""",
    )
    assert header == [("330 TOTAL CHILDREN'S SOCIAL CARE",)]


def test_ra_2016_17_has_no_ons_code_and_keeps_markers_as_text(landed):
    got = rows(
        landed,
        """select e_code, ons_code, class, col_330_total_children_s_social_care, col_581_waste_collection,
               col_824_waste_disposal_authority_levy
        from raw.mhclg_ra_budget__ra_budget
        where _source_file = 'la_finance/budgetaccounts1617.xlsx' order by _row_number""",
    )
    assert got[0][:4] == ("E2436", None, "SC", "65730")  # no ONS code column: the declared column stays null
    assert got[1][:5] == ("E2431", None, "SD", "0.1", "-")  # suppression marker landed as published
    assert len(got) == 4  # 2 authorities + ENGLAND + note row
    log = rows(landed, """select message from raw.load_log where file = 'la_finance/budgetaccounts1617.xlsx'""")
    assert log[0][0].startswith("layout variant 1 (la_finance/budgetaccounts1617.xlsx")


def test_rs_lands_year_sheet_wrong_north_yorkshire_code_and_ellipsis(landed):
    got = rows(
        landed,
        """select e_code, ons_code, _sheet, col_330_children_social_care,
               col_699_total_service_expenditure_total_of_lines_190_to_698
        from raw.mhclg_rs_outturn__rs_outturn order by _row_number""",
    )
    assert got[0] == ("E2436", "E10000018", "RS LA Data 2017-18", "68251", "544037.8008348317")
    assert got[1][:2] == ("E2721", "E10000022")  # as published (wrong); fixed in staging / by E-code
    assert got[2][3] == "…"  # not submitted


def test_roall_year_is_the_end_year(landed):
    got = rows(
        landed,
        """select e_code, ons_code, year, col_360_adult_social_care
        from raw.bbc_roall__roall order by _row_number""",
    )
    assert got == [
        ("E2436", "E10000018", "2016", "144233"),
        ("E2721", "E10000022", "2016", "150400"),
        ("E2436", "E10000018", "2017", "142417"),
    ]


def test_missing_forms_land_as_empty_tables_with_declared_columns(landed):
    for table in (
        "mhclg_ro_detail__ro5_environmental",
        "mhclg_rs_outturn__rsx_outturn",
        "mhclg_ro_detail__ro3_social_care",
    ):
        assert rows(landed, f"select count(*) from raw.{table}") == [(0,)]
        columns = {
            r[0]
            for r in rows(
                landed,
                f"""select column_name from information_schema.columns
            where table_schema = 'raw' and table_name = '{table.split(".")[-1]}'""",
            )
        }
        assert set(tables()[table].all_columns) <= columns


# --- the layouts of 2020-21 on, written here in the published shapes ---------------------------------

BODIES = [  # E-code, ONS code, name, class
    ("E2421", "E10000018", "Leicestershire", "SC"),
    ("E2436", "E07000133", "Melton", "SD"),
    ("E5045", "E09000016", "Havering", "L"),
]
RA_LINES = [(code, label) for code, label, *_ in demo_finance.RA_LINES]  # the published RA labels


def ra_value(body: int, code: str) -> float:
    return 1000.0 * (body + 1) + int(code)  # e.g. Leicestershire line 330 -> 1330.0


def ra_grid(title: str, ids_header: list, id_cells, lines: list[tuple[str, str]]) -> list[list]:
    """An RA data sheet: title rows, line numbers (as floats) on row 6, labels on row 7, bodies from row 8."""
    pad = [None] * len(ids_header)
    grid = [[title], ["Net current expenditure (£ thousand)"], pad + [4.0], pad + [1.0], pad + ["Service"]]
    grid.append(pad + [float(code) for code, _ in lines])
    grid.append(ids_header + [label for _, label in lines])
    for i, ids in enumerate(id_cells):
        grid.append(ids + [ra_value(i, code) for code, _ in lines])
    return grid + [[None, "ENGLAND"], [], ["Notes"]]


def c_columns(net: float) -> list[float]:
    """C1-C7 of a line whose net current expenditure (C7) is ``net``."""
    return [net * 0.5, net * 0.6, net * 1.1, net * 0.05, net * 0.05, net * 0.1, net]


def outturn_grid(form: str, numbered: bool, lines: list[tuple[str, str]], net) -> list[list]:
    """An RSX or RO3 data sheet: the line-numbered layout (hidden rows 7-10, RSX header row 11, RO3 label
    row 11 and header row 12 with running numbers) or the 2024-25 text layout (header row 7). The table
    ends with ENGLAND, then a class breakdown table that repeats Havering."""
    ids_header = [
        "E-code",
        "ONS Code",
        "Local authority",
        "Notes",
        "Class",
        "Detailed Class",
        "Certified" if numbered else "Certification",
    ]
    texts = [
        "Employees (C1)",
        "Running Expenses (C2)",
        "Total Expenditure (C3 = C1 + C2)",
        "Sales, Fees and Charges (C4)",
        "Other Income (C5)",
        "Total Income (C6 = C4 + C5)",
        "Net Current Expenditure (C7 = C3 - C6)",
    ]
    grid = [[f"Worksheet 2: Revenue Outturn (RO): {form} data"]] + [[f"note {i}"] for i in range(2, 7)]
    pad = [None] * 7
    if numbered:
        grid.append(pad + [f"{form}-{code}-{c}" for code, _ in lines for c in range(1, 8)])
        grid.append(pad + [f"C{c}R{code}" for code, _ in lines for c in range(1, 8)])
        grid.append([None] * 5 + ["Row_no", None] + [float(code) for code, _ in lines for _ in range(7)])
        grid.append([None] * 5 + ["Col_no", None] + [float(c) for _ in lines for c in range(1, 8)])
        if form == "RSX":
            grid.append(
                ids_header + [f"{label}- {t.replace(' (', chr(10) + ' (')}" for _, label in lines for t in texts]
            )
        else:
            grid.append(pad + [label if c == 1 else None for _, label in lines for c in range(1, 8)])
            grid.append(
                ids_header
                + [t + (str(7 * k + c) if k else "") for k, _ in enumerate(lines) for c, t in enumerate(texts)]
            )
    else:
        grid.append(ids_header + [f"{label} - {t}" for _, label in lines for t in texts])
    for i, (ecode, ons, name, klass) in enumerate(BODIES):
        klass = "LB" if klass == "L" else klass
        grid.append(
            [ecode, ons, name, None, klass, klass, "Y"] + [v for code, _ in lines for v in c_columns(net(i, code))]
        )
    grid.append(["Eng", "E92000001", "ENGLAND", None, "Eng", "Eng", "[Y]"] + [1.0] * (7 * len(lines)))
    grid.append(ids_header)
    grid.append(["E5045", "E09000016", "Havering", None, "LB", "LB", 1.0] + [2.0] * (7 * len(lines)))
    return grid


def outturn_net(i: int, code: str) -> float:
    return 100.0 * (i + 1) + int(code)  # e.g. Leicestershire RSX line 330 -> 430.0, RO3 line 30 -> 130.0


RSX_LINES = demo_finance.RSX_LINES  # code, published label
RO3_NUMBERED = [(code, label) for code, label, *_ in demo_finance.RO3_LINES]
RO3_2024_25 = [(code, label) for code, label in RO3_NUMBERED if code not in demo_finance.NUMBERED_ONLY_RO3] + [
    # pairs whose 63-character names collide in the 2024-25 release (published texts)
    ("84", "Miscellaneous public health services - Children's 0–5 services (prescribed functions)"),
    ("85", "Miscellaneous public health services - Children’s 0-5 services - Other (non-prescribed functions)"),
    ("98", "Supporting people ancillary expenditure (included within total children social care)"),
    ("99", "Supporting people ancillary expenditure (included within total adult social care)"),
]
ODS_SHEETS = {"Front_Page": [["Front page"]], "Notes": [["Notes"]], "LA_drop-down": [["E-code"]]}


def write_new_layouts(folder: Path) -> None:
    ids = [[e, o, n, None, k] for e, o, n, k in BODIES]
    covid = [
        "Budget Basis (more detail in following 4 columns)",
        "COVID grant - first tranche (£1.6bn) (a)",
        "Grants for payments to businesses (SBGF* and RHLGF**)  (a)",
        "Council tax hardship grant (£500m) (a)",
        "Expenditure adjustments due to Covid (a)",
    ]
    # RA 2020-21: the COVID block before the lines, lines in reverse order (positions differ from 2021-22),
    # and a note row of '...' across the 16,384 columns of the re-saved sheet
    grid = ra_grid(
        "Revenue Account Budget (RA) 2020-21",
        ["E-code", "ONS Code", "Local authority", None, "Class", *covid],
        [row + ["No Covid adjustment", None, None, None, None] for row in ids],
        RA_LINES[::-1],
    )
    grid.append(["..."] * 16384)
    write_xlsx(
        folder / "RA_2020-21_data_by_LA.xlsx",
        {"Front Page": [["RA 2020-21"]], "LA drop-down": [["x"]], "RA LA Data 2020-21": grid},
    )
    # RA 2021-22: sheet names with underscores
    write_xlsx(
        folder / "RA_2021-22_data_by_LA.xlsx",
        {
            "Front_Page": [["RA 2021-22"]],
            "LA_drop-down": [["x"]],
            "RA_LA_Data_2021-22": ra_grid(
                "Revenue Account Budget (RA) 2021-22",
                ["E-code", "ONS Code", "Local authority", None, "Class"],
                ids,
                RA_LINES,
            ),
        },
    )
    for form, lines_numbered, lines_text in (("RSX", RSX_LINES, RSX_LINES), ("RO3", RO3_NUMBERED, RO3_2024_25)):
        write_ods(
            folder / f"{form}_2022-23_data_by_LA.ods",
            {**ODS_SHEETS, f"{form}_LA_Data_2022-23": outturn_grid(form, True, lines_numbered, outturn_net)},
        )
        write_ods(
            folder / f"{form}_LA_Data_2024-25_data_by_LA.ods",
            {**ODS_SHEETS, f"{form}_LA_Data_202425": outturn_grid(form, False, lines_text, outturn_net)},
        )


@pytest.fixture(scope="module")
def new_layouts(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("finance_layouts")
    write_new_layouts(tmp / "raw" / "la_finance")
    return land(tmp / "raw", tmp)


def test_ra_lines_are_matched_by_number_through_the_covid_block_and_underscored_sheets(new_layouts):
    got = rows(
        new_layouts,
        """select _sheet, e_code, ons_code, col_330_total_children_s_social_care,
               col_799_total_service_expenditure, col_824_waste_disposal_authority_levy
        from raw.mhclg_ra_budget__ra_budget where e_code like 'E____' order by _sheet, _row_number""",
    )
    expected = [
        (
            str(ra_value(i, "330")).removesuffix(".0"),
            str(ra_value(i, "799")).removesuffix(".0"),
            str(ra_value(i, "824")).removesuffix(".0"),
        )
        for i in range(len(BODIES))
    ]
    assert [g[0] for g in got] == ["RA LA Data 2020-21"] * 3 + ["RA_LA_Data_2021-22"] * 3
    # the same line lands in the same column whatever its position (reversed in 2020-21)
    assert [g[3:] for g in got[:3]] == expected and [g[3:] for g in got[3:]] == expected
    assert got[0][1:3] == ("E2421", "E10000018")
    columns = [
        r[0]
        for r in rows(
            new_layouts,
            """select column_name from raw._columns
        where first_file = 'la_finance/RA_2020-21_data_by_LA.xlsx' order by position""",
        )
    ]
    assert columns[5:10] == [
        "budget_basis_more_detail_in_following_4_columns",
        "covid_grant_first_tranche_gbp_1_6bn_a",
        "grants_for_payments_to_businesses_sbgf_and_rhlgf_a",
        "council_tax_hardship_grant_gbp_500m_a",
        "expenditure_adjustments_due_to_covid_a",
    ]
    # the '...' row runs to column 16,384; columns end with the last header cell
    assert len(columns) == 10 + len(RA_LINES)


def test_rsx_c7_lands_under_the_line_number_in_both_layouts(new_layouts):
    got = rows(
        new_layouts,
        """select _sheet, e_code, class, col_330_7, col_699_7, col_190_7
        from raw.mhclg_rs_outturn__rsx_outturn where e_code in ('E2421', 'E5045') order by _sheet, _row_number""",
    )
    assert got == [
        ("RSX_LA_Data_2022-23", "E2421", "SC", "430", "799", "290"),
        ("RSX_LA_Data_2022-23", "E5045", "LB", "630", "999", "490"),
        ("RSX_LA_Data_2022-23", "E5045", "LB", "2", "2", "2"),  # the class breakdown table's repeat
        ("RSX_LA_Data_202425", "E2421", "SC", "430", "799", "290"),
        ("RSX_LA_Data_202425", "E5045", "LB", "630", "999", "490"),
        ("RSX_LA_Data_202425", "E5045", "LB", "2", "2", "2"),
    ]
    headers = dict(
        rows(
            new_layouts,
            """select first_file, header_text from raw._columns
        where raw_table = 'mhclg_rs_outturn__rsx_outturn' and column_name = 'col_330_7'""",
        )
    )
    assert headers == {
        "la_finance/RSX_2022-23_data_by_LA.ods": "330 7 Children Social Care- Net Current Expenditure (C7 = C3 - C6)",
        "la_finance/RSX_LA_Data_2024-25_data_by_LA.ods": "Children Social Care - Net Current Expenditure (C7 = C3 - C6)",
    }


def test_ro3_numbered_layout_names_ids_through_aliases_and_lines_from_hidden_rows(new_layouts):
    got = rows(
        new_layouts,
        """select e_code, ons_code, local_authority, class, detailed_class, col_30_7, col_13_7,
               col_60_7, col_90_7, col_8_7
        from raw.mhclg_ro_detail__ro3_social_care where _sheet = 'RO3_LA_Data_2022-23' order by _row_number""",
    )
    assert got[0] == ("E2421", "E10000018", "Leicestershire", "SC", "SC", "130", "113", "160", "190", "108")
    assert [g[0] for g in got] == ["E2421", "E2436", "E5045", "Eng", "E-code", "E5045"]
    # the visible header (row 12, running numbers) is not data and not part of the names
    assert rows(
        new_layouts,
        """select min(_row_number) from raw.mhclg_ro_detail__ro3_social_care
        where _sheet = 'RO3_LA_Data_2022-23'""",
    ) == [(13,)]


def test_ro3_2024_25_text_headers_map_to_line_numbers_and_colliding_names_load(new_layouts):
    got = rows(
        new_layouts,
        """select e_code, col_10_7, col_30_7, col_60_7, col_90_7, col_84_7, col_98_7, col_84_2
        from raw.mhclg_ro_detail__ro3_social_care where _sheet = 'RO3_LA_Data_202425' and e_code = 'E2421'""",
    )
    # 10: a name cut at 63 characters whose C1-C7 collide, so C7 is '..._7'; 84 and 98: the first of
    # each colliding pair
    assert got == [("E2421", "110", "130", "160", "190", "184", "198", str(184 * 0.6))]
    # the second of each pair keeps the loader's name, once
    names = [
        r[0]
        for r in rows(
            new_layouts,
            """select column_name from raw._columns
        where first_file = 'la_finance/RO3_LA_Data_2024-25_data_by_LA.ods'""",
        )
    ]
    assert len(names) == len(set(names)) == 7 + 7 * len(RO3_2024_25)
    # (the loader makes a repeated name unique even after cutting it to 63 characters)
    second = [n for n in names if n.startswith("miscellaneous_public_health_services_children_s_0_5_services")]
    assert len(second) >= 7  # the second line's seven columns land under loader names, each once


def test_a_file_matching_no_layout_fails_with_file_expected_and_found(tmp_path):
    folder = tmp_path / "raw" / "la_finance"
    # an RO3 2023-24 file in the text layout: it takes the line-numbered variant by name, and lacks it
    write_ods(
        folder / "RO3_2023-24_data_by_LA.ods",
        {**ODS_SHEETS, "RO3_LA_Data_2023-24": outturn_grid("RO3", False, RO3_2024_25, outturn_net)},
    )
    with pytest.raises(LoadError) as error:
        land(tmp_path / "raw", tmp_path)
    message = str(error.value)
    assert "la_finance/RO3_2023-24_data_by_LA.ods" in message and "RO3_LA_Data_2023-24" in message
    assert "variant 1 (la_finance/RO3_2022-23_*.ods, la_finance/RO3_2023-24_*.ods)" in message
    assert "'col_10_7'" in message and "header row(s) [9, 10, 11]" in message and "found: [" in message
    assert len(message) < 1200


def test_a_renamed_2024_25_line_stops_the_load_naming_it(tmp_path):
    folder = tmp_path / "raw" / "la_finance"
    lines = [(code, "Children's Social Care" if code == "330" else label) for code, label in RSX_LINES]
    write_ods(
        folder / "RSX_LA_Data_2025-26_data_by_LA.ods",
        {**ODS_SHEETS, "RSX_LA_Data_202526": outturn_grid("RSX", False, lines, outturn_net)},
    )
    with pytest.raises(LoadError, match=r"required column\(s\) \['col_330_7'\] not found in header row\(s\) \[7\]"):
        land(tmp_path / "raw", tmp_path)


# --- the real files (skipped without ../shared/data) ---------------------------------------------------

REAL_ROWS = {  # rows landed per real file (authorities, class totals, notes; staging keeps E-code rows)
    "la_finance/budgetaccounts1617.xlsx": 456,
    "la_finance/revenueaccountsexportAug7.csv": 457,
    "la_finance/RA_2018-19_data_by_LA.xlsx": 460,
    "la_finance/RA_2019-20_data_by_LA.xlsx": 452,
    "la_finance/RA_2020-21_data_by_LA.xlsx": 457,
    "la_finance/RA_2021-22_data_by_LA.xlsx": 443,
    "la_finance/RS_2016-17_data_by_LA.xlsx": 459,
    "la_finance/RS_2017-18_data_by_LA.xlsx": 463,
    "la_finance/roall.csv": 304,
    "la_finance/RSX_2022-23_data_by_LA.ods": 439,
    "la_finance/RSX_2023-24_data_by_LA.ods": 424,
    "la_finance/RSX_LA_Data_2024-25_data_by_LA.ods": 424,
    "la_finance/RO3_2022-23_data_by_LA.ods": 439,
    "la_finance/RO3_2023-24_data_by_LA.ods": 424,
    "la_finance/RO3_LA_Data_2024-25_data_by_LA.ods": 424,
}


@pytest.fixture(scope="module")
def real_landed(tmp_path_factory) -> Path:
    from conftest import SHARED_DATA

    if not (SHARED_DATA / "la_finance").is_dir():
        pytest.skip("real la_finance folder not present")
    tmp = tmp_path_factory.mktemp("finance_real")
    (tmp / "raw").mkdir()
    (tmp / "raw" / "la_finance").symlink_to(SHARED_DATA / "la_finance")
    return land(tmp / "raw", tmp)


def test_real_files_land_every_file(real_landed):
    got = dict(
        rows(
            real_landed,
            """select file, rows from raw.load_log
        where status like 'loaded%' and file like 'la_finance/%'""",
        )
    )
    assert {f: n for f, n in got.items() if f in REAL_ROWS} == REAL_ROWS
    assert set(got) <= set(REAL_ROWS)


def test_real_spot_checks_match_the_provenance_notes(real_landed):
    got = dict(
        (tuple(r[:2]), r[2])
        for r in rows(
            real_landed,
            """
        select local_authority, _sheet, col_330_total_children_s_social_care from raw.mhclg_ra_budget__ra_budget
        where local_authority = 'Leicestershire'""",
        )
    )
    assert got[("Leicestershire", "RA LA Data 2020-21")] == "90764"
    assert got[("Leicestershire", "RA_LA_Data_2021-22")] == "93534"
    waste = rows(
        real_landed,
        """select local_authority, col_581_waste_collection, col_824_waste_disposal_authority_levy
        from raw.mhclg_ra_budget__ra_budget where _sheet = 'RA LA Data 2018-19'
          and local_authority in ('Havering', 'Tameside') order by 1""",
    )
    assert waste == [("Havering", "2246", "15887"), ("Tameside", "7199", "7751")]
    # RO3 line 30 (total children social care) equals RSX line 330, C7, for every authority and year:
    # the 2024-25 text headers are mapped to the right line numbers
    mismatched = rows(
        real_landed,
        """
        select count(*), count(case when abs(try_cast(r.col_30_7 as double) - try_cast(s.col_330_7 as double)) > 0.5
                                     or (r.col_30_7 is null) <> (s.col_330_7 is null) then 1 end)
        from raw.mhclg_ro_detail__ro3_social_care r
        join raw.mhclg_rs_outturn__rsx_outturn s on r.e_code = s.e_code and right(r._sheet, 2) = right(s._sheet, 2)
        where r.e_code like 'E____' and r.class in ('SC', 'UA', 'MD', 'LB')""",
    )
    assert mismatched == [(152 + 153 + 153, 0)]


# --- demo ----------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("finance_demo")
    demo_finance.write(build_universe(), out, random.Random("finance-test"))
    return out


def test_demo_writes_every_table(demo_dir, tmp_path):
    missing = [name for name, t in tables().items() if not find_files(demo_dir, t)]
    assert missing == []
    started = time.perf_counter()
    demo_finance.write(build_universe(), tmp_path, random.Random(1))
    assert time.perf_counter() - started < 30


def test_demo_lands_in_the_published_layouts(demo_dir, tmp_path):
    db = land(demo_dir, tmp_path)
    universe = build_universe()
    n_bodies = len(universe.upper_tier) + len(universe.districts) + len(demo_finance.OTHER_BODIES)
    counts = dict(
        rows(
            db,
            """
        select _sheet, count(*) from raw.mhclg_ra_budget__ra_budget where e_code like 'E____' group by 1""",
        )
    )
    assert counts == {
        "RA LA Data 2016-17": n_bodies,
        "RA LA Data 2018-19": n_bodies,
        "RA LA Data 2019-20": n_bodies,
        "RA LA Data 2020-21": n_bodies,
        "RA_LA_Data_2021-22": n_bodies,
    }
    years = rows(db, "select distinct _sheet from raw.mhclg_rs_outturn__rs_outturn order by 1")
    assert [y[0][-7:] for y in years] == ["2015-16", "2016-17", "2017-18", "2018-19"]
    assert rows(db, "select count(distinct year) from raw.bbc_roall__roall") == [(2,)]
    # RSX and RO3: one file of each layout; the authority table, ENGLAND, then the breakdown table's repeat
    for table in ("mhclg_rs_outturn__rsx_outturn", "mhclg_ro_detail__ro3_social_care"):
        got = dict(
            rows(
                db,
                f"""select _sheet, count(distinct e_code) from raw.{table}
            where e_code like 'E____' group by 1""",
            )
        )
        assert sorted(got) == [
            f"{table.split('__')[1][:3].upper()}_LA_Data_2022-23",
            f"{table.split('__')[1][:3].upper()}_LA_Data_202425",
        ]
        assert set(got.values()) == {n_bodies}
    # the layouts' line columns carry the figures: RO3 line 30 = RSX line 330 for every body
    assert rows(
        db,
        """select count(*), count(case when r.col_30_7 <> s.col_330_7 then 1 end)
        from raw.mhclg_ro_detail__ro3_social_care r
        join raw.mhclg_rs_outturn__rsx_outturn s
          on r.e_code = s.e_code and replace(r._sheet, 'RO3', '') = replace(s._sheet, 'RSX', '')
        where r.e_code like 'E____' and r.class in ('SC', 'UA', 'MD', 'LB')""",
    ) == [(2 * len(universe.upper_tier), 0)]
    # suppression markers are present, as text
    assert rows(
        db,
        """select count(*) from raw.mhclg_rs_outturn__rs_outturn
        where col_330_children_social_care = '…'""",
    ) == [(1,)]
    assert rows(db, """select count(*) from raw.mhclg_rs_outturn__rsx_outturn where col_330_7 = '[x]'""") == [(2,)]
    # the county carrying a neighbour's ONS code in RS 2017-18 (like North Yorkshire)
    counties = [a for a in universe.upper_tier if a.kind == "county"]
    assert rows(
        db,
        f"""select ons_code from raw.mhclg_rs_outturn__rs_outturn
        where e_code = '{counties[0].ecode}' and _sheet = 'RS LA Data 2017-18'""",
    ) == [(counties[1].code,)]
    # calibration: children's social care budget per child (0-17 ~ 21%) in the real range 300-1,200
    per_child = rows(
        db,
        f"""select median(cast(col_330_total_children_s_social_care as double) * 1000 / p.pop)
        from raw.mhclg_ra_budget__ra_budget r
        join (values {", ".join(f"('{a.ecode}', {a.population * 0.21})" for a in universe.upper_tier)}) p(ecode, pop)
          on r.e_code = p.ecode
        where r._sheet = 'RA LA Data 2018-19'""",
    )[0][0]
    assert 300 < per_child < 1200
