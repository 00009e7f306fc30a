"""The report page: what the templates show, rendered with Jinja2 into one self-contained HTML file.

``templates/report.html.j2`` (with ``_macros.html.j2`` and one partial per section) is the page;
``static/report.css``, ``static/errors.js`` (records script errors for the tests) and ``static/report.js``
(sortable tables, the council pages, the charts' narrow-screen layouts) are inlined into it at build
time, with plotly.js, the figures and the council data as JSON: nothing is fetched when the page is
viewed. This module turns the marts into the templates' context: tables as rows of cells (the league
table from rpt_league_table), plain-English titles, the sources and the citation.
"""

from __future__ import annotations

import base64
import gzip
import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import jinja2
import pandas as pd
import plotly.offline

from . import caveats
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


def packed_json(value) -> str:
    """JSON compressed with gzip (no timestamp: the same data gives the same bytes) in base64, for a
    <script data-encoding="gzip+base64"> block that static/report.js unpacks: the data of ten editions is about
    5 MB as JSON and a tenth of it packed."""
    raw = json.dumps(value, separators=(",", ":"), allow_nan=False).encode("utf-8")
    return base64.b64encode(gzip.compress(raw, compresslevel=9, mtime=0)).decode("ascii")


def unpack_json(text: str):
    """The value of a packed_json block (for the tests and anyone reading the page's data)."""
    return json.loads(gzip.decompress(base64.b64decode(text.strip())))


# --- tables: rows of cells, drawn by the data_table macro of templates/_macros.html.j2 ----------------------


@dataclass
class Cell:
    text: str = ""
    sort: str | None = None  # data-sort: numeric sort key (the script sorts blanks last)
    css: str = ""
    href: str | None = None
    marks: list[tuple[str, str, str]] = field(default_factory=list)  # caveats: (kind, symbol, reason)
    title: str = ""  # a hover text for the cell itself (e.g. why there is no rank)

    def compact(self, kind: str, reasons: ReasonIndex):
        """The cell for the page script (static/report.js renderRows): its text alone where the rest is what
        the column implies (class "num" and data-sort = the text for numbers), else {t, s, c, h, m, i}; marks as
        [kind, index of the reason in ``reasons``]."""
        default_css = "num" if kind == "num" else ""
        implied_sort = None
        if kind == "num" and self.text:
            try:
                implied_sort = float(self.text.replace(",", ""))
            except ValueError:
                implied_sort = None
        sort_ok = (
            self.sort is None if implied_sort is None else (self.sort is not None and float(self.sort) == implied_sort)
        )
        if self.css == default_css and sort_ok and not self.href and not self.marks and not self.title:
            return self.text
        out = {"t": self.text}
        if self.sort is not None and not sort_ok:
            out["s"] = self.sort
        elif self.sort is None and implied_sort is not None:
            out["s"] = ""
        if self.css != default_css:
            out["c"] = self.css
        if self.href:
            out["h"] = self.href
        if self.marks:
            out["m"] = reasons.compact(self.marks)
        if self.title:
            out["i"] = self.title
        return out


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
    rank_marks: int = 0  # the most caveat marks in the first (rank) column, over every edition: its width
    # caveats that hold for every ranked row of the edition (common_marks), said once instead of on each row:
    # by column index, the marks shown in that column's heading; and all of them, for the note above the table
    header_marks: dict[int, list[tuple[str, str, str]]] = field(default_factory=dict)
    common: list[tuple[str, str, str]] = field(default_factory=list)

    def most_rank_marks(self) -> int:
        return max((len(r.cells[0].marks) for r in self.rows if r.cells), default=0)

    def compact(self, reasons: ReasonIndex) -> list:
        """The body rows for the page script: [attrs or 0, row class or 0, cell, cell, ...] per row."""
        kinds = [kind for _, kind in self.headers]
        return [[r.attrs or 0, r.css or 0, *(c.compact(k, reasons) for c, k in zip(r.cells, kinds))] for r in self.rows]

    def compact_common(self, reasons: ReasonIndex) -> dict:
        """The edition-wide caveats for the page script: {h: {column index: marks}, n: marks} (marks as
        [kind, index of the reason])."""
        return {
            "h": {str(index): reasons.compact(marks) for index, marks in self.header_marks.items()},
            "n": reasons.compact(self.common),
        }


