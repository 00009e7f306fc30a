"""The rank simulation (models/intermediate/analysis/int_analysis__*: method scores, runs, weights,
lens ranks, overall ranks, rank runs) built by dbt, with the index models it must agree with, on a
small hand-made universe: 12 councils, 6 lenses of 3 indicators, 2 editions, written straight into the tables the
models read (int_index__indicator_values, int_finance__lens_spend, the catalogue ...). No demo data.

Checks what the SQL must do whatever the data: the default run is the index; a council best on
everything is first in every run; identical councils tie in every run; a council with too few lenses
has no overall rank; the run groups and options; and that the random draws are exactly the portable
definition (md5 of the key, documented in models/marts/analysis/_analysis__docs.md), so any engine
that implements it draws the same. Two builds (two seeds), run on one parse of the project shared
with this pytest process's other dbt runs (demo_build.run_dbt_on_one_parse).
"""

from __future__ import annotations

import hashlib
import json
import math
from collections import Counter, defaultdict
from pathlib import Path

import duckdb
import numpy as np
import pytest
from demo_build import ROOT, run_dbt_on_one_parse

pytestmark = pytest.mark.slow

MODELS = [
    "int_index__indicator_scores",
    "int_index__lens_outcomes",
    "int_index__lens_productivity",
    "int_index__overall_productivity",
    "int_analysis__method_scores",
    "int_analysis__runs",
    "int_analysis__run_weights",
    "int_analysis__run_lens_ranks",
    "int_analysis__run_overall_ranks",
    "int_analysis__rank_runs",
]
EDITIONS = (2017, 2018)
LENSES = ["l1", "l2", "l3", "l4", "l5", "l6"]
INDICATORS = [(f"{lens}_i{j}", lens) for lens in LENSES for j in range(1, 4)]
COUNCILS = [f"C{i:02d}" for i in range(12)]
DOMINANT, TWINS, FEW_LENSES, GAPPY = "C03", ("C02", "C07"), "C01", "C11"
DRAWS, WEIGHT_DRAWS, ALPHA = 200, 20, 10
METHODS = ("zscore", "minmax", "percentile", "distance_to_england")


def universe(seed=7):
    """Indicator values (higher is better for odd indicators, lower for even) and spend per head."""
    rng = np.random.default_rng(seed)
    values, spend = [], []
    for edition in EDITIONS:
        data = {c: {k: float(rng.normal(50, 10)) for k, _ in INDICATORS} for c in COUNCILS}
        spend_of = {c: {lens: float(rng.uniform(90, 130)) for lens in LENSES} for c in COUNCILS}
        for n, (k, _) in enumerate(INDICATORS):
            others = [data[c][k] for c in COUNCILS if c != DOMINANT]
            data[DOMINANT][k] = (max(others) + 20.0) if n % 2 == 0 else (min(others) - 20.0)
        spend_of[DOMINANT] = {lens: 80.0 for lens in LENSES}
        data[TWINS[1]] = dict(data[TWINS[0]])
        spend_of[TWINS[1]] = dict(spend_of[TWINS[0]])
        for k, lens in INDICATORS:
            if lens in ("l1", "l2"):
                data[FEW_LENSES][k] = None  # 4 lenses left: no overall rank (5 needed)
        data[GAPPY]["l6_i1"] = None
        for c in COUNCILS:
            for n, (k, lens) in enumerate(INDICATORS):
                if data[c][k] is not None:
                    values.append((edition, c, k, lens, 1 if n % 2 == 0 else -1, data[c][k]))
            for lens in LENSES:
                spend.append((edition, c, lens, spend_of[c][lens]))
    return values, spend


