"""Every registry table states what a whole file holds (``expects:``, pipeline/coverage.py), and a real
file with one authority removed stops a first load by name, one case per dataset family; files that
the last successful load landed and that are gone from the raw folder stop the load too, unless the
user accepts it (ACCEPT_SHRINK=1 / --accept-shrink, recorded in raw.load_log)."""

from __future__ import annotations

import hashlib
import re
import shutil
import textwrap
from pathlib import Path

import duckdb
import pytest

from council_index.demo.damage import write_damaged
from council_index.demo.writers import write_csv
from council_index.pipeline.coverage import CoverageError, name_key
from council_index.pipeline.errors import RegistryError
from council_index.pipeline.loader import VanishedError, load_all
from council_index.pipeline.registry import REGISTRY_DIR, load_registry


def test_every_registry_table_states_what_a_whole_file_holds():
    """The tiny listing the brief asked for: tables without ``expects`` (a register or a lookup says
    ``not_checked`` with its reason)."""
    without = [t.raw_table for d in load_registry() for t in d.tables if t.expects is None]
    assert without == [], f"registry tables without expects: {without}"
    waived = {t.raw_table: t.expects.not_checked for d in load_registry() for t in d.tables if t.expects.not_checked}
    assert set(waived) == {
        "dfe_lait__data_dictionary",
        "dfe_lait__la_code_list",
        "mysociety_la_names_codes__authorities",
        "mysociety_la_names_codes__name_lookup",
        "mysociety_la_names_codes__gss_lookup",
        "oflog_asc__nearest_neighbours",
        "ofsted_la_inspections__inspection_history",
    }, "only tables that are not authorities per period are waived"


def subset(tmp_path: Path, *names: str) -> Path:
    registry = tmp_path / "registry"
    registry.mkdir()
    for name in (*names, "la_lookup", "_authority_lists"):
        shutil.copy(REGISTRY_DIR / f"{name}.yml", registry / f"{name}.yml")
    return registry


def remove_named_csv(source: Path, target: Path, name: str) -> None:
    """A names-only CSV (Nomis) without the row whose first cell is ``name``."""
    lines = source.read_bytes().splitlines(keepends=True)
    kept = [line for line in lines if not line.decode("utf-8", "replace").split(",")[0].strip('" ') == name]
    assert len(kept) == len(lines) - 1, f"{name} is not one row of {source.name}"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(b"".join(kept))


def remove_code_csv(source: Path, target: Path, code: str) -> None:
    """A CSV without the rows holding ``code`` in a cell (the damaged-copy writer goes by a row's first
    code, which in DfE's and Fingertips' layouts is the country's or the region's)."""
    lines = source.read_bytes().splitlines(keepends=True)
    kept = [line for line in lines if code not in {c.strip('" ') for c in line.decode("utf-8", "replace").split(",")}]
    assert 0 < len(lines) - len(kept) < len(lines) / 2, f"{code} in {len(lines) - len(kept)} rows of {source.name}"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(b"".join(kept))


def remove_named_parquet(source: Path, target: Path, column: str, name: str) -> None:
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    table = pq.read_table(str(source))
    kept = table.filter(pc.invert(pc.equal(table[column], name)))
    assert 0 < kept.num_rows < table.num_rows
    target.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(kept, str(target))


