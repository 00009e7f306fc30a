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


def table(table_id: str, headers: list[tuple[str, str]], rows: list[str], caption: str = "") -> str:
    """A sortable, searchable table: headers are (label, 'num' | 'text')."""
    head = "".join(f'<th data-type="{kind}" tabindex="0" title="sort">{esc(label)}</th>' for label, kind in headers)
    search = (f'<input type="search" class="table-search" data-table="{table_id}" '
              f'placeholder="Search councils..." aria-label="search {esc(caption or table_id)}">')
    count = f'<span class="row-count" data-table="{table_id}">{len(rows)} rows</span>'
    body = "\n".join(rows) if rows else f'<tr class="empty"><td colspan="{len(headers)}">no rows</td></tr>'
    return (f'<div class="table-tools">{search}{count}</div>'
            f'<div class="table-wrap"><table id="{table_id}" class="sortable">'
            f'<thead><tr>{head}</tr></thead><tbody>\n{body}\n</tbody></table></div>')


def league_table(data: ReportData) -> str:
    league = data.league()
    headers = [("Rank", "num"), ("Council", "text"), ("Type", "text"), ("Region", "text")]
    headers += [(data.lens_names[l], "num") for l in data.lens_ids]
    headers += [("Mean lens rank", "num"), ("Outcome index", "num"), ("Spend index", "num"),
                ("Quadrant", "text"), ("Change", "num")]
    rows = []
    for _, row in league.iterrows():
        improved = bool(row.get("is_most_improved")) if not pd.isna(row.get("is_most_improved", False)) else False
        cells = [cell(row["overall_rank"], 0), f'<td>{council_link(row["authority_code"], row["authority_name"])}</td>',
                 cell(row["authority_type"]), cell(row["region_name"])]
        cells += [cell(row[l], 0) for l in data.lens_ids]
        quadrant = row["quadrant"] if isinstance(row["quadrant"], str) else ""
        cells += [cell(row["mean_lens_rank"], 1), cell(row["mean_outcome_index"], 1), cell(row["mean_spend_index"], 1),
                  f'<td class="quadrant q-{quadrant.replace(",", "").replace(" ", "-")}">{esc(quadrant)}</td>',
                  cell(row.get("rank_change"), 0, "improved" if improved else "")]
        rows.append(f'<tr data-code="{esc(row["authority_code"])}"{" class=most-improved" if improved else ""}>'
                    + "".join(cells) + "</tr>")
    return table("league-table", headers, rows, "league table")


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
    return {"edition": data.edition, "editions": data.editions, "ranked": max(len(data.league()), 1), "lenses": data.lens_ids,
            "lensNames": [data.lens_names[l] for l in data.lens_ids], "authorities": authorities,
            "indicators": indicators, "ranks": ranks, "values": values}


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
    sections = []
    sections.append(f"""
<section id="league"><h2>Overall league table ({edition} edition)</h2>
<p class="note">{len(league)} councils ranked overall (at least 5 ranked lenses), ordered by the mean of their lens ranks
(1 = most productive). Click a column to sort, type to search, click a council for its page. "Change" is the movement
since the previous edition (positive = up); most improved councils are shaded.</p>
{league_table(data)}
{'<p class="note">Not ranked overall: ' + esc(', '.join(unranked['authority_name'].astype(str))) + '.</p>' if len(unranked) else ''}
</section>""")
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
    sections.append("""
<section id="council"><p class="back"><a href="#league">&larr; back to the league table</a></p>
<h2 id="council-title">Council</h2>
<div class="council-picker"><label for="council-select">Council:</label><select id="council-select"></select></div>
<p id="council-summary" class="note"></p>
<div class="grid2"><div id="council-lens-ranks"></div><div id="council-history"></div></div>
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
<nav><a href="#league">League table</a> {lens_links} <a href="#movement">Rank movement</a>
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
