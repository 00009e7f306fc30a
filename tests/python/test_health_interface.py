"""Health and social care interface (folder health_interface): registry, landing, staging parse, demo, real files.

Fixtures under tests/python/fixtures/health_interface/ are small files written for these tests in
the published layouts: the Nomis falls mortality exports (byte-order mark, 9 lines before the
table, names only, '-' for not available, a blank line and '#NAME?' after the rate table, a
'Column Total' row after the deaths table), a Fingertips indicator-data export (a deprivation
category row, a suppressed value, a Male row, a rolling multi-year period) and two NHS England
monthly delayed transfers files, one per registry layout, sheet 'LA - by responsible org' next to
sheets of the same shape (`dtoc_la_monthly/Sept_16.xlsx`: 2016-17 layout, registry variant 1;
`Feb_18.xlsx`: the layout from April 2017 with the "DTOC Beds" block): a metadata block with the
Period cell, header on row 14, England with '-' codes, a blank row, councils (one with no return,
Gateshead under its pre-2013 code) and residence rows (Scotland, Wales, outside GB). They are
.xlsx, not .xls like the published files: nothing in the project writes the legacy format, and
the registry's globs (`*.xls*`) take both.
The staging parse is checked by building the project's staging views over the landed fixtures
with dbt (the SQL that runs in production, not a re-implementation of it).
"""

from __future__ import annotations

import random
import shutil
import sys
from pathlib import Path

import duckdb
import pytest
from demo_build import run_dbt

from council_index.pipeline.loader import find_files, load_all
from council_index.pipeline.registry import REGISTRY_DIR, load_registry

ROOT = Path(__file__).resolve().parents[2]
DATASETS = {
    "ons_falls_mortality_nomis",
    "nhse_dtoc_la_monthly",
    "fingertips_acsc_admissions",
    "fingertips_emergency_readmissions",
    "fingertips_falls_admissions_65plus",
    "fingertips_hip_fractures_65plus",
}
STAGING = [
    "stg_health_interface__falls_death_rate",
    "stg_health_interface__falls_deaths",
    "stg_health_interface__falls_admissions_65plus",
    "stg_health_interface__delayed_transfers_monthly",
]


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
    dtoc = tables["nhse_dtoc_la_monthly__la_total_delayed_days"]
    assert dtoc.paths == ("health_interface/dtoc_la_monthly/*.xls*",) and dtoc.sheets == ("LA - by responsible org",)
    assert dtoc.header_rows == (14,) and dict(dtoc.metadata) == {"reporting_period": "Period:"}
    # The current layout requires the "DTOC Beds" block; the 2016-17 variant does not.
    beds = {"dtoc_beds_nhs", "dtoc_beds_social_care", "dtoc_beds_both", "dtoc_beds_total"}
    assert {"ons_geography", "code", "name", "nhs", "social_care", "both", "total"} | beds <= set(dtoc.columns)
    assert not beds & set(dtoc.for_file("health_interface/dtoc_la_monthly/March_17.xls").columns)


# The 24 stored names (../shared/data/health_interface/dtoc_la_monthly): which layout each takes.
DTOC_2016_17 = [
    "April_16",
    "May_16",
    "June_16",
    "July_16",
    "Aug_16",
    "Sept_16",
    "Oct_16",
    "Nov_16",
    "Dec_16",
    "Jan_17",
    "Feb_17",
    "March_17",
]
DTOC_2017_18 = [
    "April_17",
    "May_17",
    "June_17",
    "July_17",
    "Aug_17",
    "Sep_17",
    "Oct_17",
    "Nov_17",
    "Dec_17",
    "Jan_18",
    "Feb_18",
    "March_18",
]


@pytest.mark.parametrize("stem", DTOC_2016_17 + DTOC_2017_18 + ["April_18", "Sep_19"])
@pytest.mark.parametrize("extension", [".xls", ".xlsx"])
def test_dtoc_layout_variant_follows_the_month_in_the_name(stem, extension):
    table = next(t for d in load_registry() if d.id == "nhse_dtoc_la_monthly" for t in d.tables)
    layout = table.for_file(f"health_interface/dtoc_la_monthly/{stem}{extension}")
    if stem in DTOC_2016_17:
        assert layout.variant_name.startswith("variant 1 ") and "dtoc_beds_total" not in layout.columns
    else:  # April 2017 on (and later years, with no registry edit): the table's own layout
        assert layout.variant_name is None and "dtoc_beds_total" in layout.columns