class ReasonIndex:
    """The reasons of caveat marks, each kept once: a mark travels to the page script as [kind, index] (the same
    reason recurs on hundreds of ranks, e.g. a lens scored on substitutes for every council of an edition)."""

    def __init__(self):
        self.reasons: list[str] = []
        self._index: dict[str, int] = {}

    def compact(self, marks: list[tuple[str, str, str]]) -> list[list]:
        out = []
        for kind, _symbol, reason in marks:
            if reason not in self._index:
                self._index[reason] = len(self.reasons)
                self.reasons.append(reason)
            out.append([kind, self._index[reason]])
        return out

    def payload(self) -> dict:
        return {"symbols": {c.kind: c.symbol for c in caveats.ALL}, "reasons": self.reasons}


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


def council_lens_marks(data: ReportData, edition: int, code: str) -> dict[str, list[tuple[str, str, str]]]:
    """The caveat marks of a council's lens ranks in an edition, by lens id (flag columns of fct_lens_productivity)."""
    out = {}
    for lens_id in data.lens_ids:
        row = data.lens_rows.get((edition, code, lens_id))
        if row is not None:
            out[lens_id] = caveats.lens_marks(row, data.lens_names[lens_id])
    return out


def overall_marks(data: ReportData, edition: int, row: dict) -> list[tuple[str, str, str]]:
    """The council-level caveat of an overall rank: ranked on fewer lenses than there are."""
    if caveats.FEWER_LENSES.column not in row:
        return []
    missing = [
        data.lens_names[l]
        for l in data.lens_ids
        if (data.lens_rows.get((edition, row["authority_code"], l)) or {}).get("lens_rank") is None
        or pd.isna((data.lens_rows.get((edition, row["authority_code"], l)) or {}).get("lens_rank"))
    ]
    mark = caveats.fewer_lenses_mark(row, len(data.lens_ids), missing)
    return [mark] if mark else []


def change_cell(data: ReportData, edition: int, row: dict) -> Cell:
    """Movement since the previous edition; without a previous rank, why (fct_rank_changes.no_previous_rank_reason:
    a council created by a merger has none of its own)."""
    improved = bool(row.get("is_most_improved"))
    cell = num_cell(row.get("rank_change"), 0, "improved" if improved else "")
    if cell.text:
        previous = _num(row.get("previous_rank"), 0)
        if previous is not None:
            cell.title = f"rank {int(previous)} in the previous edition"
        return cell
    reason = data.no_previous_rank.get((edition, row["authority_code"]))
    if reason:
        cell.text, cell.title = "new" if _is_new(reason) else "\u2013", f"No previous rank: {reason}"
    elif edition == min(data.editions, default=edition):
        cell.text, cell.title = "\u2013", "No previous rank: the first edition"
    return cell


def _is_new(reason: str) -> bool:
    text = reason.lower()
    return "merger" in text or "created" in text or "split" in text or "from part" in text


@dataclass(frozen=True)
class Shared:
    """A caveat every ranked council of an edition carries in one lens (or overall), said once for the table.

    ``row_reason`` is the reason most of those rows give (the rows giving it lose their mark); ``mark`` is what the
    heading and the note show. Rows whose reason differs (another spend year, say) keep their own mark: it tells
    them apart."""

    mark: tuple[str, str, str]
    row_reason: str
    unanimous: bool