# (registry file, file under the real folder, what to remove, the authority the message names)
REAL_CASES = [
    ("dfe_lait", "dfe_lait/bds_long_0.parquet", "name:Wigan", r"period 20\d\d .*E08000010 Wigan"),
    ("health_interface", "health_interface/deaths_from_falls.csv", "name:Leicestershire", r"E10000018 Leicestershire"),
    (
        "health_interface",
        "health_interface/dtoc_la_monthly/Dec_17.xls",
        "E08000010",
        r"period Dec_17 lacks 1 of the 151",
    ),
    ("homelessness", "homelessness/Homelessness 2004-2018 by LA.xlsx", "E08000010", r"E08000010 Wigan"),
    ("rough_sleeping", "rough_sleeping/Rough_sleeping.xlsx", "E08000010", r"period 2010 lacks 1 of .*E08000010 Wigan"),
    (
        "housing_supply",
        "housing_supply/Live_Table_122.ods",
        "E07000047",
        r"period 2001_02 lacks 1 .*E07000047 West Devon",
    ),
    ("housing_supply", "housing_supply/LAHS_201112_to_202021_open_data_02_2022.csv", "E07000047", r"E07000047"),
    ("dfe_cin", "dfe_cin/b1_children_in_need_2013_to_2025.csv", "E10000018", r"E10000018 Leicestershire"),
    ("dfe_cin", "dfe_cin/csww_indicators_2017_to_2025.csv", "E10000018", r"E10000018 Leicestershire"),
    ("dfe_cin", "dfe_cin/LA_Inspection_Outcomes_as_at_31_March_2025.ods", "E10000018", r"period 2025 .*E10000018"),
    ("la_finance", "la_finance/revenueaccountsexportAug7.csv", "E07000047", r"period 2017-18 lacks 1 .*E07000047"),
    ("la_finance", "la_finance/RS_2016-17_data_by_LA.xlsx", "E07000047", r"period 2016-17 lacks 1 .*E07000047"),
    ("la_finance", "la_finance/roall.csv", "E08000010", r"E08000010 Wigan"),
    ("population", "population/ons_mid-year_population_estimates_2012_to_2024.csv", "E10000018", r"E10000018"),
]


@pytest.mark.parametrize(("registry_file", "relative", "remove", "named"), REAL_CASES, ids=[c[1] for c in REAL_CASES])
def test_a_real_file_with_one_authority_removed_stops_a_first_load(
    tmp_path, shared_data, registry_file, relative, remove, named
):
    raw = tmp_path / "raw"
    (raw).mkdir()
    (raw / "la_lookup").symlink_to(shared_data / "la_lookup")
    source, target = shared_data / relative, raw / relative
    if remove.startswith("name:") and source.suffix == ".parquet":
        remove_named_parquet(source, target, "LA and Regions", remove[5:])
    elif remove.startswith("name:"):
        remove_named_csv(source, target, remove[5:])
    elif source.suffix == ".csv":
        remove_code_csv(source, target, remove)
    else:
        write_damaged(source, target, "authority_removed", remove)
    if registry_file == "population" and "mye" not in relative:  # the mid-year estimates are required
        (raw / "population" / "mye23tablesew.xlsx").symlink_to(shared_data / "population" / "mye23tablesew.xlsx")
    db = tmp_path / "warehouse.duckdb"
    with pytest.raises(CoverageError) as caught:
        load_all(raw, db, subset(tmp_path, registry_file), progress=lambda m: None)
    message = str(caught.value)
    assert message.startswith(f"file {relative}: looks partial: "), message
    assert re.search(named, message), message
    assert not db.exists()


@pytest.mark.slow
def test_a_demo_fingertips_export_with_one_council_removed_stops(tmp_path):
    """The Fingertips exports are the demo's only (none was found for the real folder)."""
    import random

    from council_index.demo.datasets import health_interface, la_lookup
    from council_index.demo.universe import SEED, build_universe

    universe = build_universe(SEED, 1)
    whole = tmp_path / "whole"
    for module in (la_lookup, health_interface):
        module.write(universe, whole, random.Random(f"{SEED}:{module.__name__.rsplit('.', 1)[-1]}"))
    registry = subset(tmp_path, "health_interface")
    load_all(whole, tmp_path / "whole.duckdb", registry, progress=lambda m: None)  # the demo passes
    raw = tmp_path / "raw"
    shutil.copytree(whole, raw)
    con = duckdb.connect(str(tmp_path / "whole.duckdb"), read_only=True)
    code = con.execute(
        "select max(area_code) from raw.fingertips_falls_admissions_65plus__indicator_data where area_code like 'E06%'"
    ).fetchone()[0]
    con.close()
    remove_code_csv(
        whole / "health_interface" / "fingertips_22401.csv", raw / "health_interface" / "fingertips_22401.csv", code
    )
    with pytest.raises(CoverageError, match=rf"^file health_interface/fingertips_22401\.csv: looks partial: .*{code}"):
        load_all(raw, tmp_path / "w.duckdb", registry, progress=lambda m: None)


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Bournemouth (Pre LG)", "bournemouth"),
        ("Bristol, City of", "bristol"),
        ("Telford & Wrekin UA", "telford and wrekin"),
        ("Herefordshire, County of", "herefordshire"),
    ],
)
def test_names_are_compared_without_their_decorations(name, key):
    assert name_key(name) == key