def test_fixture_files_match_only_their_tables(fixtures_dir):
    tables = {t.raw_table: t for d in load_registry() if d.id in DATASETS for t in d.tables}
    found = {name: [p.name for p in find_files(fixtures_dir, t)] for name, t in tables.items()}
    assert found["ons_falls_mortality_nomis__death_rate"] == ["death_rate_falls.csv"]
    assert found["ons_falls_mortality_nomis__deaths"] == ["deaths_from_falls.csv"]
    assert found["fingertips_falls_admissions_65plus__indicator_data"] == ["fingertips_22401.csv"]
    assert found["nhse_dtoc_la_monthly__la_total_delayed_days"] == ["Feb_18.xlsx", "Sept_16.xlsx"]
    assert found["fingertips_hip_fractures_65plus__indicator_data"] == []


def test_nomis_layout_lands_as_published(fixture_db):
    con = duckdb.connect(str(fixture_db), read_only=True)
    try:
        # Header on line 9; the byte-order mark does not reach the first column name.
        header = _one(
            con,
            "select header_text from raw._columns where raw_table = 'ons_falls_mortality_nomis__death_rate' "
            "and position = 1",
        )
        assert header == "local authority: county / unitary (as of April 2021)"
        assert (
            _one(
                con,
                "select col_2016 from raw.ons_falls_mortality_nomis__death_rate "
                "where local_authority_county_unitary_as_of_april_2021 = 'Kingston upon Hull, City of'",
            )
            == "9.4"
        )
        assert (
            _one(
                con,
                "select col_2018 from raw.ons_falls_mortality_nomis__death_rate "
                "where local_authority_county_unitary_as_of_april_2021 = 'Rutland'",
            )
            == "-"
        )
        assert (
            _one(
                con,
                "select _row_number from raw.ons_falls_mortality_nomis__death_rate "
                "where local_authority_county_unitary_as_of_april_2021 = 'Leicestershire'",
            )
            == 10
        )
        # Junk after the table lands as published (blank lines are skipped); staging drops it.
        assert _one(con, "select count(*) from raw.ons_falls_mortality_nomis__death_rate") == 7
        assert (
            _one(
                con,
                "select count(*) from raw.ons_falls_mortality_nomis__death_rate "
                "where local_authority_county_unitary_as_of_april_2021 = '#NAME?'",
            )
            == 1
        )
        assert (
            _one(
                con,
                "select col_2016 from raw.ons_falls_mortality_nomis__deaths "
                "where local_authority_county_unitary_as_of_april_2021 = 'Column Total'",
            )
            == "1,227"
        )
        # Datasets without a file land as empty tables with their declared columns.
        assert _one(con, "select count(*) from raw.fingertips_hip_fractures_65plus__indicator_data") == 0
        status = _one(
            con, "select status from raw.load_log where raw_table = 'fingertips_hip_fractures_65plus__indicator_data'"
        )
        assert status == "missing"
    finally:
        con.close()


def test_dtoc_fixtures_land_both_layouts_with_the_period_cell(fixture_db):
    con = duckdb.connect(str(fixture_db), read_only=True)
    try:
        table = "raw.nhse_dtoc_la_monthly__la_total_delayed_days"
        landed = con.execute(
            f"select _source_file, _sheet, count(*), min(reporting_period), max(reporting_period), "
            f"count(dtoc_beds_total) from {table} group by 1, 2 order by 1"
        ).fetchall()
        assert landed == [
            (
                "health_interface/dtoc_la_monthly/Feb_18.xlsx",
                "LA - by responsible org",
                5,
                "February 2018",
                "February 2018",
                5,
            ),
            (
                "health_interface/dtoc_la_monthly/Sept_16.xlsx",
                "LA - by responsible org",
                6,
                "September 2016",
                "September 2016",
                0,
            ),
        ]
        # Header on row 14, England on row 15, the blank row 16 skipped, councils from row 17.
        assert _one(
            con, f"select _row_number, total from {table} where name = 'England' and _source_file like '%Sept_16%'"
        ) == (15, "160000")
        assert _one(
            con,
            f"select _row_number, code, social_care, total from {table} "
            "where ons_geography = 'E10000018' and _source_file like '%Sept_16%'",
        ) == (17, "508", "229", "1436")
        assert _one(
            con,
            f"select total, dtoc_beds_total from {table} "
            "where ons_geography = 'E10000018' and _source_file like '%Feb_18%'",
        ) == ("1316", "47")
        assert _one(
            con,
            f"select social_care, total from {table} where ons_geography = 'E08000010' "
            "and _source_file like '%Feb_18%'",
        ) == ("-", "-")
        # The second block's repeated headers land under the registry's canonical names.
        headers = dict(
            con.execute(
                "select column_name, header_text from raw._columns "
                "where raw_table = 'nhse_dtoc_la_monthly__la_total_delayed_days'"
            ).fetchall()
        )
        assert headers["dtoc_beds_total"] == "Total" and headers["reporting_period"] == "metadata: Period:"
        messages = dict(
            con.execute(
                "select file, message from raw.load_log where raw_table = 'nhse_dtoc_la_monthly__la_total_delayed_days'"
            ).fetchall()
        )
        assert messages["health_interface/dtoc_la_monthly/Sept_16.xlsx"].startswith("layout variant 1 (")
        assert "variant" not in messages["health_interface/dtoc_la_monthly/Feb_18.xlsx"]
        assert (
            _one(
                con,
                "select count(*) from raw.quarantine where raw_table = 'nhse_dtoc_la_monthly__la_total_delayed_days'",
            )
            == 0
        )
    finally:
        con.close()