def _shared(caveat: caveats.Caveat, marks: list[tuple[str, str, str]], label: str) -> Shared:
    """The table-wide form of one caveat carried by every row: the reason of most rows (more than half) with how
    many give it, the reason itself when all do, else the caveat's general meaning (every row then keeps its mark)."""
    counts: dict[str, int] = {}
    for _, _, reason in marks:
        counts[reason] = counts.get(reason, 0) + 1
    reason, count = max(counts.items(), key=lambda item: (item[1], item[0]))
    if count == len(marks):
        return Shared((caveat.kind, caveat.symbol, reason), reason, True)
    if 2 * count > len(marks):
        others = len(marks) - count
        shown = (
            f"{reason} (for {count} of the {len(marks)} ranked councils; the other {others} "
            f"{'is marked on its row' if others == 1 else 'are marked on their rows'})"
        )
        return Shared((caveat.kind, caveat.symbol, shown), reason, False)
    shown = f"{label}: {caveat.meaning} (for every ranked council, each marked on its row with its own figures)"
    return Shared((caveat.kind, caveat.symbol, shown), "", False)


def common_marks(data: ReportData, edition: int) -> dict[str, list[Shared]]:
    """The caveats that hold for every ranked council of an edition, by lens id (every council with a rank in
    the lens carries the flag, e.g. spend from a fallback year in every lens of the 2022 edition, a lens scored on
    substitutes for everyone in 2017-19) and under "overall" (every council ranked overall is ranked on fewer
    lenses). A table says such a caveat once, in its heading and the note above it, instead of on every row;
    marks that tell rows apart stay on the rows (see Shared)."""
    out: dict[str, list[Shared]] = {}
    for lens_id in data.lens_ids:
        name = data.lens_names[lens_id]
        rows = [
            row
            for (e, _code, l), row in data.lens_rows.items()
            if e == edition and l == lens_id and _num(row.get("lens_rank"), 0) is not None
        ]
        if not rows:
            continue
        marks = [caveats.lens_marks(row, name) for row in rows]
        shared = []
        for caveat in caveats.LENS_CAVEATS:
            of_kind = [next((m for m in row if m[0] == caveat.kind), None) for row in marks]
            if all(of_kind):
                shared.append(_shared(caveat, of_kind, name))
        if shared:
            out[lens_id] = shared
    league = data.league(edition)
    if not league.empty:
        marks = []
        for row in league.to_dict("records"):
            overall = {**data.overall_rows.get((edition, row["authority_code"]), {}), **row}
            marks.append(next(iter(overall_marks(data, edition, overall)), None))
        if all(marks):
            out["overall"] = [_shared(caveats.FEWER_LENSES, marks, "Overall rank")]
    return out


def _without(marks: list[tuple[str, str, str]], common: list[Shared]) -> list[tuple[str, str, str]]:
    """A row's marks less those said once for the whole table (same caveat, same reason)."""
    said = {(shared.mark[0], shared.row_reason) for shared in common}
    return [mark for mark in marks if (mark[0], mark[2]) not in said]


