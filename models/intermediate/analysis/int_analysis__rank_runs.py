"""Rank uncertainty and sensitivity runs of the index (issue 8), a dbt Python model.

Re-computes the index (indicator scores -> lens outcome scores -> outcome index -> productivity
-> lens ranks -> overall rank; the method of models/intermediate/index and models/marts/index)
many times, each time with other method choices, and returns the ranks of every run, one row per
edition, run, council and lens (lens_id 'overall' for the overall rank). Portable SQL marts
summarise them (fct_rank_uncertainty, rpt_sensitivity).

Runs (run_group):
  default            the build's own choices (vars normalisation, winsorise, equal weights,
                     every indicator): must reproduce fct_lens_productivity / fct_overall_productivity
  normalisation      one run per other normalisation method, everything else default
  winsorise          one run with winsorising switched the other way
  leave_one_out      one run per indicator with data in the edition, left out of its lens
  indicator_weights  var sensitivity_weight_draws runs with random indicator weights only
  lens_weights       var sensitivity_weight_draws runs with random lens weights only
  monte_carlo        var uncertainty_draws runs varying everything at once: normalisation
                     method (uniform over the four), winsorising on/off (1/2 each), random
                     indicator and lens weights (Gamma(alpha) weights, i.e. Dirichlet(alpha)
                     shares around equal, alpha = var uncertainty_weight_concentration), and
                     with probability 1/2 one indicator (uniform over those with data) left out.
Only the overall rank is kept for the sensitivity groups; default and monte_carlo keep the lens
ranks too. Deterministic for a given var uncertainty_seed: each edition draws from its own
numpy Generator seeded with (seed, edition) (and (seed, edition, 1) for the weight-only runs).

The numeric functions are plain numpy and are unit-tested in tests/python/test_rank_runs.py.
Python models run on dbt-duckdb (in-process) and Spark/Databricks; other engines disable the
analysis models with var analysis_enabled (see models/marts/analysis/_analysis__docs.md).
"""

import numpy as np

METHODS = ("zscore", "minmax", "percentile", "distance_to_england")
# Productivity and mean ranks are rounded to this many decimals before ranking so that councils
# with identical data tie exactly whatever the floating-point summation order.
RANK_DECIMALS = 9
# Runs are simulated in batches whose (runs x councils x indicators) arrays hold at most this many
# numbers (128 MB per float64 array): 200 runs per batch at the real size, 21 at 100x the councils,
# so memory stays flat as councils grow instead of growing with runs x councils.
BATCH_ELEMENTS = 16_000_000