# --- a small registry of our own: the rules, the wide layout, names and vanished files --------------

REGISTRY = """
datasets:
  - id: register
    publisher: Test publisher
    title: Authority register
    landing_page: https://example.invalid/
    licence: OGL-3.0
    source_folder: register
    tables:
      - id: authorities
        path: register/authorities.csv
        reader: csv
        columns: [local_authority_code, gss_code, nice_name, start_date, end_date, replaced_by, nation,
                  local_authority_type]
        expects:
          not_checked: the register the other tables are checked against
  - id: wide
    publisher: Test publisher
    title: Counts, a column per year
    landing_page: https://example.invalid/
    licence: OGL-3.0
    source_folder: wide
    tables:
      - id: counts
        path: wide/counts_*.csv
        reader: csv
        columns: [area, col_2018, col_2019]
        expects:
          authorities: upper_tier
          code_column: area
          codes_are: {codes_are}
          period_columns: '^col_(\\d{{4}})$'
          period_type: calendar_year
"""

LISTS = """
authority_lists:
  table: register__authorities
  nation: England
  lists:
    upper_tier: {types: [UA]}
"""

COUNCILS = [(f"E06{n:06d}", f"Council {n}") for n in range(1, 11)]


def setup(tmp_path: Path, codes_are: str = "gss_code"):
    raw, registry = tmp_path / "raw", tmp_path / "registry"
    registry.mkdir()
    (registry / "test.yml").write_text(textwrap.dedent(REGISTRY).format(codes_are=codes_are), encoding="utf-8")
    (registry / "_authority_lists.yml").write_text(textwrap.dedent(LISTS), encoding="utf-8")
    header = ["local_authority_code", "gss_code", "nice_name", "start_date", "end_date", "replaced_by", "nation"]
    write_csv(
        raw / "register" / "authorities.csv",
        [[*header, "local_authority_type"]]
        + [[f"A{i}", code, name, "", "", "", "England", "UA"] for i, (code, name) in enumerate(COUNCILS)],
    )
    return raw, registry, tmp_path / "warehouse.duckdb"


def wide(path: Path, names: bool = False, drop=(), blank=()) -> None:
    rows = [["area", "col_2018", "col_2019"]]
    for code, name in COUNCILS:
        if code not in drop:
            rows.append([name if names else code, "" if (code, "2018") in blank else "5", "7"])
    write_csv(path, rows + [["Total", "50", "70"]])


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_wide_file_needs_a_value_in_each_period_column(tmp_path):
    raw, registry, db = setup(tmp_path)
    wide(raw / "wide" / "counts_a.csv")
    load_all(raw, db, registry, progress=lambda m: None)
    wide(raw / "wide" / "counts_a.csv", blank={("E06000004", "2018")})
    before = digest(db)
    with pytest.raises(
        CoverageError,
        match=r"^file wide/counts_a\.csv: looks partial: period 2018 lacks 1 of the 10 upper-tier authorities "
        r"expected: E06000004 Council 4\. ",
    ):
        load_all(raw, db, registry, progress=lambda m: None)
    assert digest(db) == before