# --- staging parse: the project's staging views built by dbt over the landed fixtures -------------


def _dbt() -> Path:
    dbt = Path(sys.executable).with_name("dbt")
    if not dbt.exists():
        pytest.skip("dbt is not installed next to this Python")
    return dbt


@pytest.fixture(scope="module")
def dbt_runner(tmp_path_factory):
    """Runs dbt on a copy of a landed warehouse and returns (result, path of the built copy).

    Every call runs at the same warehouse path with the same target folder as every other dbt run
    of this pytest process (demo_build.run_dbt), so dbt's saved parse stays valid and only the
    first run parses the whole project."""
    _dbt()
    tmp = tmp_path_factory.mktemp("health_dbt")
    calls = iter(range(1, 100))

    def run(landed: Path, *args: str):
        built = tmp / f"built_{next(calls)}.duckdb"
        shutil.copy(landed, built)
        return run_dbt(built, *args, timeout=600), built

    return run


@pytest.fixture(scope="module")
def staged_db(fixture_db, dbt_runner):
    result, db = dbt_runner(fixture_db, "run", "--select", *STAGING)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    con = duckdb.connect(str(db), read_only=True)
    yield con
    con.close()


def test_staging_nomis_unpivots_and_drops_junk(staged_db):
    rows = staged_db.execute(
        "select area_name, name_key, period, period_end_year, death_rate, is_suppressed "
        "from staging.stg_health_interface__falls_death_rate where period in ('2016', '2018') "
        "order by area_name, period"
    ).fetchall()
    names = {r[0] for r in rows}
    assert names == {
        "Leicestershire",
        "Kingston upon Hull, City of",
        "Rutland",
        "Bournemouth, Christchurch and Poole",
        "Buckinghamshire",
        "Cardiff",
    }
    hull = [r for r in rows if r[0].startswith("Kingston")]
    assert hull[0][1] == "kingstonuponhull"  # ", City of" removed by name_key
    assert hull[0][2:5] == ("2016", 2016, 9.4)
    rutland_2018 = [r for r in rows if r[0] == "Rutland" and r[2] == "2018"][0]
    assert rutland_2018[4] is None and rutland_2018[5] is True  # '-' -> null, never zero
    assert _one(staged_db, "select count(*) from staging.stg_health_interface__falls_death_rate") == 6 * 10
    assert (
        _one(
            staged_db,
            "select count(*) from staging.stg_health_interface__falls_deaths where area_name = 'Column Total'",
        )
        == 0
    )
    assert (
        _one(
            staged_db,
            "select deaths from staging.stg_health_interface__falls_deaths "
            "where area_name = 'Rutland' and period = '2018'",
        )
        == 0.0
    )


def test_staging_fingertips_main_series_only(staged_db):
    rows = staged_db.execute(
        "select authority_code, sex, period, period_end_year, indicator_value, numerator, denominator, "
        "is_suppressed, source_dataset_id from staging.stg_health_interface__falls_admissions_65plus "
        "order by authority_code, sex, period"
    ).fetchall()
    # The deprivation-decile row and the rolling 3-year period are dropped.
    assert len(rows) == 5
    leicestershire = [r for r in rows if r[0] == "E10000018" and r[1] == "Persons"]
    assert [r[2] for r in leicestershire] == ["2016-17", "2017-18"]
    assert leicestershire[0][3:7] == (2017, 1794.6, 2378.0, 137915.0)
    rutland = [r for r in rows if r[0] == "E06000017"][0]
    assert rutland[4] is None and rutland[7] is True and rutland[6] == 9870.0
    assert {r[8] for r in rows} == {"fingertips_falls_admissions_65plus"}


