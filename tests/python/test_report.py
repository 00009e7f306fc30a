"""The league-table report (scripts/report): content, self-containment, and rendering in headless Chromium."""

from __future__ import annotations

import html
import os
import re
from pathlib import Path

import pytest

import browser
from mart_fixture import build_mart_warehouse
from report import build_report
from report.data import MissingMarts, load

ROOT = Path(__file__).resolve().parents[2]
# Warehouses of full builds, checked as well when named (make outputs-test: the demo and real builds of dbt-test).
BUILT = [path for path in (Path(p) for p in os.environ.get("INDEX_TEST_DBS", "").split(os.pathsep) if p)
         if path.exists()]
needs_chromium = pytest.mark.skipif(browser.chromium() is None,
                                    reason="chromium is not installed (apt-get install chromium; .ci/run does)")


@pytest.fixture(scope="module")
def demo_report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("report")
    facts = build_mart_warehouse(folder / "fixture.duckdb", demo=True)
    summary = build_report(folder / "fixture.duckdb", folder / "index.html")
    return summary, facts


@pytest.fixture(scope="module")
def real_report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("report_real")
    facts = build_mart_warehouse(folder / "fixture.duckdb", demo=False, councils=9, seed=3)
    summary = build_report(folder / "fixture.duckdb", folder / "index.html")
    return summary, facts


def league_codes(page: str) -> list[str]:
    body = page[page.index('<table id="league-table"'):]
    body = body[:body.index("</table>")]
    return re.findall(r'<tr data-code="([^"]+)"', body)


def test_league_table_has_a_row_per_ranked_council(demo_report):
    summary, facts = demo_report
    page = summary["path"].read_text(encoding="utf-8")
    latest = max(facts["ranked_overall"])
    assert summary["edition"] == latest
    assert sorted(league_codes(page)) == facts["ranked_overall"][latest]
    assert summary["councils_ranked"] == len(facts["ranked_overall"][latest])


def test_one_table_and_scatter_per_lens(demo_report):
    summary, _ = demo_report
    page = summary["path"].read_text(encoding="utf-8")
    data = load(summary["path"].with_name("fixture.duckdb"))
    for lens_id in data.lens_ids:
        assert f'id="lens-table-{lens_id}"' in page
        assert f'id="chart-scatter-{lens_id}"' in page
    for chart in ("slope", "heatmap", "grip"):
        assert f'id="chart-{chart}"' in page


def test_report_is_self_contained_with_one_plotly(demo_report):
    summary, _ = demo_report
    page = summary["path"].read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]+src=", page), "external script"
    assert not re.search(r"<link[^>]+stylesheet", page), "external stylesheet"
    markup = re.sub(r"<script[^>]*>.*?</script>", "", page, flags=re.S)  # the HTML itself, not script text
    assert not re.search(r"""(src|href)=["']https?://""", markup), "network resource"
    assert page.count("plotly.js v") == 1, "plotly.js must be inlined exactly once"
    assert summary["bytes"] < 8 * 1024 * 1024


def test_demo_data_is_labelled(demo_report, real_report):
    demo_page = demo_report[0]["path"].read_text(encoding="utf-8")
    real_page = real_report[0]["path"].read_text(encoding="utf-8")
    assert 'id="demo-banner"' in demo_page and "SYNTHETIC DEMO DATA" in demo_page
    assert demo_report[0]["demo"] is True
    assert 'id="demo-banner"' not in real_page and real_report[0]["demo"] is False


def test_council_data_has_every_council(demo_report):
    summary, facts = demo_report
    page = summary["path"].read_text(encoding="utf-8")
    payload = page[page.index('id="council-data">') + len('id="council-data">'):]
    payload = html.unescape(payload[:payload.index("</script>")])
    for code in facts["councils"]:
        assert f'"{code}"' in payload


def test_missing_index_marts_is_a_clear_error(tmp_path):
    import duckdb

    con = duckdb.connect(str(tmp_path / "empty.duckdb"))
    con.execute("create schema marts")
    con.execute("create table marts.dim_authority (authority_code varchar)")
    con.close()
    with pytest.raises(MissingMarts, match="fct_lens_productivity"):
        build_report(tmp_path / "empty.duckdb", tmp_path / "index.html")
    assert not (tmp_path / "index.html").exists()


