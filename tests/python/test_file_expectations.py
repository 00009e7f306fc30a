"""What a whole file holds is data (a table's ``expects:`` in the registry, pipeline/coverage.py): a
file short of it stops the load by name before dbt runs, also on a first load (no earlier load to
compare with), and the warehouse stays byte-identical. Every reader format is damaged in the four
ways (cut at a row, cut mid-record, rows deleted, one authority removed) by the demo's damaged-copy writer (council_index.demo.damage)."""

from __future__ import annotations

import hashlib
import re
import shutil
import textwrap
from pathlib import Path

import pytest

from council_index.demo.damage import DAMAGES, write_damaged
from council_index.demo.writers import write_csv, write_ods, write_parquet, write_xlsx
from council_index.pipeline.coverage import CoverageError, period_bounds
from council_index.pipeline.errors import LoadError, RegistryError
from council_index.pipeline.loader import load_all
from council_index.pipeline.registry import load_registry

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
      - id: gss_lookup
        path: register/gss_lookup.csv
        reader: csv
        columns: [gss_code, local_authority_code]
  - id: partial
    publisher: Test publisher
    title: Counts
    landing_page: https://example.invalid/
    licence: OGL-3.0
    source_folder: things
    tables:
      - id: counts
        path: things/counts.{ext}
        reader: {reader}
        {sheet}
        columns: [code, name, period, value]
        expects:
          authorities: upper_tier
          code_column: code
          period_column: period
          period_type: financial_year
          {exceptions}
"""

LISTS = """
authority_lists:
  table: register__authorities
  nation: England
  lists:
    upper_tier: {types: [UA, CTY]}
    districts: {types: [NMD, UA]}