def test_staging_dtoc_one_row_per_authority_and_month(staged_db):
    rows = staged_db.execute(
        "select source_file, authority_code, cassr_code, period, period_end_year, calendar_year, month_number, "
        "days_in_month, delayed_days_nhs, delayed_days_social_care, delayed_days_both, delayed_days_total, "
        "published_beds_total, is_suppressed, is_file_name_month_matching "
        "from staging.stg_health_interface__delayed_transfers_monthly order by source_file, authority_code"
    ).fetchall()
    by_key = {(r[0].rsplit("/", 1)[1], r[1]): r[2:] for r in rows}
    # England (no code in the file) is E92000001; residence rows (Scotland, Wales, outside GB) are left
    # out; Gateshead's pre-2013 code is normalised.
    assert sorted(by_key) == [
        ("Feb_18.xlsx", "E08000010"),
        ("Feb_18.xlsx", "E08000037"),
        ("Feb_18.xlsx", "E10000018"),
        ("Feb_18.xlsx", "E92000001"),
        ("Sept_16.xlsx", "E06000017"),
        ("Sept_16.xlsx", "E08000010"),
        ("Sept_16.xlsx", "E10000018"),
        ("Sept_16.xlsx", "E92000001"),
    ]
    # The month comes from the Period cell; it agrees with the name (Sept_16: September 2016).
    assert by_key["Sept_16.xlsx", "E10000018"] == (
        "508",
        "2016-17",
        2017,
        2016,
        9,
        30,
        1015.0,
        229.0,
        192.0,
        1436.0,
        None,
        False,
        True,
    )
    assert by_key["Feb_18.xlsx", "E10000018"] == (
        "508",
        "2017-18",
        2018,
        2018,
        2,
        28,
        1120.0,
        140.0,
        56.0,
        1316.0,
        47.0,
        False,
        True,
    )
    assert by_key["Sept_16.xlsx", "E92000001"][0] is None
    # '-' is null (never zero), flagged by is_suppressed on the total.
    assert by_key["Sept_16.xlsx", "E08000010"][6:12] == (None, None, None, None, None, True)
    assert by_key["Feb_18.xlsx", "E08000010"][6:11] == (280.0, None, 28.0, None, None)
    assert by_key["Feb_18.xlsx", "E08000010"][11] is True


def test_staging_dtoc_period_cell_against_file_name_fails_the_build(dbt_runner, tmp_path):
    """A file whose name gives another month than its Period cell (Feb_18.xlsx saved again as
    Jan_18.xlsx) lands, is flagged and fails the model's test: it is not hidden behind the file
    whose name is right, and the month used is the Period cell's."""
    from conftest import FIXTURES

    raw = tmp_path / "raw" / "health_interface" / "dtoc_la_monthly"
    raw.mkdir(parents=True)
    shutil.copy(FIXTURES / "health_interface" / "dtoc_la_monthly" / "Feb_18.xlsx", raw / "Feb_18.xlsx")
    shutil.copy(FIXTURES / "health_interface" / "dtoc_la_monthly" / "Feb_18.xlsx", raw / "Jan_18.xlsx")
    landed = tmp_path / "mismatch.duckdb"
    _land(tmp_path / "raw", landed, tmp_path)
    result, db = dbt_runner(landed, "build", "--select", "stg_health_interface__delayed_transfers_monthly")
    assert result.returncode != 0
    assert "Failure in test dtoc_period_cell_matches_file_name" in result.stdout, result.stdout[-3000:]
    con = duckdb.connect(str(db), read_only=True)
    try:
        flagged = con.execute(
            "select distinct source_file, file_calendar_year, file_month_number, calendar_year, month_number "
            "from staging.stg_health_interface__delayed_transfers_monthly where not is_file_name_month_matching"
        ).fetchall()
        assert flagged == [("health_interface/dtoc_la_monthly/Jan_18.xlsx", 2018, 1, 2018, 2)]
        assert (
            _one(
                con,
                "select count(*) from staging.stg_health_interface__delayed_transfers_monthly where month_number = 1",
            )
            == 0
        )
    finally:
        con.close()


