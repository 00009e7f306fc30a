"""DfE data (folders dfe_lait, dfe_cla_underlying and dfe_cin): landing quirks, real-data spot checks, demo.

Fixtures under tests/python/fixtures/dfe_*/ are small files written for these tests in the
published layouts (LAIT long parquet with LA Number as a double, the multi-line data dictionary,
the wide SFR CSVs with '&' headers and a blank geog_l, EES files with a byte-order mark and the
shifted headers of the CLA rate file; the 2025 CLA release in dfe_cla_underlying/release_2025/
with its renamed columns, renamed placement stability file and swapped outcome columns; the
children in need and social work workforce tables with their markers 'u' and 'low'). The Ofsted
workbook, whose dates are date cells, is written by the test itself (`_ofsted_workbook`).
"""

from __future__ import annotations

import datetime
import random
import shutil
import time
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import duckdb
import pytest

from council_index.pipeline.loader import load_all
from council_index.pipeline.registry import REGISTRY_DIR, load_registry

OWN_REGISTRY = ("dfe_lait.yml", "dfe_cla_underlying.yml", "dfe_cin.yml")


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
    assert len(tables) == 26
    assert {
        "dfe_lait__bds_long",
        "dfe_lait__data_dictionary",
        "dfe_lait__la_code_list",
        "dfe_cla__sfr41_cla_2016",
        "dfe_cla__ees_cla_rate",
        "dfe_cin_census__d5_cpp_duration",
        "dfe_csww__la_indicators",
        "ofsted_la_inspections__outcomes_at_31_march",
        "ofsted_la_inspections__inspection_history",
    } <= tables


def test_lait_parquet_number_and_values_as_text(fixture_db):
    # LA Number is a double in the parquet file: it lands as '855', not '855.0'.
    assert _one(fixture_db, "select la_number from raw.dfe_lait__bds_long where short_desc = 'ReReferral'") == "855"
    # Float artefacts are kept exactly as published (staging parses them).
    assert (
        _one(fixture_db, "select \"values\" from raw.dfe_lait__bds_long where short_desc = 'ReReferral'")
        == "2.2999999999999998"
    )
    assert _one(fixture_db, "select count(*) from raw.dfe_lait__bds_long") == 8
    assert (
        _one(fixture_db, "select la_number from raw.dfe_lait__la_code_list where la_name = 'Barking and Dagenham'")
        == "301"
    )


def test_lait_dictionary_multiline_fields(fixture_db):
    assert _one(fixture_db, "select count(*) from raw.dfe_lait__data_dictionary") == 4
    methodology = _one(fixture_db, "select methodology from raw.dfe_lait__data_dictionary where measure_short = 'LAC'")
    assert methodology == "Rate per 10,000.\n\nPopulation: ONS mid-year estimates."
    assert (
        _one(fixture_db, "select year_type from raw.dfe_lait__data_dictionary where measure_short = 'LAC'") == "Annual"
    )


def test_sfr_headers_and_markers(fixture_db):
    columns = {
        r[0]
        for r in fixture_db.execute(
            "select column_name from raw._columns where raw_table = 'dfe_cla__sfr41_care_leavers_2016'"
        ).fetchall()
    }
    # '&' in a header becomes '_and_'.
    assert {"all_aged1920_and_21", "act_he1920_and_21", "all_aged17_and_18"} <= columns
    assert (
        _one(fixture_db, "select act_he1920_and_21 from raw.dfe_cla__sfr41_care_leavers_2016 where geog_c = '855'")
        == "x"
    )
    # Trailing space in 'CLA_NetGain ' is dropped by the name normalisation.
    assert (
        _one(
            fixture_db,
            "select header_text from raw._columns where raw_table = 'dfe_cla__sfr41_cla_2016' "
            "and column_name = 'cla_netgain'",
        )
        == "CLA_NetGain"
    )
    # Pre-2013 GSS code as published (normalised in staging).
    assert _one(fixture_db, "select new_geog_code from raw.dfe_cla__sfr41_cla_2016 where geog_c = '390'") == "E08000020"
    # Isles of Scilly row with no geog_l in SFR50.
    assert _one(fixture_db, "select geog_l from raw.dfe_cla__sfr50_cla_2017 where geog_c = '420'") is None
    assert _one(fixture_db, "select cla_mar2017 from raw.dfe_cla__sfr50_cla_2017 where geog_c = '855'") == "509"