def write_inputs(db: Path) -> None:
    values, spend = universe()
    con = duckdb.connect(str(db))
    con.execute("create schema reference; create schema intermediate")
    con.execute("create table reference.editions (edition integer, budget_financial_year varchar)")
    con.executemany("insert into reference.editions values (?, ?)", [(e, f"{e}-{(e + 1) % 100:02d}") for e in EDITIONS])
    con.execute("create table intermediate.int_geography__authorities (authority_code varchar, is_ranked boolean)")
    con.executemany("insert into intermediate.int_geography__authorities values (?, true)", [(c,) for c in COUNCILS])
    con.execute(
        "create table intermediate.int_geography__edition_authorities "
        "(edition integer, authority_code varchar, is_ranked boolean, mapping_rule varchar)"
    )
    con.executemany(
        "insert into intermediate.int_geography__edition_authorities values (?, ?, true, 'same_authority')",
        [(e, c) for e in EDITIONS for c in COUNCILS],
    )
    con.execute("create table intermediate.int_indicators__lenses (lens_id varchar)")
    con.executemany("insert into intermediate.int_indicators__lenses values (?)", [(lens,) for lens in LENSES])
    con.execute(
        "create table intermediate.int_indicators__catalogue "
        "(indicator_id varchar, lens_id varchar, substitutes_for varchar)"
    )
    con.executemany("insert into intermediate.int_indicators__catalogue values (?, ?, null)", INDICATORS)
    con.execute("""create table intermediate.int_index__indicator_values (
        edition integer, authority_code varchar, indicator_id varchar, lens_id varchar, polarity varchar,
        direction integer, period varchar, period_end_year integer, value double, reference_value double,
        reference_source varchar)""")
    medians = defaultdict(list)
    for e, c, k, lens, d, v in values:
        medians[(e, k)].append(v)
    con.executemany(
        "insert into intermediate.int_index__indicator_values values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                e,
                c,
                k,
                lens,
                "higher_is_better" if d == 1 else "lower_is_better",
                d,
                str(e - 1),
                e - 1,
                v,
                float(np.median(medians[(e, k)])),
                "ranked_council_median",
            )
            for e, c, k, lens, d, v in values
        ],
    )
    con.execute("""create table intermediate.int_finance__lens_spend (edition integer, authority_code varchar,
        lens_id varchar, spend_per_head double, spend_source varchar, spend_year varchar)""")
    con.executemany("insert into intermediate.int_finance__lens_spend values (?, ?, ?, ?, 'RA budget', '')", spend)
    con.close()


SEEDS = (42, 43)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[int, Path]:
    """Both seeds' builds: a warehouse of the inputs per seed, then ``dbt run`` of MODELS on each
    with that seed and the small draw counts in --vars, on one parse of the project (the parse of
    this pytest process's other dbt runs, demo_build.run_dbt_on_one_parse): the two runs differ
    only in --vars, which would make a second ``dbt run`` parse the whole project again."""
    base = tmp_path_factory.mktemp("rank_runs")
    runs = []
    for seed in SEEDS:
        db = base / f"seed_{seed}.duckdb"
        write_inputs(db)
        dbt_vars = {
            "uncertainty_seed": seed,
            "uncertainty_draws": DRAWS,
            "sensitivity_weight_draws": WEIGHT_DRAWS,
            "uncertainty_weight_concentration": ALPHA,
        }
        runs.append((db, ["run", "--select", *MODELS, "--vars", json.dumps(dbt_vars)]))
    result = run_dbt_on_one_parse(runs)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    return dict(zip(SEEDS, (db for db, _ in runs), strict=True))