def league_table(data: ReportData, edition: int | None = None, common: dict | None = None) -> Table:
    """The overall league table of an edition, row for row from rpt_league_table, with the caveat marks of the
    flag columns next to the ranks they qualify."""
    edition = data.edition if edition is None else edition
    league = data.league(edition)
    intervals = league_has_intervals(data.league_table)
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
    common = common_marks(data, edition) if common is None else common
    rows = []
    for row in league.to_dict("records"):
        improved = bool(row.get("is_most_improved"))
        overall = {**data.overall_rows.get((edition, row["authority_code"]), {}), **row}
        rank = num_cell(row["overall_rank"])
        rank.marks = _without(overall_marks(data, edition, overall), common.get("overall", []))
        cells = [rank, council_cell(row["authority_code"], row["authority_name"])]
        if intervals:
            cells.append(interval_cell(row.get("rank_p05"), row.get("rank_p95")))
        cells += [Cell(_text(row["authority_type"])), Cell(_text(row["region_name"]))]
        marks = council_lens_marks(data, edition, row["authority_code"])
        for l in data.lens_ids:
            cell = num_cell(row[l])
            cell.marks = _without(marks.get(l, []), common.get(l, [])) if cell.text else []
            if not cell.text:
                reason = caveats.lens_not_ranked_reason(
                    data.lens_rows.get((edition, row["authority_code"], l)) or {}, data.lens_names[l]
                )
                cell.text, cell.title = "\u2013", f"No rank in {data.lens_names[l]}: {reason}"
            cells.append(cell)
        quadrant = row["quadrant"] if isinstance(row["quadrant"], str) else ""
        cells += [
            num_cell(row["mean_lens_rank"], 1),
            num_cell(row["mean_outcome_index"], 1),
            num_cell(row["mean_spend_index"], 1),
            Cell(quadrant, css=f"quadrant q-{quadrant.replace(',', '').replace(' ', '-')}"),
            change_cell(data, edition, row),
        ]
        rows.append(Row(cells, {"data-code": row["authority_code"]}, "most-improved" if improved else ""))
    table = Table("league-table", headers, rows, "league table", sticky=2)
    columns = {"overall": 0, **{l: headers.index((data.lens_names[l], "num")) for l in data.lens_ids}}
    for key in ("overall", *data.lens_ids):
        if common.get(key):
            table.header_marks[columns[key]] = [shared.mark for shared in common[key]]
            table.common += [shared.mark for shared in common[key]]
    return table


def unranked_list(data: ReportData, edition: int | None = None) -> list[dict]:
    """Councils of an edition without an overall rank, each with why (fct_overall_productivity.not_ranked_reason)."""
    edition = data.edition if edition is None else edition
    out = []
    for row in data.unranked(edition).to_dict("records"):
        overall = {**row, **data.overall_rows.get((edition, row["authority_code"]), {})}
        out.append(
            {
                "code": row["authority_code"],
                "name": _text(row["authority_name"]),
                "reason": caveats.overall_not_ranked_reason(overall, len(data.lens_ids)),
            }
        )
    return out


def lens_rows(data: ReportData, lens_id: str, edition: int) -> pd.DataFrame:
    rows_df = data.lens_productivity[
        (data.lens_productivity["edition"] == edition) & (data.lens_productivity["lens_id"] == lens_id)
    ].copy()
    rows_df["name"] = rows_df["authority_code"].map(data.names)
    return rows_df.sort_values(["lens_rank", "name"], na_position="last")


def lens_table(data: ReportData, lens_id: str, edition: int | None = None, common: dict | None = None) -> Table:
    edition = data.edition if edition is None else edition
    rows_df = lens_rows(data, lens_id, edition)
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
    lens_name = data.lens_names[lens_id]
    common = (common_marks(data, edition) if common is None else common).get(lens_id, [])
    for row in rows_df.to_dict("records"):
        used = (
            f"{int(row['indicators_used'])} of {int(row['indicators_in_lens'])}"
            if not pd.isna(row["indicators_in_lens"])
            else ""
        )
        rank = num_cell(row["lens_rank"])
        rank.marks = _without(caveats.lens_marks(row, lens_name), common) if rank.text else []
        if not rank.text:
            rank.text, rank.title = "\u2013", f"Not ranked: {caveats.lens_not_ranked_reason(row, lens_name)}"
        rows.append(
            Row(
                [
                    rank,
                    council_cell(row["authority_code"], row["name"]),
                    num_cell(row["productivity_index"], 1),
                    num_cell(row["outcome_index"], 1),
                    num_cell(row["spend_index"], 1),
                    num_cell(row["spend_per_head"], 0),
                    Cell(used, str(_num(row["indicators_used"], 0) or 0), "num"),
                ],
                {"data-code": row["authority_code"]},
            )
        )
    table = Table(f"lens-table-{lens_id}", headers, rows, lens_name, sticky=2)
    if common:
        table.header_marks[0] = [shared.mark for shared in common]
        table.common = [shared.mark for shared in common]
    return table