def check_in_browser(path: Path, expected_codes: list[str], name: str) -> None:
    url = path.resolve().as_uri()
    run = browser.open_page(url, screenshot=browser.ARTEFACTS / f"report_{name}.png")
    status = re.search(r'<ul id="report-status"[^>]*>', run.dom)
    assert status, "the page script did not run"
    tag = status.group(0)
    errors = run.dom[run.dom.index(tag):].split("</ul>")[0]
    assert 'data-errors="0"' in tag, f"script errors: {errors}"
    assert 'data-ready="true"' in tag, "the page script did not finish"
    assert not run.console_problems(), run.console_problems()
    charts = int(re.search(r'data-charts="(\d+)"', tag).group(1))
    assert charts == run.dom.count('<div id="chart-'), "every chart element is drawn"
    assert run.dom.count('class="plot-container plotly"') >= charts, "plotly rendered the charts"
    assert sorted(league_codes(run.dom)) == sorted(expected_codes)
    assert expected_codes, "no council is ranked overall: nothing to show"
    # a council page, by its anchor
    code = expected_codes[0]
    council = browser.open_page(f"{url}#council/{code}", screenshot=browser.ARTEFACTS / f"report_{name}_council.png")
    assert f'data-code="{code}"' in council.dom.split('id="council"')[1][:200] or \
        re.search(rf'<section id="council"[^>]*data-code="{code}"', council.dom)
    values = council.dom.split('id="council-values"')[1].split("</table>")[0]
    assert values.count("<tr>") >= 2, "indicator rows of the council"
    assert not council.console_problems(), council.console_problems()


@needs_chromium
def test_report_renders_in_chromium(demo_report):
    summary, facts = demo_report
    check_in_browser(summary["path"], facts["ranked_overall"][max(facts["ranked_overall"])], "fixture")


if BUILT:  # only when a full build has left its warehouse (no skipped test otherwise)
    @needs_chromium
    @pytest.mark.parametrize("db", BUILT, ids=[p.stem for p in BUILT])
    def test_report_of_built_warehouse_renders(db, tmp_path):
        import duckdb

        summary = build_report(db, tmp_path / "index.html")
        con = duckdb.connect(str(db), read_only=True)
        try:
            codes = [row[0] for row in con.execute(
                "select authority_code from marts.fct_overall_productivity where edition = ? and is_ranked_overall",
                [summary["edition"]]).fetchall()]
        finally:
            con.close()
        assert summary["councils_ranked"] == len(codes)
        check_in_browser(summary["path"], codes, db.stem)
        page = summary["path"].read_text(encoding="utf-8")
        con = duckdb.connect(str(db), read_only=True)
        try:
            has_intervals = con.execute(
                "select count(*) from information_schema.tables where table_schema = 'marts' "
                "and table_name = 'fct_rank_uncertainty'").fetchone()[0]
        finally:
            con.close()
        assert ("90% interval" in league_headers(page)) == bool(has_intervals)
        assert ('id="sensitivity"' in page) == bool(has_intervals)


INTERACTION = """<script>
(function () {
  function rows() { return Array.prototype.slice.call(document.querySelectorAll('#league-table tbody tr')); }
  var headers = document.querySelectorAll('#league-table thead th');
  headers[1].click();                                   // Council, ascending
  var byName = rows().map(function (r) { return r.cells[1].textContent.trim(); });
  headers[0].click(); headers[0].click();               // Rank: ascending, then descending
  var byRankDesc = rows().map(function (r) { return parseFloat(r.cells[0].getAttribute('data-sort')); });
  var input = document.querySelector('input.table-search[data-table="league-table"]');
  input.value = '__QUERY__'; input.dispatchEvent(new Event('input'));
  var visible = rows().filter(function (r) { return r.style.display !== 'none'; })
                      .map(function (r) { return r.cells[1].textContent.trim(); });
  var count = document.querySelector('.row-count[data-table="league-table"]').textContent;
  var out = document.createElement('pre'); out.id = 'interaction';
  out.textContent = JSON.stringify({byName: byName, byRankDesc: byRankDesc, visible: visible, count: count});
  document.body.appendChild(out);
})();
</script></body>"""


@needs_chromium
def test_league_table_sorts_and_searches_in_chromium(demo_report, tmp_path):
    import json

    summary, facts = demo_report
    query = facts["names"][facts["ranked_overall"][max(facts["ranked_overall"])][0]]
    page = summary["path"].read_text(encoding="utf-8")
    harness = tmp_path / "interaction.html"
    harness.write_text(page.replace("</body>", INTERACTION.replace("__QUERY__", query), 1), encoding="utf-8")
    run = browser.open_page(harness.as_uri())
    assert 'data-errors="0"' in run.dom and not run.console_problems()
    result = json.loads(html.unescape(run.dom.split('<pre id="interaction">')[1].split("</pre>")[0]))
    assert result["byName"] == sorted(result["byName"], key=str.lower)
    assert result["byRankDesc"] == sorted(result["byRankDesc"], reverse=True)
    assert result["visible"] and sorted(result["visible"]) == sorted(
        name for name in result["byName"] if query.lower() in name.lower())
    assert len(result["visible"]) < len(result["byName"])
    assert result["count"] == f"{len(result['visible'])} rows"