def query(db: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def ranks(db: Path, group: str, lens_id: str = "overall") -> dict:
    """{(edition, run_option, draw): {council: rank}} of one run group and lens."""
    out = defaultdict(dict)
    for edition, option, draw, code, rank in query(
        db,
        f"""
            select edition, run_option, draw, authority_code, rank from intermediate.int_analysis__rank_runs
            where run_group = '{group}' and lens_id = '{lens_id}'""",
    ):
        out[(edition, option, draw)][code] = rank
    return out


def uniform(seed, *parts, slot=0):
    """The portable uniform number of the docs: md5 of 'seed|part|...', 13 hex digits per slot."""
    digest = hashlib.md5("|".join(str(p) for p in (seed, *parts)).encode()).hexdigest()
    return (int(digest[13 * slot : 13 * slot + 13], 16) + 0.5) / 2**52


# ------------------------------------------------------------------------------------------------


def test_there_is_no_python_model():
    assert not list((ROOT / "models").rglob("*.py"))


def test_default_run_reproduces_the_index(built):
    db = built[42]
    mismatches = query(
        db,
        """
        with published as (
            select edition, authority_code, lens_id, lens_rank as rank_value
            from intermediate.int_index__lens_productivity where lens_rank is not null
            union all
            select edition, authority_code, 'overall', overall_rank
            from intermediate.int_index__overall_productivity where overall_rank is not null),
        runs as (select * from intermediate.int_analysis__rank_runs where run_group = 'default')
        select * from published full outer join runs using (edition, authority_code, lens_id)
        where published.rank_value is distinct from runs.rank""",
    )
    assert mismatches == []
    assert (
        query(db, "select count(*) from intermediate.int_analysis__rank_runs where run_group = 'default'")[0][0] > 100
    )


def test_default_lens_ranks_by_hand(built):
    """Lens l3, edition 2017, by hand: winsorised z-scores, lens means, outcome index, productivity."""
    values, spend = universe()
    by_council = defaultdict(list)
    for k, lens in INDICATORS:
        if lens != "l3":
            continue
        rows = {c: v * d for e, c, kk, _, d, v in values if e == 2017 and kk == k}
        arr = np.array(list(rows.values()))
        for c, x in rows.items():
            by_council[c].append(np.clip((x - arr.mean()) / arr.std(ddof=1), -3, 3))
    councils = sorted(by_council)
    outcome = np.array([np.mean(by_council[c]) for c in councils])
    outcome_index = 100 + 10 * (outcome - outcome.mean()) / outcome.std(ddof=1)
    per_head = {c: s for e, c, lens, s in spend if e == 2017 and lens == "l3"}
    median = np.median([per_head[c] for c in councils])
    productivity = 100 * outcome_index / np.array([100 * per_head[c] / median for c in councils])
    expected = {c: int(1 + (productivity > productivity[i] + 1e-9).sum()) for i, c in enumerate(councils)}
    assert ranks(built[42], "default", "l3")[(2017, "default", 0)] == expected


def test_a_council_best_on_everything_is_first_in_every_run(built):
    for lens_id in ("overall", "l4"):
        for group in (
            "default",
            "normalisation",
            "winsorise",
            "leave_one_out",
            "indicator_weights",
            "lens_weights",
            "monte_carlo",
        ):
            runs = ranks(built[42], group, lens_id)
            if lens_id != "overall" and group not in ("default", "monte_carlo"):
                assert not runs, group  # only the default and Monte Carlo runs keep lens ranks
                continue
            assert runs, (group, lens_id)
            assert all(run[DOMINANT] == 1 for run in runs.values()), (group, lens_id)
    # while the others do move: the Monte Carlo is not degenerate
    assert len({run["C05"] for run in ranks(built[42], "monte_carlo").values()}) > 1


def test_identical_councils_tie_in_every_run(built):
    a, b = TWINS
    for lens_id in ["overall", *LENSES]:
        for group in (
            "default",
            "normalisation",
            "winsorise",
            "leave_one_out",
            "indicator_weights",
            "lens_weights",
            "monte_carlo",
        ):
            for run in ranks(built[42], group, lens_id).values():
                assert run.get(a) == run.get(b), (group, lens_id)


def test_too_few_lenses_means_no_overall_rank(built):
    for group in ("default", "monte_carlo", "lens_weights"):
        assert all(FEW_LENSES not in run for run in ranks(built[42], group).values())
    assert all(FEW_LENSES in run for run in ranks(built[42], "default", "l3").values())


def test_run_groups_options_and_counts(built):
    db = built[42]
    options = defaultdict(set)
    draws = defaultdict(set)
    for edition, group, option, draw in query(
        db,
        """
            select distinct edition, run_group, run_option, draw from intermediate.int_analysis__rank_runs""",
    ):
        options[group].add(option)
        draws[(edition, group)].add(draw)
    with_data = {k for k, _ in INDICATORS}
    assert options["leave_one_out"] == with_data
    assert options["normalisation"] == {"minmax", "percentile", "distance_to_england"}
    assert options["winsorise"] == {"false"}
    assert options["default"] == {"default"}
    for edition in EDITIONS:
        assert draws[(edition, "monte_carlo")] == set(range(1, DRAWS + 1))
        assert draws[(edition, "indicator_weights")] == set(range(1, WEIGHT_DRAWS + 1))
        assert draws[(edition, "lens_weights")] == set(range(1, WEIGHT_DRAWS + 1))
    runs = query(db, "select run_group, count(*) from intermediate.int_analysis__runs group by run_group")
    assert dict(runs) == {
        "default": 2,
        "normalisation": 6,
        "winsorise": 2,
        "leave_one_out": 2 * len(INDICATORS),
        "indicator_weights": 2 * WEIGHT_DRAWS,
        "lens_weights": 2 * WEIGHT_DRAWS,
        "monte_carlo": 2 * DRAWS,
    }


@pytest.mark.parametrize("seed", [42, 43])
def test_monte_carlo_choices_are_the_portable_definition(built, seed):
    """Each Monte Carlo run's method, winsorising and left-out indicator follow from md5 alone."""
    got = {
        (e, d): (m, w, k)
        for e, d, m, w, k in query(
            built[seed],
            """
        select edition, draw, normalisation, winsorise, left_out_indicator_id
        from intermediate.int_analysis__runs where run_group = 'monte_carlo'""",
        )
    }
    for edition in EDITIONS:
        for draw in range(1, DRAWS + 1):
            method = METHODS[math.floor(4 * uniform(seed, edition, "monte_carlo", draw, "normalisation"))]
            winsorise = uniform(seed, edition, "monte_carlo", draw, "winsorise") < 0.5
            left_out = None
            if uniform(seed, edition, "monte_carlo", draw, "leave_out") < 0.5:
                left_out = min(
                    (uniform(seed, edition, "monte_carlo", draw, "left_out_indicator", k), k) for k, _ in INDICATORS
                )[1]
            assert got[(edition, draw)] == (method, winsorise, left_out), (edition, draw)


def test_weights_are_the_portable_gamma_draws(built):
    """A weight is the sum of ALPHA exponential draws -ln(u), two u per md5 hash of its key."""
    rows = query(
        built[42],
        """
        select runs.edition, runs.run_group, runs.draw, weights.weight_of, weights.weight_key, weights.weight
        from intermediate.int_analysis__run_weights as weights
        inner join intermediate.int_analysis__runs as runs using (edition, run_id)""",
    )
    assert len(rows) == 2 * ((DRAWS + WEIGHT_DRAWS) * len(INDICATORS) + (DRAWS + WEIGHT_DRAWS) * len(LENSES))
    for edition, group, draw, weight_of, key, weight in rows[::97]:
        expected = -sum(
            math.log(uniform(42, edition, group, draw, f"{weight_of}_weight", key, i // 2, slot=i % 2))
            for i in range(ALPHA)
        )
        assert weight == pytest.approx(expected, rel=1e-12)
    weights = np.array([r[5] for r in rows])
    # Gamma(alpha, 1): mean alpha, variance alpha
    assert weights.min() > 0
    assert abs(weights.mean() - ALPHA) < 0.15
    assert abs(weights.var() - ALPHA) < 1.0


def test_monte_carlo_choices_are_balanced(built):
    rows = query(
        built[42],
        """select normalisation, winsorise, left_out_indicator_id is not null
                               from intermediate.int_analysis__runs where run_group = 'monte_carlo'""",
    )
    n = len(rows)
    methods = Counter(r[0] for r in rows)
    assert set(methods) == set(METHODS)
    assert all(abs(count / n - 0.25) < 0.07 for count in methods.values()), methods
    assert abs(sum(r[1] for r in rows) / n - 0.5) < 0.08
    assert abs(sum(r[2] for r in rows) / n - 0.5) < 0.08


def test_another_seed_changes_only_the_random_runs(built):
    for group in ("default", "normalisation", "winsorise", "leave_one_out"):
        assert ranks(built[42], group) == ranks(built[43], group), group
    assert ranks(built[42], "monte_carlo") != ranks(built[43], "monte_carlo")
    assert ranks(built[42], "indicator_weights") != ranks(built[43], "indicator_weights")