"""

CODES = [f"E06{n:06d}" for n in range(1, 41)]
# (code, short, name, start, end, replaced_by, nation, type)
REGISTER = [(c, f"A{i:02d}", f"Council {i}", "", "", "", "England", "UA") for i, c in enumerate(CODES, start=1)] + [
    ("E10000041", "OLD", "Old County", "", "2018-03-31", "NEW", "England", "CTY"),  # abolished 31 March 2018
    ("E06000042", "NEW", "New Council", "2018-04-01", "", "", "England", "UA"),  # its successor
    ("E06000043", "MID", "Mid-year Council", "2018-10-01", "", "", "England", "UA"),  # created mid-2018-19
    ("E06000044", "REC", "Recoded Council", "", "", "", "England", "UA"),  # E06000099 before (GSS lookup)
    ("E07000045", "DIS", "A District", "", "", "", "England", "NMD"),  # not upper tier
    ("S12000046", "SCO", "A Scottish Council", "", "", "", "Scotland", "UA"),  # not England
]


def grid(periods=("2017-18", "2018-19"), drop=()) -> list[list[str]]:
    rows = [["code", "name", "period", "value"]]
    for period in periods:
        codes = list(CODES)
        codes.append("E10000041" if period < "2018-19" else "E06000042")
        codes.append("E06000099" if period < "2018-19" else "E06000044")
        rows += [[c, f"Area {c}", period, str(100 + i)] for i, c in enumerate(codes) if (c, period) not in drop]
    return rows


def write(path: Path, rows: list[list[str]]) -> None:
    ext = path.suffix.lstrip(".")
    if ext == "csv":
        write_csv(path, rows)
    elif ext == "xlsx":
        write_xlsx(path, {"Data": rows})
    elif ext == "ods":
        write_ods(path, {"Data": rows})
    elif ext == "xls":
        xlwt = pytest.importorskip("xlwt")
        workbook = xlwt.Workbook()
        sheet = workbook.add_sheet("Data")
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                sheet.write(r, c, value)
        path.parent.mkdir(parents=True, exist_ok=True)
        workbook.save(str(path))
    else:
        write_parquet(path, {name: [row[i] for row in rows[1:]] for i, name in enumerate(rows[0])})


def setup(tmp_path: Path, ext: str, exceptions: str = "", lists: str = LISTS):
    """A registry with a register and a table of counts, a warehouse loaded once WITHOUT the counts
    file (so the shrinkage check has nothing to compare with), and the raw folder."""
    raw, registry = tmp_path / "raw", tmp_path / "registry"
    registry.mkdir()
    sheet = 'sheet: ["Data"]' if ext in ("xlsx", "ods", "xls") else ""
    (registry / "test.yml").write_text(
        textwrap.dedent(REGISTRY).format(ext=ext, reader=ext, sheet=sheet, exceptions=exceptions), encoding="utf-8"
    )
    if lists:
        (registry / "_authority_lists.yml").write_text(textwrap.dedent(lists), encoding="utf-8")
    header = ["gss_code", "local_authority_code", "nice_name", "start_date", "end_date", "replaced_by", "nation"]
    write_csv(raw / "register" / "authorities.csv", [[*header, "local_authority_type"]] + [list(r) for r in REGISTER])
    write_csv(raw / "register" / "gss_lookup.csv", [["gss_code", "local_authority_code"], ["E06000099", "REC"]])
    db = tmp_path / "warehouse.duckdb"
    load_all(raw, db, registry, progress=lambda m: None)
    return raw, registry, raw / "things" / f"counts.{ext}", db


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def stops(raw, registry, db, pattern: str, error=LoadError) -> str:
    before = digest(db)
    with pytest.raises(error, match=pattern) as caught:
        load_all(raw, db, registry, progress=lambda m: None)
    assert digest(db) == before, "the previous warehouse changed"
    assert not db.with_name(db.name + ".loading").exists()
    return str(caught.value)


FORMATS = ["csv", "xlsx", "xls", "ods", "parquet"]


@pytest.mark.parametrize("ext", FORMATS)
def test_a_whole_file_lands_on_a_first_load(tmp_path, ext):
    raw, registry, path, db = setup(tmp_path, ext)
    write(path, grid())
    entries = load_all(raw, db, registry, progress=lambda m: None)
    entry = next(e for e in entries if e.file == f"things/counts.{ext}")
    assert entry.status == "loaded", entry.message


# What each damage of council_index.demo.damage leaves, on the grid above (84 data rows, 42 per
# period): the message names the file and the period and authorities it lacks.
EXPECTED = {
    "cut_at_row": r"looks partial: period 2018-19 lacks 41 of the 42 upper-tier authorities expected: E06000002 Council 2",
    "rows_deleted": r"looks partial: period 2017-18 lacks 14 of the 42 upper-tier authorities expected: E06000029 "
    r"Council 29, .* and 6 more; period 2018-19 lacks 14 of the 42",
    "authority_removed": r"looks partial: period 2017-18 lacks 1 of the 42 upper-tier authorities expected: "
    r"E06000001 Council 1; period 2018-19 lacks 1 of the 42 upper-tier authorities expected: E06000001 Council 1\.",
}


@pytest.mark.parametrize("damage", DAMAGES)
@pytest.mark.parametrize("ext", FORMATS)
def test_each_damage_stops_a_first_load_by_name(tmp_path, ext, damage):
    raw, registry, path, db = setup(tmp_path, ext)
    whole = tmp_path / f"whole.{ext}"
    write(whole, grid())
    path.parent.mkdir(parents=True, exist_ok=True)
    write_damaged(whole, path, damage)
    if damage == "cut_mid_record":
        pattern = (
            r"row 45: looks truncated: the last record has 2 of the 4 fields"
            if ext == "csv"
            else "cannot be opened|cannot be read|truncated"
        )
        message = stops(raw, registry, db, rf"^file things/counts\.{ext}")
        assert re.search(pattern, message), message
        return
    message = stops(raw, registry, db, rf"^file things/counts\.{ext}: {EXPECTED[damage]}", CoverageError)
    assert message.endswith("the previous warehouse is unchanged"), message


def test_a_missing_period_is_named(tmp_path):
    raw, registry, path, db = setup(tmp_path, "csv")
    write(path, grid(periods=("2016-17", "2018-19")))
    stops(
        raw,
        registry,
        db,
        r"^file things/counts\.csv: looks partial: 1 period\(s\) missing between 2016-17 and 2018-19: 2017-18\. ",
        CoverageError,
    )


def test_many_missing_authorities_are_named_first_few_then_counted(tmp_path):
    raw, registry, path, db = setup(tmp_path, "csv")
    write(path, grid(periods=("2018-19",), drop={(c, "2018-19") for c in CODES[:20]}))
    message = stops(raw, registry, db, r"period 2018-19 lacks 20 of the 42", CoverageError)
    assert "E06000008 Council 8 and 12 more" in message and "E06000009" not in message


def test_boundaries_successors_and_former_codes(tmp_path):
    """Each period demands the authorities that existed throughout it: the county abolished on 31
    March 2018 in 2017-18 only, its successor from 2018-19, the council created in October 2018 in
    neither; a restated period (the successor's code where the predecessor stood) and a former code
    (E06000099 for E06000044, per the register's GSS lookup) count as present."""
    raw, registry, path, db = setup(tmp_path, "csv")
    rows = grid()
    write(path, [["E06000042", *r[1:]] if r[0] == "E10000041" else r for r in rows])
    load_all(raw, db, registry, progress=lambda m: None)
    write(path, [r for r in rows if r[0] != "E10000041"])
    stops(
        raw, registry, db, r"period 2017-18 lacks 1 of the 42 upper-tier authorities expected: E10000041 Old County\."
    )


def test_a_new_code_the_register_does_not_know_yet_stands_for_its_authority(tmp_path):
    lists = LISTS + (
        "  new_codes:\n    - code: E06000003\n      new_code: E06000903\n"
        "      reason: recoded after the register was published\n"
    )
    raw, registry, path, db = setup(tmp_path, "csv", lists=lists)
    write(path, [["E06000903", *r[1:]] if r[0] == "E06000003" else r for r in grid()])
    load_all(raw, db, registry, progress=lambda m: None)
    write(path, [r for r in grid() if r[0] != "E06000003"])
    stops(raw, registry, db, r"lacks 1 of the 42 upper-tier authorities expected: E06000003 Council 3", CoverageError)


def test_an_exception_with_its_reason_lets_the_file_through(tmp_path):
    exceptions = textwrap.dedent("""\
        exceptions:
                    - codes: [E06000007]
                      periods: ["2018-19"]
                      reason: the publisher leaves this council out of 2018-19""")
    raw, registry, path, db = setup(tmp_path, "csv", exceptions=exceptions)
    write(path, grid(drop={("E06000007", "2018-19")}))
    load_all(raw, db, registry, progress=lambda m: None)
    write(path, grid(drop={("E06000007", "2017-18")}))  # only in the periods it names
    stops(
        raw, registry, db, r"period 2017-18 lacks 1 of the 42 upper-tier authorities expected: E06000007", CoverageError
    )


def test_accept_shrink_lands_a_short_file_and_the_log_says_so(tmp_path):
    raw, registry, path, db = setup(tmp_path, "csv")
    write(path, grid(drop={("E06000007", "2018-19")}))
    entries = load_all(raw, db, registry, progress=lambda m: None, accept_shrink=True)
    entry = next(e for e in entries if e.file == "things/counts.csv")
    assert entry.status == "loaded_with_warnings"
    assert entry.message.startswith(
        "short of its registry expectation, accepted (ACCEPT_SHRINK): period 2018-19 lacks 1 of the 42 "
        "upper-tier authorities expected: E06000007 Council 7"
    )


def test_without_a_register_the_file_lands_and_the_log_says_it_was_not_checked(tmp_path):
    raw, registry, path, db = setup(tmp_path, "csv")
    shutil.rmtree(raw / "register")
    write(path, grid(drop={("E06000007", "2018-19")}))
    entries = load_all(raw, tmp_path / "fresh.duckdb", registry, progress=lambda m: None)
    entry = next(e for e in entries if e.file == "things/counts.csv")
    assert entry.message.endswith("coverage not checked (no authority register landed)")


def test_a_list_the_authority_lists_do_not_define_is_a_registry_error(tmp_path):
    raw, registry, path, db = setup(tmp_path, "csv")
    text = (registry / "test.yml").read_text(encoding="utf-8").replace("upper_tier", "lower_tier")
    (registry / "test.yml").write_text(text, encoding="utf-8")
    write(path, grid())
    with pytest.raises(RegistryError, match=r"partial__counts: expects authorities 'lower_tier', not a list"):
        load_all(raw, db, registry, progress=lambda m: None)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("period_type: financial_year", r"period_type 'monthly' is not one of"),
        ("period_column: period", r"give 'period_column' or 'period_from_file'"),
        ("code_column: code", r"names column\(s\) \['ons_code'\] not listed in 'columns'"),
    ],
)
def test_expects_is_validated(tmp_path, change, message):
    replacement = {
        "period_type: financial_year": "period_type: monthly",
        "period_column: period": "period_column: period\n          period_from_file: '(\\d{4})'",
        "code_column: code": "code_column: ons_code",
    }[change]
    text = textwrap.dedent(REGISTRY).format(ext="csv", reader="csv", sheet="", exceptions="")
    (tmp_path / "test.yml").write_text(text.replace(change, replacement), encoding="utf-8")
    with pytest.raises(RegistryError, match=message):
        load_registry(tmp_path)