def test_ees_bom_and_shifted_headers(fixture_db):
    # The BOM does not end up in the first column name; the measure sits under population_count.
    row = _one(
        fixture_db,
        "select time_period, population_count, population_estimate, number "
        "from raw.dfe_cla__ees_cla_rate where old_la_code = '825'",
    )
    assert row == ("2019", "Children looked after at 31 March each year", "122000", "514")
    assert (
        _one(fixture_db, "select new_la_code from raw.dfe_cla__ees_cla_rate where old_la_code = '825'") == "E06000060"
    )
    assert _one(fixture_db, "select number from raw.dfe_cla__ees_placement_stability where old_la_code = '857'") == "c"


def test_missing_files_give_empty_tables_with_declared_columns(fixture_db):
    assert _one(fixture_db, "select count(*) from raw.dfe_cla__sfr41_missing_2016") == 0
    columns = {r[0] for r in fixture_db.execute("describe raw.dfe_cla__sfr41_missing_2016").fetchall()}
    assert {"new_geog_code", "geog_c", "cla_missduringyear", "cla_missincs"} <= columns
    assert _one(fixture_db, "select count(*) from raw.ofsted_la_inspections__inspection_history") == 0


# --- the 2025 CLA release (release_2025/): one raw table per file, layout variants ----------------


def test_release_2025_files_land_in_the_same_tables(fixture_db):
    files = dict(
        fixture_db.execute(
            "select file, raw_table from raw.load_log where file like 'dfe_cla_underlying/release_2025/%'"
        ).fetchall()
    )
    assert files == {
        "dfe_cla_underlying/release_2025/" + name: "dfe_cla__" + table
        for name, table in [
            ("la_cla_placement_stability.csv", "ees_placement_stability"),
            ("la_care_leavers_activity.csv", "ees_care_leavers_activity"),
            ("la_care_leavers_accommodation_suitability.csv", "ees_care_leavers_accommodation"),
            ("la_children_who_were_missing_or_away_from_placement_without_authorisation.csv", "ees_missing"),
            ("la_conviction_health_outcome_cla.csv", "ees_outcomes"),
            ("cla_number_and_rate_per_10k_children.csv", "ees_cla_rate"),
        ]
    }
    # The renamed file and columns (placement_stability, children_count ...) land under the older names.
    row = _one(
        fixture_db,
        "select cla_group, characteristic, number, percentage from raw.dfe_cla__ees_placement_stability "
        "where _source_file like '%release_2025%' and time_period = '2021' "
        "and characteristic like 'With 3%year'",
    )
    assert row == ("CLA on 31 March", "With 3 or more placements during the year", "71", "10")
    message = _one(fixture_db, "select message from raw.load_log where file like '%release_2025/la_cla_placement%'")
    assert message.startswith("layout variant 1 (dfe_cla_underlying/release_*/la_cla_placement_stability.csv)")
    assert (
        _one(
            fixture_db,
            "select age || ' | ' || activity || ' | ' || number from raw.dfe_cla__ees_care_leavers_activity "
            "where percentage = '55'",
        )
        == "19 to 21 years | Total in education, employment or training | 150"
    )
    assert (
        _one(
            fixture_db,
            "select accommodation_suitability from raw.dfe_cla__ees_care_leavers_accommodation where number = 'c'",
        )
        == "Accommodation considered unsuitable"
    )
    assert (
        _one(
            fixture_db,
            "select population_count || ' | ' || number from raw.dfe_cla__ees_cla_rate where old_la_code = '815'",
        )
        == "Children looked after on 31 March each year | 422"
    )
    # CLA_group (upper case in the 2025 missing file) normalises to cla_group: no alias needed.
    assert _one(fixture_db, "select count(*) from raw.dfe_cla__ees_missing where cla_group is not null") == 2