def test_a_file_of_names_is_matched_through_the_register(tmp_path):
    raw, registry, db = setup(tmp_path, codes_are="name")
    wide(raw / "wide" / "counts_a.csv", names=True)
    load_all(raw, db, registry, progress=lambda m: None)
    wide(raw / "wide" / "counts_a.csv", names=True, drop={"E06000007"})
    with pytest.raises(CoverageError, match=r"period 2018 lacks 1 of the 10 .*: E06000007 Council 7; period 2019"):
        load_all(raw, db, registry, progress=lambda m: None)


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"not_checked": "no"}, r"'not_checked' stands alone and says why"),
        ({"not_checked": "a lookup of names", "authorities": "upper_tier"}, r"'not_checked' stands alone"),
        (
            {"authorities": "x", "code_column": "a", "period_type": "month", "period": "Smarch 2019"},
            r"period 'Smarch 2019' is not a month label",
        ),
        (
            {"authorities": "x", "code_column": "a", "period_type": "calendar_year", "period_columns": "col_"},
            r"period_columns needs a group",
        ),
        (
            {
                "authorities": "x",
                "code_column": "a",
                "period_type": "calendar_year",
                "period": "2019",
                "codes_are": "x",
            },
            r"codes_are 'x' is not one of",
        ),
        (
            {
                "authorities": "x",
                "code_column": "a",
                "period_type": "calendar_year",
                "period": "2019",
                "checked_from": {"period": "2009"},
            },
            r"'checked_from' is a mapping of period and reason",
        ),
    ],
)
def test_the_new_keys_are_validated(entry, message):
    from council_index.pipeline.coverage import parse_expects

    with pytest.raises(RegistryError, match=message):
        parse_expects(entry, ("a",), "t")


# --- files gone from the raw folder since the last successful load ----------------------------------


def log(db: Path) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(
            "select file, status, message from raw.load_log where raw_table = 'wide__counts' order by file"
        ).fetchall()
    finally:
        con.close()


def test_a_vanished_file_stops_the_load_by_name_and_the_warehouse_is_unchanged(tmp_path):
    raw, registry, db = setup(tmp_path)
    for name in ("a", "b", "c"):
        wide(raw / "wide" / f"counts_{name}.csv")
    load_all(raw, db, registry, progress=lambda m: None)
    (raw / "wide" / "counts_b.csv").unlink()
    before = digest(db)
    with pytest.raises(
        VanishedError,
        match=rf"^file {re.escape(str(raw))}: 1 file\(s\) that the last successful load landed are missing now: "
        r"wide/counts_b\.csv \(11 rows in raw\.wide__counts\)\. .*ACCEPT_SHRINK=1 .*--accept-shrink; "
        r"the previous warehouse is unchanged$",
    ):
        load_all(raw, db, registry, progress=lambda m: None)
    assert digest(db) == before
    assert not db.with_name(db.name + ".loading").exists()


def test_a_vanished_table_stops_the_load_too(tmp_path):
    raw, registry, db = setup(tmp_path)
    wide(raw / "wide" / "counts_a.csv")
    wide(raw / "wide" / "counts_b.csv")
    load_all(raw, db, registry, progress=lambda m: None)
    shutil.rmtree(raw / "wide")  # a folder not copied
    before = digest(db)
    with pytest.raises(VanishedError, match=r"2 file\(s\) .*: wide/counts_a\.csv \(11 rows .*; wide/counts_b\.csv"):
        load_all(raw, db, registry, progress=lambda m: None)
    assert digest(db) == before


