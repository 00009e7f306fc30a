"""The demo dataset: deterministic, fictional, and a file for every registry table."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from demo_build import file_digests

from council_index.demo.generate import DEMO_MARKER, write_demo
from council_index.demo.universe import build_universe
from council_index.errors import CommandError
from council_index.pipeline.loader import find_files
from council_index.pipeline.registry import load_registry


@pytest.fixture(scope="session")
def demo_dir() -> Path:
    """The demo folder the whole pytest run shares (demo_build.demo_raw: written once, read only)."""
    from demo_build import demo_raw

    return demo_raw()


def test_every_registry_table_has_a_demo_file(demo_dir):
    missing = [t.raw_table for d in load_registry() for t in d.tables if not find_files(demo_dir, t)]
    assert missing == []


def test_demo_is_labelled(demo_dir):
    assert "Synthetic demo data" in (demo_dir / DEMO_MARKER).read_text()


def test_universe_mirrors_the_real_upper_tier():
    universe = build_universe()
    kinds = [a.kind for a in universe.upper_tier]
    assert len(kinds) == 152
    assert {k: kinds.count(k) for k in set(kinds)} == {
        "county": 27,
        "unitary": 56,
        "metropolitan district": 36,
        "london borough": 33,
    }
    assert sum(a.is_ranked for a in universe.upper_tier) == 150
    assert all(a.county_code for a in universe.districts)
    assert all(a.districts for a in universe.upper_tier if a.kind == "county")


def test_demo_codes_cannot_be_mistaken_for_real_ones():
    universe = build_universe()
    for authority in [*universe.upper_tier, *universe.districts]:
        assert authority.code[3] == "9", authority.code  # real GSS codes are E0x0nnnnn / E100nnnnn
        assert authority.ecode.startswith("E9")
        assert authority.dfe_code is None or int(authority.dfe_code) < 200  # real DfE numbers start at 201


def test_demo_names_are_not_real_authority_names(shared_data):
    with (shared_data / "la_lookup" / "uk_local_authorities_current.csv").open(encoding="utf-8") as handle:
        real = {row["nice-name"].casefold() for row in csv.DictReader(handle)}
    universe = build_universe()
    clashes = [a.name for a in [*universe.upper_tier, *universe.districts] if a.name.casefold() in real]
    assert clashes == []


def test_demo_generation_is_deterministic(demo_dir, tmp_path):
    """Two writes of the demo folder are the same byte for byte, workbooks included (the writers put a
    fixed time, not the clock's, in xlsx/ods). Under `make test` the second write is the folder of
    dbt-test's demo build (INDEX_TEST_DEMO_RAW_B, waited for), written by another process; otherwise
    one written here."""
    from demo_build import given

    again = given("INDEX_TEST_DEMO_RAW_B") or write_demo(tmp_path / "again")
    assert again != demo_dir
    assert file_digests(demo_dir) == file_digests(again)


def test_write_demo_refuses_to_overwrite_a_real_folder(tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    (real / "precious.csv").write_text("keep")
    with pytest.raises(CommandError, match="not a demo folder"):
        write_demo(real)
    assert (real / "precious.csv").read_text() == "keep"


def test_scaled_universe_is_a_valid_universe():
    """The benchmark universes (make_demo.py --scale N) keep every code distinct: GSS codes, E-codes,
    DfE numbers as staging writes them (three digits, zero-padded; longer numbers whole), and the
    lookup's registry codes, none of them taking a code the lookup demo reserves for its extra rows."""
    from council_index.demo.datasets.la_lookup import RESERVED_SHORT, _shorts
    from council_index.demo.universe import RESERVED_CODES

    universe = build_universe(scale=12)
    everyone = [*universe.upper_tier, *universe.districts]
    codes = [a.code for a in everyone]
    assert len(set(codes)) == len(codes) and not RESERVED_CODES & set(codes)
    assert len({a.ecode for a in everyone}) == len(everyone)
    dfe = [a.dfe_code for a in universe.upper_tier]
    assert len(set(dfe)) == len(dfe) == 12 * 152
    assert all(len(d) >= 3 and d.isdigit() for d in dfe)
    assert not {"970", "987", "988", *map(str, range(980, 991))} & set(dfe)  # England and regions in LAIT
    shorts = _shorts(len(everyone))
    assert len(set(shorts)) == len(shorts) and not set(RESERVED_SHORT) & set(shorts)
    assert [a.code for a in build_universe(scale=3).upper_tier[:152]] == [a.code for a in build_universe().upper_tier]


def test_demo_nearest_neighbours_match_a_full_sort():
    """The Oflog neighbour lists of the demo read only nearby councils (linear, for --scale N) but
    must equal what sorting every council gives, ties included."""
    import random

    from council_index.demo.datasets.oflog_asc import _nearest_by_population

    universe = build_universe(scale=4)
    ranked = [a for a in universe.upper_tier if a.is_ranked]
    for index, a in enumerate(ranked[:40]):  # some equal populations, to exercise the ties
        a.population = ranked[index + 200].population if index % 3 else a.population
    random.Random(1).shuffle(ranked)
    for a, chosen in _nearest_by_population(ranked, 15):
        others = [b for b in ranked if b.code != a.code]
        others.sort(key=lambda b: (b.kind != a.kind, abs(b.population - a.population)))
        assert [b.code for b in chosen] == [b.code for b in others[:15]], a.code