def test_outcome_columns_swapped_between_releases_land_as_cohort_and_outcome(fixture_db):
    # Older file: cla_group (cohort), characteristic (outcome); 2025 release: characteristic (cohort),
    # breakdown (outcome). One variant per release lands both as cla_group and breakdown.
    rows = fixture_db.execute(
        "select split_part(_source_file, '/', 2), cla_group, breakdown, number from raw.dfe_cla__ees_outcomes "
        "order by 1, 3"
    ).fetchall()
    assert rows == [
        ("la_conviction_health_outcome_cla.csv", "Ages 5 to 16 years with SDQ score", "SDQ average score", "14.1"),
        (
            "la_conviction_health_outcome_cla.csv",
            "Ages 5 to 16 years with SDQ score",
            "SDQ score is a cause for concern",
            "120",
        ),
        ("release_2025", "Ages 5 to 16 years with SDQ score", "SDQ score is a cause for concern", "118"),
        ("release_2025", "Ages 5 to 16 years with SDQ score", "SDQ score was received", "350"),
    ]
    columns = {r[0] for r in fixture_db.execute("describe raw.dfe_cla__ees_outcomes").fetchall()}
    assert "characteristic" not in columns


def test_metadata_documents_are_listed_as_not_read(fixture_db):
    status, message = _one(
        fixture_db,
        "select status, message from raw.load_log where file = 'dfe_cla_underlying/post_2017_data-guidance.txt'",
    )
    assert status == "not_read"
    assert "documentation for people" in message


# --- children in need census, social work workforce (dfe_cin) -----------------------------------


def test_cin_tables_keep_markers_and_odd_headers(fixture_db):
    # d5 band headers start with a digit: col_ prefix; c4's 'Duration_21+_days' -> duration_21_days.
    d5 = {r[0] for r in fixture_db.execute("describe raw.dfe_cin_census__d5_cpp_duration").fetchall()}
    assert {"cpp_at31", "col_3_months_or_less", "col_1_year_less_than_2_years", "col_2_years_or_more_percent"} <= d5
    assert (
        _one(
            fixture_db,
            "select duration_21_days from raw.dfe_cin_census__c4_section_47_icpc "
            "where time_period = '2025' and geographic_level = 'National'",
        )
        == "6990"
    )
    # Markers land as published: 'u' (low reliability), 'low' (rounds to zero), 'c', 'x', blank.
    assert (
        _one(fixture_db, "select at31_episodes from raw.dfe_cin_census__b1_children_in_need where old_la_code = '850'")
        == "u"
    )
    assert (
        _one(
            fixture_db,
            "select agency_fte || ' ' || leavers_fte from raw.dfe_csww__la_indicators where old_la_code = '394'",
        )
        == "low u"
    )
    assert (
        _one(
            fixture_db,
            "select awaiting_assessment from raw.dfe_cin_census__b1_children_in_need where old_la_code = '420'",
        )
        is None
    )
    # The CIN files put old_la_code, new_la_code, la_name in that order (CLA files: la_name first).
    assert (
        _one(
            fixture_db,
            "select new_la_code || ' ' || la_name from raw.dfe_cin_census__d3_cpp_subsequent where old_la_code = '855'",
        )
        == "E10000018 Leicestershire"
    )
    assert _one(fixture_db, "select count(*) from raw.quarantine where raw_table like 'dfe_cin%'") == 0


def _ofsted_workbook(path: Path, sheets: dict[str, list[list]]) -> Path:
    """A small OpenDocument workbook whose dates are date cells, as Ofsted's are (the demo writer
    has no date cells)."""

    def cell(value) -> str:
        if value is None:
            return "<table:table-cell/>"
        if isinstance(value, datetime.date):
            return (
                f'<table:table-cell office:value-type="date" office:date-value="{value.isoformat()}T00:00:00" '
                f'calcext:value-type="date"><text:p>{value:%d/%m/%Y}</text:p></table:table-cell>'
            )
        return f'<table:table-cell office:value-type="string"><text:p>{escape(str(value))}</text:p></table:table-cell>'

    body = "".join(
        f"<table:table table:name={quoteattr(name)}>"
        + "".join("<table:table-row>" + "".join(cell(v) for v in row) + "</table:table-row>" for row in rows)
        + "</table:table>"
        for name, rows in sheets.items()
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" office:version="1.2">'
        f"<office:body><office:spreadsheet>{body}</office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", compress_type=zipfile.ZIP_STORED)
        archive.writestr("META-INF/manifest.xml", manifest)
        archive.writestr("content.xml", content)
    return path