def test_slope_chart_needs_two_ranked_editions(tmp_path):
    import duckdb

    from report import charts

    build_mart_warehouse(tmp_path / "fixture.duckdb", councils=8, seed=5)
    data = load(tmp_path / "fixture.duckdb")
    lines = [trace for trace in charts.rank_slope(data).data if trace.mode and "lines" in trace.mode]
    assert lines, "three ranked editions: one line per council"
    con = duckdb.connect(str(tmp_path / "fixture.duckdb"))
    con.execute("update marts.fct_overall_productivity set overall_rank = null, is_ranked_overall = false "
                "where edition < 2019")
    con.close()
    figure = charts.rank_slope(load(tmp_path / "fixture.duckdb"))
    assert not figure.data
    assert "fewer than two editions have overall ranks (editions with ranks: 2019)" in figure.layout.annotations[0].text


# --- the analysis marts (issue 8 item 5): rank intervals, sensitivity, neighbours and context ---------------

def league_row(page: str, code: str) -> list[str]:
    """The text of each cell of a council's row of the league table."""
    body = page[page.index('<table id="league-table"'):]
    row = body[body.index(f'<tr data-code="{code}"'):]
    row = row[:row.index("</tr>")]
    return [html.unescape(re.sub(r"<[^>]+>", "", cell)).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]


def league_headers(page: str) -> list[str]:
    head = page[page.index('<table id="league-table"'):]
    head = head[:head.index("</thead>")]
    return [html.unescape(label) for label in re.findall(r"<th(?:\s[^>]*)?>(.*?)</th>", head)]


def table_rows(dom: str, table_id: str) -> list[list[str]]:
    """Body rows of a table of a DOM dump, as cell texts."""
    body = dom.split(f'id="{table_id}"')[1].split("</table>")[0].split("<tbody>")[1]
    return [[html.unescape(re.sub(r"<[^>]+>", "", cell)).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
            for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)]


@pytest.fixture(scope="module")
def bare_report(tmp_path_factory):
    """A warehouse built without the analysis marts (var analysis_enabled false)."""
    folder = tmp_path_factory.mktemp("report_bare")
    facts = build_mart_warehouse(folder / "fixture.duckdb", demo=True, analysis=False)
    summary = build_report(folder / "fixture.duckdb", folder / "index.html")
    return summary, facts


def test_league_table_shows_the_90_percent_interval(demo_report):
    summary, facts = demo_report
    page = summary["path"].read_text(encoding="utf-8")
    headers = league_headers(page)
    assert headers[:3] == ["Rank", "Council", "90% interval"]
    edition = summary["edition"]
    for code in facts["ranked_overall"][edition]:
        low, high = facts["intervals"][edition][code]
        cells = league_row(page, code)
        assert cells[1] == facts["names"][code]
        assert cells[2] == f"{low}\u2013{high}", code
    # one fixture council spelled out: its interval sorts by the lower end, then the upper end
    code = facts["ranked_overall"][edition][0]
    low, high = facts["intervals"][edition][code]
    assert re.search(rf'<tr data-code="{code}">.*?<td class="num interval" data-sort="{low}\.{high:04d}">{low}\u2013{high}</td>',
                     page)


def test_sensitivity_section_lists_the_edition(demo_report):
    import duckdb

    summary, _ = demo_report
    page = summary["path"].read_text(encoding="utf-8")
    con = duckdb.connect(str(summary["path"].with_name("fixture.duckdb")), read_only=True)
    expected = con.execute("select choice_id, option_id, spearman_correlation from marts.rpt_sensitivity "
                           "where edition = ? order by choice_order", [summary["edition"]]).fetchall()
    con.close()
    section = page[page.index('<section id="sensitivity"'):]
    section = section[:section.index("</section>")]
    assert "Which judgement calls matter?" in section and "Spearman correlation" in section
    rows = re.findall(r'<tr data-choice="([^"]+)" data-option="([^"]+)">(.*?)</tr>', section, re.S)
    assert sorted((choice, option) for choice, option, _ in rows) == sorted((c, o) for c, o, _ in expected)
    spearman = {(c, o): s for c, o, s in expected}
    for choice, option, cells in rows:
        shown = re.findall(r"<td[^>]*>(.*?)</td>", cells)[5]
        assert shown == f"{spearman[(choice, option)]:.3f}"
    assert "winsorising off" in section  # option false of the winsorise choice, in words
    assert 'href="#sensitivity"' in page and 'href="#uncertainty"' in page and 'id="chart-intervals"' in page