def lens_unranked(data: ReportData, lens_id: str, edition: int | None = None) -> list[dict]:
    """Councils of an edition without a rank in a lens, with why."""
    edition = data.edition if edition is None else edition
    rows_df = lens_rows(data, lens_id, edition)
    rows_df = rows_df[rows_df["lens_rank"].isna()]
    return [
        {
            "code": row["authority_code"],
            "name": _text(row["name"]),
            "reason": caveats.lens_not_ranked_reason(row, data.lens_names[lens_id]),
        }
        for row in rows_df.to_dict("records")
    ]


def caveat_counts(data: ReportData, edition: int | None = None) -> dict[str, int]:
    """How many ranks of the edition carry each caveat (lens ranks for the lens caveats, overall ranks for
    fewer lenses)."""
    edition = data.edition if edition is None else edition
    counts = {c.kind: 0 for c in caveats.ALL}
    rows = data.lens_productivity[data.lens_productivity["edition"] == edition]
    ranked = rows[rows["lens_rank"].notna()]
    for caveat in caveats.LENS_CAVEATS:
        if caveat.column in ranked:
            counts[caveat.kind] = int(ranked[caveat.column].fillna(False).astype(bool).sum())
    column = caveats.FEWER_LENSES.column
    overall = data.overall[(data.overall["edition"] == edition) & data.overall["is_ranked_overall"]]
    if column in overall:
        counts[caveats.FEWER_LENSES.kind] = int(overall[column].fillna(False).astype(bool).sum())
    return counts


def caveat_legend(data: ReportData) -> dict:
    """The legend of the marks: each available caveat (symbol, name, meaning) and the flags the warehouse lacks."""
    have = caveats.available(data.lens_productivity, data.overall)
    return {
        "items": [{"kind": c.kind, "symbol": c.symbol, "label": c.label, "meaning": c.meaning} for c in have],
        "missing": [c.label.lower() for c in caveats.missing(data.lens_productivity, data.overall)],
    }


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


def figures_payload(figures: dict) -> dict:
    """The figures as JSON for the page script, with plotly's layout template kept once (``_template``)
    instead of in every figure."""
    out, template = {}, None
    for name, fig in figures.items():
        spec = json.loads(fig.to_json())
        layout = spec.get("layout", {})
        if "template" in layout:
            template = template or layout["template"]
            if layout["template"] == template:
                del layout["template"]
        out[name] = spec
    if template is not None:
        out["_template"] = template
    return out


def edition_views(data: ReportData, titles: dict, rank_marks: dict[str, int]) -> dict:
    """What the edition selector switches, per edition (``editions``): the league table and lens tables (compact
    rows), the councils without a rank and why, the caveat counts and the lens charts' titles; ``marks``: the
    symbols and reasons the compact marks refer to. Fills ``rank_marks``: per table id, the most marks a rank of any
    edition carries."""
    views, reasons = {}, ReasonIndex()
    for edition in data.editions:
        common = common_marks(data, edition)
        league = league_table(data, edition, common)
        rank_marks["league-table"] = max(rank_marks.get("league-table", 0), league.most_rank_marks())
        lens_tables = {l: lens_table(data, l, edition, common) for l in data.lens_ids}
        for table in lens_tables.values():
            rank_marks[table.id] = max(rank_marks.get(table.id, 0), table.most_rank_marks())
        views[str(edition)] = {
            "ranked": len(data.league(edition)),
            "league": league.compact(reasons),
            "common": {t.id: t.compact_common(reasons) for t in (league, *lens_tables.values())},
            "unranked": unranked_list(data, edition),
            "counts": caveat_counts(data, edition),
            "lenses": {
                l: {
                    "rows": lens_tables[l].compact(reasons),
                    "unranked": lens_unranked(data, l, edition),
                    "title": titles.get(f"scatter-{l}" + ("" if edition == data.edition else f"@{edition}"), ""),
                }
                for l in data.lens_ids
            },
        }
    return {"marks": reasons.payload(), "editions": views}