def test_ofsted_workbook_sheets_header_row_and_date_cells(tmp_path):
    judgements = [
        "Overall effectiveness",
        "The impact of leaders on social work practice with children and families",
        "The experiences and progress of children who need help and protection",
        "The experiences and progress of children in care",
        "The experiences and progress of care leavers",
    ]
    note = ["This worksheet contains one table with no blank rows or columns. This table begins in cell A3."]
    link = "Ofsted Local Authority Webpage"
    _ofsted_workbook(
        tmp_path / "raw" / "dfe_cin" / "LA_Inspection_Outcomes_as_at_31_March_2025.ods",
        {
            "Cover": [
                ["Local authority inspection outcomes as at 31 March 2025"],
                ["Published on:", datetime.date(2025, 9, 25)],
            ],
            "Contents": [["Contents"]],
            "Notes": [["Notes"]],
            "Inspections_as_at_31_March": [
                ["Local authority inspection judgements as at 31 March 2025"],
                note,
                [
                    "Web link",
                    "Local authority area code",
                    "Local authority name",
                    "Ofsted region",
                    "Inspection date",
                    "Publication date",
                    *judgements,
                ],
                [
                    link,
                    "E09000002",
                    "Barking and Dagenham",
                    "London",
                    datetime.date(2023, 7, 10),
                    datetime.date(2023, 9, 4),
                    "Requires improvement to be good",
                    "Requires improvement to be good",
                    "Requires improvement to be good",
                    "Requires improvement to be good",
                    "Good",
                ],
                [
                    link,
                    "E08000031",
                    "Wolverhampton",
                    "West Midlands",
                    datetime.date(2022, 3, 28),
                    datetime.date(2022, 5, 18),
                    "Good",
                    "Outstanding",
                    "Good",
                    "Good",
                    None,
                ],
            ],
            "In-year_inspections": [["Local authority in-year inspection activity 2024-25"], note, ["Web link"]],
            "ILACS_inspection_history": [
                ["ILACS inspection history from 2018-2025"],
                note,
                [
                    "Web link",
                    "Local authority area code",
                    "Local authority name",
                    "Local authority status",
                    "Ofsted region",
                    "Inspection date",
                    "Publication date",
                    "Inspection type",
                    *judgements,
                ],
                [
                    link,
                    "E10000021",
                    "Northamptonshire",
                    "No longer exists",
                    "East Midlands",
                    datetime.date(2019, 6, 17),
                    datetime.date(2019, 7, 29),
                    "ILACS Standard Inspection",
                    "Inadequate",
                    "Inadequate",
                    "Inadequate",
                    "Inadequate",
                    None,
                ],
            ],
        },
    )
    con = _land(tmp_path / "raw", tmp_path)
    rows = con.execute(
        "select local_authority_area_code, inspection_date, the_experiences_and_progress_of_care_leavers, "
        "_sheet, _row_number from raw.ofsted_la_inspections__outcomes_at_31_march order by 1"
    ).fetchall()
    assert rows == [
        ("E08000031", "2022-03-28T00:00:00", None, "Inspections_as_at_31_March", 5),
        ("E09000002", "2023-07-10T00:00:00", "Good", "Inspections_as_at_31_March", 4),
    ]
    assert (
        _one(
            con,
            "select local_authority_status || ' ' || inspection_type "
            "from raw.ofsted_la_inspections__inspection_history",
        )
        == "No longer exists ILACS Standard Inspection"
    )
    # 63 characters at most: the long judgement headers are cut.
    assert (
        _one(
            con,
            "select header_text from raw._columns where raw_table = 'ofsted_la_inspections__outcomes_at_31_march' "
            "and column_name = 'the_impact_of_leaders_on_social_work_practice_with_children_and'",
        )
        == judgements[1]
    )
    con.close()


# --- real data (skipped when ../shared/data is absent) -------------------------------------------