def test_interval_chart_uses_error_bars(demo_report):
    from report import charts

    summary, facts = demo_report
    data = load(summary["path"].with_name("fixture.duckdb"))
    figure = charts.rank_intervals(data)
    bars = figure.data[0]
    assert bars.type == "scatter" and bars.error_x.type == "data" and bars.error_x.symmetric is False
    edition = summary["edition"]
    league = data.league()
    assert len(bars.x) == len(facts["ranked_overall"][edition])
    for position, code in enumerate(league["authority_code"]):
        low, high = facts["intervals"][edition][code]
        assert bars.x[position] - bars.error_x.arrayminus[position] == pytest.approx(low)
        assert bars.x[position] + bars.error_x.array[position] == pytest.approx(high)


@needs_chromium
def test_council_page_shows_neighbours_and_context_in_chromium(demo_report):
    summary, facts = demo_report
    edition = summary["edition"]
    code = facts["ranked_overall"][edition][1]
    run = browser.open_page(f"{summary['path'].resolve().as_uri()}#council/{code}",
                            screenshot=browser.ARTEFACTS / "report_fixture_council_analysis.png", window="1400,3600")
    tag = re.search(r'<ul id="report-status"[^>]*>', run.dom).group(0)
    assert 'data-errors="0"' in tag and 'data-ready="true"' in tag, tag
    assert not run.console_problems(), run.console_problems()
    assert re.search(rf'<section id="council"[^>]*data-code="{code}"', run.dom)
    neighbours = table_rows(run.dom, "council-neighbours")
    assert [row[1] for row in neighbours] == [facts["names"][c] for c in facts["neighbours"][code]]
    assert [row[0] for row in neighbours] == [str(i) for i in range(1, len(neighbours) + 1)]
    assert all(row[5] in ("yes", "no") for row in neighbours)
    lens_rows = table_rows(run.dom, "council-lens-analysis")
    low, high = facts["intervals"][edition][code]
    assert lens_rows[0][0] == "Overall" and lens_rows[0][2] == f"{low}\u2013{high}"
    assert all(re.fullmatch(r"\d+ of \d+", row[3]) for row in lens_rows if row[1])
    context = table_rows(run.dom, "council-context")
    data = load(summary["path"].with_name("fixture.duckdb"))
    assert [row[0] for row in context] == [data.lens_names[l] for l in data.lens_ids]
    for lens_id, row in zip(data.lens_ids, context):
        residual = round(facts["residuals"][edition][(code, lens_id)], 2)  # shown to 2 decimals
        assert row[3] == f"{'+' if residual > 0 else ''}{residual:.2f}"
        verdict = "better than expected" if residual > 0 else "worse than expected" if residual < 0 else "as expected"
        assert row[4] == f"{verdict} given its demographics"
    summary_text = re.search(r'<p id="council-summary"[^>]*>(.*?)</p>', run.dom).group(1)
    assert f"90% interval over the method's judgement calls: {low}\u2013{high}" in html.unescape(summary_text)


def test_report_without_analysis_marts_omits_the_sections(bare_report):
    summary, facts = bare_report
    page = summary["path"].read_text(encoding="utf-8")
    assert "90% interval" not in league_headers(page)
    for absent in ('id="sensitivity"', 'id="uncertainty"', 'id="chart-intervals"', 'id="council-neighbours-block"',
                   'id="council-context-block"', 'id="council-lens-analysis-block"', '"neighbours":', '"intervals":'):
        assert absent not in page, absent
    assert sorted(league_codes(page)) == facts["ranked_overall"][summary["edition"]]


@needs_chromium
def test_report_without_analysis_marts_renders_in_chromium(bare_report):
    summary, facts = bare_report
    check_in_browser(summary["path"], facts["ranked_overall"][summary["edition"]], "fixture_no_analysis")


def test_lookups_are_built_once(demo_report):
    """The charts and pages look a council's name up once per council: the lookup dicts must be
    built once (rebuilt per access, the report took 22 s instead of 6 s at 10x the councils)."""
    summary, _ = demo_report
    data = load(summary["path"].with_name("fixture.duckdb"))
    assert data.names is data.names and data.lens_names is data.lens_names and data.lens_ids is data.lens_ids
    assert len(data.names) == len(data.authorities)