def test_accepting_a_vanished_file_is_recorded_in_the_load_log_and_judged_no_more(tmp_path):
    raw, registry, db = setup(tmp_path)
    wide(raw / "wide" / "counts_a.csv")
    wide(raw / "wide" / "counts_b.csv")
    load_all(raw, db, registry, progress=lambda m: None)
    (raw / "wide" / "counts_b.csv").unlink()
    messages: list[str] = []
    load_all(raw, db, registry, progress=messages.append, accept_shrink=True)
    assert any("landed are missing now" in m and "accepted" in m for m in messages), messages
    assert "0 table(s) with no file" in messages[-1] and "1 file(s) of the last load gone (accepted)" in messages[-1]
    rows = log(db)
    assert [(f, s) for f, s, _ in rows] == [("wide/counts_a.csv", "loaded"), ("wide/counts_b.csv", "missing")]
    assert re.match(
        r"vanished, accepted \(ACCEPT_SHRINK\): landed by the last successful load \(11 rows, SHA-256 [0-9a-f]{12}\), "
        r"not in the raw folder now$",
        rows[1][2],
    ), rows[1][2]
    load_all(raw, db, registry, progress=lambda m: None)  # the accepted load is the new baseline
    assert [(f, s) for f, s, _ in log(db)] == [("wide/counts_a.csv", "loaded")]


def test_the_command_line_flag_accepts_a_vanished_file(tmp_path, monkeypatch):
    from council_index.pipeline.loader import main

    raw, registry, db = setup(tmp_path)
    wide(raw / "wide" / "counts_a.csv")
    wide(raw / "wide" / "counts_b.csv")
    load_all(raw, db, registry, progress=lambda m: None)
    (raw / "wide" / "counts_b.csv").unlink()
    monkeypatch.setattr("council_index.pipeline.loader.load_registry", lambda *a: load_registry(registry))
    monkeypatch.setattr("council_index.pipeline.loader.load_not_read", lambda *a: [])
    monkeypatch.setattr("council_index.pipeline.loader.REGISTRY_DIR", registry)
    monkeypatch.delenv("ACCEPT_SHRINK", raising=False)
    assert main(["--raw-dir", str(raw), "--db", str(db)]) == 1
    assert main(["--raw-dir", str(raw), "--db", str(db), "--accept-shrink"]) == 0
    assert [(f, s) for f, s, _ in log(db)] == [("wide/counts_a.csv", "loaded"), ("wide/counts_b.csv", "missing")]


def test_real_registry_periods_are_read_from_real_names(shared_data):
    """The file-name patterns of the registry give each real file its period."""
    tables = {t.raw_table: t for d in load_registry() for t in d.tables}
    cases = {
        "nhse_dtoc_la_monthly__la_total_delayed_days": ("health_interface/dtoc_la_monthly/Sept_16.xls", "Sept_16"),
        "ons_mid_year_population__mye2_persons": ("population/ukmidyearestimates20182019ladcodes.xls", "2018"),
        "mhclg_rs_outturn__rsx_outturn": ("la_finance/RSX_LA_Data_2024-25_data_by_LA.ods", "2024-25"),
    }
    for raw_table, (file, label) in cases.items():
        assert (shared_data / file).exists(), file
        match = re.search(tables[raw_table].expects.period_from_file, file)
        assert next(g for g in match.groups() if g) == label
    mye = re.search(
        tables["ons_mid_year_population__mye2_persons"].expects.period_from_file, "population/mye22final.xlsx"
    )
    assert next(g for g in mye.groups() if g) == "22"


def test_a_file_the_registry_no_longer_matches_is_named_as_such(tmp_path):
    raw, registry, db = setup(tmp_path)
    wide(raw / "wide" / "counts_a.csv")
    wide(raw / "wide" / "counts_b.csv")
    load_all(raw, db, registry, progress=lambda m: None)
    text = (registry / "test.yml").read_text(encoding="utf-8")
    (registry / "test.yml").write_text(text.replace("wide/counts_*.csv", "wide/counts_a.csv"), encoding="utf-8")
    with pytest.raises(
        VanishedError,
        match=r": wide/counts_b\.csv \(11 rows in raw\.wide__counts; still in the folder, but the table's paths no "
        r"longer match it\)\.",
    ):
        load_all(raw, db, registry, progress=lambda m: None)