def batch_size(councils, indicators, cap=200):
    """Runs per batch for arrays of councils x indicators per run (at least 1, at most cap)."""
    return int(max(1, min(cap, BATCH_ELEMENTS // max(1, councils * indicators))))


def _truthy(value):
    if isinstance(value, str):
        return value.strip().lower() in ("true", "1", "yes")
    return bool(value)


# --------------------------------------------------------------------------------------------
# numeric core (numpy only)
# --------------------------------------------------------------------------------------------


def competition_rank(values, descending):
    """rank() over the last axis: 1 + number of strictly better values (ties share the lowest
    rank); nan stays nan. Sort-based, O(n log n) per row."""
    v = np.round(np.asarray(values, dtype=float), RANK_DECIMALS)
    valid = ~np.isnan(v)
    key = np.where(valid, -v if descending else v, np.inf)  # best first, missing last
    order = np.argsort(key, axis=-1, kind="stable")
    ordered = np.take_along_axis(key, order, axis=-1)
    position = np.broadcast_to(np.arange(v.shape[-1]), v.shape)
    starts_tie_run = np.ones(v.shape, dtype=bool)
    starts_tie_run[..., 1:] = ordered[..., 1:] != ordered[..., :-1]
    first_of_run = np.maximum.accumulate(np.where(starts_tie_run, position, 0), axis=-1)
    ranks = np.empty(v.shape)
    np.put_along_axis(ranks, order, first_of_run + 1.0, axis=-1)
    return np.where(valid, ranks, np.nan)


def indicator_scores(directed, reference, method, winsorise, limit):
    """Scores (councils x indicators) of directed values (higher = better, nan = missing).

    Mirrors macros/normalisation: zscore and distance_to_england use the sample sd and are
    clamped to +-limit when winsorise; minmax is 0-100; percentile is percent_rank x 100.
    """
    x = np.asarray(directed, dtype=float)
    n = (~np.isnan(x)).sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        if method in ("zscore", "distance_to_england"):
            mean = np.where(n > 0, np.nansum(x, axis=0) / np.maximum(n, 1), np.nan)
            sq = np.nansum((x - mean) ** 2, axis=0)
            sd = np.where(n > 1, np.sqrt(sq / np.maximum(n - 1, 1)), np.nan)
            sd = np.where(sd > 0, sd, np.nan)
            centre = mean if method == "zscore" else np.asarray(reference, dtype=float)
            score = (x - centre) / sd
            if winsorise:
                score = np.clip(score, -limit, limit)
            return score
        if method == "minmax":
            lo = np.nanmin(np.where(np.isnan(x), np.inf, x), axis=0)
            hi = np.nanmax(np.where(np.isnan(x), -np.inf, x), axis=0)
            spread = hi - lo
            spread = np.where(spread > 0, spread, np.nan)
            return 100.0 * (x - lo) / spread
        if method == "percentile":
            valid = ~np.isnan(x)
            # councils strictly below each value, per indicator: a binary search in the sorted
            # valid values (O(n log n) memory-light, exact; a pairwise comparison is O(n^2))
            count_below = np.zeros(x.shape)
            for column in range(x.shape[1]):
                present = np.sort(x[valid[:, column], column])
                count_below[:, column] = np.searchsorted(present, x[:, column], side="left")
            score = 100.0 * count_below / np.where(n > 1, n - 1, np.inf)
            return np.where(valid, score, np.nan)
    raise ValueError(f"unknown normalisation method {method!r}")


def all_scores(directed, reference, limit):
    """Scores for every (method, winsorise) pair: array (4, 2, councils, indicators)."""
    out = np.empty((len(METHODS), 2) + directed.shape)
    for m, method in enumerate(METHODS):
        for w in (0, 1):
            out[m, w] = indicator_scores(directed, reference, method, bool(w), limit)
    return out


def run_ranks(
    scores,
    lens_matrix,
    indicators_in_lens,
    spend_index,
    method,
    winsor,
    leave_out,
    indicator_weights,
    lens_weights,
    min_indicator_share,
    min_lenses_ranked,
    counted_matrix=None,
):
    """Lens and overall ranks of a batch of runs.

    scores: (4, 2, N, K) from all_scores; lens_matrix: (K, L) 0/1 membership;
    indicators_in_lens: (L,) catalogue counts; spend_index: (N, L) (nan = missing);
    method, winsor, leave_out (-1 = none): (R,) ints; indicator_weights (R, K); lens_weights (R, L).
    Returns lens ranks (R, N, L) and overall ranks (R, N), nan where not ranked.
    """
    s = scores[method, winsor]  # (R, N, K)
    present = ~np.isnan(s)
    keep = np.ones((len(method), lens_matrix.shape[0]), dtype=bool)
    has_leave_out = leave_out >= 0
    keep[np.nonzero(has_leave_out)[0], leave_out[has_leave_out]] = False
    used_mask = present & keep[:, None, :]
    weights = indicator_weights[:, None, :] * used_mask
    # sums over each lens's indicators as matrix products (R, N, K) @ (K, L)
    numerator = np.where(used_mask, s, 0.0) * weights @ lens_matrix
    denominator = weights @ lens_matrix
    used = used_mask.astype(float) @ lens_matrix
    counted_matrix = lens_matrix if counted_matrix is None else counted_matrix
    in_lens = indicators_in_lens[None, :] - ((~keep).astype(float) @ counted_matrix)  # (R, L)
    enough = (used > 0) & (used >= min_indicator_share * in_lens[:, None, :])
    with np.errstate(invalid="ignore", divide="ignore"):
        outcome = np.where(enough, numerator / denominator, np.nan)
        n = (~np.isnan(outcome)).sum(axis=1, keepdims=True)
        mean = np.nansum(outcome, axis=1, keepdims=True) / np.maximum(n, 1)
        sd = np.sqrt(np.nansum((outcome - mean) ** 2, axis=1, keepdims=True) / np.maximum(n - 1, 1))
        sd = np.where((n > 1) & (sd > 0), sd, np.nan)
        outcome_index = 100.0 + 10.0 * (outcome - mean) / sd
        spend = np.where(spend_index == 0, np.nan, spend_index)
        productivity = 100.0 * outcome_index / spend[None, :, :]
    lens_rank = competition_rank(np.moveaxis(productivity, 2, 1), descending=True)  # (R, L, N)
    lens_rank = np.moveaxis(lens_rank, 1, 2)  # (R, N, L)
    ranked = ~np.isnan(lens_rank)
    lens_w = lens_weights[:, None, :] * ranked
    with np.errstate(invalid="ignore", divide="ignore"):
        mean_rank = (np.where(ranked, lens_rank, 0.0) * lens_w).sum(axis=2) / lens_w.sum(axis=2)
    mean_rank = np.where(ranked.sum(axis=2) >= min_lenses_ranked, mean_rank, np.nan)
    overall_rank = competition_rank(mean_rank, descending=False)
    return lens_rank, overall_rank


def edition_arrays(values, councils, indicators, lenses, lens_of_indicator):
    """Dense arrays of one edition from long rows (authority_code, indicator_id, directed, reference)."""
    c_index = {c: i for i, c in enumerate(councils)}
    k_index = {k: i for i, k in enumerate(indicators)}
    directed = np.full((len(councils), len(indicators)), np.nan)
    reference = np.full(len(indicators), np.nan)
    for code, indicator, d, r in values:
        if code in c_index and indicator in k_index:
            directed[c_index[code], k_index[indicator]] = d
            reference[k_index[indicator]] = r
    lens_matrix = np.zeros((len(indicators), len(lenses)))
    l_index = {l: i for i, l in enumerate(lenses)}
    for k, indicator in enumerate(indicators):
        lens_matrix[k, l_index[lens_of_indicator[indicator]]] = 1.0
    return directed, reference, lens_matrix


def simulate_edition(directed, reference, lens_matrix, spend_index, settings, edition):
    """All runs of one edition.

    Returns (runs, ranks): runs is a list of (run_group, run_option, draw) where run_option is a
    string or an indicator position (int); ranks is an array (runs, councils, 1 + lenses) with the
    overall rank in column 0 and the lens ranks after it (nan = no rank, or not kept: the
    sensitivity groups keep the overall rank only).
    """
    n_ind = lens_matrix.shape[0]
    n_lens = lens_matrix.shape[1]
    # a substitute (catalogue substitutes_for) is not counted in the lens's size (as in int_index__lens_outcomes)
    counted = settings.get("counted")
    counted_matrix = lens_matrix * counted[:, None] if counted is not None else lens_matrix
    indicators_in_lens = counted_matrix.sum(axis=0)
    scores = all_scores(directed, reference, settings["winsor_limit"])
    default_method = METHODS.index(settings["normalisation"])
    default_winsor = int(settings["winsorise"])
    alpha = settings["weight_concentration"]
    with_data = np.nonzero((~np.isnan(directed)).any(axis=0))[0]

    runs = []
    blocks = []

    def add(meta, method, winsor, leave_out, ind_w, lens_w, keep_lenses):
        method = np.asarray(method, dtype=int)
        chunk = batch_size(spend_index.shape[0], n_ind)
        for start in range(0, len(method), chunk):
            stop = min(start + chunk, len(method))
            lens_rank, overall = run_ranks(
                scores,
                lens_matrix,
                indicators_in_lens,
                spend_index,
                method[start:stop],
                np.asarray(winsor, dtype=int)[start:stop],
                np.asarray(leave_out, dtype=int)[start:stop],
                np.asarray(ind_w, dtype=float)[start:stop],
                np.asarray(lens_w, dtype=float)[start:stop],
                settings["min_indicator_share"],
                settings["min_lenses_ranked"],
                counted_matrix,
            )
            # float32 holds every rank exactly (ranks < 2**24) in half the memory of float64
            block = np.full(overall.shape + (1 + n_lens,), np.nan, dtype=np.float32)
            block[:, :, 0] = overall
            if keep_lenses:
                block[:, :, 1:] = lens_rank
            blocks.append(block)
        runs.extend(meta)

    # the default run (lens ranks kept: it must reproduce the index)
    add([("default", "default", 0)], [default_method], [default_winsor], [-1],
        np.ones((1, n_ind)), np.ones((1, n_lens)), True)

    # deterministic one-at-a-time runs
    single = []
    for m, name in enumerate(METHODS):
        if m != default_method:
            single.append((("normalisation", name, 0), m, default_winsor, -1))
    single.append((("winsorise", "true" if default_winsor == 0 else "false", 0), default_method, 1 - default_winsor, -1))
    for k in with_data:
        single.append((("leave_one_out", int(k), 0), default_method, default_winsor, int(k)))
    r = len(single)
    add([x[0] for x in single], [x[1] for x in single], [x[2] for x in single], [x[3] for x in single],
        np.ones((r, n_ind)), np.ones((r, n_lens)), False)

    # weight-only runs
    weight_draws = settings["weight_draws"]
    if weight_draws > 0:
        rng = np.random.default_rng([settings["seed"], edition, 1])
        ind_w = rng.gamma(alpha, size=(weight_draws, n_ind))
        lens_w = rng.gamma(alpha, size=(weight_draws, n_lens))
        same_m = np.full(weight_draws, default_method)
        same_w = np.full(weight_draws, default_winsor)
        none = np.full(weight_draws, -1)
        add([("indicator_weights", "random", d + 1) for d in range(weight_draws)], same_m, same_w, none,
            ind_w, np.ones((weight_draws, n_lens)), False)
        add([("lens_weights", "random", d + 1) for d in range(weight_draws)], same_m, same_w, none,
            np.ones((weight_draws, n_ind)), lens_w, False)

    # Monte Carlo over every choice at once
    draws = settings["draws"]
    if draws > 0:
        rng = np.random.default_rng([settings["seed"], edition])
        method = rng.integers(0, len(METHODS), size=draws)
        winsor = rng.integers(0, 2, size=draws)
        ind_w = rng.gamma(alpha, size=(draws, n_ind))
        lens_w = rng.gamma(alpha, size=(draws, n_lens))
        drop = rng.random(draws) < 0.5
        if len(with_data):
            leave_out = np.where(drop, with_data[rng.integers(0, len(with_data), size=draws)], -1)
        else:
            leave_out = np.full(draws, -1)
        add([("monte_carlo", "all_choices", d + 1) for d in range(draws)], method, winsor, leave_out,
            ind_w, lens_w, True)
    return runs, np.concatenate(blocks, axis=0)


def simulate(values, spend, catalogue, settings):
    """All editions.

    values: rows (edition, authority_code, indicator_id, directed_value, directed_reference);
    spend: rows (edition, authority_code, lens_id, spend_index); catalogue: rows (indicator_id,
    lens_id). Returns the output columns as numpy arrays, text columns dictionary-coded:
    {name: array} for numbers and {name: (codes, labels)} for text.
    """
    catalogue = sorted(catalogue, key=lambda row: (row[1], row[0]))
    indicators = [row[0] for row in catalogue]
    settings = {**settings, "counted": np.array([0.0 if len(row) > 2 and row[2] else 1.0 for row in catalogue])}
    lens_of = {row[0]: row[1] for row in catalogue}
    lenses = sorted({row[1] for row in catalogue} | {row[2] for row in spend})
    lens_labels = ["overall"] + lenses
    all_councils = sorted({row[1] for row in spend})
    council_code = {c: i for i, c in enumerate(all_councils)}
    group_labels, option_labels = [], []
    group_code, option_code = {}, {}
    parts = {k: [] for k in ("edition", "run_group", "run_option", "draw", "authority_code", "lens_id", "rank")}
    for edition in sorted({row[0] for row in spend}):
        councils = sorted({row[1] for row in spend if row[0] == edition})
        c_index = {c: i for i, c in enumerate(councils)}
        l_index = {lens: i for i, lens in enumerate(lenses)}
        spend_index = np.full((len(councils), len(lenses)), np.nan)
        for e, code, lens, value in spend:
            if e == edition and value is not None:
                spend_index[c_index[code], l_index[lens]] = value
        directed, reference, lens_matrix = edition_arrays(
            [row[1:] for row in values if row[0] == edition], councils, indicators, lenses, lens_of
        )
        runs, ranks = simulate_edition(directed, reference, lens_matrix, spend_index, settings, edition)
        run_group = np.empty(len(runs), dtype=np.int32)
        run_option = np.empty(len(runs), dtype=np.int32)
        run_draw = np.empty(len(runs), dtype=np.int32)
        for i, (group, option, draw) in enumerate(runs):
            if isinstance(option, (int, np.integer)):
                option = indicators[option]
            if group not in group_code:
                group_code[group] = len(group_labels)
                group_labels.append(group)
            if option not in option_code:
                option_code[option] = len(option_labels)
                option_labels.append(option)
            run_group[i], run_option[i], run_draw[i] = group_code[group], option_code[option], draw
        r_idx, n_idx, l_idx = np.nonzero(~np.isnan(ranks))
        to_global = np.array([council_code[c] for c in councils], dtype=np.int32)
        parts["edition"].append(np.full(len(r_idx), edition, dtype=np.int32))
        parts["run_group"].append(run_group[r_idx])
        parts["run_option"].append(run_option[r_idx])
        parts["draw"].append(run_draw[r_idx])
        parts["authority_code"].append(to_global[n_idx])
        parts["lens_id"].append(l_idx.astype(np.int32))
        parts["rank"].append(ranks[r_idx, n_idx, l_idx].astype(np.int32))
    out = {k: (np.concatenate(v) if v else np.empty(0, dtype=np.int32)) for k, v in parts.items()}
    labels = {"run_group": group_labels, "run_option": option_labels,
              "authority_code": all_councils, "lens_id": lens_labels}
    return {k: ((out[k], labels[k]) if k in labels else out[k]) for k in out}


def decode(columns):
    """The simulate() result as plain Python lists (for tests and small outputs)."""
    decoded = {}
    for name, column in columns.items():
        if isinstance(column, tuple):
            codes, labels = column
            decoded[name] = [labels[c] for c in codes.tolist()]
        else:
            decoded[name] = column.tolist()
    return decoded


def to_arrow(columns, dictionary=True):
    """The simulate() result as a pyarrow table. Text columns stay dictionary-encoded (the codes
    and their labels; DuckDB lands them as varchar without expanding millions of strings first)
    unless dictionary is false (plain string columns, decoded by arrow, not Python)."""
    import pyarrow as pa

    arrays, names = [], []
    for name in ("edition", "run_group", "run_option", "draw", "authority_code", "lens_id", "rank"):
        column = columns[name]
        if isinstance(column, tuple):
            codes, labels = column
            codes = pa.array(codes, type=pa.int32())
            labels = pa.array(labels, type=pa.string())
            arrays.append(pa.DictionaryArray.from_arrays(codes, labels) if dictionary else labels.take(codes))
        else:
            arrays.append(pa.array(column, type=pa.int32()))
        names.append(name)
    return pa.Table.from_arrays(arrays, names=names)


# --------------------------------------------------------------------------------------------
# dbt entry point
# --------------------------------------------------------------------------------------------


def is_duckdb_session(session):
    """Whether a Python model's session is DuckDB (a connection, or dbt-duckdb's cursor wrapper)."""
    return "duckdb" in type(session).__module__.lower()


def settings_from_config(get):
    return {
        "draws": int(get("uncertainty_draws") if get("uncertainty_draws") is not None else 1000),
        "seed": int(get("uncertainty_seed") if get("uncertainty_seed") is not None else 20180),
        "weight_concentration": float(get("uncertainty_weight_concentration") or 10),
        "weight_draws": int(get("sensitivity_weight_draws") if get("sensitivity_weight_draws") is not None else 100),
        "normalisation": str(get("normalisation") or "zscore"),
        "winsorise": _truthy(get("winsorise") if get("winsorise") is not None else True),
        "winsor_limit": float(get("winsor_limit") or 3),
        "min_indicator_share": float(get("min_indicator_share") or 0.5),
        "min_lenses_ranked": int(get("min_lenses_ranked") or 5),
    }


def model(dbt, session):
    import pandas as pd

    dbt.config(materialized="table")
    # dbt passes a config key to a Python model only when the code calls dbt.config.get with
    # that literal key, so each is spelt out.
    config = {
        "uncertainty_draws": dbt.config.get("uncertainty_draws"),
        "uncertainty_seed": dbt.config.get("uncertainty_seed"),
        "uncertainty_weight_concentration": dbt.config.get("uncertainty_weight_concentration"),
        "sensitivity_weight_draws": dbt.config.get("sensitivity_weight_draws"),
        "normalisation": dbt.config.get("normalisation"),
        "winsorise": dbt.config.get("winsorise"),
        "winsor_limit": dbt.config.get("winsor_limit"),
        "min_indicator_share": dbt.config.get("min_indicator_share"),
        "min_lenses_ranked": dbt.config.get("min_lenses_ranked"),
    }
    settings = settings_from_config(config.get)
    values = (
        dbt.ref("int_index__indicator_values")
        .df()[["edition", "authority_code", "indicator_id", "value", "direction", "reference_value"]]
    )
    values_rows = [
        (int(r.edition), r.authority_code, r.indicator_id, float(r.value) * int(r.direction),
         float(r.reference_value) * int(r.direction) if pd.notna(r.reference_value) else np.nan)
        for r in values.itertuples(index=False)
    ]
    spend = dbt.ref('int_index__lens_productivity').df()[["edition", "authority_code", "lens_id", "spend_index"]]
    spend_rows = [
        (int(r.edition), r.authority_code, r.lens_id, float(r.spend_index) if pd.notna(r.spend_index) else None)
        for r in spend.itertuples(index=False)
    ]
    catalogue = dbt.ref('int_indicators__catalogue').df()[["indicator_id", "lens_id", "is_substitute"]]
    catalogue_rows = [(r.indicator_id, r.lens_id, bool(r.is_substitute)) for r in catalogue.itertuples(index=False)]
    columns = simulate(values_rows, spend_rows, catalogue_rows, settings)
    # dbt-duckdb writes an arrow table directly (fast); other Python-model engines take pandas.
    # The session is a duckdb connection or dbt-duckdb's wrapper of one
    # (dbt.adapters.duckdb.environments.local.DuckDBCursorWrapper).
    if is_duckdb_session(session):
        return to_arrow(columns)
    return to_arrow(columns, dictionary=False).to_pandas()