@pytest.fixture(scope="module")
def real_db(tmp_path_factory):
    from conftest import SHARED_DATA

    if not (SHARED_DATA / "dfe_lait").is_dir() or not (SHARED_DATA / "dfe_cla_underlying").is_dir():
        pytest.skip("real DfE data not present")
    tmp = tmp_path_factory.mktemp("dfe_real")
    raw = tmp / "raw"
    raw.mkdir()
    # A tree of folders with one link per file (not a link per folder): the loader's account of the
    # files nobody reads walks real folders only, and this test checks that account too.
    for folder in ("dfe_lait", "dfe_cla_underlying", "dfe_cin"):
        for path in sorted((SHARED_DATA / folder).rglob("*")):
            if path.is_file():
                link = raw / path.relative_to(SHARED_DATA)
                link.parent.mkdir(parents=True, exist_ok=True)
                link.symlink_to(path)
    started = time.perf_counter()
    con = _land(raw, tmp)
    con.execute("create temp table timing as select ? as seconds", [time.perf_counter() - started])
    yield con
    con.close()


def test_real_row_counts_and_load_time(real_db):
    assert _one(real_db, "select count(*) from raw.dfe_lait__bds_long") == 641_070
    assert _one(real_db, "select count(*) from raw.dfe_lait__data_dictionary") == 448
    assert _one(real_db, "select count(*) from raw.dfe_cla__ees_placement_stability") == 3_360 + 5_010
    assert _one(real_db, "select count(*) from raw.dfe_cla__sfr41_cla_2016") == 163
    # 641k parquet rows land in a few seconds (1.6 s measured); a generous bound guards regressions.


REAL_ROWS = {  # rows landed per file (PROVENANCE.md of dfe_cla_underlying and dfe_cin)
    "dfe_cla_underlying/la_cla_at_31_march_placement_stability_indicator.csv": 3_360,
    "dfe_cla_underlying/la_care_leavers_activity.csv": 20_160,
    "dfe_cla_underlying/la_care_leavers_accommodation_suitability.csv": 6_720,
    "dfe_cla_underlying/la_children_who_were_missing_or_away_from_placement_without_authorisation.csv": 10_920,
    "dfe_cla_underlying/la_conviction_health_outcome_cla.csv": 15_120,
    "dfe_cla_underlying/cla_number_and_rate_per_10k_children.csv": 2_520,
    "dfe_cla_underlying/release_2025/la_cla_placement_stability.csv": 5_010,
    "dfe_cla_underlying/release_2025/la_care_leavers_activity.csv": 20_040,
    "dfe_cla_underlying/release_2025/la_care_leavers_accommodation_suitability.csv": 6_680,
    "dfe_cla_underlying/release_2025/la_children_who_were_missing_or_away_from_placement_without_authorisation.csv": 10_855,
    "dfe_cla_underlying/release_2025/la_conviction_health_outcome_cla.csv": 15_030,
    "dfe_cla_underlying/release_2025/cla_number_and_rate_per_10k_children.csv": 2_505,
    "dfe_cin/b1_children_in_need_2013_to_2025.csv": 2_132,
    "dfe_cin/c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv": 2_132,
    "dfe_cin/c4_children_in_need_section_47s_and_icpcs_2013_to_2025.csv": 2_132,
    "dfe_cin/d3_cpps_subsequent_plan_2013_to_2025.csv": 2_132,
    "dfe_cin/d5_cpps_at31march_by_duration_2013_to_2025.csv": 2_132,
    "dfe_cin/csww_indicators_2017_to_2025.csv": 1_463,
}


def test_real_rows_per_file(real_db):
    if not _one(real_db, "select count(*) from raw.load_log where file like 'dfe_cin/%'"):
        pytest.skip("dfe_cin not present")
    landed = dict(
        real_db.execute(
            "select file, sum(rows) from raw.load_log where status like 'loaded%' "
            "and file like 'dfe_c%' and file like '%.csv' group by file"
        ).fetchall()
    )
    assert {f: landed.get(f) for f in REAL_ROWS} == REAL_ROWS
    # The Ofsted workbook: 153 authorities as at 31 March 2025, 271 inspections since 2018.
    assert real_db.execute(
        "select raw_table, rows from raw.load_log where file like '%.ods' order by 1"
    ).fetchall() == [
        ("ofsted_la_inspections__inspection_history", 271),
        ("ofsted_la_inspections__outcomes_at_31_march", 153),
    ]


