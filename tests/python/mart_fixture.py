"""A small warehouse with the index marts, written by the tests themselves (no build needed).

``build_mart_warehouse(path)`` creates schema ``marts`` with the tables and column types of the
contracts in models/marts (dim_authority, dim_lens, dim_indicator, fct_indicator_scores,
fct_lens_productivity, fct_overall_productivity, fct_rank_changes, fct_financial_grip,
rpt_financial_grip_summary) for a handful of fictional councils over three editions, with a seeded
random generator. The lenses and indicators come from the project's seeds. Ranks are computed the
way the contracts describe (rank() by productivity within edition and lens, overall rank of the mean
lens rank for councils with at least 5 ranked lenses), so the report and export code see realistic,
self-consistent data. It is test data only: no method is being tested here.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EDITIONS = (2017, 2018, 2019)
OUTTURN_YEAR = {2017: "2015-16", 2018: "2016-17", 2019: "2017-18"}

DDL = {
    "dim_authority": "authority_code varchar not null, ecode varchar, dfe_code varchar, authority_name varchar, "
    "official_name varchar, authority_type varchar, region_code varchar, region_name varchar, "
    "is_ranked boolean, unranked_reason varchar",
    "dim_lens": "lens_id varchar not null, lens_name varchar, sort_order integer, description varchar, "
    "spend_basis varchar, indicator_count bigint",
    "dim_indicator": "indicator_id varchar not null, lens_id varchar, lens_name varchar, name varchar, "
    "definition varchar, numerator varchar, denominator varchar, unit varchar, polarity varchar, "
    "source_dataset_id varchar, publisher_url varchar, rationale varchar",
    "fct_indicator_scores": "edition integer not null, authority_code varchar not null, indicator_id varchar not null, "
    "lens_id varchar, period varchar, period_end_year integer, value double, "
    "reference_value double, reference_source varchar, score double, normalisation varchar",
    "fct_lens_productivity": "edition integer not null, authority_code varchar not null, lens_id varchar not null, "
    "outcome_score double, indicators_used integer, indicators_in_lens integer, "
    "has_enough_indicators boolean, spend_per_head double, spend_index double, "
    "outcome_index double, productivity_index double, lens_rank integer, "
    "spend_source varchar, spend_year varchar, substitutes_used integer, is_partial_lens boolean, "
    "has_implausibly_low_spend boolean, has_few_indicators boolean, is_fallback_spend_year boolean, "
    "caveat_text varchar, not_ranked_reason varchar",
    "fct_overall_productivity": "edition integer not null, authority_code varchar not null, lenses_ranked integer, "
    "mean_lens_rank double, is_ranked_overall boolean, overall_rank integer, "
    "mean_outcome_index double, mean_spend_index double, quadrant varchar, lenses_scored integer, "
    "is_ranked_on_fewer_lenses boolean, has_implausibly_low_spend boolean, has_few_indicators boolean, "
    "has_partial_lens boolean, is_fallback_spend_year boolean, caveat_text varchar, not_ranked_reason varchar",
    "fct_rank_changes": "edition integer not null, previous_edition integer, authority_code varchar not null, "
    "lens_id varchar not null, rank integer, previous_rank integer, rank_change integer, "
    "is_most_improved boolean, previous_authority_code varchar, no_previous_rank_reason varchar",
    "fct_financial_grip": "financial_year varchar not null, period_end_year integer, authority_code varchar not null, "
    "service varchar not null, budget_gbp_k double, outturn_gbp_k double, "
    "variance_gbp_k double, variance_pct double, is_apportioned boolean",
    "rpt_financial_grip_summary": "edition integer not null, financial_year varchar, cohort varchar, "
    "cohort_order integer, councils integer, councils_with_variance integer, "
    "min_variance_pct double, max_variance_pct double, mean_variance_pct double, "
    "correlation_with_rank double, top5_overspenders_in_worst30 integer",
}
# The analysis marts; left out with analysis=False, as a build with var analysis_enabled false does.
ANALYSIS_DDL = {
    "fct_rank_uncertainty": "edition integer not null, authority_code varchar not null, lens_id varchar not null, "
    "rank integer, median_rank double, rank_p05 integer, rank_p95 integer, mean_rank double, "
    "draws integer, draws_ranked integer",
    "rpt_sensitivity": "edition integer not null, choice_order integer, choice_id varchar not null, choice varchar, "
    "option_id varchar not null, option_label varchar, runs integer, councils_compared double, "
    "mean_abs_rank_shift double, max_abs_rank_shift integer, spearman_correlation double, "
    "min_spearman_correlation double",
    "fct_statistical_neighbours": "authority_code varchar not null, neighbour_rank integer not null, "
    "neighbour_code varchar not null, distance double, is_other_type boolean, "
    "is_other_region boolean, is_oflog_neighbour boolean",
    "fct_neighbour_lens_ranks": "edition integer not null, authority_code varchar not null, lens_id varchar not null, "
    "rank integer, rank_among_neighbours integer, group_councils_ranked integer, "
    "group_size integer, neighbour_median_rank double",
    "rpt_neighbour_agreement": "scope varchar not null, councils_compared integer, mean_our_neighbours double, "
    "mean_oflog_group_size double, mean_shared_neighbours double, mean_share_shared double, "
    "min_share_shared double, max_share_shared double, chance_share double",
    "fct_lens_context": "edition integer not null, authority_code varchar not null, lens_id varchar not null, "
    "outcome_score double, expected_outcome_score double, residual double, residual_rank integer, "
    "share_65_plus_pct double, population double, coef_intercept double, "
    "coef_share_65_plus double, coef_log_population double, r_squared double, "
    "councils_in_fit integer",
}
NEIGHBOURS = 5

NAMES = [
    "Ashwold",
    "Brackenford",
    "Copperdale",
    "Dunmere",
    "Eldergate",
    "Fallowby",
    "Greyhaven",
    "Hollinshire",
    "Ivybridge Vale",
    "Juniper Cross",
    "Kestrel Moor",
    "Larkspur",
    "Marrowfield",
    "Northam Reach",
    "Oakhollow",
    "Pennyworth",
]


def _read_seed(name: str) -> list[dict[str, str]]:
    with (ROOT / "seeds" / name).open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _rank(values: dict[str, float | None], descending: bool) -> dict[str, int | None]:
    """rank(): ties share the lowest rank; None values get no rank."""
    present = sorted((v, k) for k, v in values.items() if v is not None)
    if descending:
        present = sorted(present, key=lambda item: -item[0])
    ranks: dict[str, int | None] = {k: None for k in values}
    for position, (value, key) in enumerate(present, start=1):
        first = next(i for i, (v, _) in enumerate(present, start=1) if v == value)
        ranks[key] = first
    return ranks


def _median(values: list[float]) -> float | None:
    values = sorted(values)
    if not values:
        return None
    middle = len(values) // 2
    return float(values[middle]) if len(values) % 2 else (values[middle - 1] + values[middle]) / 2


def _analysis_rows(rng, rows, ranked: list[str], lens_ids: list[str], catalogue, facts: dict) -> None:
    """Rows of the analysis marts, consistent with the index rows already in ``rows``.

    Rank intervals are drawn around the published rank (p05 <= rank <= p95); neighbours are the
    NEIGHBOURS nearest councils by the distance between random context points (so distances are
    symmetric); ranks among neighbours and residuals are computed from the fixture's own ranks and
    outcome scores. Facts: intervals[edition][code] = (p05, p95) of the overall rank,
    neighbours[code] = [neighbour codes nearest first], residuals[edition][(code, lens_id)].
    """
    ranks = {(row[0], row[1], row[2]): row[11] for row in rows["fct_lens_productivity"]}  # lens_rank
    outcome = {(e, c, l): o for e, c, l, o, *_ in rows["fct_lens_productivity"]}
    for edition, code, _, _, _, overall_rank, *_ in rows["fct_overall_productivity"]:
        ranks[(edition, code, "overall")] = overall_rank
    facts["intervals"], facts["neighbours"], facts["residuals"] = {}, {}, {}
    for edition in EDITIONS:
        facts["intervals"][edition] = {}
        for lens_id in ["overall", *lens_ids]:
            ranked_here = [c for c in ranked if ranks[(edition, c, lens_id)] is not None]
            for code in ranked_here:
                rank = ranks[(edition, code, lens_id)]
                low = max(1, rank - rng.randint(0, 3))
                high = min(len(ranked_here), rank + rng.randint(1, 4))
                rows["fct_rank_uncertainty"].append(
                    (
                        edition,
                        code,
                        lens_id,
                        rank,
                        float(rank),
                        low,
                        high,
                        (low + high) / 2,
                        200,
                        200 - rng.randint(0, 2),
                    )
                )
                if lens_id == "overall":
                    facts["intervals"][edition][code] = (low, high)
        options = [
            (1, "normalisation", "normalisation method", "minmax", "minmax"),
            (2, "winsorise", "winsorising", "false", "false"),
            (4, "lens_weights", "random lens weights", "random", "random"),
            *[(5, "leave_one_out", "indicator left out", row["indicator_id"], row["name"]) for row in catalogue[:2]],
            (6, "monte_carlo", "all choices at once (Monte Carlo)", "all_choices", "all_choices"),
        ]
        for order, choice_id, choice, option_id, label in options:
            runs = 20 if choice_id in ("lens_weights", "monte_carlo") else 1
            spearman = rng.uniform(0.8, 0.99)
            rows["rpt_sensitivity"].append(
                (
                    edition,
                    order,
                    choice_id,
                    choice,
                    option_id,
                    label,
                    runs,
                    float(len(ranked) - 1),
                    rng.uniform(0.2, 3.0),
                    rng.randint(1, 6),
                    spearman,
                    spearman - rng.uniform(0, 0.05),
                )
            )
    points = {code: (rng.gauss(0, 1), rng.gauss(0, 1), rng.gauss(0, 1)) for code in ranked}

    def distance(a: str, b: str) -> float:
        return sum((x - y) ** 2 for x, y in zip(points[a], points[b])) ** 0.5

    for number, code in enumerate(ranked):
        nearest = sorted((c for c in ranked if c != code), key=lambda c: (distance(code, c), c))[:NEIGHBOURS]
        facts["neighbours"][code] = nearest
        for position, other in enumerate(nearest, start=1):
            # the first council has no Oflog group (null), the others share about half their neighbours
            oflog = None if number == 0 else rng.random() < 0.5
            rows["fct_statistical_neighbours"].append(
                (code, position, other, distance(code, other), False, rng.random() < 0.2, oflog)
            )
    rows["rpt_neighbour_agreement"].append(
        ("all", len(ranked) - 1, float(NEIGHBOURS), 6.0, 2.5, 0.5, 0.2, 0.8, 6 / (len(ranked) - 1))
    )
    for edition in EDITIONS:
        facts["residuals"][edition] = {}
        for lens_id in ["overall", *lens_ids]:
            for code in ranked:
                rank = ranks[(edition, code, lens_id)]
                group = [ranks[(edition, c, lens_id)] for c in facts["neighbours"][code]]
                group = [r for r in group if r is not None]
                among = None if rank is None else 1 + sum(1 for r in group if r < rank)
                rows["fct_neighbour_lens_ranks"].append(
                    (
                        edition,
                        code,
                        lens_id,
                        rank,
                        among,
                        len(group) + (rank is not None),
                        NEIGHBOURS + 1,
                        _median(group),
                    )
                )
        for lens_id in lens_ids:
            residuals = {}
            for code in ranked:
                score = outcome[(edition, code, lens_id)]
                expected = rng.gauss(0, 0.3)
                residuals[code] = None if score is None else score - expected
                facts["residuals"][edition][(code, lens_id)] = residuals[code]
            order = _rank(residuals, descending=True)
            fitted = sum(1 for value in residuals.values() if value is not None)
            for code in ranked:
                score = outcome[(edition, code, lens_id)]
                residual = residuals[code]
                expected = None if residual is None else score - residual
                rows["fct_lens_context"].append(
                    (
                        edition,
                        code,
                        lens_id,
                        score,
                        expected,
                        residual,
                        order[code],
                        rng.uniform(12, 25),
                        rng.uniform(1e5, 1e6),
                        0.0,
                        -0.1,
                        0.05,
                        0.1,
                        fitted,
                    )
                )


def build_mart_warehouse(
    path: Path | str, councils: int = 14, seed: int = 7, demo: bool = True, analysis: bool = True
) -> dict:
    """Write the fixture warehouse; return facts the tests compare with (ranked councils per edition ...).

    ``analysis=False`` leaves out the analysis marts, as a build with var analysis_enabled false does.
    """
    import duckdb
    import pandas as pd

    rng = random.Random(seed)
    lenses = sorted(_read_seed("lenses.csv"), key=lambda lens: int(lens["sort_order"]))
    catalogue = _read_seed("indicator_catalogue.csv")
    lens_ids = [lens["lens_id"] for lens in lenses]
    prefix = "E06900" if demo else "E06000"
    authorities = []
    for number in range(1, councils + 1):
        name = NAMES[(number - 1) % len(NAMES)] + ("" if number <= len(NAMES) else f" {number}")
        authorities.append(
            (
                f"{prefix}{number:03d}",
                f"E9{number:03d}",
                str(100 + number),
                name,
                f"{name} Council",
                "unitary",
                "E12000001",
                "North East",
                number < councils,
                None if number < councils else "fixture: not ranked",
            )
        )
    ranked = [a[0] for a in authorities if a[8]]
    rows: dict[str, list[tuple]] = {name: [] for name in DDL}
    rows["dim_authority"] = authorities
    for lens in lenses:
        count = sum(1 for row in catalogue if row["lens_id"] == lens["lens_id"])
        rows["dim_lens"].append(
            (
                lens["lens_id"],
                lens["lens_name"],
                int(lens["sort_order"]),
                lens["description"],
                lens["spend_basis"],
                count,
            )
        )
    lens_names = {lens["lens_id"]: lens["lens_name"] for lens in lenses}
    for row in catalogue:
        rows["dim_indicator"].append(
            (
                row["indicator_id"],
                row["lens_id"],
                lens_names[row["lens_id"]],
                row["name"],
                row["definition"],
                row["numerator"],
                row["denominator"],
                row["unit"],
                row["polarity"],
                row["source_dataset_id"],
                row["publisher_url"],
                row["rationale"],
            )
        )

    facts = {
        "ranked_overall": {},
        "councils": [a[0] for a in authorities],
        "names": {a[0]: a[3] for a in authorities},
        "flags": set(),  # (edition, council, lens, caveat kind) of every flag set
    }
    previous_ranks: dict[tuple, int | None] = {}
    for edition in EDITIONS:
        for row in catalogue:
            england = rng.uniform(20, 80)
            for code in ranked:
                value = max(0.0, england + rng.gauss(0, 10))
                score = (value - england) / 10 * (1 if row["polarity"] == "higher_is_better" else -1)
                rows["fct_indicator_scores"].append(
                    (
                        edition,
                        code,
                        row["indicator_id"],
                        row["lens_id"],
                        f"{edition - 2}-{str(edition - 1)[2:]}",
                        edition - 1,
                        value,
                        england,
                        "england",
                        score,
                        "zscore",
                    )
                )
        lens_values: dict[str, dict[str, tuple]] = {}
        for lens_id in lens_ids:
            productivity: dict[str, float | None] = {}
            details = {}
            for code in ranked:
                # the last ranked council misses two lenses in the first edition: no overall rank there
                missing = edition == EDITIONS[0] and code == ranked[-1] and lens_id in lens_ids[:2]
                outcome = None if missing else 100 + rng.gauss(0, 10)
                spend = None if missing else max(40.0, 100 + rng.gauss(0, 20))
                productivity[code] = None if missing else 100 * outcome / spend
                details[code] = (outcome, spend)
            ranks = _rank(productivity, descending=True)
            lens_values[lens_id] = {code: (*details[code], productivity[code], ranks[code]) for code in ranked}
            for code in ranked:
                outcome, spend, prod, lens_rank = lens_values[lens_id][code]
                # the caveat flags, set on chosen rows so the tests know where each mark belongs:
                # the first ranked council's first lens rests on implausibly low spend; the second lens is
                # scored on substitutes in the study editions; the third council's third lens on few
                # indicators; the last lens's spend is from an earlier year in the last edition
                low_spend = code == ranked[0] and lens_id == lens_ids[0]
                partial = lens_id == lens_ids[1] and edition < EDITIONS[-1] and outcome is not None
                few = code == ranked[2] and lens_id == lens_ids[2] and outcome is not None
                fallback = lens_id == lens_ids[-1] and edition == EDITIONS[-1]
                facts["flags"].update(
                    {
                        (edition, code, lens_id, kind)
                        for kind, on in (
                            ("low-spend", low_spend),
                            ("substitutes", partial),
                            ("few-indicators", few),
                            ("fallback-year", fallback),
                        )
                        if on
                    }
                )
                rows["fct_lens_productivity"].append(
                    (
                        edition,
                        code,
                        lens_id,
                        None if outcome is None else (outcome - 100) / 10,
                        2 if few else 5,
                        6,
                        outcome is not None,
                        None if spend is None else spend * 3.1,
                        spend,
                        outcome,
                        prod,
                        lens_rank,
                        "ra_budget",
                        f"{edition - 1 if fallback else edition}-{str(edition + (0 if fallback else 1))[2:]}",
                        2 if partial else 0,
                        partial,
                        low_spend,
                        few,
                        fallback,
                        "; ".join(
                            kind
                            for kind, on in (
                                ("low spend", low_spend),
                                ("substitutes", partial),
                                ("few", few),
                                ("earlier spend year", fallback),
                            )
                            if on
                        )
                        or None,
                        None if lens_rank is not None else f"fixture: no {lens_id} figures for the {edition} edition",
                    )
                )
        mean_rank: dict[str, float | None] = {}
        overall_rows = {}
        for code in ranked:
            ranks = [lens_values[l][code][3] for l in lens_ids if lens_values[l][code][3] is not None]
            outcomes = [lens_values[l][code][0] for l in lens_ids if lens_values[l][code][3] is not None]
            spends = [lens_values[l][code][1] for l in lens_ids if lens_values[l][code][3] is not None]
            is_ranked = len(ranks) >= 5
            mean_rank[code] = sum(ranks) / len(ranks) if is_ranked else None
            overall_rows[code] = (
                len(ranks),
                sum(ranks) / len(ranks),
                is_ranked,
                sum(outcomes) / len(outcomes),
                sum(spends) / len(spends),
            )
        overall = _rank(mean_rank, descending=False)
        # the council-level flags: any of its lenses carries the flag (the order of the DDL's columns)
        kinds = ("low-spend", "few-indicators", "substitutes", "fallback-year")
        facts["ranked_overall"][edition] = sorted(c for c in ranked if overall[c] is not None)
        for code in ranked:
            lenses_ranked, mean, is_ranked, outcome, spend = overall_rows[code]
            quadrant = None
            if is_ranked:
                quadrant = (
                    ("better outcomes" if outcome >= 100 else "worse outcomes")
                    + ", "
                    + ("lower spend" if spend < 100 else "higher spend")
                )
            rows["fct_overall_productivity"].append(
                (
                    edition,
                    code,
                    lenses_ranked,
                    mean,
                    is_ranked,
                    overall[code],
                    outcome if is_ranked else None,
                    spend if is_ranked else None,
                    quadrant,
                    lenses_ranked,
                    is_ranked and lenses_ranked < len(lens_ids),
                    *(any(f == (edition, code, l, kind) for f in facts["flags"] for l in lens_ids) for kind in kinds),
                    "; ".join(sorted({k for (e, c, _, k) in facts["flags"] if (e, c) == (edition, code)})) or None,
                    None if is_ranked else f"fixture: ranked in {lenses_ranked} lenses, an overall rank needs 5",
                )
            )
        if edition != EDITIONS[0]:
            for code in ranked:
                for lens_id in ["overall", *lens_ids]:
                    rank = overall[code] if lens_id == "overall" else lens_values[lens_id][code][3]
                    before = previous_ranks.get((code, lens_id))
                    change = None if rank is None or before is None else before - rank
                    reason = None
                    if before is None:
                        reason = f"not ranked in the {edition - 1} edition"
                    rows["fct_rank_changes"].append(
                        (
                            edition,
                            edition - 1,
                            code,
                            lens_id,
                            rank,
                            before,
                            change,
                            lens_id == "overall" and change is not None and change > 3,
                            code,
                            reason,
                        )
                    )
        for code in ranked:
            previous_ranks[(code, "overall")] = overall[code]
            for lens_id in lens_ids:
                previous_ranks[(code, lens_id)] = lens_values[lens_id][code][3]
        year = OUTTURN_YEAR[edition]
        variances = {}
        for code, *_ in authorities:
            budget = rng.uniform(200_000, 900_000)
            outturn = budget * (1 + rng.gauss(0.01, 0.03))
            variances[code] = (outturn - budget) / budget * 100
            rows["fct_financial_grip"].append(
                (year, int(year[:4]) + 1, code, "total", budget, outturn, outturn - budget, variances[code], False)
            )
        ranked_now = [c for c in ranked if overall[c] is not None]
        for order, cohort in enumerate(("top_10", "most_improved", "worst_30", "all"), start=1):
            members = ranked_now if cohort in ("all", "worst_30") else sorted(ranked_now, key=overall.get)[:10]
            if cohort == "most_improved":
                members = []
            values = [variances[c] for c in members]
            rows["rpt_financial_grip_summary"].append(
                (
                    edition,
                    year,
                    cohort,
                    order,
                    len(members),
                    len(values),
                    min(values, default=None),
                    max(values, default=None),
                    sum(values) / len(values) if values else None,
                    None,
                    2,
                )
            )

    tables = dict(DDL)
    if analysis:
        tables.update(ANALYSIS_DDL)
        for table in ANALYSIS_DDL:
            rows[table] = []
        _analysis_rows(rng, rows, ranked, lens_ids, catalogue, facts)

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    con = duckdb.connect(str(path))
    try:
        con.execute("create schema marts")
        for table, ddl in tables.items():
            con.execute(f"create table marts.{table} ({ddl})")
            if rows[table]:
                names = [column.split()[0] for column in ddl.split(", ")]
                frame = pd.DataFrame(rows[table], columns=names)  # noqa: F841 (read by the query below)
                con.execute(f"insert into marts.{table} select * from frame")
        con.execute("create schema raw")
        con.execute(
            "create table raw.load_log (dataset varchar, raw_table varchar, file varchar, rows bigint, "
            "seconds double, status varchar, message varchar, loaded_at varchar)"
        )
    finally:
        con.close()
    return facts
