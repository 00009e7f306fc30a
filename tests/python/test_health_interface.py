"""Health and social care interface (folder health_interface): registry, landing, staging parse, demo, real files.

Fixtures under tests/python/fixtures/health_interface/ are small files written for these tests in
the published layouts: the Nomis falls mortality exports (byte-order mark, 9 lines before the
table, names only, '-' for not available, a blank line and '#NAME?' after the rate table, a
'Column Total' row after the deaths table), a Fingertips indicator-data export (a deprivation
category row, a suppressed value, a Male row, a rolling multi-year period) and one NHS England
monthly delayed transfers file (title block, header on row 14, a council with no return).
The staging parse is checked by building the project's staging views over the landed fixtures
with dbt (the SQL that runs in production, not a re-implementation of it).
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from pipeline.loader import find_files, load_all
from pipeline.registry import REGISTRY_DIR, load_registry

ROOT = Path(__file__).resolve().parents[2]
DATASETS = {"ons_falls_mortality_nomis", "nhse_dtoc_la_monthly", "fingertips_acsc_admissions",
            "fingertips_emergency_readmissions", "fingertips_falls_admissions_65plus",
            "fingertips_hip_fractures_65plus"}
STAGING = ["stg_health_interface__falls_death_rate", "stg_health_interface__falls_deaths",
           "stg_health_interface__falls_admissions_65plus", "stg_health_interface__delayed_transfers_monthly"]


def _registry(tmp_path: Path) -> Path:
    folder = tmp_path / "registry"
    folder.mkdir()
    shutil.copy(REGISTRY_DIR / "health_interface.yml", folder / "health_interface.yml")
    return folder


def _land(raw_dir: Path, db: Path, tmp_path: Path) -> None:
    load_all(raw_dir, db, registry_dir=_registry(tmp_path), progress=lambda message: None)


def _one(con, sql: str, *params):
    rows = con.execute(sql, list(params)).fetchall()
    assert len(rows) == 1, (sql, rows)
    return rows[0][0] if len(rows[0]) == 1 else rows[0]


@pytest.fixture(scope="module")
def fixture_db(tmp_path_factory):
    from conftest import FIXTURES

    tmp = tmp_path_factory.mktemp("health_fixture")
    db = tmp / "health.duckdb"
    _land(FIXTURES, db, tmp)
    return db


def test_registry_lists_every_health_interface_table():
    datasets = {d.id: d for d in load_registry() if d.source_folder == "health_interface"}
    assert set(datasets) == DATASETS
    tables = {t.raw_table: t for d in datasets.values() for t in d.tables}
    assert len(tables) == 7
    nomis = tables["ons_falls_mortality_nomis__death_rate"]
    assert nomis.header_rows == (9,) and nomis.reader == "csv"
    assert "local_authority_county_unitary_as_of_april_2021" in nomis.columns
    # Every table that is not in ../shared/data still declares the columns staging reads.
    assert {"code", "social_care", "both", "total"} <= set(tables["nhse_dtoc_la_monthly__la_total_delayed_days"].columns)


def test_fixture_files_match_only_their_tables(fixtures_dir):
    tables = {t.raw_table: t for d in load_registry() if d.id in DATASETS for t in d.tables}
    found = {name: [p.name for p in find_files(fixtures_dir, t)] for name, t in tables.items()}
    assert found["ons_falls_mortality_nomis__death_rate"] == ["death_rate_falls.csv"]
    assert found["ons_falls_mortality_nomis__deaths"] == ["deaths_from_falls.csv"]
    assert found["fingertips_falls_admissions_65plus__indicator_data"] == ["fingertips_22401.csv"]
    assert found["nhse_dtoc_la_monthly__la_total_delayed_days"] == ["LA-Type-B-February-2019-TEST.xlsx"]
    assert found["fingertips_hip_fractures_65plus__indicator_data"] == []


def test_nomis_layout_lands_as_published(fixture_db):
    con = duckdb.connect(str(fixture_db), read_only=True)
    try:
        # Header on line 9; the byte-order mark does not reach the first column name.
        header = _one(con, "select header_text from raw._columns where raw_table = 'ons_falls_mortality_nomis__death_rate' "
                           "and position = 1")
        assert header == "local authority: county / unitary (as of April 2021)"
        assert _one(con, "select col_2016 from raw.ons_falls_mortality_nomis__death_rate "
                         "where local_authority_county_unitary_as_of_april_2021 = 'Kingston upon Hull, City of'") == "9.4"
        assert _one(con, "select col_2018 from raw.ons_falls_mortality_nomis__death_rate "
                         "where local_authority_county_unitary_as_of_april_2021 = 'Rutland'") == "-"
        assert _one(con, "select _row_number from raw.ons_falls_mortality_nomis__death_rate "
                         "where local_authority_county_unitary_as_of_april_2021 = 'Leicestershire'") == 10
        # Junk after the table lands as published (blank lines are skipped); staging drops it.
        assert _one(con, "select count(*) from raw.ons_falls_mortality_nomis__death_rate") == 7
        assert _one(con, "select count(*) from raw.ons_falls_mortality_nomis__death_rate "
                         "where local_authority_county_unitary_as_of_april_2021 = '#NAME?'") == 1
        assert _one(con, "select col_2016 from raw.ons_falls_mortality_nomis__deaths "
                         "where local_authority_county_unitary_as_of_april_2021 = 'Column Total'") == "1,227"
        # Datasets without a file land as empty tables with their declared columns.
        assert _one(con, "select count(*) from raw.fingertips_hip_fractures_65plus__indicator_data") == 0
        status = _one(con, "select status from raw.load_log "
                           "where raw_table = 'fingertips_hip_fractures_65plus__indicator_data'")
        assert status == "missing"
    finally:
        con.close()


def test_dtoc_header_found_on_row_14(fixture_db):
    con = duckdb.connect(str(fixture_db), read_only=True)
    try:
        assert _one(con, "select social_care from raw.nhse_dtoc_la_monthly__la_total_delayed_days "
                         "where code = 'E10000018'") == "150"
        assert _one(con, "select total from raw.nhse_dtoc_la_monthly__la_total_delayed_days where code = 'E08000010'") == "-"
        assert _one(con, "select status from raw.load_log where raw_table = 'nhse_dtoc_la_monthly__la_total_delayed_days'") \
            == "loaded"
    finally:
        con.close()


# --- staging parse: the project's staging views built by dbt over the landed fixtures -------------

def _dbt() -> Path:
    dbt = Path(sys.executable).with_name("dbt")
    if not dbt.exists():
        pytest.skip("dbt is not installed next to this Python")
    return dbt


@pytest.fixture(scope="module")
def staged_db(fixture_db, tmp_path_factory):
    dbt = _dbt()
    tmp = tmp_path_factory.mktemp("health_dbt")
    db = tmp / "staged.duckdb"
    shutil.copy(fixture_db, db)
    env = dict(os.environ, INDEX_DB_PATH=str(db), DBT_PROFILES_DIR=str(ROOT),
               DBT_SEND_ANONYMOUS_USAGE_STATS="false")
    result = subprocess.run(
        [str(dbt), "run", "--select", *STAGING, "--target-path", str(tmp / "target"),
         "--log-path", str(tmp / "logs")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    con = duckdb.connect(str(db), read_only=True)
    yield con
    con.close()


def test_staging_nomis_unpivots_and_drops_junk(staged_db):
    rows = staged_db.execute(
        "select area_name, name_key, period, period_end_year, death_rate, is_suppressed "
        "from staging.stg_health_interface__falls_death_rate where period in ('2016', '2018') "
        "order by area_name, period").fetchall()
    names = {r[0] for r in rows}
    assert names == {"Leicestershire", "Kingston upon Hull, City of", "Rutland",
                     "Bournemouth, Christchurch and Poole", "Buckinghamshire", "Cardiff"}
    hull = [r for r in rows if r[0].startswith("Kingston")]
    assert hull[0][1] == "kingstonuponhull"               # ", City of" removed by name_key
    assert hull[0][2:5] == ("2016", 2016, 9.4)
    rutland_2018 = [r for r in rows if r[0] == "Rutland" and r[2] == "2018"][0]
    assert rutland_2018[4] is None and rutland_2018[5] is True   # '-' -> null, never zero
    assert _one(staged_db, "select count(*) from staging.stg_health_interface__falls_death_rate") == 6 * 10
    assert _one(staged_db, "select count(*) from staging.stg_health_interface__falls_deaths "
                           "where area_name = 'Column Total'") == 0
    assert _one(staged_db, "select deaths from staging.stg_health_interface__falls_deaths "
                           "where area_name = 'Rutland' and period = '2018'") == 0.0


def test_staging_fingertips_main_series_only(staged_db):
    rows = staged_db.execute(
        "select authority_code, sex, period, period_end_year, indicator_value, numerator, denominator, "
        "is_suppressed, source_dataset_id from staging.stg_health_interface__falls_admissions_65plus "
        "order by authority_code, sex, period").fetchall()
    # The deprivation-decile row and the rolling 3-year period are dropped.
    assert len(rows) == 5
    leicestershire = [r for r in rows if r[0] == "E10000018" and r[1] == "Persons"]
    assert [r[2] for r in leicestershire] == ["2016-17", "2017-18"]
    assert leicestershire[0][3:7] == (2017, 1794.6, 2378.0, 137915.0)
    rutland = [r for r in rows if r[0] == "E06000017"][0]
    assert rutland[4] is None and rutland[7] is True and rutland[6] == 9870.0
    assert {r[8] for r in rows} == {"fingertips_falls_admissions_65plus"}


def test_staging_dtoc_month_from_file_name(staged_db):
    rows = staged_db.execute(
        "select authority_code, period, period_end_year, calendar_year, month_number, days_in_month, "
        "delayed_days_social_care, delayed_days_total, is_suppressed "
        "from staging.stg_health_interface__delayed_transfers_monthly order by authority_code").fetchall()
    assert [r[0] for r in rows] == ["E08000010", "E10000018", "E92000001"]
    wigan, leicestershire, _ = rows
    assert leicestershire[1:] == ("2018-19", 2019, 2019, 2, 28, 150.0, 1380.0, False)
    assert wigan[6] is None and wigan[7] is None and wigan[8] is True


# --- demo -----------------------------------------------------------------------------------------

def test_demo_writes_every_table_with_names_the_lookup_knows(tmp_path):
    from demo.datasets import health_interface, la_lookup
    from demo.universe import SEED, build_universe

    universe = build_universe()
    out = tmp_path / "demo"
    started = time.perf_counter()
    health_interface.write(universe, out, random.Random(f"{SEED}:health_interface"))
    la_lookup.write(universe, out, random.Random(f"{SEED}:la_lookup"))
    db = tmp_path / "demo.duckdb"
    _land(out, db, tmp_path)
    con = duckdb.connect(str(db), read_only=True)
    try:
        entries = con.execute("select raw_table, sum(rows), min(status) from raw.load_log group by 1").fetchall()
        assert len(entries) == 7
        assert all(rows > 0 and status.startswith("loaded") for _, rows, status in entries), entries
        assert _one(con, "select count(distinct _source_file) from raw.nhse_dtoc_la_monthly__la_total_delayed_days") == 36
        names = {r[0] for r in con.execute(
            "select local_authority_county_unitary_as_of_april_2021 from raw.ons_falls_mortality_nomis__death_rate"
        ).fetchall()}
    finally:
        con.close()
    upper = {a.name for a in universe.upper_tier}
    # Names only, some written "<name>, City of" as Nomis does, plus junk and a non-English area.
    assert {n.removesuffix(", City of") for n in names if n not in ("#NAME?", "Glenbarra")} == upper
    assert any(n.endswith(", City of") for n in names)
    assert {"#NAME?", "Glenbarra"} <= names


# --- real data (skipped when ../shared/data is absent) --------------------------------------------

@pytest.fixture(scope="module")
def real_db(tmp_path_factory):
    from conftest import SHARED_DATA

    if not (SHARED_DATA / "health_interface").is_dir():
        pytest.skip("real health_interface data not present")
    tmp = tmp_path_factory.mktemp("health_real")
    raw = tmp / "raw"
    raw.mkdir()
    (raw / "health_interface").symlink_to(SHARED_DATA / "health_interface")
    db = tmp / "real.duckdb"
    _land(raw, db, tmp)
    con = duckdb.connect(str(db), read_only=True)
    yield con
    con.close()


def test_real_nomis_files_land(real_db):
    assert _one(real_db, "select count(*) from raw.ons_falls_mortality_nomis__death_rate") == 175
    assert _one(real_db, "select count(*) from raw.ons_falls_mortality_nomis__deaths") == 175
    assert _one(real_db, "select count(*) from raw.nhse_dtoc_la_monthly__la_total_delayed_days") == 0


@pytest.mark.parametrize("name, r2016, r2017, r2018", [
    ("Leicestershire", "9.99", "10.47", "9.02"), ("Wigan", "11.11", "17.73", "14.91"),
    ("Rutland", "6.1", "10.17", "-"), ("Redbridge", "6.43", "3.72", "2.94")])
def test_real_falls_rate_spot_checks(real_db, name, r2016, r2017, r2018):
    assert _one(real_db, "select col_2016, col_2017, col_2018 from raw.ons_falls_mortality_nomis__death_rate "
                         "where local_authority_county_unitary_as_of_april_2021 = ?", name) == (r2016, r2017, r2018)
