"""The report page: HTML, CSS and the small script for sortable tables and the council sections."""

from __future__ import annotations

import html
import json
import math

import pandas as pd
import plotly.offline

from .data import ReportData

POLARITY = {"higher_is_better": 1, "lower_is_better": -1}


def esc(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    return html.escape(str(value))


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


def script_json(value) -> str:
    """JSON safe inside <script>: no '</' sequences."""
    return json.dumps(value, separators=(",", ":"), allow_nan=False).replace("</", "<\\/")


def cell(value, digits: int | None = None, css: str = "") -> str:
    """A table cell; numbers carry data-sort so the script sorts them numerically (blanks last)."""
    if digits is not None:
        number = _num(value, digits)
        shown = "" if number is None else (f"{number:.{digits}f}" if digits else f"{int(number)}")
        sort = "" if number is None else f' data-sort="{number}"'
        return f'<td class="num {css}"{sort}>{shown}</td>'
    return f'<td class="{css}">{esc(value)}</td>'


def council_link(code: str, name: str) -> str:
    return f'<a href="#council/{esc(code)}">{esc(name)}</a>'


def table(table_id: str, headers: list[tuple[str, str]], rows: list[str], caption: str = "",
          placeholder: str = "Search councils...") -> str:
    """A sortable, searchable table: headers are (label, 'num' | 'text')."""
    head = "".join(f'<th data-type="{kind}" tabindex="0" title="sort">{esc(label)}</th>' for label, kind in headers)
    search = (f'<input type="search" class="table-search" data-table="{table_id}" '
              f'placeholder="{esc(placeholder)}" aria-label="search {esc(caption or table_id)}">')
    count = f'<span class="row-count" data-table="{table_id}">{len(rows)} rows</span>'
    body = "\n".join(rows) if rows else f'<tr class="empty"><td colspan="{len(headers)}">no rows</td></tr>'
    return (f'<div class="table-tools">{search}{count}</div>'
            f'<div class="table-wrap"><table id="{table_id}" class="sortable">'
            f'<thead><tr>{head}</tr></thead><tbody>\n{body}\n</tbody></table></div>')


def league_table(data: ReportData) -> str:
    league = data.league()
    intervals = has_analysis(data, "uncertainty") and league["rank_p05"].notna().any()
    headers = [("Rank", "num"), ("Council", "text")]
    headers += [("90% interval", "num")] if intervals else []
    headers += [("Type", "text"), ("Region", "text")]
    headers += [(data.lens_names[l], "num") for l in data.lens_ids]
    headers += [("Mean lens rank", "num"), ("Outcome index", "num"), ("Spend index", "num"),
                ("Quadrant", "text"), ("Change", "num")]
    rows = []
    for _, row in league.iterrows():
        improved = bool(row.get("is_most_improved")) if not pd.isna(row.get("is_most_improved", False)) else False
        cells = [cell(row["overall_rank"], 0), f'<td>{council_link(row["authority_code"], row["authority_name"])}</td>']
        if intervals:
            cells.append(interval_cell(row["rank_p05"], row["rank_p95"]))
        cells += [cell(row["authority_type"]), cell(row["region_name"])]
        cells += [cell(row[l], 0) for l in data.lens_ids]
        quadrant = row["quadrant"] if isinstance(row["quadrant"], str) else ""
        cells += [cell(row["mean_lens_rank"], 1), cell(row["mean_outcome_index"], 1), cell(row["mean_spend_index"], 1),
                  f'<td class="quadrant q-{quadrant.replace(",", "").replace(" ", "-")}">{esc(quadrant)}</td>',
                  cell(row.get("rank_change"), 0, "improved" if improved else "")]
        rows.append(f'<tr data-code="{esc(row["authority_code"])}"{" class=most-improved" if improved else ""}>'
                    + "".join(cells) + "</tr>")
    return table("league-table", headers, rows, "league table")


def has_analysis(data: ReportData, name: str) -> bool:
    """True when the analysis mart behind data.<name> is in the warehouse and has rows for the edition."""
    frame = getattr(data, name)
    return not (data.latest(frame) if "edition" in frame else frame).empty


def interval_text(low, high) -> str:
    """A rank interval for display, "3–17" (en dash); "" without one."""
    low, high = _num(low, 0), _num(high, 0)
    return "" if low is None or high is None else f"{int(low)}\u2013{int(high)}"


def interval_cell(low, high) -> str:
    """The interval cell: sorts by its lower end, then its upper end."""
    text = interval_text(low, high)
    sort = f' data-sort="{int(_num(low, 0)) + int(_num(high, 0)) / 10000:.4f}"' if text else ""
    return f'<td class="num interval"{sort}>{text}</td>'


def sensitivity_table(data: ReportData) -> str:
    """rpt_sensitivity of the edition: choice, option, runs, mean and largest rank shift, Spearman correlation."""
    rows_df = data.latest(data.sensitivity)
    headers = [("Judgement call", "text"), ("Option compared with the default", "text"), ("Runs", "num"),
               ("Mean rank shift (places)", "num"), ("Largest shift", "num"), ("Spearman correlation", "num"),
               ("Lowest Spearman", "num")]
    rows = []
    for _, row in rows_df.iterrows():
        label = row["option_label"] if isinstance(row["option_label"], str) and row["option_label"] else row["option_id"]
        if row["choice_id"] == "winsorise":
            label = "winsorising " + ("on" if str(row["option_id"]).lower() == "true" else "off")
        label = str(label).replace("_", " ")
        rows.append(f'<tr data-choice="{esc(row["choice_id"])}" data-option="{esc(row["option_id"])}">' + "".join([
            cell(row["choice"]), cell(label), cell(row["runs"], 0), cell(row["mean_abs_rank_shift"], 2),
            cell(row["max_abs_rank_shift"], 0), cell(row["spearman_correlation"], 3),
            cell(row["min_spearman_correlation"], 3)]) + "</tr>")
    return table("sensitivity-table", headers, rows, "sensitivity", placeholder="Search choices...")


def sensitivity_summary(data: ReportData) -> str:
    """One plain sentence: the judgement call that moves the ranking most, and the least."""
    rows_df = data.latest(data.sensitivity)
    rows_df = rows_df[rows_df["mean_abs_rank_shift"].notna() & (rows_df["choice_id"] != "monte_carlo")]
    if rows_df.empty:
        return ""
    # the option of each choice that moves the ranking most, then the choices by that shift
    top = rows_df.sort_values("mean_abs_rank_shift", ascending=False).drop_duplicates("choice")
    most, least = top.iloc[0], top.iloc[-1]
    which = (f": leaving out {esc(most['option_label'])}" if most["choice_id"] == "leave_one_out"
             and isinstance(most["option_label"], str) else "")
    text = (f"In this edition the call that matters most is <b>{esc(most['choice'])}</b>{which} (councils move "
            f"{most['mean_abs_rank_shift']:.1f} places on average); the one that matters least is "
            f"<b>{esc(least['choice'])}</b> ({least['mean_abs_rank_shift']:.1f}).")
    mc = data.latest(data.sensitivity)
    mc = mc[mc["choice_id"] == "monte_carlo"]
    if not mc.empty and pd.notna(mc["mean_abs_rank_shift"].iloc[0]):
        text += (f" Varying every call at once moves a council {mc['mean_abs_rank_shift'].iloc[0]:.1f} places on "
                 f"average (Spearman {mc['spearman_correlation'].iloc[0]:.3f}).")
    return text


def lens_table(data: ReportData, lens_id: str) -> str:
    rows_df = data.lens_productivity[(data.lens_productivity["edition"] == data.edition)
                                     & (data.lens_productivity["lens_id"] == lens_id)].copy()
    rows_df["name"] = rows_df["authority_code"].map(data.names)
    rows_df = rows_df.sort_values(["lens_rank", "name"], na_position="last")
    headers = [("Lens rank", "num"), ("Council", "text"), ("Productivity index", "num"), ("Outcome index", "num"),
               ("Spend index", "num"), ("Spend per head (£)", "num"), ("Indicators used", "num")]
    rows = []
    for _, row in rows_df.iterrows():
        used = f'{int(row["indicators_used"])}/{int(row["indicators_in_lens"])}' if not pd.isna(row["indicators_in_lens"]) else ""
        rows.append("<tr>" + "".join([
            cell(row["lens_rank"], 0), f'<td>{council_link(row["authority_code"], row["name"])}</td>',
            cell(row["productivity_index"], 1), cell(row["outcome_index"], 1), cell(row["spend_index"], 1),
            cell(row["spend_per_head"], 0),
            f'<td class="num" data-sort="{_num(row["indicators_used"], 0) or 0}">{esc(used)}</td>',
        ]) + "</tr>")
    return table(f"lens-table-{lens_id}", headers, rows, data.lens_names[lens_id])


def grip_table(data: ReportData) -> str:
    rows_df = data.grip_summary[data.grip_summary["edition"] == data.edition] if not data.grip_summary.empty else data.grip_summary
    if rows_df.empty:
        return "<p>No financial grip summary for this edition.</p>"
    out = ['<table class="plain"><thead><tr><th>Cohort</th><th>Councils</th><th>With variance</th><th>Min %</th>'
           '<th>Mean %</th><th>Max %</th><th>Correlation with rank</th></tr></thead><tbody>']
    for _, row in rows_df.iterrows():
        out.append("<tr>" + "".join([cell(row["cohort"].replace("_", " ")), cell(row["councils"], 0),
                                     cell(row["councils_with_variance"], 0), cell(row["min_variance_pct"], 1),
                                     cell(row["mean_variance_pct"], 1), cell(row["max_variance_pct"], 1),
                                     cell(row["correlation_with_rank"], 2)]) + "</tr>")
    top5 = rows_df["top5_overspenders_in_worst30"].dropna()
    out.append("</tbody></table>")
    if len(top5):
        out.append(f"<p>Of the five biggest overspenders ranked overall, <b>{int(top5.iloc[0])}</b> are in the worst 30.</p>")
    return "".join(out)


def council_analysis_markup(data: ReportData) -> str:
    """Empty tables the page script fills for the chosen council; only those whose analysis mart exists."""
    parts = []
    if has_analysis(data, "neighbours"):
        parts.append("""<div class="lens-block" id="council-neighbours-block"><h3>Statistical neighbours</h3>
<p class="note">The councils most like this one in population size, age structure, authority type and region
(nearest first; distance 0 = identical context, 1 is about one standard deviation in one measure).
<span id="council-neighbours-oflog"></span></p>
<div class="table-wrap"><table id="council-neighbours" class="plain"><thead><tr><th>#</th><th>Neighbour</th><th>Type</th>
<th>Region</th><th>Distance</th><th>In Oflog's group</th><th>Overall rank</th></tr></thead><tbody></tbody></table></div></div>""")
    if has_analysis(data, "neighbour_ranks") or has_analysis(data, "uncertainty"):
        parts.append(f"""<div class="lens-block" id="council-lens-analysis-block"><h3>Rank among its neighbours ({data.edition})</h3>
<p class="note">National rank, its 90% interval when the method's judgement calls vary, the rank within the group of
this council and its statistical neighbours (1 = best of the group), and the neighbours' median national rank.</p>
<div class="table-wrap"><table id="council-lens-analysis" class="plain"><thead><tr><th>Lens</th><th>National rank</th>
<th>90% interval</th><th>Among its neighbours</th><th>Neighbours' median rank</th></tr></thead><tbody></tbody></table></div></div>""")
    if has_analysis(data, "context"):
        parts.append(f"""<div class="lens-block" id="council-context-block"><h3>Outcomes given its demographics ({data.edition})</h3>
<p class="note">Expected = the outcome score a simple regression on the share aged 65+ and (log) population predicts
for a council like this one; the difference is how far the council is above (+) or below (-) that expectation, and
its rank among all councils on that difference (1 = furthest above).</p>
<div class="table-wrap"><table id="council-context" class="plain"><thead><tr><th>Lens</th><th>Outcome score</th>
<th>Expected</th><th>Difference</th><th>Against expectation</th><th>Rank of difference</th></tr></thead><tbody></tbody></table></div></div>""")
    return "\n".join(parts)


def analysis_sections(data: ReportData) -> list[str]:
    """The rank-interval and sensitivity sections (issue 8), or nothing when their marts are absent."""
    sections = []
    intervals = data.overall_intervals()
    if not intervals.empty:
        draws = int(intervals["draws"].max())
        sections.append(f"""
<section id="uncertainty"><h2>How sure are the ranks? ({data.edition} edition)</h2>
<p class="note">The index was recomputed {draws:,} times with its judgement calls drawn at random: normalisation
method, winsorising, indicator and lens weights around equal, and (in half the runs) one indicator left out. Each bar
spans the middle 90% of the overall ranks a council got (the "90% interval" of the league table), the dot is its median
rank over the runs and the red diamond its published rank. A short bar means the rank does not hinge on the method.</p>
<div id="chart-intervals"></div></section>""")
    if has_analysis(data, "sensitivity"):
        sections.append(f"""
<section id="sensitivity"><h2>Which judgement calls matter? ({data.edition} edition)</h2>
<p class="note">Each row changes one choice of the method and compares the overall ranking it gives with the published
one: how many places a council moves on average and at most, and the Spearman correlation of the two orders
(1 = the same order). {sensitivity_summary(data)}</p>
{sensitivity_table(data)}</section>""")
    return sections


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
            values[code] = [[row.indicator_id, _sig(row.value), _sig(row.reference_value),
                             "E" if row.reference_source == "england" else "M", row.period]
                            for row in part.itertuples()]
    authorities = {row.authority_code: [row.authority_name, row.authority_type, row.region_name, bool(row.is_ranked)]
                   for row in data.authorities.itertuples()}
    indicators = {row.indicator_id: [row.name, row.lens_id, row.unit, POLARITY.get(row.polarity, 0)]
                  for row in data.indicators.itertuples()}
    payload = {"edition": data.edition, "editions": data.editions, "ranked": max(len(data.league()), 1),
               "lenses": data.lens_ids, "lensNames": [data.lens_names[l] for l in data.lens_ids],
               "authorities": authorities, "indicators": indicators, "ranks": ranks, "values": values}
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
        lookup = {(r.authority_code, r.lens_id): [_num(r.rank_p05, 0), _num(r.rank_p95, 0), _num(r.median_rank, 1)]
                  for r in rows.itertuples() if _num(r.rank_p05, 0) is not None}
        out["intervals"] = _per_council(lookup, keys)
    if has_analysis(data, "neighbours"):
        out["neighbours"] = {code: [[r.neighbour_code, _num(r.distance, 2), _flag(r.is_oflog_neighbour)]
                                    for r in part.sort_values("neighbour_rank").itertuples()]
                             for code, part in data.neighbours.groupby("authority_code", sort=True)}
    if has_analysis(data, "neighbour_ranks"):
        rows = data.latest(data.neighbour_ranks)
        lookup = {(r.authority_code, r.lens_id): [_num(r.rank, 0), _num(r.rank_among_neighbours, 0),
                                                  _num(r.group_councils_ranked, 0), _num(r.group_size, 0),
                                                  _num(r.neighbour_median_rank, 1)]
                  for r in rows.itertuples()}
        out["neighbourRanks"] = _per_council(lookup, keys)
    if has_analysis(data, "context"):
        rows = data.latest(data.context)
        lookup = {(r.authority_code, r.lens_id): [_num(r.outcome_score, 2), _num(r.expected_outcome_score, 2),
                                                  _num(r.residual, 2), _num(r.residual_rank, 0),
                                                  _num(r.councils_in_fit, 0)]
                  for r in rows.itertuples()}
        out["context"] = _per_council(lookup, data.lens_ids)
    if has_analysis(data, "neighbour_agreement"):
        everyone = data.neighbour_agreement[data.neighbour_agreement["scope"] == "all"]
        if not everyone.empty:
            row = everyone.iloc[0]
            out["agreement"] = [_num(row["mean_share_shared"], 3), _num(row["chance_share"], 3),
                                _num(row["councils_compared"], 0)]
    return out


CSS = """
:root { --ink:#1d2733; --muted:#5d6b7a; --line:#dde3ea; --accent:#1f5f99; --good:#1a9850; --bad:#d73027; }
* { box-sizing: border-box; }
body { margin:0; font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif; color:var(--ink); background:#f6f8fa; }
header.top { background:#14314f; color:#fff; padding:18px 28px 10px; }
header.top h1 { margin:0 0 4px; font-size:24px; }
header.top p { margin:0 0 8px; color:#cfe0f1; }
nav { display:flex; flex-wrap:wrap; gap:4px 14px; padding:6px 0 0; }
nav a { color:#fff; text-decoration:none; font-weight:600; font-size:13px; }
nav a:hover { text-decoration:underline; }
.demo-banner { background:#ffcc00; color:#1d1d1d; padding:10px 28px; font-weight:700; border-bottom:3px solid #b38f00; }
main { padding:8px 28px 40px; max-width:1500px; }
section { background:#fff; border:1px solid var(--line); border-radius:8px; padding:14px 18px; margin:18px 0; }
section h2 { margin:0 0 6px; font-size:19px; }
section h3 { margin:14px 0 6px; font-size:16px; }
p.note { color:var(--muted); margin:4px 0 10px; }
.grid2 { display:grid; grid-template-columns:repeat(auto-fit, minmax(520px, 1fr)); gap:12px; }
.table-tools { display:flex; align-items:center; gap:12px; margin:6px 0; }
.table-search { padding:6px 10px; border:1px solid #b9c4cf; border-radius:6px; width:280px; font:inherit; }
.row-count { color:var(--muted); font-size:12px; }
.table-wrap { overflow:auto; max-height:640px; border:1px solid var(--line); border-radius:6px; }
table { border-collapse:collapse; width:100%; font-size:13px; }
th, td { padding:4px 8px; border-bottom:1px solid var(--line); text-align:left; white-space:nowrap; }
th { background:#eef2f6; position:sticky; top:0; cursor:pointer; user-select:none; white-space:normal; vertical-align:bottom; min-width:48px; }
th.asc::after { content:" \\25B2"; font-size:10px; } th.desc::after { content:" \\25BC"; font-size:10px; }
td.num { text-align:right; font-variant-numeric:tabular-nums; }
tr.most-improved td { background:#fff1ec; } td.improved { color:var(--bad); font-weight:700; }
td.q-better-outcomes-lower-spend { color:#1a7f43; } td.q-worse-outcomes-higher-spend { color:#b2231c; }
table.plain th { position:static; cursor:default; }
a { color:var(--accent); }
.lens-block { border-top:1px solid var(--line); padding-top:8px; margin-top:12px; }
#council h2 small { color:var(--muted); font-weight:400; font-size:14px; }
.council-picker { display:flex; gap:10px; align-items:center; margin-bottom:8px; }
.council-picker select { padding:5px 8px; font:inherit; max-width:360px; }
.better { color:var(--good); font-weight:600; } .worse { color:var(--bad); font-weight:600; }
body.council-mode main > section:not(#council) { display:none; }
#council .back { display:none; } body.council-mode #council .back { display:inline; }
footer { color:var(--muted); font-size:12px; padding:0 28px 30px; }
"""

SCRIPT = r"""
(function () {
  var status = document.getElementById('report-status');
  function recordError(message) {
    var item = document.createElement('li'); item.textContent = String(message); status.appendChild(item);
    status.setAttribute('data-errors', String(status.children.length));
  }
  window.addEventListener('error', function (e) { recordError('error: ' + e.message); });
  window.addEventListener('unhandledrejection', function (e) { recordError('rejection: ' + e.reason); });
  var consoleError = console.error;
  console.error = function () { recordError('console.error: ' + Array.prototype.join.call(arguments, ' ')); consoleError.apply(console, arguments); };
  window.__recordReportError = recordError;
})();
"""

APP_SCRIPT = r"""
(function () {
  var config = {responsive: true, displaylogo: false};
  // global charts
  var figures = JSON.parse(document.getElementById('figures').textContent);
  var drawn = 0;
  Object.keys(figures).forEach(function (id) {
    var el = document.getElementById('chart-' + id);
    if (!el) { window.__recordReportError('no element for chart ' + id); return; }
    Plotly.newPlot(el, figures[id].data, figures[id].layout, config); drawn += 1;
  });
  document.getElementById('report-status').setAttribute('data-charts', String(drawn));

  // sortable, searchable tables
  function sortValue(td, type) {
    if (!td) return null;
    if (type === 'num') { var v = td.getAttribute('data-sort'); return v === null || v === '' ? null : parseFloat(v); }
    return td.textContent.trim().toLowerCase();
  }
  document.querySelectorAll('table.sortable').forEach(function (table) {
    var headers = table.querySelectorAll('thead th');
    headers.forEach(function (th, index) {
      function sort() {
        var type = th.getAttribute('data-type');
        var asc = !th.classList.contains('asc');
        headers.forEach(function (h) { h.classList.remove('asc', 'desc'); });
        th.classList.add(asc ? 'asc' : 'desc');
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = sortValue(a.cells[index], type), y = sortValue(b.cells[index], type);
          if (x === null && y === null) return 0; if (x === null) return 1; if (y === null) return -1;
          return (x < y ? -1 : x > y ? 1 : 0) * (asc ? 1 : -1);
        });
        rows.forEach(function (r) { body.appendChild(r); });
      }
      th.addEventListener('click', sort);
      th.addEventListener('keydown', function (e) { if (e.key === 'Enter') sort(); });
    });
  });
  document.querySelectorAll('input.table-search').forEach(function (input) {
    input.addEventListener('input', function () {
      var table = document.getElementById(input.getAttribute('data-table'));
      var q = input.value.trim().toLowerCase(), shown = 0;
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        var hit = !q || row.textContent.toLowerCase().indexOf(q) >= 0;
        row.style.display = hit ? '' : 'none'; if (hit) shown += 1;
      });
      document.querySelector('.row-count[data-table="' + table.id + '"]').textContent = shown + ' rows';
    });
  });

  // council sections: #council/<code>
  var C = JSON.parse(document.getElementById('council-data').textContent);
  var picker = document.getElementById('council-select');
  Object.keys(C.authorities).sort(function (a, b) {
    return C.authorities[a][0].localeCompare(C.authorities[b][0]);
  }).forEach(function (code) {
    var o = document.createElement('option'); o.value = code; o.textContent = C.authorities[code][0] + ' (' + code + ')';
    picker.appendChild(o);
  });
  picker.addEventListener('change', function () { location.hash = 'council/' + picker.value; });
  function fmt(v) { return v === null || v === undefined ? '' : (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2)); }
  function text(tag, content, cls) { var e = document.createElement(tag); e.textContent = content; if (cls) e.className = cls; return e; }
  function showCouncil(code) {
    var a = C.authorities[code]; if (!a) return;
    picker.value = code;
    var ranks = C.ranks[code] || {}, latest = ranks[String(C.edition)] || {o: null, l: [], q: null};
    var head = document.getElementById('council-title');
    head.textContent = a[0] + ' '; head.appendChild(text('small', code + ' · ' + a[1] + ' · ' + a[2]));
    var summary = document.getElementById('council-summary');
    summary.textContent = !a[3] ? 'Not ranked by the index.' :
      (latest.o ? 'Overall rank ' + latest.o + ' in the ' + C.edition + ' edition' + (latest.q ? ' (' + latest.q + ').' : '.')
                : 'No overall rank in the ' + C.edition + ' edition (fewer than 5 ranked lenses).');
    var interval = C.intervals && C.intervals[code] ? C.intervals[code][0] : null;
    if (interval && latest.o) {
      summary.textContent += ' 90% interval over the method\'s judgement calls: ' + interval[0] + '\u2013' + interval[1] +
        ' (median ' + interval[2] + ').';
    }
    showAnalysis(code);
    // lens ranks
    var lensRanks = C.lenses.map(function (l, i) { return latest.l ? latest.l[i] : null; });
    Plotly.react('council-lens-ranks', [{type: 'bar', orientation: 'h', y: C.lensNames, x: lensRanks,
      text: lensRanks.map(function (r) { return r === null ? 'no rank' : 'rank ' + r; }), textposition: 'auto',
      marker: {color: lensRanks.map(function (r) { return r === null ? '#ccc' : r <= C.ranked / 3 ? '#1a9850' : r <= 2 * C.ranked / 3 ? '#fdae61' : '#d73027'; })},
      hovertemplate: '%{y}: %{text}<extra></extra>'}],
      {title: {text: 'Lens ranks (' + C.edition + '; 1 = most productive)', x: 0.01}, height: 300, template: 'plotly_white',
       margin: {l: 210, r: 20, t: 40, b: 40}, xaxis: {title: {text: 'rank'}, rangemode: 'tozero'}, yaxis: {autorange: 'reversed'}}, config);
    // indicator values against England, coloured by polarity
    var rows = (C.values[code] || []).slice().sort(function (x, y) {
      var lx = C.lenses.indexOf(C.indicators[x[0]] ? C.indicators[x[0]][1] : ''), ly = C.lenses.indexOf(C.indicators[y[0]] ? C.indicators[y[0]][1] : '');
      return lx - ly || (x[0] < y[0] ? -1 : 1);
    });
    var names = [], diffs = [], colours = [], hovers = [];
    var tbody = document.querySelector('#council-values tbody'); tbody.innerHTML = '';
    rows.forEach(function (r) {
      var ind = C.indicators[r[0]] || [r[0], '', '', 0], value = r[1], ref = r[2];
      var diff = (value === null || ref === null || ref === 0) ? null : (value - ref) / Math.abs(ref) * 100;
      var better = diff === null || ind[3] === 0 ? 0 : (diff * ind[3] > 0 ? 1 : diff * ind[3] < 0 ? -1 : 0);
      var refName = r[3] === 'E' ? 'England' : 'median of ranked councils';
      names.push(ind[0]); diffs.push(diff === null ? null : Math.round(diff * 10) / 10);
      colours.push(better > 0 ? '#1a9850' : better < 0 ? '#d73027' : '#999');
      hovers.push(ind[0] + '<br>' + fmt(value) + ' ' + ind[2] + ' vs ' + refName + ' ' + fmt(ref) +
                  '<br>' + (ind[3] > 0 ? 'higher is better' : 'lower is better'));
      var tr = document.createElement('tr');
      [ind[0], C.lensNames[C.lenses.indexOf(ind[1])] || ind[1], r[4], fmt(value), fmt(ref) + (r[3] === 'E' ? '' : ' (median)'), ind[2],
       better > 0 ? 'better' : better < 0 ? 'worse' : '-'].forEach(function (v, i) {
        var td = text('td', v); if (i === 3 || i === 4) td.className = 'num'; if (i === 6) td.className = v === '-' ? '' : v; tr.appendChild(td);
      });
      tbody.appendChild(tr);
    });
    Plotly.react('council-indicators', [{type: 'bar', orientation: 'h', y: names, x: diffs, marker: {color: colours},
      hovertext: hovers, hoverinfo: 'text'}],
      {title: {text: 'Indicator values against England (% difference; green = better, red = worse, by polarity)', x: 0.01},
       height: Math.max(300, 22 * names.length + 90), template: 'plotly_white', margin: {l: 20, r: 20, t: 40, b: 40},
       xaxis: {title: {text: '% above (+) or below (-) England'}, zeroline: true}, yaxis: {autorange: 'reversed', automargin: true, tickfont: {size: 10}}}, config);
    // rank history
    var editions = C.editions.map(String), traces = [];
    traces.push({type: 'scatter', mode: 'lines+markers', name: 'overall', x: editions, line: {width: 4, color: '#14314f'},
                 y: editions.map(function (e) { return ranks[e] ? ranks[e].o : null; })});
    C.lenses.forEach(function (l, i) {
      traces.push({type: 'scatter', mode: 'lines+markers', name: C.lensNames[i], x: editions, line: {width: 1.5},
                   y: editions.map(function (e) { return ranks[e] && ranks[e].l ? ranks[e].l[i] : null; })});
    });
    Plotly.react('council-history', traces, {title: {text: 'Rank history', x: 0.01}, height: 340, template: 'plotly_white',
      margin: {l: 60, r: 20, t: 40, b: 40}, yaxis: {autorange: 'reversed', title: {text: 'rank'}}, xaxis: {type: 'category', title: {text: 'edition'}}}, config);
    document.getElementById('council').setAttribute('data-code', code);
  }
  // the analysis marts on a council's page (blocks absent when the warehouse has no analysis marts)
  function cells(tr, values, numeric) {
    values.forEach(function (v, i) { tr.appendChild(text('td', v === null || v === undefined ? '' : String(v), numeric.indexOf(i) >= 0 ? 'num' : '')); });
    return tr;
  }
  function showBlock(id, rows) {
    var block = document.getElementById(id); if (!block) return null;
    block.style.display = rows ? '' : 'none';
    var tbody = block.querySelector('tbody'); tbody.innerHTML = ''; return tbody;
  }
  function showAnalysis(code) {
    var keys = ['overall'].concat(C.lenses), names = ['Overall'].concat(C.lensNames);
    var list = C.neighbours ? (C.neighbours[code] || []) : [];
    var tbody = showBlock('council-neighbours-block', list.length);
    if (tbody) {
      list.forEach(function (n, i) {
        var other = C.authorities[n[0]] || [n[0], '', '', false], r = (C.ranks[n[0]] || {})[String(C.edition)];
        var tr = document.createElement('tr'); tr.setAttribute('data-code', n[0]);
        tr.appendChild(text('td', String(i + 1), 'num'));
        var td = document.createElement('td'), link = document.createElement('a');
        link.href = '#council/' + n[0]; link.textContent = other[0]; td.appendChild(link); tr.appendChild(td);
        cells(tr, [other[1], other[2], n[1] === null ? '' : n[1].toFixed(2),
                   n[2] === null ? 'no Oflog group' : n[2] ? 'yes' : 'no', r && r.o ? r.o : ''], [2, 4]);
        tbody.appendChild(tr);
      });
      var agreement = document.getElementById('council-neighbours-oflog');
      var mine = list.filter(function (n) { return n[2] === 1; }).length, judged = list.filter(function (n) { return n[2] !== null; }).length;
      agreement.textContent = (judged ? mine + ' of these ' + list.length + ' are also in Oflog\'s nearest-neighbour group of the council. ' : '') +
        (C.agreement && C.agreement[0] !== null ? 'Across all councils ' + Math.round(C.agreement[0] * 100) + '% of our neighbours are in Oflog\'s groups' +
         (C.agreement[1] !== null ? ' (' + Math.round(C.agreement[1] * 100) + '% if picked at random).' : '.') : '');
    }
    var nr = C.neighbourRanks ? C.neighbourRanks[code] : null, iv = C.intervals ? C.intervals[code] : null;
    tbody = showBlock('council-lens-analysis-block', nr || iv);
    if (tbody) {
      keys.forEach(function (k, i) {
        var n = nr ? nr[i] : null, v = iv ? iv[i] : null;
        if (!n && !v) return;
        var tr = document.createElement('tr'); tr.setAttribute('data-lens', k);
        cells(tr, [names[i], n && n[0] !== null ? n[0] : (i === 0 ? latestRanks(code).o : (latestRanks(code).l || [])[i - 1]),
                   v ? v[0] + '\u2013' + v[1] : '',
                   n && n[1] !== null ? n[1] + ' of ' + n[2] : '', n && n[4] !== null ? n[4] : ''], [1, 2, 3, 4]);
        tbody.appendChild(tr);
      });
    }
    var ctx = C.context ? C.context[code] : null;
    tbody = showBlock('council-context-block', ctx);
    if (tbody) {
      C.lenses.forEach(function (l, i) {
        var c = ctx[i]; if (!c) return;
        var tr = document.createElement('tr'); tr.setAttribute('data-lens', l);
        var verdict = c[2] === null ? 'not scored' : c[2] > 0 ? 'better than expected given its demographics'
                    : c[2] < 0 ? 'worse than expected given its demographics' : 'as expected given its demographics';
        cells(tr, [C.lensNames[i], c[0] === null ? '' : c[0].toFixed(2), c[1] === null ? '' : c[1].toFixed(2),
                   c[2] === null ? '' : (c[2] > 0 ? '+' : '') + c[2].toFixed(2), verdict,
                   c[3] === null ? '' : c[3] + ' of ' + c[4]], [1, 2, 3, 5]);
        tr.cells[4].className = c[2] === null ? '' : c[2] > 0 ? 'better' : c[2] < 0 ? 'worse' : '';
        tbody.appendChild(tr);
      });
    }
  }
  function latestRanks(code) { return (C.ranks[code] || {})[String(C.edition)] || {o: null, l: []}; }
  // a council's page: #council/<code> shows only its section; any other anchor shows the whole report
  function route() {
    var m = /^#council\/(.+)$/.exec(location.hash);
    if (m && C.authorities[decodeURIComponent(m[1])]) {
      document.body.classList.add('council-mode');
      showCouncil(decodeURIComponent(m[1]));
      window.scrollTo(0, 0);
    } else if (document.body.classList.contains('council-mode')) {
      document.body.classList.remove('council-mode');
      document.querySelectorAll('.js-plotly-plot').forEach(function (el) { Plotly.Plots.resize(el); });
      var target = location.hash && document.getElementById(location.hash.slice(1));
      if (target) target.scrollIntoView();
    }
  }
  window.addEventListener('hashchange', route);
  var first = document.querySelector('#league-table tbody tr[data-code]');
  if (/^#council\//.test(location.hash)) { route(); }
  else if (first) { showCouncil(first.getAttribute('data-code')); }
  document.getElementById('report-status').setAttribute('data-ready', 'true');
})();
"""


def render(data: ReportData, figures: dict, progress=None) -> str:
    edition = data.edition
    league = data.league()
    unranked = data.unranked()
    lens_links = " ".join(f'<a href="#lens-{l}">{esc(data.lens_names[l])}</a>' for l in data.lens_ids)
    demo = ('<div class="demo-banner" id="demo-banner">SYNTHETIC DEMO DATA: every council here is fictional and every '
            'number is invented by the demo generator. Do not quote or compare with real councils.</div>'
            if data.is_demo else "")
    title = ("[DEMO DATA] " if data.is_demo else "") + "Council productivity index"
    source = ("synthetic demo data (scripts/demo)" if data.is_demo
              else "published public data (raw.load_log lists every file and its SHA-256)")
    load = data.load_summary
    load_text = (f"{load['files']} raw files ({load['rows']:,} rows) loaded; {load['missing']} registry tables without a file."
                 if load else "")
    analysis_links = " ".join(link for name, link in (
        ("uncertainty", '<a href="#uncertainty">Rank intervals</a>'), ("sensitivity", '<a href="#sensitivity">Sensitivity</a>'))
        if has_analysis(data, name))
    interval_note = (' "90% interval": the middle 90% of the overall ranks the council got when the method\'s '
                     'judgement calls were varied (<a href="#uncertainty">how sure are the ranks?</a>).'
                     if "rank_p05" in league and league["rank_p05"].notna().any() else "")
    sections = []
    sections.append(f"""
<section id="league"><h2>Overall league table ({edition} edition)</h2>
<p class="note">{len(league)} councils ranked overall (at least 5 ranked lenses), ordered by the mean of their lens ranks
(1 = most productive). Click a column to sort, type to search, click a council for its page. "Change" is the movement
since the previous edition (positive = up); most improved councils are shaded.{interval_note}</p>
{league_table(data)}
{'<p class="note">Not ranked overall: ' + esc(', '.join(unranked['authority_name'].astype(str))) + '.</p>' if len(unranked) else ''}
</section>""")
    sections += analysis_sections(data)
    if progress:
        progress("league table")
    lens_parts = []
    for lens_id in data.lens_ids:
        lens = data.lenses[data.lenses["lens_id"] == lens_id].iloc[0]
        lens_parts.append(f"""
<div class="lens-block" id="lens-{lens_id}"><h3>{esc(lens['lens_name'])}</h3>
<p class="note">{esc(lens['description'])} Spend basis: {esc(lens['spend_basis'])}.</p>
<div class="grid2"><div>{lens_table(data, lens_id)}</div><div id="chart-scatter-{lens_id}"></div></div></div>""")
        if progress:
            progress(f"lens table {lens_id}")
    sections.append(f"""
<section id="lenses"><h2>Lenses ({edition} edition)</h2>
<p class="note">Productivity index = 100 x outcome index / spend index. Outcome index: 100 = mean outcome of the ranked
councils; spend index: 100 = median spend per head. The dashed lines split the scatter into the four quadrants.</p>
{''.join(lens_parts)}</section>""")
    sections.append("""
<section id="movement"><h2>Rank movement</h2>
<p class="note">Overall rank in each edition; the most improved councils (overall rank up by more than 30 places since
the previous edition) are highlighted.</p><div id="chart-slope"></div></section>
<section id="heatmap"><h2>Heatmap of lens ranks</h2><div id="chart-heatmap"></div></section>""")
    sections.append(f"""
<section id="grip"><h2>Financial grip</h2>
<p class="note">Net total service expenditure: outturn against the budget set for the same year (positive = overspend),
against overall rank.</p><div id="chart-grip"></div>{grip_table(data)}</section>""")
    sections.append(f"""
<section id="council"><p class="back"><a href="#league">&larr; back to the league table</a></p>
<h2 id="council-title">Council</h2>
<div class="council-picker"><label for="council-select">Council:</label><select id="council-select"></select></div>
<p id="council-summary" class="note"></p>
<div class="grid2"><div id="council-lens-ranks"></div><div id="council-history"></div></div>
{council_analysis_markup(data)}
<div id="council-indicators"></div>
<div class="table-wrap"><table id="council-values" class="plain"><thead><tr><th>Indicator</th><th>Lens</th><th>Period</th>
<th>Value</th><th>England</th><th>Unit</th><th>Against England</th></tr></thead><tbody></tbody></table></div>
</section>""")
    figure_json = {name: json.loads(fig.to_json()) for name, fig in figures.items()}
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)} ({edition})</title>
<style>{CSS}</style>
<script>{SCRIPT}</script>
</head><body data-demo="{'true' if data.is_demo else 'false'}" data-edition="{edition}">
{demo}
<header class="top"><h1>{esc(title)}</h1>
<p>Outcome value per pound spent: {len(league)} English upper-tier councils ranked across six lenses, {edition} edition.
Source: {esc(source)}.</p>
<nav><a href="#league">League table</a> {analysis_links} {lens_links} <a href="#movement">Rank movement</a>
<a href="#heatmap">Heatmap</a> <a href="#grip">Financial grip</a> <a href="#council">Council pages</a></nav></header>
<main>{''.join(sections)}</main>
<footer>Built from {esc(data.db_path.name)}. {esc(load_text)} Method and definitions: the dbt docs site (<code>make docs-serve</code>).
Data dictionary of the exports: exports/README.md.</footer>
<ul id="report-status" hidden data-errors="0" data-charts="0"></ul>
<script>{plotly.offline.get_plotlyjs()}</script>
<script type="application/json" id="figures">{script_json(figure_json)}</script>
<script type="application/json" id="council-data">{script_json(council_payload(data))}</script>
<script>{APP_SCRIPT}</script>
</body></html>
"""
    if progress:
        progress("page")
    return page
