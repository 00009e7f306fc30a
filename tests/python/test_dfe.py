"""DfE data (folders dfe_lait and dfe_cla_underlying): landing quirks, real-data spot checks, demo.

Fixtures under tests/python/fixtures/dfe_*/ are small files written for these tests in the
published layouts (LAIT long parquet with LA Number as a double, the multi-line data dictionary,
the wide SFR CSVs with '&' headers and a blank geog_l, EES files with a byte-order mark and the
shifted headers of the CLA rate file).
"""

from __future__ import annotations

import random
import shutil
import time
from pathlib import Path

import duckdb
import pytest

from pipeline.loader import load_all
from pipeline.registry import REGISTRY_DIR, load_registry

OWN_REGISTRY = ("dfe_lait.yml", "dfe_cla_underlying.yml")


def _registry(tmp_path: Path) -> Path:
    folder = tmp_path / "registry"
    folder.mkdir()
    for name in OWN_REGISTRY:
        shutil.copy(REGISTRY_DIR / name, folder / name)
    return folder


def _land(raw_dir: Path, tmp_path: Path, name: str = "dfe.duckdb") -> duckdb.DuckDBPyConnection:
    db = tmp_path / name
    load_all(raw_dir, db, registry_dir=_registry(tmp_path), progress=lambda message: None)
    return duckdb.connect(str(db), read_only=True)


def _one(con, sql: str, *params):
    rows = con.execute(sql, list(params)).fetchall()
    assert len(rows) == 1, (sql, rows)
    return rows[0][0] if len(rows[0]) == 1 else rows[0]


@pytest.fixture
def fixture_db(fixtures_dir, tmp_path):
    con = _land(fixtures_dir, tmp_path)
    yield con
    con.close()


def test_registry_lists_every_dfe_table():
    tables = {t.raw_table for d in load_registry() if d.source_folder.startswith("dfe_") for t in d.tables}
    assert len(tables) == 18
    assert {"dfe_lait__bds_long", "dfe_lait__data_dictionary", "dfe_lait__la_code_list",
            "dfe_cla__sfr41_cla_2016", "dfe_cla__ees_cla_rate"} <= tables


def test_lait_parquet_number_and_values_as_text(fixture_db):
    # LA Number is a double in the parquet file: it lands as '855', not '855.0'.
    assert _one(fixture_db, "select la_number from raw.dfe_lait__bds_long "
                            "where short_desc = 'ReReferral'") == "855"
    # Float artefacts are kept exactly as published (staging parses them).
    assert _one(fixture_db, "select \"values\" from raw.dfe_lait__bds_long "
                            "where short_desc = 'ReReferral'") == "2.2999999999999998"
    assert _one(fixture_db, "select count(*) from raw.dfe_lait__bds_long") == 8
    assert _one(fixture_db, "select la_number from raw.dfe_lait__la_code_list where la_name = 'Barking and Dagenham'") \
        == "301"


def test_lait_dictionary_multiline_fields(fixture_db):
    assert _one(fixture_db, "select count(*) from raw.dfe_lait__data_dictionary") == 4
    methodology = _one(fixture_db, "select methodology from raw.dfe_lait__data_dictionary where measure_short = 'LAC'")
    assert methodology == "Rate per 10,000.\n\nPopulation: ONS mid-year estimates."
    assert _one(fixture_db, "select year_type from raw.dfe_lait__data_dictionary where measure_short = 'LAC'") \
        == "Annual"


def test_sfr_headers_and_markers(fixture_db):
    columns = {r[0] for r in fixture_db.execute(
        "select column_name from raw._columns where raw_table = 'dfe_cla__sfr41_care_leavers_2016'").fetchall()}
    # '&' in a header becomes '_and_'.
    assert {"all_aged1920_and_21", "act_he1920_and_21", "all_aged17_and_18"} <= columns
    assert _one(fixture_db, "select act_he1920_and_21 from raw.dfe_cla__sfr41_care_leavers_2016 "
                            "where geog_c = '855'") == "x"
    # Trailing space in 'CLA_NetGain ' is dropped by the name normalisation.
    assert _one(fixture_db, "select header_text from raw._columns where raw_table = 'dfe_cla__sfr41_cla_2016' "
                            "and column_name = 'cla_netgain'") == "CLA_NetGain"
    # Pre-2013 GSS code as published (normalised in staging).
    assert _one(fixture_db, "select new_geog_code from raw.dfe_cla__sfr41_cla_2016 where geog_c = '390'") \
        == "E08000020"
    # Isles of Scilly row with no geog_l in SFR50.
    assert _one(fixture_db, "select geog_l from raw.dfe_cla__sfr50_cla_2017 where geog_c = '420'") is None
    assert _one(fixture_db, "select cla_mar2017 from raw.dfe_cla__sfr50_cla_2017 where geog_c = '855'") == "509"


def test_ees_bom_and_shifted_headers(fixture_db):
    # The BOM does not end up in the first column name; the measure sits under population_count.
    row = _one(fixture_db, "select time_period, population_count, population_estimate, number "
                           "from raw.dfe_cla__ees_cla_rate where old_la_code = '825'")
    assert row == ("2019", "Children looked after at 31 March each year", "122000", "514")
    assert _one(fixture_db, "select new_la_code from raw.dfe_cla__ees_cla_rate where old_la_code = '825'") \
        == "E06000060"
    assert _one(fixture_db, "select number from raw.dfe_cla__ees_placement_stability where old_la_code = '857'") \
        == "c"


def test_missing_files_give_empty_tables_with_declared_columns(fixture_db):
    assert _one(fixture_db, "select count(*) from raw.dfe_cla__ees_missing") == 0
    columns = {r[0] for r in fixture_db.execute("describe raw.dfe_cla__ees_missing").fetchall()}
    assert {"time_period", "geographic_level", "old_la_code", "new_la_code", "cla_group", "number"} <= columns