@pytest.mark.parametrize(
    ("label", "kind", "bounds"),
    [
        ("2018-19", "financial_year", ("2018-04-01", "2019-03-31")),
        ("201819", "financial_year", ("2018-04-01", "2019-03-31")),
        ("1819", "financial_year", ("2018-04-01", "2019-03-31")),
        ("18-19", "financial_year", ("2018-04-01", "2019-03-31")),
        ("2019", "year_to_march", ("2018-04-01", "2019-03-31")),
        ("2019", "calendar_year", ("2019-01-01", "2019-12-31")),
        ("201906", "quarter", ("2019-04-01", "2019-06-30")),
        ("2019-12", "quarter", ("2019-10-01", "2019-12-31")),
        ("December 2017", "month", ("2017-12-01", "2017-12-31")),
        ("Sept_16", "month", ("2016-09-01", "2016-09-30")),
        ("Feb_18", "month", ("2018-02-01", "2018-02-28")),
        ("2019-04", "month", ("2019-04-01", "2019-04-30")),
        ("2001_02", "financial_year", ("2001-04-01", "2002-03-31")),
        ("22", "calendar_year", ("2022-01-01", "2022-12-31")),
    ],
)
def test_period_labels(label, kind, bounds):
    first, last, _ = period_bounds(label, kind)
    assert (first.isoformat(), last.isoformat()) == bounds


