"""Unit tests of the rank-uncertainty engine (models/intermediate/analysis/int_analysis__rank_runs.py)
on small hand-made universes: no warehouse needed, the model's numpy functions are imported directly."""

import importlib.util
from collections import defaultdict
from pathlib import Path

import numpy as np
import pytest

MODEL = Path(__file__).resolve().parents[2] / "models" / "intermediate" / "analysis" / "int_analysis__rank_runs.py"


@pytest.fixture(scope="module")
def engine():
    spec = importlib.util.spec_from_file_location("int_analysis__rank_runs", MODEL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


LENSES = ["l1", "l2", "l3", "l4", "l5", "l6"]
INDICATORS = [(f"{lens}_i{j}", lens) for lens in LENSES for j in range(1, 4)]  # 3 indicators per lens


def settings(**overrides):
    base = {
        "draws": 300,
        "seed": 42,
        "weight_concentration": 10.0,
        "weight_draws": 20,
        "normalisation": "zscore",
        "winsorise": True,
        "winsor_limit": 3.0,
        "min_indicator_share": 0.5,
        "min_lenses_ranked": 5,
    }
    base.update(overrides)
    return base


def universe(n_councils=12, seed=7, dominant=None, twins=None):
    """Random directed values (higher = better) for 3 editions of n councils; equal spend index.
    `dominant`: a council made strictly best on every indicator; `twins`: (a, b) given identical data."""
    rng = np.random.default_rng(seed)
    councils = [f"C{i:02d}" for i in range(n_councils)]
    values, spend = [], []
    for edition in (2017, 2018):
        data = {c: {k: rng.normal() for k, _ in INDICATORS} for c in councils}
        spend_of = {c: {lens: float(rng.uniform(80, 120)) for lens in LENSES} for c in councils}
        if dominant:
            for k, _ in INDICATORS:
                data[dominant][k] = max(data[c][k] for c in councils if c != dominant) + 1.0
            spend_of[dominant] = {lens: 80.0 for lens in LENSES}
            for c in councils:
                if c != dominant:
                    spend_of[c] = {lens: max(spend_of[c][lens], 90.0) for lens in LENSES}
        if twins:
            a, b = twins
            data[b] = dict(data[a])
            spend_of[b] = dict(spend_of[a])
        # one missing value, to exercise the availability rules
        data[councils[-1]][INDICATORS[0][0]] = None
        for c in councils:
            for k, _ in INDICATORS:
                if data[c][k] is not None:
                    values.append((edition, c, k, data[c][k], 0.0))
            for lens in LENSES:
                spend.append((edition, c, lens, spend_of[c][lens]))
    return values, spend, INDICATORS


def ranks_by_run(columns, lens_id="overall", group="monte_carlo"):
    out = defaultdict(dict)
    for i in range(len(columns["rank"])):
        if columns["lens_id"][i] == lens_id and columns["run_group"][i] == group:
            key = (columns["edition"][i], columns["draw"][i], columns["run_option"][i])
            out[key][columns["authority_code"][i]] = columns["rank"][i]
    return out


def test_scores_match_the_sql_methods(engine):
    x = np.array([[1.0], [2.0], [3.0], [np.nan], [3.0]])
    z = engine.indicator_scores(x, np.array([2.0]), "zscore", False, 3)
    mean, sd = 2.25, np.std([1, 2, 3, 3], ddof=1)
    assert np.allclose(z[[0, 1, 2, 4], 0], (np.array([1, 2, 3, 3]) - mean) / sd)
    assert np.isnan(z[3, 0])
    mm = engine.indicator_scores(x, np.array([2.0]), "minmax", False, 3)
    assert np.allclose(mm[[0, 1, 2, 4], 0], [0, 50, 100, 100])
    # percent_rank: ties share the lower value; (rank - 1) / (n - 1)
    pr = engine.indicator_scores(x, np.array([2.0]), "percentile", False, 3)
    assert np.allclose(pr[[0, 1, 2, 4], 0], [0, 100 / 3, 200 / 3, 200 / 3])
    d = engine.indicator_scores(x, np.array([2.0]), "distance_to_england", False, 3)
    assert np.allclose(d[[0, 1, 2, 4], 0], (np.array([1, 2, 3, 3]) - 2.0) / sd)
    outlier = np.array([[0.0]] * 20 + [[100.0]])
    assert engine.indicator_scores(outlier, np.array([0.0]), "zscore", True, 3).max() == 3.0
    assert engine.indicator_scores(outlier, np.array([0.0]), "zscore", False, 3).max() > 3.0
    flat = np.array([[5.0], [5.0]])
    assert np.isnan(engine.indicator_scores(flat, np.array([5.0]), "zscore", True, 3)).all()
    assert np.isnan(engine.indicator_scores(flat, np.array([5.0]), "minmax", True, 3)).all()


def test_competition_rank_ties_share_the_lowest_rank(engine):
    r = engine.competition_rank(np.array([5.0, 7.0, 7.0, np.nan, 1.0]), descending=True)
    assert r[[0, 1, 2, 4]].tolist() == [3.0, 1.0, 1.0, 4.0]
    assert np.isnan(r[3])


def test_dominant_council_is_first_in_every_draw(engine):
    values, spend, catalogue = universe(dominant="C03")
    columns = engine.decode(engine.simulate(values, spend, catalogue, settings()))
    runs = ranks_by_run(columns)
    assert len(runs) == 2 * 300
    assert all(run["C03"] == 1 for run in runs.values())
    lens_runs = ranks_by_run(columns, lens_id="l4")
    assert all(run["C03"] == 1 for run in lens_runs.values())
    # while the others do move: the Monte Carlo is not degenerate
    assert len({run["C05"] for run in runs.values()}) > 1


def test_identical_councils_get_identical_ranks_in_every_run(engine):
    values, spend, catalogue = universe(twins=("C02", "C07"))
    columns = engine.decode(engine.simulate(values, spend, catalogue, settings()))
    for group in ("default", "monte_carlo", "leave_one_out", "normalisation", "lens_weights", "indicator_weights"):
        runs = ranks_by_run(columns, group=group)
        assert runs, group
        assert all(run["C02"] == run["C07"] for run in runs.values()), group
    for lens in LENSES:
        assert all(run["C02"] == run["C07"] for run in ranks_by_run(columns, lens_id=lens).values())


def test_default_run_is_the_index_method(engine):
    """The default run reproduces the index by hand: z-scores, lens means, outcome index, productivity."""
    values, spend, catalogue = universe(n_councils=8, seed=3)
    columns = engine.decode(engine.simulate(values, spend, catalogue, settings(draws=1, weight_draws=0)))
    run = ranks_by_run(columns, lens_id="l1", group="default")[(2017, 0, "default")]
    # by hand for lens l1, edition 2017
    councils = sorted({v[1] for v in values})
    score = defaultdict(list)
    for k, lens in catalogue:
        if lens != "l1":
            continue
        vals = {v[1]: v[3] for v in values if v[0] == 2017 and v[2] == k}
        arr = np.array(list(vals.values()))
        for c, x in vals.items():
            score[c].append(np.clip((x - arr.mean()) / arr.std(ddof=1), -3, 3))
    outcome = np.array([np.mean(score[c]) for c in councils])
    oi = 100 + 10 * (outcome - outcome.mean()) / outcome.std(ddof=1)
    si = np.array([next(s[3] for s in spend if s[0] == 2017 and s[1] == c and s[2] == "l1") for c in councils])
    prod = 100 * oi / si
    expected = {c: int(1 + (prod > prod[i]).sum()) for i, c in enumerate(councils)}
    assert run == expected


def test_runs_are_deterministic_for_a_seed(engine):
    values, spend, catalogue = universe()
    a = engine.decode(engine.simulate(values, spend, catalogue, settings(draws=50)))
    b = engine.decode(engine.simulate(values, spend, catalogue, settings(draws=50)))
    c = engine.decode(engine.simulate(values, spend, catalogue, settings(draws=50, seed=43)))
    assert a == b
    assert a["rank"] != c["rank"]


def test_leave_one_out_and_sensitivity_groups(engine):
    values, spend, catalogue = universe()
    columns = engine.decode(engine.simulate(values, spend, catalogue, settings(draws=10, weight_draws=5)))
    options = defaultdict(set)
    for group, option in zip(columns["run_group"], columns["run_option"]):
        options[group].add(option)
    assert options["leave_one_out"] == {k for k, _ in INDICATORS}
    assert options["normalisation"] == {"minmax", "percentile", "distance_to_england"}
    assert options["winsorise"] == {"false"}
    assert options["default"] == {"default"}
    # sensitivity groups carry the overall rank only
    lens_groups = {g for g, lens in zip(columns["run_group"], columns["lens_id"]) if lens != "overall"}
    assert lens_groups == {"default", "monte_carlo"}


def test_too_few_lenses_means_no_overall_rank(engine):
    values, spend, catalogue = universe()
    # drop every value of C01 in lenses l1 and l2: it keeps 4 lenses, below min_lenses_ranked 5
    values = [v for v in values if not (v[1] == "C01" and v[2][:2] in ("l1", "l2"))]
    columns = engine.decode(engine.simulate(values, spend, catalogue, settings(draws=5, weight_draws=0)))
    overall = ranks_by_run(columns, group="default")
    assert all("C01" not in run for run in overall.values())
    lens3 = ranks_by_run(columns, lens_id="l3", group="default")
    assert all("C01" in run for run in lens3.values())


def test_model_reads_every_setting_through_a_literal_config_get():
    """dbt hands a Python model only the config keys it sees in literal dbt.config.get("...") calls:
    every key the settings use must appear so, and be set from a var in the model's yml."""
    import re

    source = MODEL.read_text()
    literal_keys = set(re.findall(r'dbt\.config\.get\("([a-z_]+)"\)', source))
    used_keys = set(re.findall(r'get\("([a-z_]+)"\)', source.split("def settings_from_config")[1].split("def model")[0]))
    assert used_keys and used_keys <= literal_keys
    yml = (MODEL.parent / "_analysis__models.yml").read_text()
    for key in used_keys:
        assert re.search(rf"^\s+{key}: \"{{{{ var\('{key}'", yml, re.M), key


def test_percentile_scores_match_the_pairwise_definition_with_ties_and_gaps(engine):
    """percent_rank x 100 = councils strictly below / (valid councils - 1), per indicator, with
    ties sharing a score and missing values staying missing (the SQL's percent_rank)."""
    rng = np.random.default_rng(7)
    for _ in range(100):
        x = rng.integers(0, 6, size=(rng.integers(1, 25), rng.integers(1, 5))).astype(float)
        x[rng.random(x.shape) < 0.2] = np.nan
        valid = ~np.isnan(x)
        n = valid.sum(axis=0)
        below = ((x[None, :, :] < x[:, None, :]) & valid[None, :, :]).sum(axis=1)
        expected = np.where(valid, 100.0 * below / np.where(n > 1, n - 1, np.inf), np.nan)
        got = engine.indicator_scores(x, np.full(x.shape[1], np.nan), "percentile", False, 3)
        assert np.array_equal(np.isnan(got), np.isnan(expected))
        assert np.allclose(got[valid], expected[valid])


def test_batching_changes_no_rank(engine, monkeypatch):
    """Runs are simulated in batches sized to the councils (BATCH_ELEMENTS); one run per batch must
    give exactly the ranks of the default batches."""
    values, spend, catalogue = universe()
    whole = engine.decode(engine.simulate(values, spend, catalogue, settings(draws=40, weight_draws=5)))
    monkeypatch.setattr(engine, "BATCH_ELEMENTS", 1)
    assert engine.batch_size(12, len(INDICATORS)) == 1
    one_by_one = engine.decode(engine.simulate(values, spend, catalogue, settings(draws=40, weight_draws=5)))
    assert one_by_one == whole


def test_memory_stays_flat_as_councils_grow(engine, monkeypatch):
    """Peak memory of a simulation of many councils is bounded by the batch size and the output,
    not by runs x councils x indicators (which at 100x the councils needed more than 24 GB)."""
    import tracemalloc

    n, draws = 4000, 200
    catalogue = [(f"{lens}_i{j}", lens) for lens in LENSES for j in range(1, 9)]  # 48, as the real index
    rng = np.random.default_rng(3)
    councils = [f"C{i:05d}" for i in range(n)]
    values = [(2019, c, k, float(v), 0.0) for c in councils for (k, _), v in zip(catalogue, rng.normal(size=len(catalogue)))]
    spend = [(2019, c, lens, float(s)) for c in councils for lens, s in zip(LENSES, rng.uniform(80, 120, size=len(LENSES)))]

    def peak_mb(batch_elements):
        monkeypatch.setattr(engine, "BATCH_ELEMENTS", batch_elements)
        tracemalloc.start()
        try:
            columns = engine.simulate(values, spend, catalogue, settings(draws=draws, weight_draws=0))
            return tracemalloc.get_traced_memory()[1] / 2**20, len(columns["rank"])
        finally:
            tracemalloc.stop()

    # 2 runs per batch: 1.5 MB per (runs x councils x indicators) array
    batched, kept = peak_mb(400_000)
    runs = draws + 1 + 3 + 1 + len(catalogue)  # monte carlo, default, other methods, winsorise, leave one out
    assert kept == (draws + 1) * n * (1 + len(LENSES)) + (runs - draws - 1) * n
    output_mb = kept * 7 * 4 / 2**20  # 7 int32 columns
    # what remains is the output and its index arrays; one batch of 200 runs would add 200 x 4000 x
    # 48 x 8 bytes = 293 MB per array, several arrays at once
    assert batched < 4 * output_mb, (batched, output_mb)
    unbatched, _ = peak_mb(10**12)
    assert unbatched > batched + 300, (unbatched, batched)


def test_arrow_output_matches_the_decoded_columns_with_and_without_dictionaries(engine):
    import duckdb

    values, spend, catalogue = universe()
    columns = engine.simulate(values, spend, catalogue, settings(draws=20, weight_draws=3))
    decoded = engine.decode(columns)
    for dictionary in (True, False):
        table = engine.to_arrow(columns, dictionary=dictionary)
        assert table.to_pydict() == decoded
        con = duckdb.connect()
        con.register("runs", table)
        types = dict(con.execute("select column_name, column_type from (describe select * from runs)").fetchall())
        assert types["run_group"] == types["authority_code"] == types["lens_id"] == "VARCHAR"
        con.close()


def test_duckdb_sessions_are_recognised(engine):
    """dbt-duckdb hands the model its cursor wrapper, not a duckdb connection: both must take the
    fast Arrow path (the wrapper was once missed, and every run went through pandas)."""
    import duckdb

    wrapper = type("DuckDBCursorWrapper", (), {"__module__": "dbt.adapters.duckdb.environments.local"})
    spark = type("SparkSession", (), {"__module__": "pyspark.sql.session"})
    assert engine.is_duckdb_session(duckdb.connect())
    assert engine.is_duckdb_session(wrapper())
    assert not engine.is_duckdb_session(spark())