def test_real_every_file_is_read_or_listed_as_not_read(real_db):
    # PROVENANCE.md is listed as not read by _raw_folder.yml, which this test's registry leaves out.
    statuses = dict(
        real_db.execute(
            "select file, status from raw.load_log where file like 'dfe_c%' "
            "and status not like 'loaded%' and file not like '%PROVENANCE.md'"
        ).fetchall()
    )
    assert statuses == {
        "dfe_cla_underlying/SFR41_2016_Meta_Data_Document.txt": "not_read",
        "dfe_cla_underlying/SFR50_2017_MetaData.txt": "not_read",
        "dfe_cla_underlying/post_2017_data-guidance.txt": "not_read",
    }


def test_real_release_2025_spot_checks(real_db):
    # PROVENANCE.md (dfe_cin): England CLA on 31 March 2025 = 81,770, rate 67 per 10,000.
    assert (
        _one(
            real_db,
            "select number || ' ' || rate_per_10000 from raw.dfe_cla__ees_cla_rate "
            "where time_period = '2025' and geographic_level = 'National' "
            "and population_count like 'Children looked after on 31 March%'",
        )
        == "81770 67"
    )
    # Both releases hold 2021-2023 of the rate file (staging keeps the 2025 release's figures).
    assert real_db.execute(
        "select split_part(_source_file, '/', 2), number from raw.dfe_cla__ees_cla_rate "
        "where time_period = '2023' and geographic_level = 'National' "
        "and population_count like 'Children looked after%31 March%' order by 1"
    ).fetchall() == [("cla_number_and_rate_per_10k_children.csv", "83840"), ("release_2025", "83750")]
    # The 2025 release restates North Yorkshire (815) on its unitary code for 2021.
    assert (
        _one(
            real_db,
            "select new_la_code from raw.dfe_cla__ees_cla_rate where old_la_code = '815' "
            "and time_period = '2021' and _source_file like '%release_2025%' group by 1",
        )
        == "E06000065"
    )


def test_real_cin_spot_checks(real_db):
    if not _one(real_db, "select count(*) from raw.load_log where file like 'dfe_cin/%'"):
        pytest.skip("dfe_cin not present")
    england = "time_period = '2025' and geographic_level = 'National'"
    assert (
        _one(real_db, f"select at31_episodes from raw.dfe_cin_census__b1_children_in_need where {england}") == "402400"
    )
    assert _one(real_db, f"select referral_count from raw.dfe_cin_census__c1_referrals where {england}") == "632830"
    # d5: plans open at 31 March 2025, lasting 1-2 years and 2 years or more.
    assert (
        _one(
            real_db,
            "select cpp_at31 || ' ' || col_1_year_less_than_2_years || ' ' || col_2_years_or_more "
            f"from raw.dfe_cin_census__d5_cpp_duration where {england}",
        )
        == "49420 7090 1130"
    )
    # d5 exists per council from 2013 (152 local authorities that year).
    assert (
        _one(
            real_db,
            "select count(*) from raw.dfe_cin_census__d5_cpp_duration "
            "where time_period = '2013' and geographic_level = 'Local authority'",
        )
        == 152
    )
    assert _one(real_db, f"select inpost_fte from raw.dfe_csww__la_indicators where {england}") == "36186.3"
    assert (
        _one(
            real_db,
            "select overall_effectiveness from raw.ofsted_la_inspections__outcomes_at_31_march "
            "where local_authority_area_code = 'E06000014'",
        )
        == "Outstanding"
    )


@pytest.mark.parametrize("dfe_code, rate", [("855", "37"), ("359", "66"), ("857", "50"), ("317", "30")])
def test_real_lait_cla_rate_2017(real_db, dfe_code, rate):
    assert (
        _one(
            real_db,
            "select \"values\" from raw.dfe_lait__bds_long where short_desc = 'LAC' "
            "and years = '2017' and la_number = ?",
            dfe_code,
        )
        == rate
    )