# --- demo -----------------------------------------------------------------------------------------


def test_demo_writes_every_table_with_names_the_lookup_knows(tmp_path):
    from council_index.demo.datasets import health_interface, la_lookup
    from council_index.demo.universe import SEED, build_universe

    universe = build_universe()
    out = tmp_path / "demo"
    health_interface.write(universe, out, random.Random(f"{SEED}:health_interface"))
    la_lookup.write(universe, out, random.Random(f"{SEED}:la_lookup"))
    db = tmp_path / "demo.duckdb"
    _land(out, db, tmp_path)
    con = duckdb.connect(str(db), read_only=True)
    try:
        # The la_lookup demo files are not in this registry copy: their 'unregistered' lines have no table.
        entries = con.execute(
            "select raw_table, sum(rows), min(status) from raw.load_log where raw_table is not null group by 1"
        ).fetchall()
        assert len(entries) == 7
        assert all(rows > 0 and status.startswith("loaded") for _, rows, status in entries), entries
        # Both layouts: 2016-17 without the "DTOC Beds" block (variant 1), then 2017-18 and 2018-19 with it.
        assert con.execute(
            "select count(distinct _source_file), count(distinct _source_file) filter (where dtoc_beds_total is not null), "
            "count(distinct reporting_period) from raw.nhse_dtoc_la_monthly__la_total_delayed_days"
        ).fetchall() == [(36, 24, 36)]
        assert (
            _one(
                con,
                "select count(*) from raw.load_log where raw_table = 'nhse_dtoc_la_monthly__la_total_delayed_days' "
                "and message like 'layout variant 1 %'",
            )
            == 12
        )
        names = {
            r[0]
            for r in con.execute(
                "select local_authority_county_unitary_as_of_april_2021 from raw.ons_falls_mortality_nomis__death_rate"
            ).fetchall()
        }
    finally:
        con.close()
    upper = {a.name for a in universe.upper_tier}
    # Names only, some written "<name>, City of" as Nomis does, plus junk and a non-English area.
    assert {n.removesuffix(", City of") for n in names if n not in ("#NAME?", "Glenbarra")} == upper
    assert any(n.endswith(", City of") for n in names)
    assert {"#NAME?", "Glenbarra"} <= names


def test_scaled_demo_dtoc_files_pass_the_coverage_check(tmp_path):
    """A benchmark universe (index-demo --scale N) lands its DToC files: only the first unranked unitary,
    the Isles of Scilly stand-in the registry's exception names, is left out of them; its replicas are
    ordinary fictional councils, which the coverage check (every upper-tier council in each month)
    expects. make bench's x10 load failed on all 36 files when every replica was left out."""
    from council_index.demo.datasets import health_interface, la_lookup
    from council_index.demo.universe import SEED, build_universe

    universe = build_universe(scale=2)
    out = tmp_path / "demo"
    health_interface.write(universe, out, random.Random(f"{SEED}:health_interface"))
    la_lookup.write(universe, out, random.Random(f"{SEED}:la_lookup"))
    registry = _registry(tmp_path)
    for name in ("la_lookup.yml", "_authority_lists.yml"):
        shutil.copy(REGISTRY_DIR / name, registry / name)
    db = tmp_path / "scaled.duckdb"
    load_all(out, db, registry_dir=registry, progress=lambda message: None)
    con = duckdb.connect(str(db), read_only=True)
    try:
        codes = {
            r[0]
            for r in con.execute(
                "select distinct ons_geography from raw.nhse_dtoc_la_monthly__la_total_delayed_days"
            ).fetchall()
        }
    finally:
        con.close()
    unranked = [a.code for a in universe.upper_tier if not a.is_ranked and a.kind == "unitary"]
    assert len(unranked) == 2 and unranked[0] == "E06900056"
    assert unranked[0] not in codes and unranked[1] in codes


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