def with_rank_marks(table: Table, rank_marks: dict[str, int]) -> Table:
    table.rank_marks = rank_marks.get(table.id, table.most_rank_marks())
    return table


def edition_options(data: ReportData) -> list[dict]:
    """The editions of the selector, latest first, each saying how many councils it ranks overall."""
    out = []
    for edition in sorted(data.editions, reverse=True):
        ranked = len(data.league(edition))
        out.append(
            {
                "edition": edition,
                "label": f"{edition} edition" + (f" ({ranked} ranked)" if ranked else " (no council ranked overall)"),
            }
        )
    return out


def summary_lines(data: ReportData) -> list[str]:
    """The build summary (per edition, councils ranked, lenses scored, spend source and year, and why an
    edition ranks no one), from ``council_index.summary.summary_lines`` when that module exists; none otherwise."""
    try:
        from council_index import summary
    except ImportError:
        return []
    make = getattr(summary, "summary_lines", None)
    if not callable(make):
        return []
    try:
        return [str(line) for line in make(data.db_path)]
    except Exception:  # the summary is a courtesy of the report: a failure there must not stop it
        return []


def render(data: ReportData, figures: dict, progress=None) -> str:
    league = data.league()
    titles = chart_titles(figures)
    rank_marks: dict[str, int] = {}
    editions_json = packed_json(edition_views(data, titles, rank_marks))
    lenses = []
    for lens in data.lenses.to_dict("records"):
        lenses.append(
            {
                "id": lens["lens_id"],
                "name": lens["lens_name"],
                "description": _text(lens["description"]),
                "spend_basis": _text(lens["spend_basis"]),
                "table": with_rank_marks(lens_table(data, lens["lens_id"]), rank_marks),
                "unranked": lens_unranked(data, lens["lens_id"]),
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
        "editions": edition_options(data),
        "ranked": len(league),
        "lens_count": len(data.lens_ids),
        "league": with_rank_marks(league_table(data), rank_marks),
        "has_intervals": league_has_intervals(data.league_table),
        "unranked": unranked_list(data),
        "caveat_legend": caveat_legend(data),
        "caveat_counts": caveat_counts(data),
        "summary_lines": summary_lines(data),
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
        "figures_json": jinja2.utils.markupsafe.Markup(packed_json(figures_payload(figures))),
        "editions_json": jinja2.utils.markupsafe.Markup(editions_json),
        "council_json": jinja2.utils.markupsafe.Markup(packed_json(council_payload(data))),
    }
    if progress:
        progress("league table")
    page = environment().get_template("report.html.j2").render(**context)
    if progress:
        progress("page")
    return page


def council_payload(data: ReportData) -> dict:
    """Compact data for the council sections, drawn by the page script with plotly.

    ranks[code][edition]: o overall rank, l lens ranks, q quadrant, m mean lens rank, n lenses ranked,
    r why there is no overall rank, k the overall rank's caveat marks, c [rank change, previous rank, why
    there is no previous rank], d per lens [rank, outcome index, spend per head, spend index, productivity
    index, caveat marks, why there is no rank, indicators used, indicators in the lens] (or null); marks are
    [kind, index into marks.reasons].
    values[code][edition]: [indicator index, value, score] per indicator; indicatorRefs[edition][indicator
    index]: [reference value, 'E' England or 'M' median of ranked councils, period].
    """
    ranks: dict[str, dict] = {}
    reasons = ReasonIndex()
    changes = {}
    if not data.rank_changes.empty:
        rows = data.rank_changes[data.rank_changes["lens_id"] == "overall"]
        for row in rows.to_dict("records"):
            changes[(int(row["edition"]), row["authority_code"])] = row
    lens_count = len(data.lens_ids)
    for (edition, code), row in sorted(data.overall_rows.items(), key=lambda item: (item[0][1], item[0][0])):
        lens = []
        for l in data.lens_ids:
            lrow = data.lens_rows.get((edition, code, l))
            if lrow is None:
                lens.append(None)
                continue
            rank = _num(lrow.get("lens_rank"), 0)
            lens.append(
                [
                    rank,
                    _num(lrow.get("outcome_index"), 1),
                    _num(lrow.get("spend_per_head"), 2),
                    _num(lrow.get("spend_index"), 1),
                    _num(lrow.get("productivity_index"), 1),
                    reasons.compact(caveats.lens_marks(lrow, data.lens_names[l]) if rank is not None else []),
                    None if rank is not None else caveats.lens_not_ranked_reason(lrow, data.lens_names[l]),
                    _num(lrow.get("indicators_used"), 0),
                    _num(lrow.get("indicators_in_lens"), 0),
                ]
            )
        ranked = bool(row.get("is_ranked_overall"))
        change = changes.get((edition, code))
        entry = {
            "o": _num(row["overall_rank"], 0),
            "l": [item[0] if item else None for item in lens],
            "q": row["quadrant"] if isinstance(row["quadrant"], str) else None,
            "m": _num(row.get("mean_lens_rank"), 2),
            "n": _num(row.get("lenses_ranked"), 0),
            "r": None if ranked else caveats.overall_not_ranked_reason(row, lens_count),
            "k": reasons.compact(overall_marks(data, edition, row)),
            "d": lens,
        }
        if change is not None:
            reason = data.no_previous_rank.get((edition, code))
            entry["c"] = [_num(change.get("rank_change"), 0), _num(change.get("previous_rank"), 0), reason]
        ranks.setdefault(code, {})[str(edition)] = entry
    indicator_ids = list(data.indicators["indicator_id"])
    position = {indicator: i for i, indicator in enumerate(indicator_ids)}
    values: dict[str, dict] = {}
    refs: dict[str, dict] = {}
    if not data.scores.empty:
        scores = data.scores[data.scores["indicator_id"].isin(position)]
        for row in scores.itertuples():
            edition, index = str(int(row.edition)), position[row.indicator_id]
            values.setdefault(row.authority_code, {}).setdefault(edition, []).append(
                [index, _sig(row.value), _num(row.score, 2)]
            )
            ref = [_sig(row.reference_value), "E" if row.reference_source == "england" else "M", _text(row.period)]
            refs.setdefault(edition, {}).setdefault(str(index), ref)
    authorities = {
        row.authority_code: [row.authority_name, row.authority_type, row.region_name, bool(row.is_ranked)]
        for row in data.authorities.itertuples()
    }
    indicators = [
        [row.name, row.lens_id, row.unit, POLARITY.get(row.polarity, 0)] for row in data.indicators.itertuples()
    ]
    lens_ranked = data.lens_productivity.groupby(["edition", "lens_id"])["lens_rank"].max()
    payload = {
        "edition": data.edition,
        "editions": data.editions,
        "ranked": max(len(data.league()), 1),
        "demo": data.is_demo,
        "lenses": data.lens_ids,
        "lensNames": [data.lens_names[l] for l in data.lens_ids],
        # the lowest rank of each lens per edition: the far end of the council's lens-rank bars
        "lensRanked": {
            str(e): [int(_num(lens_ranked.get((e, l)), 0) or 1) for l in data.lens_ids] for e in data.editions
        },
        "authorities": authorities,
        "indicatorIds": indicator_ids,
        "indicators": indicators,
        "indicatorRefs": refs,
        "ranks": ranks,
        "values": values,
        "marks": reasons.payload(),
        # per edition, overall then each lens, the reasons said once for every ranked council (page.Shared) and
        # whether all (1) or most (0) give it: the council page says of such a caveat that it is the edition's
        "common": {
            str(e): [
                [[shared.row_reason, int(shared.unanimous)] for shared in common.get(key, []) if shared.row_reason]
                for key in ("overall", *data.lens_ids)
                for common in [common_marks(data, e)]
            ]
            for e in data.editions
        },
        "normalisation": _text(data.scores["normalisation"].iloc[0])
        if not data.scores.empty and "normalisation" in data.scores
        else "",
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
