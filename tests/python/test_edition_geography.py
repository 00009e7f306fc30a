"""Each edition on its own geography, on the demo warehouse.

The demo universe has one boundary change: Bexstead (E06900033) and Yarrowmore (E06900035) merge into
New Tarnvale (E06900999) on 1 April 2020, between the 2019 and 2020 editions. These tests read the
demo warehouse the other slow tests build (``demo_build.demo_warehouse("build_a")``) and check, against
the values of the two predecessors on 2018 geography, that the merged council's counts are summed,
its rates recomputed from them (not copied from either predecessor), and that it has no previous rank.
"""

from __future__ import annotations

import math

import duckdb
import pytest
from demo_build import demo_warehouse

MERGED = "E06900999"
PIECES = ("E06900033", "E06900035")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def con():
    connection = duckdb.connect(str(demo_warehouse("build_a")), read_only=True)
    yield connection
    connection.close()


def test_each_edition_holds_the_councils_of_its_date(con):
    rows = dict(
        con.execute(
            """
            select edition, list(authority_code order by authority_code)
            from marts.dim_edition_authority
            where authority_code in ('E06900999', 'E06900033', 'E06900035')
            group by edition
            """
        ).fetchall()
    )
    assert rows[2019] == list(PIECES)
    assert rows[2020] == [MERGED]
    counts = dict(con.execute("select edition, count(*) from marts.dim_edition_authority group by edition").fetchall())
    assert counts[2019] - counts[2020] == 1  # two councils became one


def test_merged_council_sums_counts_and_recomputes_rates(con):
    pieces = con.execute(
        """
        select indicator_id, sum(numerator), sum(denominator), min(value), max(value), count(*)
        from intermediate.int_indicator_values__editions
        where edition = 2020 and authority_code in ('E06900033', 'E06900035')
            and numerator is not null and denominator is not null
        group by indicator_id
        having count(*) = 2
        """
    ).fetchall()
    merged = {
        row[0]: row[1:]
        for row in con.execute(
            """
            select indicator_id, numerator, denominator, value, is_recomputed
            from marts.fct_indicator_values
            where edition = 2020 and authority_code = ?
            """,
            [MERGED],
        ).fetchall()
    }
    assert len(pieces) >= 10
    differing = checked = 0
    for indicator_id, numerator, denominator, low, high, _ in pieces:
        m_numerator, m_denominator, m_value, is_recomputed = merged[indicator_id]
        assert m_numerator == pytest.approx(numerator), indicator_id  # counts summed
        assert m_denominator == pytest.approx(denominator), indicator_id
        assert is_recomputed, indicator_id
        # the rate recomputed from the sums lies between the pieces' (published, rounded) rates ...
        assert low * 0.99 - 1e-9 <= m_value <= high * 1.01 + 1e-9, indicator_id
        # ... and is k x sum(numerator) / sum(denominator), k the power of ten of the indicator's unit
        ratio = con.execute(
            """
            select value * denominator / numerator from intermediate.int_indicator_values__editions
            where edition = 2020 and authority_code = 'E06900033' and indicator_id = ?
                and numerator > 0 and value > 0
            """,
            [indicator_id],
        ).fetchone()
        if ratio and numerator:
            scale = 10 ** round(math.log10(ratio[0]))
            if abs(math.log10(ratio[0] / scale)) < 0.0086:
                assert m_value == pytest.approx(scale * numerator / denominator, rel=1e-9), indicator_id
                checked += 1
        differing += low != high
    assert differing > 0  # the pieces differ, so a copied rate would have been caught
    assert checked >= 10


def test_rates_without_counts_are_not_copied_to_the_merged_council(con):
    copied = con.execute(
        """
        select pieces.indicator_id
        from intermediate.int_indicator_values__editions as pieces
        inner join marts.fct_indicator_values as merged
            on merged.edition = pieces.edition and merged.indicator_id = pieces.indicator_id
        where pieces.edition = 2020 and pieces.authority_code in ('E06900033', 'E06900035')
            and merged.authority_code = ? and merged.is_recomputed
            and (pieces.numerator is null or pieces.denominator is null)
        """,
        [MERGED],
    ).fetchall()
    assert copied == []


def test_merged_council_has_no_previous_rank_and_says_why(con):
    rows = con.execute(
        """
        select lens_id, previous_rank, previous_authority_code, no_previous_rank_reason
        from marts.fct_rank_changes
        where edition = 2020 and authority_code = ?
        """,
        [MERGED],
    ).fetchall()
    assert {row[0] for row in rows} >= {"overall", "waste_recycling"}
    for _, previous_rank, previous_code, reason in rows:
        assert previous_rank is None and previous_code is None
        assert reason.startswith("created on 2020-04-01 by a merger of 2 authorities")
    # a council that kept its code keeps its previous rank
    kept = con.execute(
        """
        select count(*) from marts.fct_rank_changes
        where edition = 2020 and lens_id = 'overall' and previous_rank is not null
            and previous_authority_code = authority_code
        """
    ).fetchone()[0]
    assert kept > 100
