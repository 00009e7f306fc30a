"""The report page: what the templates show, rendered with Jinja2 into one self-contained HTML file.

``templates/report.html.j2`` (with ``_macros.html.j2`` and one partial per section) is the page;
``static/report.css``, ``static/errors.js`` (records script errors for the tests) and ``static/report.js``
(sortable tables, the council pages, the charts' narrow-screen layouts) are inlined into it at build
time, with plotly.js, the figures and the council data as JSON: nothing is fetched when the page is
viewed. This module turns the marts into the templates' context: tables as rows of cells (the league
table from rpt_league_table), plain-English titles, the sources and the citation.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import jinja2
import pandas as pd
import plotly.offline

from .data import ReportData

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"
POLARITY = {"higher_is_better": 1, "lower_is_better": -1}
PROJECT = "Council productivity index"


def _num(value, digits: int = 1):
    """A finite number rounded for display and JSON, or None."""
    try:
        if value is None or value is pd.NA or pd.isna(value):
            return None
    except (TypeError, ValueError):
        return None
    value = float(value)
    if not math.isfinite(value):
        return None
    return round(value, digits)


def _sig(value, digits: int = 4):
    value = _num(value, 12)
    if value is None or value == 0:
        return value
    return float(f"{value:.{digits}g}")


def _text(value) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)


def script_json(value) -> str:
    """JSON safe inside <script>: no '</' sequences."""
    return json.dumps(value, separators=(",", ":"), allow_nan=False).replace("</", "<\\/")


# --- tables: rows of cells, drawn by the data_table macro of templates/_macros.html.j2 ----------------------


@dataclass
class Cell:
    text: str = ""
    sort: str | None = None  # data-sort: numeric sort key (the script sorts blanks last)
    css: str = ""
    href: str | None = None


@dataclass
class Row:
    cells: list[Cell]
    attrs: dict[str, str] = field(default_factory=dict)
    css: str = ""


@dataclass
class Table:
    id: str
    headers: list[tuple[str, str]]  # (label, 'num' | 'text')
    rows: list[Row]
    caption: str = ""
    placeholder: str = "Search councils..."
    sortable: bool = True
    sticky: int = 1  # leading columns kept in view when the table scrolls sideways


def num_cell(value, digits: int = 0, css: str = "") -> Cell:
    """A number shown with digits decimals; data-sort holds it for the script."""
    number = _num(value, digits)
    shown = "" if number is None else (f"{number:.{digits}f}" if digits else f"{int(number)}")
    return Cell(shown, None if number is None else str(number), f"num {css}".strip())


def council_cell(code: str, name) -> Cell:
    return Cell(_text(name), href=f"#council/{code}", css="council")


def has_analysis(data: ReportData, name: str) -> bool:
    """True when the analysis mart behind data.<name> is in the warehouse and has rows for the edition."""
    frame = getattr(data, name)
    return not (data.latest(frame) if "edition" in frame else frame).empty


def interval_text(low, high) -> str:
    """A rank interval for display, "3–17" (en dash); "" without one."""
    low, high = _num(low, 0), _num(high, 0)
    return "" if low is None or high is None else f"{int(low)}\u2013{int(high)}"


def interval_cell(low, high) -> Cell:
    """The interval cell: sorts by its lower end, then its upper end."""
    text = interval_text(low, high)
    sort = f"{int(_num(low, 0)) + int(_num(high, 0)) / 10000:.4f}" if text else None
    return Cell(text, sort, "num interval")


def league_has_intervals(league: pd.DataFrame) -> bool:
    return "rank_p05" in league and league["rank_p05"].notna().any()


def league_table(data: ReportData) -> Table:
    """The overall league table of the edition, row for row from rpt_league_table."""
    league = data.league()
    intervals = league_has_intervals(league)
    headers = [("Rank", "num"), ("Council", "text")]
    headers += [("90% interval", "num")] if intervals else []
    headers += [("Type", "text"), ("Region", "text")]
    headers += [(data.lens_names[l], "num") for l in data.lens_ids]
    headers += [
        ("Mean lens rank", "num"),
        ("Outcome index", "num"),
        ("Spend index", "num"),
        ("Quadrant", "text"),
        ("Change", "num"),
    ]
    rows = []
    for row in league.to_dict("records"):
        improved = bool(row.get("is_most_improved"))
        cells = [num_cell(row["overall_rank"]), council_cell(row["authority_code"], row["authority_name"])]
        if intervals:
            cells.append(interval_cell(row["rank_p05"], row["rank_p95"]))
        cells += [Cell(_text(row["authority_type"])), Cell(_text(row["region_name"]))]
        cells += [num_cell(row[l]) for l in data.lens_ids]
        quadrant = row["quadrant"] if isinstance(row["quadrant"], str) else ""
        cells += [
            num_cell(row["mean_lens_rank"], 1),
            num_cell(row["mean_outcome_index"], 1),
            num_cell(row["mean_spend_index"], 1),
            Cell(quadrant, css=f"quadrant q-{quadrant.replace(',', '').replace(' ', '-')}"),
            num_cell(row.get("rank_change"), 0, "improved" if improved else ""),
        ]
        rows.append(Row(cells, {"data-code": row["authority_code"]}, "most-improved" if improved else ""))
    return Table("league-table", headers, rows, "league table", sticky=2)


def lens_table(data: ReportData, lens_id: str) -> Table:
    rows_df = data.lens_productivity[
        (data.lens_productivity["edition"] == data.edition) & (data.lens_productivity["lens_id"] == lens_id)
    ].copy()
    rows_df["name"] = rows_df["authority_code"].map(data.names)
    rows_df = rows_df.sort_values(["lens_rank", "name"], na_position="last")
    headers = [
        ("Rank", "num"),
        ("Council", "text"),
        ("Productivity index", "num"),
        ("Outcome index", "num"),
        ("Spend index", "num"),
        ("Spend per head (£)", "num"),
        ("Indicators used", "num"),
    ]
    rows = []
    for row in rows_df.to_dict("records"):
        used = (
            f"{int(row['indicators_used'])} of {int(row['indicators_in_lens'])}"
            if not pd.isna(row["indicators_in_lens"])
            else ""
        )
        rows.append(
            Row(
                [
                    num_cell(row["lens_rank"]),
                    council_cell(row["authority_code"], row["name"]),
                    num_cell(row["productivity_index"], 1),
                    num_cell(row["outcome_index"], 1),
                    num_cell(row["spend_index"], 1),
                    num_cell(row["spend_per_head"], 0),
                    Cell(used, str(_num(row["indicators_used"], 0) or 0), "num"),
                ]
            )
        )
    return Table(f"lens-table-{lens_id}", headers, rows, data.lens_names[lens_id], sticky=2)


def sensitivity_table(data: ReportData) -> Table:
    """rpt_sensitivity of the edition: choice, option, runs, mean and largest rank shift, Spearman correlation."""
    rows_df = data.latest(data.sensitivity)
    headers = [
        ("Judgement call", "text"),
        ("Option compared with the default", "text"),
        ("Runs", "num"),
        ("Mean rank shift (places)", "num"),
        ("Largest shift", "num"),
        ("Spearman correlation", "num"),
        ("Lowest Spearman", "num"),
    ]
    rows = []
    for row in rows_df.to_dict("records"):
        label = (
            row["option_label"] if isinstance(row["option_label"], str) and row["option_label"] else row["option_id"]
        )
        if row["choice_id"] == "winsorise":
            label = "winsorising " + ("on" if str(row["option_id"]).lower() == "true" else "off")
        label = str(label).replace("_", " ")
        rows.append(
            Row(
                [
                    Cell(_text(row["choice"])),
                    Cell(label),
                    num_cell(row["runs"]),
                    num_cell(row["mean_abs_rank_shift"], 2),
                    num_cell(row["max_abs_rank_shift"]),
                    num_cell(row["spearman_correlation"], 3),
                    num_cell(row["min_spearman_correlation"], 3),
                ],
                {"data-choice": _text(row["choice_id"]), "data-option": _text(row["option_id"])},
            )
        )
    return Table("sensitivity-table", headers, rows, "sensitivity", placeholder="Search choices...")


def sensitivity_summary(data: ReportData) -> dict | None:
    """The judgement call that moves the ranking most and the one that moves it least (and the Monte Carlo)."""
    rows_df = data.latest(data.sensitivity)
    rows_df = rows_df[rows_df["mean_abs_rank_shift"].notna() & (rows_df["choice_id"] != "monte_carlo")]
    if rows_df.empty:
        return None
    # the option of each choice that moves the ranking most, then the choices by that shift
    top = rows_df.sort_values("mean_abs_rank_shift", ascending=False).drop_duplicates("choice")
    most, least = top.iloc[0], top.iloc[-1]
    summary = {
        "most": most["choice"],
        "most_shift": f"{most['mean_abs_rank_shift']:.1f}",
        "most_which": (
            most["option_label"]
            if most["choice_id"] == "leave_one_out" and isinstance(most["option_label"], str)
            else ""
        ),
        "least": least["choice"],
        "least_shift": f"{least['mean_abs_rank_shift']:.1f}",
    }
    mc = data.latest(data.sensitivity)
    mc = mc[mc["choice_id"] == "monte_carlo"]
    if not mc.empty and pd.notna(mc["mean_abs_rank_shift"].iloc[0]):
        summary["all_shift"] = f"{mc['mean_abs_rank_shift'].iloc[0]:.1f}"
        summary["all_spearman"] = f"{mc['spearman_correlation'].iloc[0]:.3f}"
    return summary


def grip_table(data: ReportData) -> Table | None:
    rows_df = (
        data.grip_summary[data.grip_summary["edition"] == data.edition]
        if not data.grip_summary.empty
        else data.grip_summary
    )
    if rows_df.empty:
        return None
    headers = [
        ("Group of councils", "text"),
        ("Councils", "num"),
        ("With a variance", "num"),
        ("Lowest %", "num"),
        ("Mean %", "num"),
        ("Highest %", "num"),
        ("Correlation with rank", "num"),
    ]
    rows = [
        Row(
            [
                Cell(str(row["cohort"]).replace("_", " ")),
                num_cell(row["councils"]),
                num_cell(row["councils_with_variance"]),
                num_cell(row["min_variance_pct"], 1),
                num_cell(row["mean_variance_pct"], 1),
                num_cell(row["max_variance_pct"], 1),
                num_cell(row["correlation_with_rank"], 2),
            ]
        )
        for row in rows_df.to_dict("records")
    ]
    return Table("grip-table", headers, rows, "financial grip", sortable=False)


def grip_top5(data: ReportData) -> int | None:
    rows_df = (
        data.grip_summary[data.grip_summary["edition"] == data.edition]
        if not data.grip_summary.empty
        else data.grip_summary
    )
    top5 = rows_df["top5_overspenders_in_worst30"].dropna() if not rows_df.empty else []
    return int(top5.iloc[0]) if len(top5) else None


# --- how close the rebuild comes to the published study --------------------------------------------------------


def agreement_tables(data: ReportData) -> list[dict]:
    """Per study edition (2018 first): the agreement statistics per lens, and the published against the
    rebuilt rank of each published council, overall and per lens."""
    if data.agreement.empty:
        return []
    names = {"overall": "Overall", **data.lens_names}
    order = ["overall", *data.lens_ids]
    result = []
    for edition in sorted(data.agreement["edition"].unique(), reverse=True):
        stats = data.agreement[data.agreement["edition"] == edition].copy()
        stats["order"] = stats["lens_id"].map({lens: i for i, lens in enumerate(order)})
        headers = [
            ("Lens", "text"),
            ("Councils compared", "num"),
            ("Spearman correlation", "num"),
            ("Mean rank difference", "num"),
            ("Mean rebuilt rank of the published top ten", "num"),
        ]
        rows = [
            Row(
                [
                    Cell(names.get(row["lens_id"], row["lens_id"])),
                    Cell(
                        f"{int(row['councils_compared'])} of {int(row['councils_published'])}",
                        sort=str(int(row["councils_compared"])),
                    ),
                    num_cell(row["spearman_correlation"], 2),
                    num_cell(row["mean_absolute_rank_difference"], 1),
                    num_cell(row["mean_rebuilt_rank"], 1),
                ]
            )
            for row in stats.sort_values("order").to_dict("records")
        ]
        comparison = data.published_comparison[data.published_comparison["edition"] == edition]
        councils = (
            comparison[comparison["lens_id"] == "overall"].sort_values("published_rank")["published_name"].tolist()
        )
        council_headers = [("Council", "text")] + [(names.get(lens, lens), "text") for lens in order]
        council_rows = []
        for council in councils:
            cells = [Cell(_text(council))]
            for lens in order:
                match = comparison[(comparison["published_name"] == council) & (comparison["lens_id"] == lens)]
                if match.empty:
                    cells.append(Cell(""))
                    continue
                row = match.iloc[0]
                rebuilt = "unranked" if pd.isna(row["rebuilt_rank"]) else str(int(row["rebuilt_rank"]))
                cells.append(Cell(f"{int(row['published_rank'])} / {rebuilt}", sort=str(int(row["published_rank"]))))
            council_rows.append(Row(cells))
        result.append(
            {
                "edition": int(edition),
                "stats": Table(f"agreement-{edition}", headers, rows, "agreement", sortable=False),
                "councils": Table(
                    f"published-{edition}",
                    council_headers,
                    council_rows,
                    "published against rebuilt ranks",
                    sortable=False,
                ),
            }
        )
    return result


# --- where the data came from, and how to cite it -----------------------------------------------------------


def provenance(data: ReportData) -> dict:
    """Publishers of the loaded datasets, the load summary and a citation (none for the demo)."""
    publishers = sorted({s["publisher"] for s in data.sources if s["publisher"]})
    licences = sorted({s["licence"] for s in data.sources if s["licence"]})
    load = data.load_summary
    fingerprint = load.get("fingerprint", "")
    citation = ""
    if not data.is_demo:
        datasets = len(data.sources)
        citation = (
            f"{PROJECT}, {data.edition} edition: English upper-tier councils ranked on outcome value per "
            f"pound spent, rebuilt from public data"
            + (
                f' ({datasets} datasets from {len(publishers)} publishers, listed under "Where the data come '
                f'from"{"; " + ", ".join(licences) if licences else ""})'
                if datasets
                else ""
            )
            + "."
            + (f" Data fingerprint {fingerprint[:16]}." if fingerprint else "")
        )
    return {
        "publishers": publishers,
        "sources": data.sources,
        "licences": licences,
        "load": load,
        "fingerprint": fingerprint,
        "citation": citation,
    }


# --- the whole page -----------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["thousands"] = lambda value: f"{int(value):,}"
    return env


def static(name: str) -> str:
    return (STATIC / name).read_text(encoding="utf-8")


def inline_script(text: str) -> jinja2.utils.markupsafe.Markup:
    """Script text safe inside <script>...</script> (no closing tag inside)."""
    return jinja2.utils.markupsafe.Markup(text.replace("</script", "<\\/script"))


def chart_titles(figures: dict) -> dict[str, str]:
    """The title of each figure (shown as the chart's HTML caption); the figures keep no title of their own."""
    titles = {}
    for name, fig in figures.items():
        titles[name] = fig.layout.title.text or ""
        fig.update_layout(title=None)
    return titles


def render(data: ReportData, figures: dict, progress=None) -> str:
    league = data.league()
    unranked = data.unranked()
    titles = chart_titles(figures)
    lenses = []
    for lens in data.lenses.to_dict("records"):
        lenses.append(
            {
                "id": lens["lens_id"],
                "name": lens["lens_name"],
                "description": _text(lens["description"]),
                "spend_basis": _text(lens["spend_basis"]),
                "table": lens_table(data, lens["lens_id"]),
            }
        )
        if progress:
            progress(f"lens table {lens['lens_id']}")
    intervals = data.overall_intervals()
    context = {
        "project": PROJECT,
        "data": data,
        "demo": data.is_demo,
        "edition": data.edition,
        "ranked": len(league),
        "lens_count": len(data.lens_ids),
        "league": league_table(data),
        "has_intervals": league_has_intervals(league),
        "unranked": [_text(name) for name in unranked["authority_name"]] if len(unranked) else [],
        "uncertainty_draws": int(intervals["draws"].max()) if not intervals.empty else None,
        "sensitivity": sensitivity_table(data) if has_analysis(data, "sensitivity") else None,
        "sensitivity_summary": sensitivity_summary(data) if has_analysis(data, "sensitivity") else None,
        "analysis": {
            name: has_analysis(data, name) for name in ("neighbours", "neighbour_ranks", "uncertainty", "context")
        },
        "lenses": lenses,
        "grip": grip_table(data),
        "grip_top5": grip_top5(data),
        "agreement": agreement_tables(data),
        "titles": titles,
        "provenance": provenance(data),
        "css": jinja2.utils.markupsafe.Markup(static("report.css")),
        "errors_js": inline_script(static("errors.js")),
        "app_js": inline_script(static("report.js")),
        "plotly_js": inline_script(plotly.offline.get_plotlyjs()),
        "figures_json": jinja2.utils.markupsafe.Markup(
            script_json({name: json.loads(fig.to_json()) for name, fig in figures.items()})
        ),
        "council_json": jinja2.utils.markupsafe.Markup(script_json(council_payload(data))),
    }
    if progress:
        progress("league table")
    page = environment().get_template("report.html.j2").render(**context)
    if progress:
        progress("page")
    return page


def council_payload(data: ReportData) -> dict:
    """Compact data for the council sections, drawn by the page script with plotly."""
    ranks: dict[str, dict] = {}
    overall = data.overall.set_index(["authority_code", "edition"])
    lens_rank = data.lens_productivity.set_index(["authority_code", "edition", "lens_id"])["lens_rank"]
    for code in data.authorities["authority_code"]:
        per_edition = {}
        for edition in data.editions:
            key = (code, edition)
            if key not in overall.index:
                continue
            row = overall.loc[key]
            per_edition[str(edition)] = {
                "o": _num(row["overall_rank"], 0),
                "l": [_num(lens_rank.get((code, edition, l)), 0) for l in data.lens_ids],
                "q": row["quadrant"] if isinstance(row["quadrant"], str) else None,
            }
        ranks[code] = per_edition
    values: dict[str, list] = {}
    if not data.scores.empty:
        latest = data.scores[data.scores["edition"] == data.edition]
        for code, part in latest.groupby("authority_code", sort=True):
            values[code] = [
                [
                    row.indicator_id,
                    _sig(row.value),
                    _sig(row.reference_value),
                    "E" if row.reference_source == "england" else "M",
                    row.period,
                ]
                for row in part.itertuples()
            ]
    authorities = {
        row.authority_code: [row.authority_name, row.authority_type, row.region_name, bool(row.is_ranked)]
        for row in data.authorities.itertuples()
    }
    indicators = {
        row.indicator_id: [row.name, row.lens_id, row.unit, POLARITY.get(row.polarity, 0)]
        for row in data.indicators.itertuples()
    }
    edition_rows = data.lens_productivity[data.lens_productivity["edition"] == data.edition]
    lens_ranked = edition_rows.groupby("lens_id")["lens_rank"].max()
    payload = {
        "edition": data.edition,
        "editions": data.editions,
        "ranked": max(len(data.league()), 1),
        "demo": data.is_demo,
        "lenses": data.lens_ids,
        "lensNames": [data.lens_names[l] for l in data.lens_ids],
        # the lowest rank of each lens: the far end of the council's lens-rank bars
        "lensRanked": [int(_num(lens_ranked.get(l), 0) or 1) for l in data.lens_ids],
        "authorities": authorities,
        "indicators": indicators,
        "ranks": ranks,
        "values": values,
    }
    payload.update(analysis_payload(data))
    return payload


def _flag(value):
    """A nullable boolean as 1 / 0 / None for the page script."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    return 1 if bool(value) else 0


def _per_council(lookup: dict, keys: list[str]) -> dict:
    """{(council, lens): entry} as {council: [entry or None for each key]}, councils sorted."""
    return {code: [lookup.get((code, k)) for k in keys] for code in sorted({c for c, _ in lookup})}


def analysis_payload(data: ReportData) -> dict:
    """The analysis marts for the council sections; only the keys whose mart is in the warehouse.

    intervals: code -> [[p05, p95, median] or None for overall and each lens] (fct_rank_uncertainty);
    neighbours: code -> [[neighbour code, distance, in Oflog's group 1/0/None], ...] nearest first;
    neighbourRanks: code -> [[rank, rank among neighbours, group councils ranked, group size, neighbours'
    median rank] or None for overall and each lens]; context: code -> [[outcome score, expected,
    residual, residual rank, councils in fit] or None per lens] (fct_lens_context).
    """
    out: dict = {}
    keys = ["overall", *data.lens_ids]
    if has_analysis(data, "uncertainty"):
        rows = data.latest(data.uncertainty)
        lookup = {
            (r.authority_code, r.lens_id): [_num(r.rank_p05, 0), _num(r.rank_p95, 0), _num(r.median_rank, 1)]
            for r in rows.itertuples()
            if _num(r.rank_p05, 0) is not None
        }
        out["intervals"] = _per_council(lookup, keys)
    if has_analysis(data, "neighbours"):
        out["neighbours"] = {
            code: [
                [r.neighbour_code, _num(r.distance, 2), _flag(r.is_oflog_neighbour)]
                for r in part.sort_values("neighbour_rank").itertuples()
            ]
            for code, part in data.neighbours.groupby("authority_code", sort=True)
        }
    if has_analysis(data, "neighbour_ranks"):
        rows = data.latest(data.neighbour_ranks)
        lookup = {
            (r.authority_code, r.lens_id): [
                _num(r.rank, 0),
                _num(r.rank_among_neighbours, 0),
                _num(r.group_councils_ranked, 0),
                _num(r.group_size, 0),
                _num(r.neighbour_median_rank, 1),
            ]
            for r in rows.itertuples()
        }
        out["neighbourRanks"] = _per_council(lookup, keys)
    if has_analysis(data, "context"):
        rows = data.latest(data.context)
        lookup = {
            (r.authority_code, r.lens_id): [
                _num(r.outcome_score, 2),
                _num(r.expected_outcome_score, 2),
                _num(r.residual, 2),
                _num(r.residual_rank, 0),
                _num(r.councils_in_fit, 0),
            ]
            for r in rows.itertuples()
        }
        out["context"] = _per_council(lookup, data.lens_ids)
    if has_analysis(data, "neighbour_agreement"):
        everyone = data.neighbour_agreement[data.neighbour_agreement["scope"] == "all"]
        if not everyone.empty:
            row = everyone.iloc[0]
            out["agreement"] = [
                _num(row["mean_share_shared"], 3),
                _num(row["chance_share"], 3),
                _num(row["councils_compared"], 0),
            ]
    return out
