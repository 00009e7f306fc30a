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