@pytest.mark.parametrize(
    "dfe_code, cla_2016, cla_2017",
    [("855", "469", "509"), ("857", "40", "39"), ("359", "483", "446"), ("317", "213", "228")],
)
def test_real_sfr_cla_counts(real_db, dfe_code, cla_2016, cla_2017):
    assert _one(real_db, "select cla_mar2016 from raw.dfe_cla__sfr41_cla_2016 where geog_c = ?", dfe_code) == cla_2016
    assert _one(real_db, "select cla_mar2017 from raw.dfe_cla__sfr50_cla_2017 where geog_c = ?", dfe_code) == cla_2017


def test_real_code_changes(real_db):
    # Same DfE numbers, different GSS codes between the SFR files and the EES files.
    assert _one(real_db, "select new_geog_code from raw.dfe_cla__sfr41_cla_2016 where geog_c = '390'") == "E08000020"
    assert _one(real_db, "select new_geog_code from raw.dfe_cla__sfr41_cla_2016 where geog_c = '929'") == "E06000048"
    assert _one(real_db, "select new_geog_code from raw.dfe_cla__sfr41_cla_2016 where geog_c = '825'") == "E10000002"
    assert (
        _one(real_db, "select distinct new_la_code from raw.dfe_cla__ees_placement_stability where old_la_code = '825'")
        == "E06000060"
    )
    assert (
        _one(real_db, "select distinct new_la_code from raw.dfe_cla__ees_placement_stability where old_la_code = '390'")
        == "E08000037"
    )


# --- demo ---------------------------------------------------------------------------------------


def test_demo_files_land_and_agree(tmp_path):
    from council_index.demo.datasets import dfe_cin, dfe_cla_underlying, dfe_lait
    from council_index.demo.universe import SEED, build_universe

    universe = build_universe()
    out = tmp_path / "demo"
    dfe_cla_underlying.write(universe, out, random.Random(f"{SEED}:dfe_cla_underlying"))
    dfe_lait.write(universe, out, random.Random(f"{SEED}:dfe_lait"))
    dfe_cin.write(universe, out, random.Random(f"{SEED}:dfe_cin"))
    con = _land(out, tmp_path, "demo.duckdb")
    entries = con.execute("select raw_table, rows, status from raw.load_log").fetchall()
    # 15 CLA files + 6 of the 2025 release, 3 LAIT, 6 CIN / workforce CSVs, the Ofsted workbook twice.
    assert len(entries) == 15 + 6 + 3 + 6 + 2
    assert all(rows > 0 and status.startswith("loaded") for _, rows, status in entries), entries
    # Every demo upper-tier authority appears with its DfE number and GSS code.
    pairs = set(
        con.execute("select new_geog_code, geog_c from raw.dfe_cla__sfr41_cla_2016 where geog_l = 'LA'").fetchall()
    )
    assert pairs == {(a.code, a.dfe_code) for a in universe.upper_tier}
    # A few suppression markers, never in the England row.
    assert _one(con, "select count(*) > 0 from raw.dfe_cla__sfr41_care_leavers_2016 where act_he1920_and_21 = 'x'")
    assert _one(
        con, "select act_he1920_and_21 <> 'x' from raw.dfe_cla__sfr41_care_leavers_2016 where geog_l = 'NATIONAL'"
    )
    # LAIT's CLA rate is derived from the same counts as the EES rate file.
    mismatches = _one(
        con,
        """
        select count(*)
        from raw.dfe_lait__bds_long as l
        inner join raw.dfe_cla__ees_cla_rate as e
            on lpad(l.la_number, 3, '0') = e.old_la_code and l.years = e.time_period
        where l.short_desc = 'LAC' and e.population_count like 'Children looked after at 31 March%'
            and l."values" <> e.rate_per_10000
    """,
    )
    matched = _one(
        con,
        """
        select count(*) from raw.dfe_lait__bds_long as l
        inner join raw.dfe_cla__ees_cla_rate as e
            on lpad(l.la_number, 3, '0') = e.old_la_code and l.years = e.time_period
        where l.short_desc = 'LAC' and e.population_count like 'Children looked after at 31 March%'
    """,
    )
    assert matched == 152 * 3
    assert mismatches == 0
