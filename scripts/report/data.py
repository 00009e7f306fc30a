"""What the report reads from the warehouse (read-only): the index marts, as pandas DataFrames."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd

REQUIRED = ("dim_authority", "dim_lens", "dim_indicator", "fct_lens_productivity", "fct_overall_productivity")
OPTIONAL = ("fct_indicator_scores", "fct_rank_changes", "fct_financial_grip", "rpt_financial_grip_summary")
# The analysis marts (issue 8): absent when the build ran with var analysis_enabled false (e.g. PostgreSQL);
# the report then omits the rank intervals, the sensitivity section and the neighbours and context of councils.
ANALYSIS = ("fct_rank_uncertainty", "rpt_sensitivity", "fct_statistical_neighbours", "fct_neighbour_lens_ranks",
            "rpt_neighbour_agreement", "fct_lens_context")


class MissingMarts(Exception):
    """The warehouse lacks index marts the report needs."""


@dataclass
class ReportData:
    db_path: Path
    is_demo: bool
    edition: int | None                # the edition the tables show (latest with an overall rank)
    editions: list[int]
    authorities: pd.DataFrame
    lenses: pd.DataFrame
    indicators: pd.DataFrame
    lens_productivity: pd.DataFrame
    overall: pd.DataFrame
    scores: pd.DataFrame
    rank_changes: pd.DataFrame
    grip: pd.DataFrame
    grip_summary: pd.DataFrame
    load_summary: dict = field(default_factory=dict)
    # analysis marts (empty DataFrames when not built)
    uncertainty: pd.DataFrame = field(default_factory=pd.DataFrame)
    sensitivity: pd.DataFrame = field(default_factory=pd.DataFrame)
    neighbours: pd.DataFrame = field(default_factory=pd.DataFrame)
    neighbour_ranks: pd.DataFrame = field(default_factory=pd.DataFrame)
    neighbour_agreement: pd.DataFrame = field(default_factory=pd.DataFrame)
    context: pd.DataFrame = field(default_factory=pd.DataFrame)

    @cached_property
    def lens_ids(self) -> list[str]:
        return list(self.lenses["lens_id"])

    # cached: the charts and pages look a name up per council (a dict rebuilt on every lookup made
    # the report quadratic in the number of councils)
    @cached_property
    def lens_names(self) -> dict[str, str]:
        return dict(zip(self.lenses["lens_id"], self.lenses["lens_name"]))

    @cached_property
    def names(self) -> dict[str, str]:
        return dict(zip(self.authorities["authority_code"], self.authorities["authority_name"]))

    def latest(self, frame: pd.DataFrame) -> pd.DataFrame:
        """Rows of an analysis mart for the report's edition (empty when the mart is absent)."""
        if frame.empty or "edition" not in frame or self.edition is None:
            return frame.head(0)
        return frame[frame["edition"] == self.edition]

    def overall_intervals(self) -> pd.DataFrame:
        """Overall rank intervals of the edition: authority_code, rank, median_rank, rank_p05, rank_p95."""
        rows = self.latest(self.uncertainty)
        if rows.empty:
            return pd.DataFrame(columns=["authority_code", "rank", "median_rank", "rank_p05", "rank_p95", "draws",
                                         "draws_ranked"])
        return rows[(rows["lens_id"] == "overall") & rows["rank_p05"].notna()][
            ["authority_code", "rank", "median_rank", "rank_p05", "rank_p95", "draws", "draws_ranked"]]

    def league(self) -> pd.DataFrame:
        """The overall league table of the edition: one row per council ranked overall, by rank."""
        if self.edition is None:
            return self.overall.head(0)
        overall = self.overall[(self.overall["edition"] == self.edition) & self.overall["is_ranked_overall"]]
        lens_ranks = (self.lens_productivity[self.lens_productivity["edition"] == self.edition]
                      .pivot(index="authority_code", columns="lens_id", values="lens_rank")
                      .reindex(columns=self.lens_ids))
        table = overall.merge(self.authorities, on="authority_code", how="left")
        table = table.merge(lens_ranks, left_on="authority_code", right_index=True, how="left")
        changes = self.rank_changes
        if not changes.empty:
            overall_changes = changes[(changes["edition"] == self.edition) & (changes["lens_id"] == "overall")]
            table = table.merge(overall_changes[["authority_code", "previous_rank", "rank_change", "is_most_improved"]],
                                on="authority_code", how="left")
        else:
            table = table.assign(previous_rank=pd.NA, rank_change=pd.NA, is_most_improved=False)
        intervals = self.overall_intervals()
        table = table.merge(intervals[["authority_code", "rank_p05", "rank_p95"]], on="authority_code", how="left")
        return table.sort_values(["overall_rank", "authority_name"]).reset_index(drop=True)

    def unranked(self) -> pd.DataFrame:
        """Councils of the edition without an overall rank (and the reason)."""
        if self.edition is None:
            return self.overall.head(0)
        rows = self.overall[(self.overall["edition"] == self.edition) & ~self.overall["is_ranked_overall"]]
        return rows.merge(self.authorities, on="authority_code", how="left").sort_values("authority_name")


