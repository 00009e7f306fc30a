"""Defra waste (ENV18) and fly-tipping (ENV24): registry, parser quirks, staging rules, demo."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import duckdb
import pytest
from demo_build import run_dbt

from council_index.demo.datasets import flytipping as demo_flytipping
from council_index.demo.datasets import waste as demo_waste
from council_index.demo.universe import build_universe
from council_index.pipeline.loader import load_all
from council_index.pipeline.readers import read_file
from council_index.pipeline.registry import REGISTRY_DIR, load_registry

ROOT = Path(__file__).resolve().parents[2]
MY_REGISTRY = ("waste.yml", "flytipping.yml")


def tables() -> dict:
    return {t.raw_table: t for d in load_registry() for t in d.tables if d.id in ("defra_lacw", "defra_flytipping")}


@pytest.fixture(scope="module")
def landed(tmp_path_factory, request) -> Path:
    """The fixtures landed with only the waste and fly-tipping registry entries."""
    tmp = tmp_path_factory.mktemp("waste")
    registry = tmp / "registry"
    registry.mkdir()
    for name in MY_REGISTRY:
        shutil.copy(REGISTRY_DIR / name, registry / name)
    db = tmp / "waste.duckdb"
    fixtures = Path(request.config.rootpath) / "tests" / "python" / "fixtures"
    load_all(fixtures, db, registry, progress=lambda m: None)
    return db


def rows(db: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_registry_tables():
    assert sorted(tables()) == [
        "defra_flytipping__la_actions",
        "defra_flytipping__la_incidents",
        "defra_lacw__collected_waste",
        "defra_lacw__waste_indicators",
    ]


def test_table_3_lands_fractions_markers_totals_and_footnotes_as_published(landed):
    got = rows(
        landed,
        """
        select ons_code, authority_type,
               percentage_of_household_waste_sent_for_reuse_recycling_or_compo,
               percentage_of_municipal_waste_sent_to_landfill_ex_ni193, _row_number
        from raw.defra_lacw__waste_indicators order by _row_number""",
    )
    assert got[0] == ("E10000018", "Disposal", "0.497", "0.299", 5)  # header on row 4, data from row 5
    assert got[1][3] == "-"  # NI193 of a collection authority
    assert [r[0] for r in got[3:5]] == ["Total", "Total"]
    assert len(got) == 8  # 5 data rows + 3 footnote rows (blank row skipped), filtered in staging


def test_table_1_header_is_row_4_below_group_labels(landed):
    got = rows(
        landed,
        """
        select financial_year, ons_code, total_local_authority_collected_waste_tonnes,
               household_estimated_rejects_tonnes_see_notes_sheet_for_detail_o
        from raw.defra_lacw__collected_waste order by _row_number""",
    )
    assert got[0] == ("2016-17", "E10000018", "330000", "2164")
    assert got[1][3] == "-120"  # negative reject estimates are published
    header = rows(
        landed,
        """select header_text from raw._columns
        where raw_table = 'defra_lacw__collected_waste' and column_name = 'total_local_authority_collected_waste_tonnes'""",
    )
    assert header == [("Total local authority collected waste (tonnes)",)]  # not joined with the group row 3


def test_flytipping_lands_markers_trailing_spaces_and_totals(landed):
    got = rows(
        landed,
        """select ons_code, la_name, region, total_incidents
        from raw.defra_flytipping__la_incidents order by _row_number""",
    )
    assert got[0] == ("*Total", "*Total", "*Total England", "1011199")
    assert ("E09000026", "Redbridge ", "London", ":") in got
    assert ("E08000010", "Wigan", "North West", "2105") in got
    actions = rows(landed, "select count(*) from raw.defra_flytipping__la_actions")
    assert actions == [(4,)]


@pytest.fixture(scope="module")
def staged(landed, tmp_path_factory) -> Path:
    """The staging models built by dbt on the landed fixtures."""
    dbt = ROOT / ".venv" / "bin" / "dbt"
    if not dbt.exists():
        pytest.skip("dbt not installed in .venv")
    # at the one warehouse path and target folder of this process's dbt runs: a partial parse
    result = run_dbt(landed, "run", "--select", "staging.waste", "staging.flytipping", timeout=300)
    assert result.returncode == 0, result.stdout[-3000:]
    return landed


def test_staging_waste_indicators_rules(staged):
    got = rows(
        staged,
        """select authority_code, period, period_end_year, round(household_waste_recycled_pct, 6),
               residual_household_waste_kg_per_household, municipal_waste_landfilled_pct, is_landfilled_suppressed
        from staging.stg_waste__waste_indicators order by authority_code""",
    )
    assert got == [
        ("E07000134", "2016-17", 2017, 46.7, 514.8, None, True),
        ("E09000026", "2016-17", 2017, 26.7, 752.9, None, True),
        ("E10000018", "2016-17", 2017, 49.7, 542.9, pytest.approx(29.9), False),
        ("E92000001", "2016-17", 2017, 43.7, 555.5, pytest.approx(15.9), False),
    ]  # regional total row and footnotes dropped; fractions -> percent; '-' -> null, not zero


def test_staging_collected_waste_rules(staged):
    got = rows(
        staged,
        """select authority_code, authority_type, period_end_year, lacw_total_tonnes,
               household_rejects_tonnes from staging.stg_waste__collected_waste order by source_row_number""",
    )
    assert got == [
        ("E10000018", "disposal", 2017, 330000.0, 2164.0),
        ("E07000134", "collection", 2017, 40000.0, -120.0),
        ("E50000009", "unitary", 2018, 260652.0, 4000.0),
    ]


def test_staging_flytipping_rules(staged):
    got = rows(
        staged,
        """select authority_code, authority_name, period, total_incidents, is_suppressed
        from staging.stg_flytipping__incidents order by source_row_number""",
    )
    assert got == [
        ("E92000001", "England", "2016-17", 1011199.0, False),
        ("E08000010", "Wigan", "2016-17", 2105.0, False),
        ("E09000026", "Redbridge", "2016-17", None, True),
        ("E07000130", "Charnwood", "2016-17", 603.0, False),
        ("E92000001", "England", "2018-19", 1072468.0, False),  # the '(original)' England series only
    ]
    actions = rows(
        staged,
        """select authority_code, period, total_actions
        from staging.stg_flytipping__actions order by source_row_number""",
    )
    assert actions[-1] == ("E07000130", "2017-18", None)


def test_demo_writes_the_published_layout(tmp_path):
    universe = build_universe()
    demo_waste.write(universe, tmp_path, random.Random(1))
    demo_flytipping.write(universe, tmp_path, random.Random(2))
    t = tables()
    t3 = read_file(tmp_path / "waste" / "LA_collection.ods", t["defra_lacw__waste_indicators"], "x")[0]
    col = {name: i for i, name in enumerate(t3.columns)}
    years = {r[col["year"]] for r in t3.rows}
    assert {"2014-15", "2015-16", "2016-17", "2017-18", "2018-19"} <= years
    kinds = {r[col["authority_type"]] for r in t3.rows}
    assert {"Collection", "Disposal", "Unitary", "Total"} <= kinds
    ni192 = [
        float(r[col["percentage_of_household_waste_sent_for_reuse_recycling_or_compo"]])
        for r in t3.rows
        if r[col["authority_type"]] in ("Unitary", "Disposal")
    ]
    assert 0.1 < min(ni192) and max(ni192) < 0.75  # fractions, as published
    assert {
        r[col["percentage_of_municipal_waste_sent_to_landfill_ex_ni193"]]
        for r in t3.rows
        if r[col["authority_type"]] == "Collection"
    } == {"-"}
    inc = read_file(tmp_path / "flytipping" / "flytipping_la.ods", t["defra_flytipping__la_incidents"], "x")[0]
    col = {name: i for i, name in enumerate(inc.columns)}
    assert len(inc.columns) == 48
    assert sum(1 for r in inc.rows if r[col["total_incidents"]] == ":") == 2
    assert any(r[col["la_name"]].endswith(" ") for r in inc.rows)
    assert not any(r[col["ons_code"]].startswith("E10") for r in inc.rows)  # counties do not report
    england = [
        r[col["region"]]
        for r in inc.rows
        if r[col["ons_code"]] == "*Total" and r[col["region"]].startswith("*Total England")
    ]
    assert len(england) == 7  # one per year, two in 2018-19


def test_real_files_spot_checks(shared_data):
    t = tables()
    path = shared_data / "waste" / "LA_collection.ods"
    if not path.exists():
        pytest.skip("waste file absent")
    t3 = read_file(path, t["defra_lacw__waste_indicators"], "waste/LA_collection.ods")[0]
    col = {name: i for i, name in enumerate(t3.columns)}
    found = {(r[col["year"]], r[col["ons_code"]]): r for r in t3.rows}
    ni191 = "residual_household_waste_per_household_kg_household_ex_ni191"
    ni192 = "percentage_of_household_waste_sent_for_reuse_recycling_or_compo"
    for code, pct, kg in [
        ("E10000018", "0.497", "542.9"),
        ("E08000010", "0.437", "549.1"),
        ("E06000017", "0.593", "502.4"),
        ("E09000026", "0.267", "752.9"),
    ]:
        row = found[("2016-17", code)]
        assert (row[col[ni192]], row[col[ni191]]) == (pct, kg)
    path = shared_data / "flytipping" / "flytipping_la.ods"
    inc = read_file(path, t["defra_flytipping__la_incidents"], "flytipping/flytipping_la.ods")[0]
    col = {name: i for i, name in enumerate(inc.columns)}
    found = {(r[col["year"]], r[col["ons_code"]]): r[col["total_incidents"]] for r in inc.rows}
    assert found[("2016-17", "E08000010")] == "2105"
    assert found[("2016-17", "E06000017")] == "461"
    assert found[("2016-17", "E09000026")] == ":"