def test_real_dtoc_files_land_every_month(real_db):
    per_file = real_db.execute(
        "select _source_file, count(*), min(reporting_period), count(distinct reporting_period), "
        "count(dtoc_beds_total), count(*) filter (where ons_geography like 'E%') "
        "from raw.nhse_dtoc_la_monthly__la_total_delayed_days group by 1"
    ).fetchall()
    assert len(per_file) == 24
    # England, 151 councils and three residence rows in every file; one Period per file.
    assert {(rows, periods, councils) for _, rows, _, periods, _, councils in per_file} == {(155, 1, 151)}
    months = {f.rsplit("/", 1)[1].removesuffix(".xls"): (period, beds) for f, _, period, _, beds, _ in per_file}
    assert months["Sept_16"] == ("September 2016", 0) and months["Sep_17"] == ("September 2017", 155)
    assert {months[s][1] for s in DTOC_2016_17} == {0} and {months[s][1] for s in DTOC_2017_18} == {155}
    log = real_db.execute(
        "select status, count(*) from raw.load_log "
        "where raw_table = 'nhse_dtoc_la_monthly__la_total_delayed_days' group by 1"
    ).fetchall()
    assert log == [("loaded", 24)]


@pytest.mark.parametrize(
    "stem, gss, nhs, social_care, both, total",
    [
        ("April_16", "E10000018", "1015", "229", "192", "1436"),  # Leicestershire
        ("April_17", "E08000010", "81", "309", "53", "443"),  # Wigan
        ("Sep_17", "E06000015", "254", "45", "0", "299"),  # Derby
        ("March_18", "E10000023", None, None, None, None),  # North Yorkshire: checked below
    ],
)
def test_real_dtoc_spot_checks(real_db, stem, gss, nhs, social_care, both, total):
    row = _one(
        real_db,
        'select nhs, social_care, "both", total from raw.nhse_dtoc_la_monthly__la_total_delayed_days '
        "where ons_geography = ? and _source_file like ?",
        gss,
        f"%/{stem}.xls",
    )
    if nhs is not None:
        assert row == (nhs, social_care, both, total)
    else:
        assert int(row[0]) + int(row[1]) + int(row[2]) == int(row[3])
    england = _one(
        real_db,
        "select total from raw.nhse_dtoc_la_monthly__la_total_delayed_days "
        "where name = 'England' and _source_file like ?",
        "%/March_18.xls",
    )
    assert england == "154494"


@pytest.mark.parametrize(
    "name, r2016, r2017, r2018",
    [
        ("Leicestershire", "9.99", "10.47", "9.02"),
        ("Wigan", "11.11", "17.73", "14.91"),
        ("Rutland", "6.1", "10.17", "-"),
        ("Redbridge", "6.43", "3.72", "2.94"),
    ],
)
def test_real_falls_rate_spot_checks(real_db, name, r2016, r2017, r2018):
    assert _one(
        real_db,
        "select col_2016, col_2017, col_2018 from raw.ons_falls_mortality_nomis__death_rate "
        "where local_authority_county_unitary_as_of_april_2021 = ?",
        name,
    ) == (r2016, r2017, r2018)


def test_real_dtoc_staging_months_agree_with_file_names(real_db, dbt_runner):
    """Staging over the 24 real files: 151 councils and England in each of April 2016 to March 2018,
    every Period cell agreeing with the month in its file name."""
    landed = real_db.execute("select path from duckdb_databases() where database_name = current_database()").fetchone()
    result, db = dbt_runner(Path(landed[0]), "build", "--select", "stg_health_interface__delayed_transfers_monthly")
    assert result.returncode == 0, result.stdout[-3000:]
    con = duckdb.connect(str(db), read_only=True)
    try:
        months = con.execute(
            "select calendar_year * 100 + month_number, count(*), bool_and(is_file_name_month_matching), "
            "count(published_beds_total) from staging.stg_health_interface__delayed_transfers_monthly "
            "group by 1 order by 1"
        ).fetchall()
        expected = [
            y * 100 + m
            for y, m in [(2016, m) for m in range(4, 13)]
            + [(2017, m) for m in range(1, 13)]
            + [(2018, m) for m in range(1, 4)]
        ]
        assert [m[0] for m in months] == expected
        assert {(rows, agree) for _, rows, agree, _ in months} == {(152, True)}
        assert [beds for month, _, _, beds in months if month >= 201704] == [152] * 12
        leicestershire = _one(
            con,
            "select cassr_code, period, delayed_days_nhs, delayed_days_social_care, "
            "delayed_days_both, delayed_days_total from staging.stg_health_interface__delayed_transfers_monthly "
            "where authority_code = 'E10000018' and calendar_year = 2016 and month_number = 4",
        )
        assert leicestershire == ("508", "2016-17", 1015.0, 229.0, 192.0, 1436.0)
    finally:
        con.close()