def _tables(con) -> set[str]:
    rows = con.execute("select table_name from information_schema.tables where table_schema = 'marts'").fetchall()
    return {row[0] for row in rows}


def detect_demo(con) -> bool:
    """True for a warehouse built from the synthetic demo files.

    The demo's fictional authorities have GSS codes with a 9 after the type (``E06900001``), a range
    no real authority code uses; a load log that lists the demo marker file counts as well.
    """
    codes = con.execute(
        "select count(*) from marts.dim_authority where substr(authority_code, 4, 1) = '9'"
    ).fetchone()[0]
    marker = 0
    has_log = con.execute(
        "select count(*) from information_schema.tables where table_schema = 'raw' and table_name = 'load_log'"
    ).fetchone()[0]
    if has_log:
        marker = con.execute("select count(*) from raw.load_log where file like '%DEMO_DATA.md'").fetchone()[0]
    return bool(codes or marker)


def load(db_path: Path | str, demo: bool | None = None) -> ReportData:
    """Read the marts; ``demo`` overrides the detection of demo data when given."""
    import duckdb

    db_path = Path(db_path)
    if not db_path.exists():
        raise MissingMarts(f"warehouse {db_path} not found: run `make run` first")
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        tables = _tables(con)
        missing = [name for name in REQUIRED if name not in tables]
        if missing:
            raise MissingMarts(
                f"{db_path} has no {', '.join('marts.' + m for m in missing)}: the index marts are not built "
                "(dbt var index_enabled false, or the build failed)"
            )

        def read(name: str, order: str) -> pd.DataFrame:
            if name not in tables:
                return pd.DataFrame()
            return con.execute(f"select * from marts.{name} order by {order}").df()

        authorities = read("dim_authority", "authority_code")
        lenses = read("dim_lens", "sort_order, lens_id")
        indicators = read("dim_indicator", "lens_id, indicator_id")
        lens_productivity = read("fct_lens_productivity", "edition, lens_id, authority_code")
        overall = read("fct_overall_productivity", "edition, authority_code")
        scores = read("fct_indicator_scores", "edition, authority_code, indicator_id")
        rank_changes = read("fct_rank_changes", "edition, authority_code, lens_id")
        grip = read("fct_financial_grip", "financial_year, authority_code, service")
        grip_summary = read("rpt_financial_grip_summary", "edition, cohort_order")
        analysis = {
            "uncertainty": read("fct_rank_uncertainty", "edition, lens_id, authority_code"),
            "sensitivity": read("rpt_sensitivity", "edition, choice_order, mean_abs_rank_shift desc, option_id"),
            "neighbours": read("fct_statistical_neighbours", "authority_code, neighbour_rank"),
            "neighbour_ranks": read("fct_neighbour_lens_ranks", "edition, authority_code, lens_id"),
            "neighbour_agreement": read("rpt_neighbour_agreement", "scope"),
            "context": read("fct_lens_context", "edition, authority_code, lens_id"),
        }
        is_demo = detect_demo(con) if demo is None else demo
        load_summary = {}
        has_log = con.execute(
            "select count(*) from information_schema.tables where table_schema = 'raw' and table_name = 'load_log'"
        ).fetchone()[0]
        if has_log:
            files, rows, missing_tables = con.execute(
                "select count(*) filter (where status like 'loaded%'), coalesce(sum(rows), 0), "
                "count(*) filter (where status = 'missing') from raw.load_log"
            ).fetchone()
            load_summary = {"files": files, "rows": rows, "missing": missing_tables}
    finally:
        con.close()

    for frame, columns in ((overall, ["is_ranked_overall"]), (rank_changes, ["is_most_improved"])):
        for column in columns:
            if column in frame:
                frame[column] = frame[column].fillna(False).astype(bool)
    ranked_editions = sorted(overall.loc[overall["overall_rank"].notna(), "edition"].unique().tolist()) if not overall.empty else []
    editions = sorted(set(overall["edition"].tolist())) if not overall.empty else []
    edition = int(ranked_editions[-1]) if ranked_editions else (int(editions[-1]) if editions else None)
    return ReportData(db_path, is_demo, edition, [int(e) for e in editions], authorities, lenses, indicators,
                      lens_productivity, overall, scores, rank_changes, grip, grip_summary, load_summary, **analysis)