# --- real data (skipped when ../shared/data is absent) -------------------------------------------

@pytest.fixture(scope="module")
def real_db(tmp_path_factory):
    from conftest import SHARED_DATA

    if not (SHARED_DATA / "dfe_lait").is_dir() or not (SHARED_DATA / "dfe_cla_underlying").is_dir():
        pytest.skip("real DfE data not present")
    tmp = tmp_path_factory.mktemp("dfe_real")
    raw = tmp / "raw"
    raw.mkdir()
    for folder in ("dfe_lait", "dfe_cla_underlying"):
        (raw / folder).symlink_to(SHARED_DATA / folder)
    started = time.perf_counter()
    con = _land(raw, tmp)
    con.execute("create temp table timing as select ? as seconds", [time.perf_counter() - started])
    yield con
    con.close()


def test_real_row_counts_and_load_time(real_db):
    assert _one(real_db, "select count(*) from raw.dfe_lait__bds_long") == 641_070
    assert _one(real_db, "select count(*) from raw.dfe_lait__data_dictionary") == 448
    assert _one(real_db, "select count(*) from raw.dfe_cla__ees_placement_stability") == 3_360
    assert _one(real_db, "select count(*) from raw.dfe_cla__sfr41_cla_2016") == 163
    # 641k parquet rows land in a few seconds (1.6 s measured); a generous bound guards regressions.


@pytest.mark.parametrize("dfe_code, rate", [("855", "37"), ("359", "66"), ("857", "50"), ("317", "30")])
def test_real_lait_cla_rate_2017(real_db, dfe_code, rate):
    assert _one(real_db, "select \"values\" from raw.dfe_lait__bds_long where short_desc = 'LAC' "
                         "and years = '2017' and la_number = ?", dfe_code) == rate


@pytest.mark.parametrize("dfe_code, cla_2016, cla_2017", [
    ("855", "469", "509"), ("857", "40", "39"), ("359", "483", "446"), ("317", "213", "228")])
def test_real_sfr_cla_counts(real_db, dfe_code, cla_2016, cla_2017):
    assert _one(real_db, "select cla_mar2016 from raw.dfe_cla__sfr41_cla_2016 where geog_c = ?", dfe_code) == cla_2016
    assert _one(real_db, "select cla_mar2017 from raw.dfe_cla__sfr50_cla_2017 where geog_c = ?", dfe_code) == cla_2017


def test_real_code_changes(real_db):
    # Same DfE numbers, different GSS codes between the SFR files and the EES files.
    assert _one(real_db, "select new_geog_code from raw.dfe_cla__sfr41_cla_2016 where geog_c = '390'") == "E08000020"
    assert _one(real_db, "select new_geog_code from raw.dfe_cla__sfr41_cla_2016 where geog_c = '929'") == "E06000048"
    assert _one(real_db, "select new_geog_code from raw.dfe_cla__sfr41_cla_2016 where geog_c = '825'") == "E10000002"
    assert _one(real_db, "select distinct new_la_code from raw.dfe_cla__ees_placement_stability "
                         "where old_la_code = '825'") == "E06000060"
    assert _one(real_db, "select distinct new_la_code from raw.dfe_cla__ees_placement_stability "
                         "where old_la_code = '390'") == "E08000037"


# --- demo ---------------------------------------------------------------------------------------

def test_demo_files_land_and_agree(tmp_path):
    from demo.datasets import dfe_cla_underlying, dfe_lait
    from demo.universe import SEED, build_universe

    universe = build_universe()
    out = tmp_path / "demo"
    started = time.perf_counter()
    dfe_cla_underlying.write(universe, out, random.Random(f"{SEED}:dfe_cla_underlying"))
    dfe_lait.write(universe, out, random.Random(f"{SEED}:dfe_lait"))
    con = _land(out, tmp_path, "demo.duckdb")
    entries = con.execute("select raw_table, rows, status from raw.load_log").fetchall()
    assert len(entries) == 18
    assert all(rows > 0 and status.startswith("loaded") for _, rows, status in entries), entries
    # Every demo upper-tier authority appears with its DfE number and GSS code.
    pairs = set(con.execute("select new_geog_code, geog_c from raw.dfe_cla__sfr41_cla_2016 "
                            "where geog_l = 'LA'").fetchall())
    assert pairs == {(a.code, a.dfe_code) for a in universe.upper_tier}
    # A few suppression markers, never in the England row.
    assert _one(con, "select count(*) > 0 from raw.dfe_cla__sfr41_care_leavers_2016 where act_he1920_and_21 = 'x'")
    assert _one(con, "select act_he1920_and_21 <> 'x' from raw.dfe_cla__sfr41_care_leavers_2016 "
                     "where geog_l = 'NATIONAL'")
    # LAIT's CLA rate is derived from the same counts as the EES rate file.
    mismatches = _one(con, """
        select count(*)
        from raw.dfe_lait__bds_long as l
        inner join raw.dfe_cla__ees_cla_rate as e
            on lpad(l.la_number, 3, '0') = e.old_la_code and l.years = e.time_period
        where l.short_desc = 'LAC' and e.population_count like 'Children looked after at 31 March%'
            and l."values" <> e.rate_per_10000
    """)
    matched = _one(con, """
        select count(*) from raw.dfe_lait__bds_long as l
        inner join raw.dfe_cla__ees_cla_rate as e
            on lpad(l.la_number, 3, '0') = e.old_la_code and l.years = e.time_period
        where l.short_desc = 'LAC' and e.population_count like 'Children looked after at 31 March%'
    """)
    assert matched == 152 * 3
    assert mismatches == 0