@pytest.mark.parametrize(
    ("label", "kind"), [("2019", "financial_year"), ("Notes:", "financial_year"), ("", "calendar_year")]
)
def test_text_that_is_not_a_period_is_ignored(label, kind):
    assert period_bounds(label, kind) is None


def test_every_expects_names_a_defined_list():
    from council_index.pipeline.coverage import load_authority_lists
    from council_index.pipeline.registry import REGISTRY_DIR

    lists = load_authority_lists(REGISTRY_DIR)
    expecting = [t for d in load_registry() for t in d.tables if t.expects and not t.expects.not_checked]
    assert len(expecting) >= 20, "the ranked indicators' datasets state what a whole file holds"
    assert {t.expects.authorities for t in expecting} <= set(lists.lists)
    covered = {t.dataset_id for t in expecting}
    assert {"nhsd_ascof", "ascof_processed", "dfe_cla", "oflog_asc", "defra_lacw", "defra_flytipping"} <= covered


def real_registry_subset(tmp_path: Path, *names: str) -> Path:
    """The project's registry files for these source folders, with its authority lists."""
    from council_index.pipeline.registry import REGISTRY_DIR

    registry = tmp_path / "registry"
    registry.mkdir()
    for name in (*names, "la_lookup", "_authority_lists"):
        shutil.copy(REGISTRY_DIR / f"{name}.yml", registry / f"{name}.yml")
    return registry


@pytest.mark.slow
def test_the_demo_resolves_against_its_own_register_and_a_damaged_demo_file_stops(tmp_path):
    """The same registry entry judges the demo's fictional councils by the demo's register."""
    import random

    from council_index.demo.datasets import ascof, la_lookup
    from council_index.demo.universe import SEED, build_universe

    universe = build_universe(SEED, 1)
    raw = tmp_path / "raw"
    for module in (la_lookup, ascof):
        module.write(universe, raw, random.Random(f"{SEED}:{module.__name__.rsplit('.', 1)[-1]}"))
    registry = real_registry_subset(tmp_path, "ascof")
    db = tmp_path / "warehouse.duckdb"
    entries = load_all(raw, db, registry, progress=lambda m: None)
    assert [e.file for e in entries if "coverage not checked" in e.message] == []
    damaged = [raw / "ascof" / "final_data_2019.csv", next((raw / "ascof").glob("*.xlsx"))]  # a csv and a workbook
    for n, path in enumerate(damaged):
        fresh = tmp_path / f"fresh_{n}"
        shutil.copytree(raw, fresh)
        what = write_damaged(path, fresh / "ascof" / path.name, "authority_removed")
        code = what.split(" of ")[-1].split()[0]
        fresh_db = tmp_path / f"fresh_{n}.duckdb"
        with pytest.raises(CoverageError, match=rf"^file ascof/{re.escape(path.name)}: looks partial: .*{code}"):
            load_all(fresh, fresh_db, registry, progress=lambda m: None)
        assert not fresh_db.exists()


def test_a_real_file_with_one_council_removed_stops_a_first_load(tmp_path, shared_data):
    raw = tmp_path / "raw"
    (raw / "ascof").mkdir(parents=True)
    (raw / "la_lookup").symlink_to(shared_data / "la_lookup")
    registry = real_registry_subset(tmp_path, "ascof")
    write_damaged(
        shared_data / "ascof" / "final_data_2019.csv",
        raw / "ascof" / "final_data_2019.csv",
        "authority_removed",
        "E08000025",
    )
    with pytest.raises(
        CoverageError,
        match=r"^file ascof/final_data_2019\.csv: looks partial: period 2019 \(the year to 31 March 2019\) lacks 1 of "
        r"the 152 upper-tier authorities expected: E08000025 Birmingham\.",
    ):
        load_all(raw, tmp_path / "warehouse.duckdb", registry, progress=lambda m: None)
    assert not (tmp_path / "warehouse.duckdb").exists()
