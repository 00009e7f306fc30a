"""What the report reads from the warehouse (read-only): the index marts, as pandas DataFrames."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd

from council_index import PROJECT_ROOT

REQUIRED = (
    "dim_authority",
    "dim_lens",
    "dim_indicator",
    "fct_lens_productivity",
    "fct_overall_productivity",
    "rpt_league_table",
)
# rpt_league_table (models/marts/report) holds the league table as shown: one column of lens ranks per lens
LENS_RANK_COLUMN = "lens_rank_{}"
OPTIONAL = (
    "fct_indicator_scores",
    "fct_rank_changes",
    "fct_financial_grip",
    "rpt_financial_grip_summary",
    "rpt_published_rank_agreement",
    "fct_published_rank_comparison",
)
# The analysis marts: absent when the build ran with var analysis_enabled false;
# the report then omits the rank intervals, the sensitivity section and the neighbours and context of councils.
ANALYSIS = (
    "fct_rank_uncertainty",
    "rpt_sensitivity",
    "fct_statistical_neighbours",
    "fct_neighbour_lens_ranks",
    "rpt_neighbour_agreement",
    "fct_lens_context",
)


class MissingMarts(Exception):
    """The warehouse lacks index marts the report needs."""


@dataclass
class ReportData:
    db_path: Path
    is_demo: bool
    edition: int | None  # the edition the tables show (latest with an overall rank)
    editions: list[int]
    authorities: pd.DataFrame
    lenses: pd.DataFrame
    indicators: pd.DataFrame
    lens_productivity: pd.DataFrame
    overall: pd.DataFrame
    league_table: pd.DataFrame  # rpt_league_table, every edition
    scores: pd.DataFrame
    rank_changes: pd.DataFrame
    grip: pd.DataFrame
    grip_summary: pd.DataFrame
    load_summary: dict = field(default_factory=dict)
    sources: list = field(default_factory=list)  # [{dataset, publisher, title, landing_page, licence}] loaded
    # analysis marts (empty DataFrames when not built)
    uncertainty: pd.DataFrame = field(default_factory=pd.DataFrame)
    sensitivity: pd.DataFrame = field(default_factory=pd.DataFrame)
    neighbours: pd.DataFrame = field(default_factory=pd.DataFrame)
    neighbour_ranks: pd.DataFrame = field(default_factory=pd.DataFrame)
    neighbour_agreement: pd.DataFrame = field(default_factory=pd.DataFrame)
    context: pd.DataFrame = field(default_factory=pd.DataFrame)
    # how close the rebuild comes to the ranks the study published (models/marts/agreement)
    agreement: pd.DataFrame = field(default_factory=pd.DataFrame)
    published_comparison: pd.DataFrame = field(default_factory=pd.DataFrame)

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
            return pd.DataFrame(
                columns=["authority_code", "rank", "median_rank", "rank_p05", "rank_p95", "draws", "draws_ranked"]
            )
        return rows[(rows["lens_id"] == "overall") & rows["rank_p05"].notna()][
            ["authority_code", "rank", "median_rank", "rank_p05", "rank_p95", "draws", "draws_ranked"]
        ]

    def league(self, edition: int | None = None) -> pd.DataFrame:
        """The overall league table of an edition (default: the report's; rpt_league_table): one row per
        council ranked overall, in the table's order, with a column per lens id holding the lens rank."""
        return self._league_rows(ranked=True, edition=edition)

    def unranked(self, edition: int | None = None) -> pd.DataFrame:
        """Councils of the edition without an overall rank (rpt_league_table), by name."""
        return self._league_rows(ranked=False, edition=edition)

    def _league_rows(self, ranked: bool, edition: int | None = None) -> pd.DataFrame:
        table = self.league_table
        edition = self.edition if edition is None else edition
        if edition is None or table.empty:
            return table.head(0).rename(columns=self._lens_columns)
        rows = table[(table["edition"] == edition) & (table["is_ranked_overall"] == ranked)]
        return rows.sort_values("row_order").rename(columns=self._lens_columns).reset_index(drop=True)

    @cached_property
    def lens_rows(self) -> dict[tuple[int, str, str], dict]:
        """fct_lens_productivity rows (with their flag columns) by (edition, council, lens)."""
        return {
            (int(row["edition"]), row["authority_code"], row["lens_id"]): row
            for row in self.lens_productivity.to_dict("records")
        }

    @cached_property
    def overall_rows(self) -> dict[tuple[int, str], dict]:
        """fct_overall_productivity rows (with not_ranked_reason where the mart has it) by (edition, council)."""
        return {(int(row["edition"]), row["authority_code"]): row for row in self.overall.to_dict("records")}

    @cached_property
    def no_previous_rank(self) -> dict[tuple[int, str], str]:
        """fct_rank_changes.no_previous_rank_reason of the overall rank by (edition, council), where given."""
        frame = self.rank_changes
        if frame.empty or "no_previous_rank_reason" not in frame:
            return {}
        rows = frame[(frame["lens_id"] == "overall") & frame["no_previous_rank_reason"].notna()]
        return {
            (int(e), c): str(r)
            for e, c, r in zip(rows["edition"], rows["authority_code"], rows["no_previous_rank_reason"])
        }

    @cached_property
    def ranked_editions(self) -> list[int]:
        """Editions with at least one council ranked overall."""
        if self.overall.empty:
            return []
        return sorted(int(e) for e in self.overall.loc[self.overall["overall_rank"].notna(), "edition"].unique())

    @cached_property
    def _lens_columns(self) -> dict[str, str]:
        return {LENS_RANK_COLUMN.format(lens_id): lens_id for lens_id in self.lens_ids}


def _tables(con) -> set[str]:
    rows = con.execute("select table_name from information_schema.tables where table_schema = 'marts'").fetchall()
    return {row[0] for row in rows}


def detect_demo(con) -> bool:
    """True for a warehouse built from the synthetic demo files.

    The demo's fictional authorities have GSS codes with a 9 after the type (``E06900001``), a range
    no real authority code uses; a load log that lists the demo marker file counts as well.
    """
    codes = con.execute("select count(*) from marts.dim_authority where substr(authority_code, 4, 1) = '9'").fetchone()[
        0
    ]
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
        league_table = read("rpt_league_table", "edition, row_order")
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
            "agreement": read("rpt_published_rank_agreement", "edition, lens_id"),
            "published_comparison": read("fct_published_rank_comparison", "edition, lens_id, published_rank"),
        }
        is_demo = detect_demo(con) if demo is None else demo
        load_summary, sources = {}, []
        has_log = con.execute(
            "select count(*) from information_schema.tables where table_schema = 'raw' and table_name = 'load_log'"
        ).fetchone()[0]
        if has_log:
            files, rows, missing_tables = con.execute(
                "select count(*) filter (where status like 'loaded%'), coalesce(sum(rows), 0), "
                "count(*) filter (where status = 'missing') from raw.load_log"
            ).fetchone()
            load_summary = {"files": files, "rows": rows, "missing": missing_tables}
            log_columns = {
                row[0]
                for row in con.execute(
                    "select column_name from information_schema.columns where table_schema = 'raw' "
                    "and table_name = 'load_log'"
                ).fetchall()
            }
            if "file_sha256" in log_columns:
                # a fingerprint of the exact files read, for citing: SHA-256 of their sorted SHA-256s
                digests = [
                    row[0]
                    for row in con.execute(
                        "select distinct file_sha256 from raw.load_log where status like 'loaded%' "
                        "and file_sha256 is not null order by 1"
                    ).fetchall()
                ]
                if digests:
                    load_summary["fingerprint"] = hashlib.sha256("\n".join(digests).encode()).hexdigest()
            if "dataset" in log_columns and not is_demo:
                datasets = [
                    row[0]
                    for row in con.execute(
                        "select distinct dataset from raw.load_log where status like 'loaded%' order by 1"
                    ).fetchall()
                ]
                sources = registry_sources(datasets)
    finally:
        con.close()

    missing_lenses = [l for l in lenses["lens_id"] if LENS_RANK_COLUMN.format(l) not in league_table]
    if missing_lenses:
        raise MissingMarts(
            f"marts.rpt_league_table has no column {', '.join(LENS_RANK_COLUMN.format(l) for l in missing_lenses)}"
            " for the lenses of dim_lens: add them to models/marts/report/rpt_league_table.sql and its yml"
        )
    for frame, columns in (
        (overall, ["is_ranked_overall"]),
        (rank_changes, ["is_most_improved"]),
        (league_table, ["is_ranked_overall", "is_most_improved"]),
    ):
        for column in columns:
            if column in frame:
                frame[column] = frame[column].fillna(False).astype(bool)
    ranked_editions = (
        sorted(overall.loc[overall["overall_rank"].notna(), "edition"].unique().tolist()) if not overall.empty else []
    )
    editions = sorted(set(overall["edition"].tolist())) if not overall.empty else []
    edition = int(ranked_editions[-1]) if ranked_editions else (int(editions[-1]) if editions else None)
    return ReportData(
        db_path,
        is_demo,
        edition,
        [int(e) for e in editions],
        authorities,
        lenses,
        indicators,
        lens_productivity,
        overall,
        league_table,
        scores,
        rank_changes,
        grip,
        grip_summary,
        load_summary,
        sources,
        **analysis,
    )


REGISTRY_DIR = PROJECT_ROOT / "scripts" / "registry"


def registry_sources(datasets: list[str], directory: Path = REGISTRY_DIR) -> list[dict]:
    """Publisher, title, landing page and licence of the loaded datasets, from the dataset registry
    (scripts/registry/*.yml, read by council_index.yaml_files; the fields as written);
    datasets the registry does not know are listed by id."""
    import yaml

    from council_index import yaml_files

    known: dict[str, dict] = {}
    for path in sorted(directory.glob("*.yml")):
        try:
            document = yaml_files.safe_load(path.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError):  # a registry file being edited: its datasets are listed by id
            continue
        for entry in document.get("datasets", []) if isinstance(document, dict) else []:
            if isinstance(entry, dict) and entry.get("id"):
                known[str(entry["id"])] = entry
    out = []
    for dataset in datasets:
        entry = known.get(dataset, {})
        out.append(
            {
                "dataset": dataset,
                "publisher": str(entry.get("publisher") or ""),
                "title": str(entry.get("title") or dataset),
                "landing_page": str(entry.get("landing_page") or ""),
                "licence": str(entry.get("licence") or ""),
            }
        )
    return out
