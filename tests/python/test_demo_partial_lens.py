"""The demo exercises a partial lens as the real files do (demo/datasets/ascof.py, module docstring).

The demo writes no ASCOF file before 2017-18, which NHS Digital releases in October 2018, so the 2017
(December 2017) and 2018 (August 2018) editions have no ASCOF value: their older people and all-age
disability lenses are scored on the catalogue's substitutes (the Oflog adult social care series and
attainment at 19 with an EHC plan, ``substitutes_for`` in seeds/indicator_catalogue.csv) and flagged
``is_partial_lens``; from the 2019 edition the catalogue indicators take over. Checked on the demo
warehouse (dbt-test's under ``make test``, otherwise built once here: tests/python/demo_build.py).
"""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pytest
from demo_build import demo_warehouse

ROOT = Path(__file__).resolve().parents[2]
PARTIAL_EDITIONS = {2017, 2018}  # published before ASCOF 2017-18, the demo's first ASCOF year
PARTIAL_LENSES = {"older_people", "all_age_disability"}


@pytest.fixture(scope="module")
def con():
    connection = duckdb.connect(str(demo_warehouse("build_a")), read_only=True)
    yield connection
    connection.close()


def _documented_substitutes() -> dict[str, tuple[str, str]]:
    """substitute indicator -> (its lens, the catalogue indicator it stands in for), from the catalogue seed."""
    with (ROOT / "seeds" / "indicator_catalogue.csv").open(encoding="utf-8") as handle:
        return {
            r["indicator_id"]: (r["lens_id"], r["substitutes_for"])
            for r in csv.DictReader(handle)
            if r["substitutes_for"]
        }


def test_early_demo_editions_score_partial_lenses(con):
    partial = con.execute(
        "select edition, lens_id, count(*), count(lens_rank) from marts.fct_lens_productivity "
        "where is_partial_lens group by edition, lens_id"
    ).fetchall()
    assert partial, "no demo lens is partial: the demo no longer exercises the substitutes"
    assert {(edition, lens) for edition, lens, _, _ in partial} == {
        (edition, lens) for edition in PARTIAL_EDITIONS for lens in PARTIAL_LENSES
    }
    # scored on substitutes, and ranked: nearly every ranked council of those editions, not a stray few
    ranked = dict(
        con.execute(
            "select edition, count(*) from marts.fct_overall_productivity where is_ranked_overall group by edition"
        ).fetchall()
    )
    for edition, lens, councils, lens_ranked in partial:
        assert lens_ranked >= 0.9 * ranked[edition], (edition, lens, councils, lens_ranked)


def test_partial_lenses_rest_on_the_documented_substitutes(con):
    documented = _documented_substitutes()
    used = con.execute(
        "select distinct v.edition, v.lens_id, v.indicator_id from marts.fct_indicator_values v "
        "inner join marts.dim_indicator i on v.indicator_id = i.indicator_id where i.is_substitute"
    ).fetchall()
    # every substitute of the two lenses, each in its own lens, in the partial editions only
    assert {(e, lens, i) for e, lens, i in used} == {
        (edition, lens, indicator)
        for edition in PARTIAL_EDITIONS
        for indicator, (lens, _) in documented.items()
        if lens in PARTIAL_LENSES
    }
    # the indicators they stand in for have no value in those editions, and are back from the next one
    replaced = sorted({target for _, target in documented.values()})
    rows = con.execute(
        "select edition, indicator_id, count(*) from marts.fct_indicator_values "
        f"where indicator_id in ({', '.join('?' * len(replaced))}) group by edition, indicator_id",
        replaced,
    ).fetchall()
    editions_with_value = {(edition, indicator) for edition, indicator, _ in rows}
    assert not {(e, i) for e, i in editions_with_value if e in PARTIAL_EDITIONS}
    assert {i for e, i in editions_with_value if e == max(PARTIAL_EDITIONS) + 1} == set(replaced)
    # the mart's count per council is the substitutes with a value for that council
    mismatched = con.execute(
        """
        select p.edition, p.authority_code, p.lens_id, p.substitutes_used, count(v.indicator_id)
        from marts.fct_lens_productivity p
        left join marts.fct_indicator_values v
            on v.edition = p.edition and v.authority_code = p.authority_code and v.lens_id = p.lens_id
            and v.value is not null
            and v.indicator_id in (select indicator_id from marts.dim_indicator where is_substitute)
        group by p.edition, p.authority_code, p.lens_id, p.substitutes_used, p.is_partial_lens
        having p.substitutes_used <> count(v.indicator_id) or p.is_partial_lens <> (count(v.indicator_id) > 0)
        """
    ).fetchall()
    assert not mismatched, mismatched[:5]


def test_coverage_mart_says_which_indicators_are_substitutes(con):
    status = {
        (edition, indicator): value
        for edition, indicator, value in con.execute(
            "select edition, indicator_id, coverage_status from marts.fct_indicator_coverage"
        ).fetchall()
    }
    for indicator, (_, target) in _documented_substitutes().items():
        for edition in PARTIAL_EDITIONS:
            assert (status[(edition, target)], status[(edition, indicator)]) == ("missing", "substitute"), edition
        later = max(PARTIAL_EDITIONS) + 1
        assert (status[(later, target)], status[(later, indicator)]) == ("real", "substitute not used")
