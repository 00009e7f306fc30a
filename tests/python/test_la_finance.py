"""MHCLG finance returns (RA budget, RS outturn, RO detail, BBC roall.csv): registry, parser quirks, demo."""

from __future__ import annotations

import random
import shutil
import time
from pathlib import Path

import duckdb
import pytest

from demo.datasets import la_finance as demo_finance
from demo.universe import build_universe
from pipeline.loader import find_files, load_all
from pipeline.registry import REGISTRY_DIR, load_registry

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
        "mhclg_ra_budget__ra_budget_no_ons_code",
        "mhclg_ro_detail__ro3_social_care",
        "mhclg_ro_detail__ro4_housing",
        "mhclg_ro_detail__ro5_environmental",
        "mhclg_rs_outturn__rs_outturn",
    ]
    # two header rows: line codes and labels joined
    assert tables()["mhclg_rs_outturn__rs_outturn"].header_rows == (6, 7)
    # the provisional RS workbook is never picked up by the RS pattern
    assert not Path("la_finance/RS_2017-18_data_by_LA_PRENOV.xlsx").match(tables()["mhclg_rs_outturn__rs_outturn"].paths[0])


def test_ra_csv_export_lands_with_na_prefixed_identifiers_and_line_names(landed):
    got = rows(landed, """
        select na_e_code, na_ons_code, na_class, col_330_total_children_s_social_care,
               col_799_total_service_expenditure, _row_number
        from raw.mhclg_ra_budget__ra_budget_2017_18_csv_export order by _row_number""")
    assert got[0] == ("E2436", "E10000018", "SC", "66836.0", got[0][4], 8)  # codes row 6, labels row 7, data row 8
    assert got[3][:3] == ("NA", "NA", "SC")     # class total row: readxl wrote blanks as 'NA'
    assert got[4][0] == "Notes" and got[4][5] == 12  # notes row (no E-code pattern), filtered in staging
    header = rows(landed, """select header_text from raw._columns
        where raw_table = 'mhclg_ra_budget__ra_budget_2017_18_csv_export'
          and column_name = 'col_330_total_children_s_social_care'""")
    assert header == [("330 TOTAL CHILDREN'S SOCIAL CARE",)]


def test_ra_2016_17_has_no_ons_code_and_keeps_markers_as_text(landed):
    columns = [r[0] for r in rows(landed, """select column_name from information_schema.columns
        where table_schema = 'raw' and table_name = 'mhclg_ra_budget__ra_budget_no_ons_code'""")]
    assert "ons_code" not in columns and "e_code" in columns
    got = rows(landed, """select e_code, class, col_330_total_children_s_social_care, col_581_waste_collection
        from raw.mhclg_ra_budget__ra_budget_no_ons_code order by _row_number""")
    assert got[0][:3] == ("E2436", "SC", "65730")
    assert got[1] == ("E2431", "SD", "0.1", "-")  # suppression marker landed as published
    assert len(got) == 4  # 2 authorities + ENGLAND + note row


def test_rs_lands_year_sheet_wrong_north_yorkshire_code_and_ellipsis(landed):
    got = rows(landed, """select e_code, ons_code, _sheet, col_330_children_social_care,
               col_699_total_service_expenditure_total_of_lines_190_to_698
        from raw.mhclg_rs_outturn__rs_outturn order by _row_number""")
    assert got[0] == ("E2436", "E10000018", "RS LA Data 2017-18", "68251", "544037.8008348317")
    assert got[1][:2] == ("E2721", "E10000022")  # as published (wrong); fixed in staging / by E-code
    assert got[2][3] == "…"                       # not submitted


def test_roall_year_is_the_end_year(landed):
    got = rows(landed, """select e_code, ons_code, year, col_360_adult_social_care
        from raw.bbc_roall__roall order by _row_number""")
    assert got == [("E2436", "E10000018", "2016", "144233"), ("E2721", "E10000022", "2016", "150400"),
                   ("E2436", "E10000018", "2017", "142417")]


def test_missing_forms_land_as_empty_tables_with_declared_columns(landed):
    for table in ("mhclg_ro_detail__ro5_environmental", "mhclg_ra_budget__ra_budget"):
        assert rows(landed, f"select count(*) from raw.{table}") == [(0,)]
    columns = {r[0] for r in rows(landed, """select column_name from information_schema.columns
        where table_schema = 'raw' and table_name = 'mhclg_ro_detail__ro5_environmental'""")}
    assert set(tables()["mhclg_ro_detail__ro5_environmental"].columns) <= columns


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


def test_demo_lands_in_the_published_layouts(demo_dir, tmp_path):
    db = land(demo_dir, tmp_path)
    universe = build_universe()
    n_bodies = len(universe.upper_tier) + len(universe.districts) + len(demo_finance.OTHER_BODIES)
    counts = dict(rows(db, """
        select _sheet, count(*) from raw.mhclg_ra_budget__ra_budget where e_code like 'E____' group by 1"""))
    assert counts == {"RA LA Data 2018-19": n_bodies, "RA LA Data 2019-20": n_bodies}
    years = rows(db, "select distinct _sheet from raw.mhclg_rs_outturn__rs_outturn order by 1")
    assert [y[0][-7:] for y in years] == ["2015-16", "2016-17", "2017-18", "2018-19"]
    assert rows(db, "select count(distinct year) from raw.bbc_roall__roall") == [(2,)]
    # suppression markers are present, as text
    assert rows(db, """select count(*) from raw.mhclg_rs_outturn__rs_outturn
        where col_330_children_social_care = '…'""") == [(1,)]
    # the county carrying a neighbour's ONS code in RS 2017-18 (like North Yorkshire)
    counties = [a for a in universe.upper_tier if a.kind == "county"]
    assert rows(db, f"""select ons_code from raw.mhclg_rs_outturn__rs_outturn
        where e_code = '{counties[0].ecode}' and _sheet = 'RS LA Data 2017-18'""") == [(counties[1].code,)]
    # calibration: children's social care budget per child (0-17 ~ 21%) in the real range 300-1,200
    per_child = rows(db, f"""select median(cast(col_330_total_children_s_social_care as double) * 1000 / p.pop)
        from raw.mhclg_ra_budget__ra_budget r
        join (values {", ".join(f"('{a.ecode}', {a.population * 0.21})" for a in universe.upper_tier)}) p(ecode, pop)
          on r.e_code = p.ecode
        where r._sheet = 'RA LA Data 2018-19'""")[0][0]
    assert 300 < per_child < 1200
