"""The league-table report (council_index.report, `index-report`): content, self-containment, the rpt_league_table mart it shows,
and rendering in headless Chromium: scripts, and the layout at a 1400 px desktop and a 390 px phone (nothing
wider than the page, no cut text or clipped chart label, no toolbar over the titles), with screenshots kept
under browser.ARTEFACTS (INDEX_TEST_ARTEFACTS)."""

from __future__ import annotations

import html
import json
import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import browser
import pytest
from make_handover import built, built_warehouses
from mart_fixture import build_mart_warehouse

from council_index.report import build_report
from council_index.report.data import MissingMarts, load

ROOT = Path(__file__).resolve().parents[2]
# Warehouses of full builds, checked as well when named (make test: the demo and real builds of dbt-test, which
# may still be running: a test reads one through make_handover.built, which waits for it).
BUILT = built_warehouses()
needs_chromium = pytest.mark.skipif(
    browser.chromium() is None, reason="chromium is not installed (apt-get install chromium; .ci/run does)"
)


LEAGUE_MODEL = ROOT / "models" / "marts" / "report" / "rpt_league_table.sql"
LEAGUE_YML = ROOT / "models" / "marts" / "report" / "_report__models.yml"
WIDTHS = (1400, 390)  # a desktop and a phone


def add_league_table(db: Path, analysis: bool = True) -> None:
    """Build marts.rpt_league_table in a fixture warehouse from the model's own SQL (its Jinja rendered with
    ref, var, config and the type macros stubbed), so the report tests read the mart as dbt builds it."""
    import duckdb
    import jinja2

    sql = (
        jinja2.Environment()
        .from_string(LEAGUE_MODEL.read_text(encoding="utf-8"))
        .render(
            ref=lambda name: f"marts.{name}",
            config=lambda **_: "",
            var=lambda name, default=None: {"analysis_enabled": analysis}.get(name, default),
            type_varchar=lambda: "varchar",
            type_double=lambda: "double",
        )
    )
    con = duckdb.connect(str(db))
    try:
        con.execute(f"create or replace table marts.rpt_league_table as {sql}")
    finally:
        con.close()


def fixture_warehouse(path: Path, **kwargs) -> dict:
    """The mart fixture (tests/python/mart_fixture.py) plus rpt_league_table."""
    facts = build_mart_warehouse(path, **kwargs)
    add_league_table(path, analysis=kwargs.get("analysis", True))
    return facts


def add_load_log(db: Path, datasets: list[str]) -> None:
    """A raw.load_log naming loaded files of the given registry datasets (what the footer's sources read)."""
    import duckdb

    con = duckdb.connect(str(db))
    try:
        con.execute("create schema if not exists raw")
        con.execute(
            "create or replace table raw.load_log (dataset varchar, raw_table varchar, file varchar, "
            "rows bigint, status varchar, file_sha256 varchar)"
        )
        for number, dataset in enumerate(datasets):
            con.execute(
                "insert into raw.load_log values (?, ?, ?, ?, 'loaded', ?)",
                [dataset, f"{dataset}__t", f"{dataset}/file{number}.csv", 100 + number, f"{number:064x}"],
            )
        con.execute("insert into raw.load_log values ('not_there', 'not_there__t', null, 0, 'missing', null)")
    finally:
        con.close()


@pytest.fixture(scope="module")
def demo_report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("report")
    facts = fixture_warehouse(folder / "fixture.duckdb", demo=True)
    summary = build_report(folder / "fixture.duckdb", folder / "index.html")
    return summary, facts


@pytest.fixture(scope="module")
def real_report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("report_real")
    facts = fixture_warehouse(folder / "fixture.duckdb", demo=False, councils=9, seed=3)
    add_load_log(folder / "fixture.duckdb", ["nhsd_ascof", "dfe_lait", "defra_lacw"])
    summary = build_report(folder / "fixture.duckdb", folder / "index.html")
    return summary, facts


def league_codes(page: str) -> list[str]:
    body = page[page.index('<table id="league-table"') :]
    body = body[: body.index("</table>")]
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
    # nothing is fetched at view time: no src= and no <link href=> to the network (links to the publishers'
    # pages in the sources list are plain <a href> links, followed only when clicked)
    assert not re.search(r"""\bsrc=["']?(https?:)?//""", markup), "network resource"
    assert not re.search(r"""<link[^>]+href=["']?(https?:)?//""", markup), "network resource"
    assert not re.search(r"@import|url\(\s*['\"]?(https?:)?//", page), "stylesheet fetching from the network"
    assert page.count("plotly.js v") == 1, "plotly.js must be inlined exactly once"
    assert summary["bytes"] < 8 * 1024 * 1024
    # the stylesheet and scripts of council_index/report/static are inlined, not referenced
    assert not re.search(r"""(src|href)=["'][^"']*\.(css|js)["']""", markup), "a file the page does not carry"
    assert "{{" not in markup and "{%" not in markup, "template syntax left in the page"


def visible_text(page: str) -> str:
    """The page's text as a reader sees it (no scripts, styles or tags)."""
    text = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text)))


def footer_text(page: str) -> str:
    return visible_text(page[page.index('<footer id="sources"') : page.index("</footer>")])


def test_demo_data_is_labelled(demo_report, real_report):
    demo_page = demo_report[0]["path"].read_text(encoding="utf-8")
    real_page = real_report[0]["path"].read_text(encoding="utf-8")
    assert 'id="demo-banner"' in demo_page and "SYNTHETIC DEMO DATA" in demo_page
    assert demo_report[0]["demo"] is True
    assert 'id="demo-banner"' not in real_page and real_report[0]["demo"] is False
    # the demo says so in the browser tab, the heading, the council pages and the footer too
    title = re.search(r"<title>(.*?)</title>", demo_page).group(1)
    assert title.startswith("[DEMO DATA, fictional councils]")
    assert '<span class="demo-tag">Demo</span>' in demo_page and "fictional upper-tier councils" in demo_page
    assert "Demo data: this council is fictional" in demo_page
    assert "synthetic data for fictional councils" in footer_text(demo_page)
    assert "do not quote or cite it" in footer_text(demo_page)
    # the charts' watermark (report.js)
    assert (
        page_data(demo_page, "council-data")["demo"] is True and page_data(real_page, "council-data")["demo"] is False
    )
    for label in ("DEMO", "fictional", "synthetic", "Demo data"):
        assert label not in visible_text(real_page), label


def test_titles_are_plain_english(demo_report):
    """Page, section, lens and chart titles name things in words: no ids (lens_..., snake_case), no dbt names."""
    summary, _ = demo_report
    page = summary["path"].read_text(encoding="utf-8")
    data = load(summary["path"].with_name("fixture.duckdb"))
    titles = re.findall(r"<(title|h1|h2|h3|figcaption)[^>]*>(.*?)</\1>", page, re.S)
    nav = re.search(r"<nav[^>]*>(.*?)</nav>", page, re.S).group(1)
    texts = [visible_text(text) for _, text in titles] + [visible_text(nav)]
    assert len(titles) > 10
    for text in texts:
        assert not re.search(r"\b[a-z]+_[a-z_]+\b", text), f"an id in a title: {text!r}"
        assert "Analysis" not in text and "fct_" not in text and "rpt_" not in text, text
    headings = [visible_text(text).strip() for kind, text in titles if kind == "h3"]
    for lens_id in data.lens_ids:
        assert data.lens_names[lens_id] in headings  # each lens section is titled with its name from dim_lens
    assert any(t.startswith("League table:") for t in texts)


def test_footer_names_the_publishers_and_how_to_cite(demo_report, real_report):
    """Where the data came from (the registry's publishers of the loaded datasets) and a citation; not how
    to run the build."""
    real_page = real_report[0]["path"].read_text(encoding="utf-8")
    footer = footer_text(real_page)
    assert "Where the data come from" in footer and "How to cite" in footer
    for publisher in (
        "NHS Digital (NHS England)",
        "Department for Education",
        "Department for Environment, Food & Rural Affairs",
    ):
        assert publisher in footer, publisher
    assert "OGL-3.0" in footer and "3 files (303 rows) were read" in footer
    assert re.search(r"Council productivity index, 2019 edition: .* Data fingerprint [0-9a-f]{16}\.", footer)
    assert 'href="https://digital.nhs.uk/' in real_page  # the publisher's page, as a link
    for page in (real_page, demo_report[0]["path"].read_text(encoding="utf-8")):
        assert "make " not in footer_text(page) and "docs-serve" not in page and ".duckdb" not in footer_text(page)


def page_data(page: str, block: str):
    """A data block of the page (figures, edition-data, council-data): gzip-compressed JSON in base64, as the page
    script unpacks it."""
    from council_index.report.page import unpack_json

    tag = re.search(rf'<script type="application/octet-stream" data-encoding="gzip\+base64" id="{block}">', page)
    assert tag, f"no packed data block {block}"
    text = page[tag.end() :]
    return unpack_json(text[: text.index("</script>")])


def test_council_data_has_every_council(demo_report):
    summary, facts = demo_report
    page = summary["path"].read_text(encoding="utf-8")
    payload = page_data(page, "council-data")
    assert sorted(payload["authorities"]) == sorted(facts["councils"])
    assert {"neighbours", "intervals", "neighbourRanks", "context"} <= set(payload)  # the analysis marts are built
    for edition, codes in facts["ranked_overall"].items():
        assert all(payload["ranks"][code][str(edition)]["o"] is not None for code in codes)


def test_page_data_is_packed_reproducibly(demo_report, tmp_path):
    """The data blocks are gzip + base64 without a timestamp: the same warehouse gives the same page bytes."""
    summary, _ = demo_report
    again = build_report(summary["path"].with_name("fixture.duckdb"), tmp_path / "index.html")
    assert again["path"].read_bytes() == summary["path"].read_bytes()


def test_missing_index_marts_is_a_clear_error(tmp_path):
    import duckdb

    con = duckdb.connect(str(tmp_path / "empty.duckdb"))
    con.execute("create schema marts")
    con.execute("create table marts.dim_authority (authority_code varchar)")
    con.close()
    with pytest.raises(MissingMarts, match="fct_lens_productivity"):
        build_report(tmp_path / "empty.duckdb", tmp_path / "index.html")
    assert not (tmp_path / "index.html").exists()


def council_shown(code: str) -> str:
    """Ready once a council's page is shown (after its anchor was set in the loaded page)."""
    return (
        "document.body.classList.contains('council-mode') && "
        f"document.getElementById('council').getAttribute('data-code') === {json.dumps(code)}"
    )


def show_council(tab: browser.Tab, code: str) -> None:
    """A council's page, by its anchor, in the page already loaded (what a click on its name does)."""
    tab.evaluate(f"location.hash = {json.dumps('council/' + code)}")
    tab.wait_for(council_shown(code))


def assert_report_dom(dom: str, problems: list[str], expected_codes: list[str]) -> None:
    """The report as drawn: the page script ran and finished without errors, every chart drawn by plotly, the
    league table has the expected councils, no console problem."""
    status = re.search(r'<ul id="report-status"[^>]*>', dom)
    assert status, "the page script did not run"
    tag = status.group(0)
    errors = dom[dom.index(tag) :].split("</ul>")[0]
    assert 'data-errors="0"' in tag, f"script errors: {errors}"
    assert 'data-ready="true"' in tag, "the page script did not finish"
    assert not problems, problems
    charts = int(re.search(r'data-charts="(\d+)"', tag).group(1))
    assert charts == dom.count('<div id="chart-'), "every chart element is drawn"
    assert dom.count('class="plot-container plotly"') >= charts, "plotly rendered the charts"
    assert sorted(league_codes(dom)) == sorted(expected_codes)
    assert expected_codes, "no council is ranked overall: nothing to show"


def assert_council_dom(dom: str, problems: list[str], code: str) -> None:
    """A council's page as drawn: its section, its indicator rows, no console problem."""
    assert f'data-code="{code}"' in dom.split('id="council"')[1][:200] or re.search(
        rf'<section id="council"[^>]*data-code="{code}"', dom
    )
    values = dom.split('id="council-values"')[1].split("</table>")[0]
    assert values.count("<tr>") >= 2, "indicator rows of the council"
    assert not problems, problems


def check_in_browser(path: Path, expected_codes: list[str], name: str) -> None:
    """One load of the report (a 1400 x 2000 px window): its DOM, console and a screenshot; then the page of the first
    expected council, by its anchor in the same page."""
    assert expected_codes, "no council is ranked overall: nothing to show"
    code = expected_codes[0]
    with browser.DevTools() as chrome:
        tab = chrome.open(path.resolve().as_uri(), width=1400, height=2000)
        try:
            tab.wait_for(browser.READY)
            time.sleep(1)  # anything the page does after it is drawn shows in the console
            dom, problems = tab.dom(), tab.console_problems()
            tab.screenshot(browser.ARTEFACTS / f"report_{name}.png", max_height=2000)
            show_council(tab, code)
            council, council_problems = tab.dom(), tab.console_problems()
            tab.screenshot(browser.ARTEFACTS / f"report_{name}_council.png", max_height=2000)
        finally:
            tab.close()
    assert_report_dom(dom, problems, expected_codes)
    assert_council_dom(council, council_problems, code)


if not BUILT:  # given built warehouses (make test), test_report_of_built_warehouse_renders checks them the same way

    @needs_chromium
    def test_report_renders_in_chromium(demo_report):
        summary, facts = demo_report
        check_in_browser(summary["path"], facts["ranked_overall"][max(facts["ranked_overall"])], "fixture")


def shared_once(tmp_path_factory, name: str, make):
    """``make(folder)`` once per test run, its result JSON: under pytest-xdist the first worker to ask makes it in a
    folder all workers see (the others wait for it, then read it), without xdist in this process's temporary folder."""
    import fcntl

    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return make(tmp_path_factory.mktemp(name))
    folder = tmp_path_factory.getbasetemp().parent / f"shared_{name}"
    folder.mkdir(exist_ok=True)
    with open(folder.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        done = folder / "result.json"
        if done.exists():
            return json.loads(done.read_text(encoding="utf-8"))
        result = make(folder)
        done.write_text(json.dumps(result), encoding="utf-8")
        return result


if BUILT:  # only when a full build has left its warehouse (no skipped test otherwise)

    def written_report(db: Path) -> Path | None:
        """The report the build of ``db`` wrote beside it (index-build's default ``<db name>_report.html``: dbt-test's
        ``--report``), when it was written after the warehouse was (so it is this build's, not an older one's)."""
        page = db.with_name(f"{db.stem}_report.html")
        return page if page.is_file() and page.stat().st_mtime >= db.stat().st_mtime else None

    def report_of_built(db: Path, folder: Path) -> dict:
        """The report of a built warehouse and what the tests compare it with from the warehouse: the page its build
        wrote (the one users get; reading it, not drawing it again, saves about 12 s per warehouse), else one built
        here (a build whose report failed leaves none, so a broken report still fails these tests)."""
        import duckdb

        page = written_report(db)
        if page is None:
            summary = build_report(db, folder / "index.html")
        else:
            data = load(db)
            summary = {
                "path": page,
                "bytes": page.stat().st_size,
                "councils_ranked": len(data.league()),
                "edition": data.edition,
            }
        con = duckdb.connect(str(db), read_only=True)
        try:
            codes = [
                row[0]
                for row in con.execute(
                    "select authority_code from marts.fct_overall_productivity where edition = ? and is_ranked_overall",
                    [summary["edition"]],
                ).fetchall()
            ]
            has_intervals = con.execute(
                "select count(*) from information_schema.tables where table_schema = 'marts' "
                "and table_name = 'fct_rank_uncertainty'"
            ).fetchone()[0]
            editions = [
                r[0] for r in con.execute("select distinct edition from marts.fct_lens_productivity").fetchall()
            ]
            partial = con.execute(
                "select distinct edition, lens_id from marts.fct_lens_productivity "
                "where is_partial_lens and lens_rank is not null"
            ).fetchall()
        finally:
            con.close()
        return {
            "path": str(summary["path"]),
            "bytes": summary["bytes"],
            "councils_ranked": summary["councils_ranked"],
            "edition": int(summary["edition"]),
            "codes": codes,
            "has_intervals": bool(has_intervals),
            "editions": sorted(int(e) for e in editions),
            "partial": sorted([int(e), lens] for e, lens in partial),
        }

    @pytest.fixture(scope="module", params=BUILT, ids=[p.stem for p in BUILT])
    def built_report(request, tmp_path_factory):
        """The report of each built warehouse, built once per run (a 6 MB page: half a minute) for the tests below."""
        db = built(request.param)
        report = shared_once(
            tmp_path_factory, f"built_report_{BUILT.index(db)}_{db.stem}", lambda folder: report_of_built(db, folder)
        )
        return db, report

    # The lens tables whose ranked councils include one scored on substitutes show the 'scored on substitutes' mark:
    # on a row, in a heading or in the table's note when shown.
    SUBSTITUTE_MARKS = """JSON.stringify(Array.prototype.filter.call(
      document.querySelectorAll('table[id^="lens-table-"]'), function (t) {
        var note = document.querySelector('.common-caveats[data-table="' + t.id + '"]');
        return !!(t.querySelector('.caveat.c-substitutes')
                  || (note && !note.hidden && note.querySelector('.caveat.c-substitutes')));
      }).map(function (t) { return t.id.replace('lens-table-', ''); }))"""

    def substitute_marks_by_edition(editions: list[int]) -> Callable[[browser.Tab, int], object]:
        """A walk's at_end hook: at 1400 px, each edition picked with the selector in turn and the lenses whose table
        shows the substitutes mark ({edition: [lens id]}), then the tab's console problems."""

        def read(tab: browser.Tab, width: int):
            if width != 1400:
                return None
            shown = {}
            for edition in editions:
                tab.evaluate(
                    f"(function () {{ var s = document.getElementById('edition-select'); s.value = '{edition}';"
                    " s.dispatchEvent(new Event('change')); })()"
                )
                shown[edition] = json.loads(tab.evaluate(SUBSTITUTE_MARKS))
            return shown, tab.console_problems()

        return read

    @pytest.fixture(scope="module")
    def built_walk(built_report):
        """One walk of each built warehouse's report at both widths (check_layout_at_both_widths, screenshots kept),
        every edition's substitutes marks read at its end: the two tests below share its two page loads."""
        db, report = built_report
        return check_layout_at_both_widths(
            Path(report["path"]),
            db.stem,
            report["codes"][0],
            shots=True,
            keep_dom=True,
            at_end=substitute_marks_by_edition(report["editions"]),
        )

    @needs_chromium
    def test_report_of_built_warehouse_renders(built_report, built_walk):
        db, report = built_report
        codes = report["codes"]
        assert report["councils_ranked"] == len(codes)
        # every edition's tables and council pages travel packed: ten editions stay well under 8 MB (5 of plotly.js)
        assert report["bytes"] < 8 * 1024 * 1024, report["bytes"]
        page = Path(report["path"]).read_text(encoding="utf-8")
        assert ("90% interval" in league_headers(page)) == report["has_intervals"]
        assert ('id="sensitivity"' in page) == report["has_intervals"]
        # one load per width: the DOM and console at 1400 px (the report, then a council's page), and the layout
        assert_walk_fits(built_walk)
        desktop = built_walk[1400]
        assert_report_dom(desktop.report.dom, desktop.report.console_problems, codes)
        assert_council_dom(desktop.council.dom, desktop.council.console_problems, codes[0])

    @needs_chromium
    def test_report_of_built_warehouse_marks_partial_lenses(built_report, built_walk):
        """In every edition the page shows the 'scored on substitutes' mark on exactly the lens tables whose ranked
        councils include one with is_partial_lens (the demo: older people and all-age disability in 2017 and 2018)."""
        _, report = built_report
        shown, problems = built_walk[1400].at_end
        assert not problems, problems
        assert {(e, lens) for e, lenses in shown.items() for lens in lenses} == {tuple(p) for p in report["partial"]}


INTERACTION = """JSON.stringify((function () {
  function rows() { return Array.prototype.slice.call(document.querySelectorAll('#league-table tbody tr')); }
  var headers = document.querySelectorAll('#league-table thead th');
  headers[1].click();                                   // Council, ascending
  var byName = rows().map(function (r) { return r.cells[1].textContent.trim(); });
  headers[0].click(); headers[0].click();               // Rank: ascending, then descending
  var byRankDesc = rows().map(function (r) { return parseFloat(r.cells[0].getAttribute('data-sort')); });
  var input = document.querySelector('input.table-search[data-table="league-table"]');
  input.value = __QUERY__; input.dispatchEvent(new Event('input'));
  var visible = rows().filter(function (r) { return r.style.display !== 'none'; })
                      .map(function (r) { return r.cells[1].textContent.trim(); });
  var count = document.querySelector('.row-count[data-table="league-table"]').textContent;
  return {byName: byName, byRankDesc: byRankDesc, visible: visible, count: count};
})())"""


@needs_chromium
def test_league_table_sorts_and_searches_in_chromium(demo_report):
    summary, facts = demo_report
    query = facts["names"][facts["ranked_overall"][max(facts["ranked_overall"])][0]]
    with browser.DevTools() as chrome:
        tab = chrome.open(summary["path"].resolve().as_uri(), width=1400, height=2000)
        try:
            tab.wait_for(browser.READY)  # the page draws itself once its data are unpacked (asynchronously)
            result = json.loads(tab.evaluate(INTERACTION.replace("__QUERY__", json.dumps(query))))
            errors = tab.evaluate("document.getElementById('report-status').getAttribute('data-errors')")
            problems = tab.console_problems()
        finally:
            tab.close()
    assert errors == "0" and not problems, (errors, problems)
    assert result["byName"] == sorted(result["byName"], key=str.lower)
    assert result["byRankDesc"] == sorted(result["byRankDesc"], reverse=True)
    assert result["visible"] and sorted(result["visible"]) == sorted(
        name for name in result["byName"] if query.lower() in name.lower()
    )
    assert len(result["visible"]) < len(result["byName"])
    assert result["count"] == f"{len(result['visible'])} rows"


def test_slope_chart_needs_two_ranked_editions(tmp_path):
    import duckdb

    from council_index.report import charts

    fixture_warehouse(tmp_path / "fixture.duckdb", councils=8, seed=5)
    data = load(tmp_path / "fixture.duckdb")
    lines = [trace for trace in charts.rank_slope(data).data if trace.mode and "lines" in trace.mode]
    assert lines, "three ranked editions: one line per council"
    con = duckdb.connect(str(tmp_path / "fixture.duckdb"))
    con.execute(
        "update marts.fct_overall_productivity set overall_rank = null, is_ranked_overall = false where edition < 2019"
    )
    con.close()
    figure = charts.rank_slope(load(tmp_path / "fixture.duckdb"))
    assert not figure.data
    assert "fewer than two editions have overall ranks (editions with ranks: 2019)" in figure.layout.annotations[0].text


# --- the analysis marts: rank intervals, sensitivity, neighbours and context ---------------


def league_row(page: str, code: str) -> list[str]:
    """The text of each cell of a council's row of the league table."""
    body = page[page.index('<table id="league-table"') :]
    row = body[body.index(f'<tr data-code="{code}"') :]
    row = row[: row.index("</tr>")]
    return [
        html.unescape(re.sub(r"<[^>]+>", "", cell)).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
    ]


def league_headers(page: str) -> list[str]:
    head = page[page.index('<table id="league-table"') :]
    head = head[: head.index("</thead>")]
    labels = re.findall(r"<th(?:\s[^>]*)?>(.*?)</th>", head)
    return [html.unescape(re.sub(r'<span class="marks">.*', "", label, flags=re.S)) for label in labels]


def header_marks(page: str, table_id: str) -> list[list[tuple[str, str]]]:
    """(kind, reason) of the caveat marks in each column heading of a table as served."""
    head = page[page.index(f'<table id="{table_id}"') :]
    head = head[: head.index("</thead>")]
    return [marks_in(label) for label in re.findall(r"<th(?:\s[^>]*)?>(.*?)</th>", head, re.S)]


def common_note(page: str, table_id: str) -> list[tuple[str, str]]:
    """(kind, reason) of the marks in the note of edition-wide caveats above a table as served."""
    box = page[page.index(f'<div class="common-caveats" data-table="{table_id}"') :]
    return marks_in(box[: box.index("</div>")])


def common_flags(data, flags: set) -> set[tuple[int, str, str]]:
    """(edition, lens, caveat kind) of the fixture's flags that every council ranked in the lens carries: said once
    per table, in the heading, not on the rows."""
    lens = data.lens_productivity
    out = set()
    for (edition, lens_id), part in lens[lens["lens_rank"].notna()].groupby(["edition", "lens_id"]):
        for kind in {k for (_, _, _, k) in flags}:
            if all((int(edition), code, lens_id, kind) in flags for code in part["authority_code"]):
                out.add((int(edition), lens_id, kind))
    return out


def table_rows(dom: str, table_id: str) -> list[list[str]]:
    """Body rows of a table of a DOM dump, as cell texts."""
    body = dom.split(f'id="{table_id}"')[1].split("</table>")[0].split("<tbody>")[1]
    return [
        [html.unescape(re.sub(r"<[^>]+>", "", cell)).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)
    ]


@pytest.fixture(scope="module")
def bare_report(tmp_path_factory):
    """A warehouse built without the analysis marts (var analysis_enabled false)."""
    folder = tmp_path_factory.mktemp("report_bare")
    facts = fixture_warehouse(folder / "fixture.duckdb", demo=True, analysis=False)
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
    assert re.search(
        rf'<tr data-code="{code}"[^>]*>.*?<td class="num interval" data-sort="{low}\.{high:04d}">{low}\u2013{high}</td>',
        page,
    )


def test_sensitivity_section_lists_the_edition(demo_report):
    import duckdb

    summary, _ = demo_report
    page = summary["path"].read_text(encoding="utf-8")
    con = duckdb.connect(str(summary["path"].with_name("fixture.duckdb")), read_only=True)
    expected = con.execute(
        "select choice_id, option_id, spearman_correlation from marts.rpt_sensitivity "
        "where edition = ? order by choice_order",
        [summary["edition"]],
    ).fetchall()
    con.close()
    section = page[page.index('<section id="sensitivity"') :]
    section = section[: section.index("</section>")]
    assert "Which judgement calls matter most?" in section and "Spearman correlation" in section
    rows = re.findall(r'<tr data-choice="([^"]+)" data-option="([^"]+)">(.*?)</tr>', section, re.S)
    assert sorted((choice, option) for choice, option, _ in rows) == sorted((c, o) for c, o, _ in expected)
    spearman = {(c, o): s for c, o, s in expected}
    for choice, option, cells in rows:
        shown = re.findall(r"<td[^>]*>(.*?)</td>", cells)[5]
        assert shown == f"{spearman[(choice, option)]:.3f}"
    assert "winsorising off" in section  # option false of the winsorise choice, in words
    assert 'href="#sensitivity"' in page and 'href="#uncertainty"' in page and 'id="chart-intervals"' in page


def test_interval_chart_uses_error_bars(demo_report):
    from council_index.report import charts

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
    with browser.DevTools() as chrome:
        tab = chrome.open(f"{summary['path'].resolve().as_uri()}#council/{code}", width=1400, height=3600)
        try:
            tab.wait_for(browser.READY)
            time.sleep(1)  # anything the page does after it is drawn shows in the console
            dom, problems = tab.dom(), tab.console_problems()
            tab.screenshot(browser.ARTEFACTS / "report_fixture_council_analysis.png", max_height=3600)
        finally:
            tab.close()
    tag = re.search(r'<ul id="report-status"[^>]*>', dom).group(0)
    assert 'data-errors="0"' in tag and 'data-ready="true"' in tag, tag
    assert not problems, problems
    assert re.search(rf'<section id="council"[^>]*data-code="{code}"', dom)
    neighbours = table_rows(dom, "council-neighbours")
    assert [row[1] for row in neighbours] == [facts["names"][c] for c in facts["neighbours"][code]]
    assert [row[0] for row in neighbours] == [str(i) for i in range(1, len(neighbours) + 1)]
    assert all(row[5] in ("yes", "no") for row in neighbours)
    lens_rows = table_rows(dom, "council-lens-analysis")
    low, high = facts["intervals"][edition][code]
    assert lens_rows[0][0] == "Overall" and lens_rows[0][2] == f"{low}\u2013{high}"
    assert all(re.fullmatch(r"\d+ of \d+", row[3]) for row in lens_rows if row[1])
    context = table_rows(dom, "council-context")
    data = load(summary["path"].with_name("fixture.duckdb"))
    assert [row[0] for row in context] == [data.lens_names[l] for l in data.lens_ids]
    for lens_id, row in zip(data.lens_ids, context):
        residual = round(facts["residuals"][edition][(code, lens_id)], 2)  # shown to 2 decimals
        assert row[3] == f"{'+' if residual > 0 else ''}{residual:.2f}"
        verdict = "better than expected" if residual > 0 else "worse than expected" if residual < 0 else "as expected"
        assert row[4] == f"{verdict} given its demographics"
    summary_text = re.search(r'<p id="council-summary"[^>]*>(.*?)</p>', dom).group(1)
    assert f"90% interval over the method's judgement calls: {low}\u2013{high}" in html.unescape(summary_text)


def test_report_without_analysis_marts_omits_the_sections(bare_report):
    summary, facts = bare_report
    page = summary["path"].read_text(encoding="utf-8")
    assert "90% interval" not in league_headers(page)
    for absent in (
        'id="sensitivity"',
        'id="uncertainty"',
        'id="chart-intervals"',
        'id="council-neighbours-block"',
        'id="council-context-block"',
        'id="council-lens-analysis-block"',
    ):
        assert absent not in page, absent
    councils = page_data(page, "council-data")
    assert not {"neighbours", "intervals", "neighbourRanks", "context"} & set(councils), sorted(councils)
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


# --- the league table comes from the mart rpt_league_table (models/marts/report) -----------------------------


def test_league_table_mart_matches_its_contract(demo_report, bare_report):
    """The model's SQL, built on the fixture marts, has exactly the columns and types of its yml contract, one
    column of lens ranks per lens of seed lenses, every column described, and the yml's data tests hold."""
    import csv

    import duckdb
    import yaml

    spec = next(
        m for m in yaml.safe_load(LEAGUE_YML.read_text(encoding="utf-8"))["models"] if m["name"] == "rpt_league_table"
    )
    assert spec["config"]["contract"]["enforced"] is True and spec["data_tests"]
    declared = [(c["name"], c["data_type"].upper()) for c in spec["columns"]]
    assert all(c.get("description") for c in spec["columns"])
    with (ROOT / "seeds" / "lenses.csv").open(encoding="utf-8") as handle:
        lens_ids = [row["lens_id"] for row in csv.DictReader(handle)]
    assert [name for name, _ in declared if name.startswith("lens_rank_")] == [f"lens_rank_{l}" for l in lens_ids]
    for summary in (demo_report[0], bare_report[0]):
        con = duckdb.connect(str(summary["path"].with_name("fixture.duckdb")), read_only=True)
        try:
            built = [(row[0], row[1]) for row in con.execute("describe marts.rpt_league_table").fetchall()]
            assert built == declared
            # the yml's data tests, on the fixture
            assert (
                con.execute(
                    "select count(*) from marts.rpt_league_table where (overall_rank is not null) <> is_ranked_overall"
                ).fetchone()[0]
                == 0
            )
            assert (
                con.execute(
                    "select count(*) - count(distinct edition || '/' || authority_code) from marts.rpt_league_table"
                ).fetchone()[0]
                == 0
            )
            assert (
                con.execute(
                    "select count(*) from marts.rpt_league_table where rank_change <> previous_rank - overall_rank"
                ).fetchone()[0]
                == 0
            )
            rows, overall = con.execute(
                "select (select count(*) from marts.rpt_league_table), "
                "(select count(*) from marts.fct_overall_productivity)"
            ).fetchone()
            assert rows == overall  # every council of every edition, ranked or not
        finally:
            con.close()


def test_report_league_table_is_the_mart(demo_report, tmp_path):
    """The report shows rpt_league_table row for row: change a name and a rank there only, and the report follows."""
    import shutil

    import duckdb

    summary, facts = demo_report
    db = tmp_path / "fixture.duckdb"
    shutil.copy(summary["path"].with_name("fixture.duckdb"), db)
    edition = summary["edition"]
    code = facts["ranked_overall"][edition][0]
    con = duckdb.connect(str(db))
    con.execute(
        "update marts.rpt_league_table set authority_name = 'Renamed In The Mart', "
        "lens_rank_older_people = 999 where edition = ? and authority_code = ?",
        [edition, code],
    )
    expected = [
        row[0]
        for row in con.execute(
            "select authority_code from marts.rpt_league_table where edition = ? and is_ranked_overall order by row_order",
            [edition],
        ).fetchall()
    ]
    con.close()
    page = build_report(db, tmp_path / "index.html")["path"].read_text(encoding="utf-8")
    assert league_codes(page) == expected  # in the mart's order
    headers, cells = league_headers(page), league_row(page, code)
    assert cells[1] == "Renamed In The Mart"
    assert cells[headers.index("Older people")] == "999"


def test_report_needs_the_league_table_mart(tmp_path):
    import duckdb

    build_mart_warehouse(tmp_path / "fixture.duckdb")  # the marts of before rpt_league_table
    with pytest.raises(MissingMarts, match="rpt_league_table"):
        build_report(tmp_path / "fixture.duckdb", tmp_path / "index.html")
    add_league_table(tmp_path / "fixture.duckdb")
    con = duckdb.connect(str(tmp_path / "fixture.duckdb"))
    con.execute("alter table marts.rpt_league_table drop column lens_rank_waste_recycling")
    con.close()
    with pytest.raises(MissingMarts, match="lens_rank_waste_recycling"):
        build_report(tmp_path / "fixture.duckdb", tmp_path / "index.html")
    assert not (tmp_path / "index.html").exists()


# --- layout at a desktop and a phone width: no overflow, no cut text, words for readers -------------------


@pytest.fixture(scope="module")
def layout_report(tmp_path_factory):
    """The demo fixture with one indicator far off the scale (+1,600% against England, standardised score 5.2) and
    a spend per head far above the median (spend index 260) for its first council."""
    import duckdb

    folder = tmp_path_factory.mktemp("report_layout")
    facts = fixture_warehouse(folder / "fixture.duckdb", demo=True)
    edition = max(facts["ranked_overall"])
    code = facts["ranked_overall"][edition][0]
    con = duckdb.connect(str(folder / "fixture.duckdb"))
    indicator = con.execute(
        "select min(indicator_id) from marts.fct_indicator_scores where edition = ? and authority_code = ?",
        [edition, code],
    ).fetchone()[0]
    con.execute(
        "update marts.fct_indicator_scores set value = reference_value * 17, score = 5.2 where edition = ? "
        "and authority_code = ? and indicator_id = ?",
        [edition, code, indicator],
    )
    con.execute(
        "update marts.fct_lens_productivity set spend_index = 260, spend_per_head = 806 where edition = ? "
        "and authority_code = ? and lens_id = 'housing_homelessness'",
        [edition, code],
    )
    lens_ranks = dict(
        con.execute(
            "select lens_id, lens_rank from marts.fct_lens_productivity where edition = ? and authority_code = ?",
            [edition, code],
        ).fetchall()
    )
    con.close()
    summary = build_report(folder / "fixture.duckdb", folder / "index.html")
    return summary, facts, code, lens_ranks


def assert_fits(run, where: str) -> None:
    """The page at one width: no sideways scroll, every box within the viewport, nothing cut or clipped,
    no toolbar, no script problem."""
    assert run.scroll_width <= run.viewport, f"{where}: the page scrolls sideways ({run.scroll_width} px)"
    assert not run.problems, f"{where}: " + "\n".join(run.problems[:30])
    assert not run.console_problems, f"{where}: {run.console_problems}"


# Scrolls the league table's frame sideways: the council column must stay where it was (sticky).
STICKY = """JSON.stringify((function () {
  var frame = document.getElementById('league-table').parentElement;
  var cell = document.querySelector('#league-table tbody tr td:nth-child(2)');
  var before = cell.getBoundingClientRect().left;
  frame.scrollLeft = 400;
  var out = {scrolled: frame.scrollLeft, wider: frame.scrollWidth > frame.clientWidth, before: before,
             after: cell.getBoundingClientRect().left};
  frame.scrollLeft = 0;
  return out;
})())"""


# Ready once the page is drawn, shows the whole report (not a council's page) and the edition selector is on its
# last (earliest) edition.
EARLIEST_EDITION = """(function () {
  if (document.getElementById('report-status').getAttribute('data-ready') !== 'true') return false;
  if (document.body.classList.contains('council-mode')) return false;
  var s = document.getElementById('edition-select'), last = s.options[s.options.length - 1].value;
  if (s.value !== last) { s.value = last; s.dispatchEvent(new Event('change')); }
  return document.body.getAttribute('data-edition') === last;
})()"""


@dataclass
class WidthWalk:
    """What one load of a report at one width saw (check_layout_at_both_widths): the report as served, the council's
    page, the earliest edition, and what the hooks returned on the way."""

    report: browser.LayoutRun
    council: browser.LayoutRun
    earliest: browser.LayoutRun
    on_council: object = None
    at_end: object = None


def check_layout_at_both_widths(
    page: Path,
    name: str,
    council: str,
    *,
    shots: bool = False,
    keep_dom: bool = False,
    on_council: Callable[[browser.Tab, int], object] | None = None,
    at_end: Callable[[browser.Tab, int], object] | None = None,
) -> dict[int, WidthWalk]:
    """The report and a council page at 1400 and 390 px, one page load per width: the report as served, the council's
    page by its anchor, then (back to the report) the earliest edition picked with the selector, each measured
    (assert_walk_fits checks them). ``on_council(tab, width)`` runs on the council's page once it is measured and
    ``at_end(tab, width)`` after the earliest edition, in the same load, and what they return is kept: a test that
    looks further at the same page does not load it again (a 6 MB page: seconds per load). With ``shots`` the
    screenshots are kept as report_<name>_<width>_*.png (the built warehouses' walks: what a reviewer looks at); with
    ``keep_dom`` the DOMs of the report and council page at 1400 px (LayoutRun.dom; megabytes for a built report)."""
    url = page.resolve().as_uri()
    walks, taken = {}, []
    with browser.DevTools() as chrome:
        for width in WIDTHS:

            def shot(*parts: str, element: str | None = None) -> dict[str, Path]:
                """With ``shots``, {element id ('' for the whole page: part "page"): the path of its screenshot
                report_<name>_<width>_<part>.png}, each noted to be checked; without, none."""
                if not shots:
                    return {}
                paths = {
                    element or ("" if part == "page" else part): browser.ARTEFACTS / f"report_{name}_{width}_{part}.png"
                    for part in parts
                }
                taken.extend(paths.values())
                return paths

            keep = keep_dom and width == 1400
            tab = chrome.open(url, width=width, height=900)
            try:
                tab.wait_for(browser.READY)
                run = browser.measure_layout(
                    tab, screenshots=shot("page", "league", "lenses", "grip", "sources"), extra=STICKY, dom=keep
                )
                show_council(tab, council)
                council_run = browser.measure_layout(tab, screenshots=shot("council"), dom=keep)
                council_seen = on_council(tab, width) if on_council else None
                # the earliest edition, picked with the selector: its tables and charts fit as well
                tab.evaluate("location.hash = ''")
                tab.wait_for(EARLIEST_EDITION)
                earliest = browser.measure_layout(tab, screenshots=shot("earliest_league", element="league"))
                end_seen = at_end(tab, width) if at_end else None
            finally:
                tab.close()
            walks[width] = WidthWalk(run, council_run, earliest, council_seen, end_seen)
    for path in taken:
        assert path.stat().st_size > 1000, path
    return walks


def assert_walk_fits(walks: dict[int, WidthWalk]) -> None:
    """Every page of a walk fits its width (assert_fits); the league table's council column stays put when the table
    scrolls sideways, and on a phone the table scrolls in its frame."""
    for width, walk in walks.items():
        assert walk.report.viewport == width
        assert_fits(walk.report, f"report at {width} px")
        sticky = walk.report.extra
        assert abs(sticky["after"] - sticky["before"]) < 1, f"the council column scrolled away: {sticky}"
        if width < 700:
            assert sticky["wider"] and sticky["scrolled"] > 0, f"the league table should scroll in its frame: {sticky}"
        assert walk.council.viewport == width
        assert_fits(walk.council, f"council page at {width} px")
        assert walk.earliest.viewport == width
        assert_fits(walk.earliest, f"report at {width} px, earliest edition")


def read_why_this_rank(tab: browser.Tab, width: int) -> tuple[list[bool], dict]:
    """On a council's page: whether each lens's "drivers" block was folded as drawn, then (all unfolded) WHY."""
    folded = tab.evaluate(
        "Array.prototype.map.call(document.querySelectorAll('#council-drivers details'), function (d) {"
        " var was = d.open; d.open = true; return was; })"
    )
    return folded, json.loads(tab.evaluate(WHY))


@pytest.fixture(scope="module")
def layout_walk(layout_report):
    """One walk of the layout fixture's report at both widths, its council's "why this rank" block read on the way
    (read_why_this_rank): the layout test and the why-this-rank test share one page load per width."""
    summary, facts, code, lens_ranks = layout_report
    return check_layout_at_both_widths(summary["path"], "fixture", code, on_council=read_why_this_rank)


@needs_chromium
def test_layout_fits_a_desktop_and_a_phone(layout_report, layout_walk):
    summary, facts, code, lens_ranks = layout_report
    data = load(summary["path"].with_name("fixture.duckdb"))
    assert_walk_fits(layout_walk)
    for width, walk in layout_walk.items():
        run, council = walk.report, walk.council
        # every global chart was drawn within the page
        for name in ["intervals", "slope", "heatmap", "grip", *(f"scatter-{l}" for l in data.lens_ids)]:
            chart = run.charts[f"chart-{name}"]
            assert 0 < chart["width"] <= width, (name, chart)
        # no empty band above the rank intervals: the first council sits right under the axis
        assert run.charts["chart-intervals"]["firstPointBelowTop"] < 20, run.charts["chart-intervals"]
        # the lens-rank chart of a council: a longer bar is a better rank
        bars = council.charts["council-lens-ranks"]["bars"]
        ranked = [(lens_ranks[l], width_) for l, width_ in zip(data.lens_ids, bars) if lens_ranks.get(l)]
        for rank_a, bar_a in ranked:
            for rank_b, bar_b in ranked:
                if rank_a < rank_b:
                    assert bar_a > bar_b, f"rank {rank_a} has a shorter bar than rank {rank_b} at {width} px: {bars}"
        # the +1,600% indicator is cut at the edge of the axis and labelled, the others keep their scale
        indicators = council.charts["council-indicators"]
        assert "+1,600% \u25b8" in indicators["barTexts"], indicators["barTexts"]
        assert max(abs(x) for x in indicators["xrange"]) <= 110, indicators["xrange"]
        assert sorted(indicators["bars"])[-2] > 0.05 * max(indicators["bars"]), "the other bars are squashed"


@needs_chromium
def test_demo_charts_carry_a_watermark(demo_report):
    summary, facts = demo_report
    with browser.DevTools() as chrome:
        tab = chrome.open(summary["path"].resolve().as_uri(), width=1400)
        try:
            tab.wait_for("document.getElementById('report-status').getAttribute('data-ready') === 'true'")
            marks = tab.evaluate(
                "Array.prototype.map.call(document.querySelectorAll('.js-plotly-plot'), function (p) {"
                " return Array.prototype.some.call(p.querySelectorAll('.annotation-text'), function (t) {"
                " return t.textContent === 'DEMO DATA'; }); })"
            )
        finally:
            tab.close()
    assert marks and all(marks), marks


def test_agreement_section_shows_published_against_rebuilt_ranks():
    import types

    import pandas as pd

    from council_index.report.page import agreement_tables

    data = types.SimpleNamespace(
        agreement=pd.DataFrame(
            [
                {
                    "edition": 2018,
                    "lens_id": "overall",
                    "councils_published": 2,
                    "councils_compared": 1,
                    "spearman_correlation": None,
                    "mean_absolute_rank_difference": 3.0,
                    "mean_rebuilt_rank": 4.0,
                },
                {
                    "edition": 2018,
                    "lens_id": "waste",
                    "councils_published": 2,
                    "councils_compared": 2,
                    "spearman_correlation": -1.0,
                    "mean_absolute_rank_difference": 2.0,
                    "mean_rebuilt_rank": 8.0,
                },
            ]
        ),
        published_comparison=pd.DataFrame(
            [
                {
                    "edition": 2018,
                    "lens_id": "overall",
                    "published_name": "Ashby",
                    "published_rank": 1,
                    "rebuilt_rank": 4,
                },
                {
                    "edition": 2018,
                    "lens_id": "overall",
                    "published_name": "Brook",
                    "published_rank": 2,
                    "rebuilt_rank": None,
                },
                {
                    "edition": 2018,
                    "lens_id": "waste",
                    "published_name": "Ashby",
                    "published_rank": 5,
                    "rebuilt_rank": 9,
                },
                {
                    "edition": 2018,
                    "lens_id": "waste",
                    "published_name": "Brook",
                    "published_rank": 6,
                    "rebuilt_rank": 7,
                },
            ]
        ),
        lens_names={"waste": "Waste and recycling"},
        lens_ids=["waste"],
    )
    [block] = agreement_tables(data)
    assert block["edition"] == 2018
    assert [c.text for c in block["stats"].rows[1].cells] == ["Waste and recycling", "2 of 2", "-1.00", "2.0", "8.0"]
    assert [c.text for c in block["councils"].rows[1].cells] == ["Brook", "2 / unranked", "6 / 7"]


# --- caveats where the number is shown, why a council is not ranked, why this rank, editions ----------------------


def edition_data(page: str) -> dict:
    """The edition selector's data (page.edition_views), keyed by edition, with the marks expanded to
    [kind, symbol, reason] as the page script does."""
    data = page_data(page, "edition-data")
    symbols, reasons = data["marks"]["symbols"], data["marks"]["reasons"]
    for view in data["editions"].values():
        for rows in [view["league"], *(lens["rows"] for lens in view["lenses"].values())]:
            for row in rows:
                for cell in row[2:]:
                    if isinstance(cell, dict) and "m" in cell:
                        cell["m"] = [[kind, symbols[kind], reasons[index]] for kind, index in cell["m"]]
        for common in view["common"].values():
            common["n"] = [(kind, reasons[index]) for kind, index in common["n"]]
            common["h"] = {col: [(kind, reasons[index]) for kind, index in marks] for col, marks in common["h"].items()}
    return data["editions"]


def marks_in(cell_html: str) -> list[tuple[str, str]]:
    """(kind, reason) of each caveat mark of a cell's HTML."""
    return [
        (kind, html.unescape(reason))
        for kind, reason in re.findall(r'<span class="caveat c-([a-z-]+)" title="([^"]*)"', cell_html)
    ]


def row_cells_html(page: str, table_id: str, code: str) -> list[str]:
    body = page[page.index(f'<table id="{table_id}"') :]
    body = body[: body.index("</table>")]
    row = body[body.index(f'<tr data-code="{code}"') :]
    return re.findall(r"<td[^>]*>(.*?)</td>", row[: row.index("</tr>")], re.S)


def compact_marks(cell) -> list[tuple[str, str]]:
    return [] if isinstance(cell, str) else [(m[0], m[2]) for m in cell.get("m", [])]


def test_caveat_marks_sit_next_to_the_ranks_they_qualify(demo_report):
    """Each flag of fct_lens_productivity marks that council's rank in that lens, in the league table and the lens
    table, with the lens named in its reason; no other rank carries a mark. A flag that every council ranked in the
    lens carries in the edition (the fixture: the second lens scored on substitutes before the last edition, the last
    lens's spend from an earlier year in the last) is said once instead: in the lens's column heading of the league
    table, the Rank heading of the lens table and the note above each, not on the rows. Every edition, through the
    selector's data; the report's own edition in the page as served."""
    summary, facts = demo_report
    page = summary["path"].read_text(encoding="utf-8")
    data = load(summary["path"].with_name("fixture.duckdb"))
    edition = summary["edition"]
    headers = league_headers(page)
    flags = facts["flags"]
    common = common_flags(data, flags)
    assert flags, "the fixture sets flags"
    assert {(e, l, k) for (e, l, k) in common if e == edition} == {(edition, data.lens_ids[-1], "fallback-year")}
    assert (min(data.editions), data.lens_ids[1], "substitutes") in common
    row_flags = {(e, c, l, k) for (e, c, l, k) in flags if (e, l, k) not in common}
    assert any(e == edition for (e, _, _, _) in row_flags), "the fixture also sets flags that tell rows apart"
    for code in facts["ranked_overall"][edition]:
        cells = row_cells_html(page, "league-table", code)
        for lens_id in data.lens_ids:
            marks = marks_in(cells[headers.index(data.lens_names[lens_id])])
            expected = sorted(kind for (e, c, l, kind) in row_flags if (e, c, l) == (edition, code, lens_id))
            assert sorted(kind for kind, _ in marks) == expected, (code, lens_id, marks)
            assert all(reason.startswith(data.lens_names[lens_id] + ":") for _, reason in marks), marks
        for lens_id in data.lens_ids:
            rank_cell = row_cells_html(page, f"lens-table-{lens_id}", code)[0]
            expected = sorted(kind for (e, c, l, kind) in row_flags if (e, c, l) == (edition, code, lens_id))
            assert sorted(kind for kind, _ in marks_in(rank_cell)) == expected, (code, lens_id)
    # the edition-wide caveat, once: its lens's column heading, the lens table's Rank heading, and the notes
    last = data.lens_names[data.lens_ids[-1]]
    league_heads = header_marks(page, "league-table")
    for index, label in enumerate(headers):
        expected = ["fallback-year"] if label == last else []
        assert [kind for kind, _ in league_heads[index]] == expected, (label, league_heads[index])
    [(kind, reason)] = league_heads[headers.index(last)]
    assert (
        reason == f"{last}: spend from the {edition - 1}-{str(edition)[2:]} ra_budget, not the edition's own year "
        "(not published or not held)"
    ), reason
    assert common_note(page, "league-table") == [(kind, reason)]
    for lens_id in data.lens_ids:
        expected = [(kind, reason)] if lens_id == data.lens_ids[-1] else []
        assert header_marks(page, f"lens-table-{lens_id}")[0] == expected, lens_id
        assert common_note(page, f"lens-table-{lens_id}") == expected, lens_id
        box = page[page.index(f'<div class="common-caveats" data-table="lens-table-{lens_id}"') :]
        assert box.startswith(f'<div class="common-caveats" data-table="lens-table-{lens_id}" hidden>') == (
            not expected
        )
    # the low-spend mark of the fixture's first council names its spend per head and says why it matters
    low = next((e, c, l) for (e, c, l, kind) in flags if kind == "low-spend" and e == edition)
    reason = dict(marks_in(row_cells_html(page, f"lens-table-{low[2]}", low[1])[0]))["low-spend"]
    spend = data.lens_rows[low]["spend_per_head"]
    assert f"£{spend:,.0f} a head" in reason and "inflated" in reason, reason
    # every edition through the selector's data: the marks of each lens table row are exactly the flags
    views = edition_data(page)
    assert sorted(int(e) for e in views) == data.editions
    for e, view in views.items():
        for lens_id, lens in view["lenses"].items():
            for row in lens["rows"]:
                code = row[0]["data-code"]
                expected = sorted(kind for (fe, c, l, kind) in row_flags if (fe, c, l) == (int(e), code, lens_id))
                assert sorted(kind for kind, _ in compact_marks(row[2])) == expected, (e, code, lens_id)
            shared = view["common"][f"lens-table-{lens_id}"]
            expected = sorted(kind for (fe, l, kind) in common if (fe, l) == (int(e), lens_id))
            assert sorted(kind for kind, _ in shared["n"]) == expected, (e, lens_id)
            assert sorted(kind for kind, _ in shared["h"].get("0", [])) == expected, (e, lens_id)
        league = view["common"]["league-table"]
        expected = sorted(kind for (fe, l, kind) in common if fe == int(e))
        assert sorted(kind for kind, _ in league["n"]) == expected, e
    # the legend explains every mark used, with its count in the edition
    legend = page[page.index('<dl class="caveat-legend"') : page.index("</dl>")]
    for kind, label in (
        ("low-spend", "Implausibly low spend"),
        ("substitutes", "Scored on substitutes"),
        ("few-indicators", "Few indicators"),
        ("fallback-year", "Spend from another year"),
        ("fewer-lenses", "Ranked on fewer lenses"),
    ):
        count = sum(1 for (e, c, l, k) in flags if k == kind and e == edition) if kind != "fewer-lenses" else 0
        assert f"<b>{label}</b>" in legend
        assert re.search(rf'data-kind="{kind}">\({count} in this edition\)', legend), (kind, count)


def test_a_council_ranked_on_fewer_lenses_is_marked(tmp_path):
    """An overall rank resting on fewer lens ranks than there are lenses carries the mark, naming the lens missing."""
    import duckdb

    facts = fixture_warehouse(tmp_path / "fixture.duckdb", demo=True)
    edition = max(facts["ranked_overall"])
    code = facts["ranked_overall"][edition][0]
    con = duckdb.connect(str(tmp_path / "fixture.duckdb"))
    con.execute(
        "update marts.fct_lens_productivity set lens_rank = null, not_ranked_reason = 'no waste figures for 2018-19' "
        "where edition = ? and authority_code = ? and lens_id = 'waste_recycling'",
        [edition, code],
    )
    con.execute(
        "update marts.fct_overall_productivity set lenses_ranked = 5, is_ranked_on_fewer_lenses = true "
        "where edition = ? and authority_code = ?",
        [edition, code],
    )
    con.close()
    add_league_table(tmp_path / "fixture.duckdb")
    page = build_report(tmp_path / "fixture.duckdb", tmp_path / "index.html")["path"].read_text(encoding="utf-8")
    rank_marks = marks_in(row_cells_html(page, "league-table", code)[0])
    assert rank_marks == [("fewer-lenses", "Ranked overall on 5 of 6 lenses (no rank in Waste and recycling)")]
    others = [c for c in facts["ranked_overall"][edition] if c != code]
    assert all(not marks_in(row_cells_html(page, "league-table", c)[0]) for c in others)
    row = page[page.index(f'<tr data-code="{code}"') :]
    cells = re.findall(r"<td[^>]*>.*?</td>", row[: row.index("</tr>")], re.S)
    waste = cells[league_headers(page).index("Waste and recycling")]
    assert (
        waste == '<td class="num" title="No rank in Waste and recycling: no waste figures for 2018-19">\u2013</td>'
    ), waste


def test_without_flag_columns_nothing_is_marked_and_the_legend_says_so(tmp_path):
    """A warehouse whose marts lack the flag columns gets no marks (none is recomputed by the report) and the
    legend names what is not marked; unranked councils then get the facts the marts hold."""
    import duckdb

    facts = fixture_warehouse(tmp_path / "fixture.duckdb", demo=True)
    con = duckdb.connect(str(tmp_path / "fixture.duckdb"))
    flags = ["has_implausibly_low_spend", "has_few_indicators", "is_fallback_spend_year", "caveat_text"]
    for column in [*flags, "not_ranked_reason"]:
        con.execute(f"alter table marts.fct_lens_productivity drop column {column}")
    for table in ("fct_overall_productivity", "rpt_league_table"):
        for column in [*flags, "is_ranked_on_fewer_lenses", "has_partial_lens", "not_ranked_reason"]:
            con.execute(f"alter table marts.{table} drop column if exists {column}")
    con.close()
    page = build_report(tmp_path / "fixture.duckdb", tmp_path / "index.html")["path"].read_text(encoding="utf-8")
    kinds = set(re.findall(r'<span class="caveat c-([a-z-]+)"', page.split('<dl class="caveat-legend"')[1]))
    assert kinds == {"substitutes"}, kinds  # is_partial_lens is still there
    assert (
        "Not marked, because this warehouse does not record them: implausibly low spend, few indicators, "
        "spend from another year, ranked on fewer lenses." in page
    )
    views = edition_data(page)
    first = str(min(facts["ranked_overall"]))
    [unranked] = views[first]["unranked"]
    assert unranked["reason"] == "ranked in 4 of 6 lenses, too few for an overall rank"
    reasons = {r["reason"] for lens in views[first]["lenses"].values() for r in lens["unranked"]}
    assert reasons == {"5 of 6 indicators scored, too few for a lens score"}, reasons  # has_enough_indicators false


def test_unranked_councils_say_why(demo_report):
    """Every council of an edition without an overall rank, and every council without a lens rank, is listed with
    the mart's not_ranked_reason."""
    summary, facts = demo_report
    page = summary["path"].read_text(encoding="utf-8")
    views = edition_data(page)
    first = min(facts["ranked_overall"])
    everyone = {c for e, c in load(summary["path"].with_name("fixture.duckdb")).overall_rows if e == first}
    missing = sorted(everyone - set(facts["ranked_overall"][first]))
    assert missing, "the fixture leaves a council unranked in its first edition"
    assert [r["code"] for r in views[str(first)]["unranked"]] == missing
    assert views[str(first)]["unranked"][0]["reason"] == "fixture: ranked in 4 lenses, an overall rank needs 5"
    lens_reasons = {
        (lens_id, r["code"]): r["reason"]
        for lens_id, lens in views[str(first)]["lenses"].items()
        for r in lens["unranked"]
    }
    assert lens_reasons and all(
        reason == f"fixture: no {lens_id} figures for the {first} edition"
        for (lens_id, _), reason in lens_reasons.items()
    )
    # the report's own edition ranks everyone: its list is there but hidden
    assert re.search(r'<details class="unranked" id="league-unranked" hidden>', page)


def test_change_since_the_previous_edition_says_why_there_is_none(demo_report, tmp_path):
    """The league table's "Change": the movement since the previous edition, and where there is no previous rank
    the reason of fct_rank_changes (a council created by a merger reads "new")."""
    import shutil

    import duckdb

    summary, facts = demo_report
    views = edition_data(summary["path"].read_text(encoding="utf-8"))
    first = min(facts["ranked_overall"])
    second = str(first + 1)
    returning = [c for c in facts["ranked_overall"][first + 1] if c not in facts["ranked_overall"][first]]
    assert returning
    row = next(r for r in views[second]["league"] if r[0]["data-code"] == returning[0])
    assert row[-1] == {"t": "\u2013", "i": f"No previous rank: not ranked in the {first} edition"}
    db = tmp_path / "fixture.duckdb"
    shutil.copy(summary["path"].with_name("fixture.duckdb"), db)
    code = facts["ranked_overall"][summary["edition"]][0]
    con = duckdb.connect(str(db))
    con.execute(
        "update marts.fct_rank_changes set previous_rank = null, rank_change = null, previous_authority_code = null, "
        "no_previous_rank_reason = 'created by a merger on 1 April 2019' where edition = ? and authority_code = ?",
        [summary["edition"], code],
    )
    con.close()
    add_league_table(db)
    page = build_report(db, tmp_path / "index.html")["path"].read_text(encoding="utf-8")
    cell = row_cells_html(page, "league-table", code)[-1]
    assert cell == "new"
    assert 'title="No previous rank: created by a merger on 1 April 2019"' in page.split(f'<tr data-code="{code}"')[1]


def test_edition_selector_defaults_to_the_latest_ranked_edition(demo_report):
    summary, facts = demo_report
    page = summary["path"].read_text(encoding="utf-8")
    select = page[page.index('<select id="edition-select"') :]
    select = select[: select.index("</select>")]
    options = re.findall(r'<option value="(\d+)"( selected)?>([^<]*)</option>', select)
    assert [int(value) for value, _, _ in options] == sorted(facts["ranked_overall"], reverse=True)
    assert [int(value) for value, selected, _ in options if selected] == [summary["edition"]]
    assert all(
        label == f"{value} edition ({len(facts['ranked_overall'][int(value)])} ranked)" for value, _, label in options
    )


def test_build_summary_heads_the_report(demo_report, tmp_path, monkeypatch):
    """The lines of council_index.summary head the report, as they are."""
    import shutil

    from council_index import summary as build_summary

    db = tmp_path / "fixture.duckdb"
    shutil.copy(demo_report[0]["path"].with_name("fixture.duckdb"), db)
    lines = ["2019 edition: 13 councils ranked overall, 6 lenses scored", "2017 edition: no council ranked <why>"]
    monkeypatch.setattr(build_summary, "summary_lines", lambda path: lines if Path(path) == db else [])
    page = build_report(db, tmp_path / "index.html")["path"].read_text(encoding="utf-8")
    head = page[page.index('<section id="build-summary">') :]
    assert head.index("</section>") < len(head) and page.index('id="build-summary"') < page.index('id="league"')
    assert [html.unescape(li) for li in re.findall(r"<li>(.*?)</li>", head[: head.index("</section>")])] == lines
    monkeypatch.setattr(build_summary, "summary_lines", lambda path: [])
    page = build_report(db, tmp_path / "index.html")["path"].read_text(encoding="utf-8")
    assert 'id="build-summary"' not in page


# The league table's rows as the page shows them: code, class, and per cell its text (marks apart), class, data-sort
# (as a number), link, title and marks (kind and reason).
LEAGUE_ROWS = """JSON.stringify(Array.prototype.map.call(document.querySelectorAll('#league-table tbody tr'), function (tr) {
  return {code: tr.getAttribute('data-code'), css: tr.className, cells: Array.prototype.map.call(tr.cells, function (td) {
    var marks = Array.prototype.map.call(td.querySelectorAll('.caveat'), function (m) {
      return [m.className.replace('caveat c-', ''), m.title, m.getAttribute('aria-label'), m.textContent]; });
    var copy = td.cloneNode(true); copy.querySelectorAll('.marks').forEach(function (m) { m.remove(); });
    var link = td.querySelector('a');
    return {text: copy.textContent, css: td.className, title: td.title, link: link ? link.getAttribute('href') : null,
            sort: td.hasAttribute('data-sort') ? parseFloat(td.getAttribute('data-sort')) : null, marks: marks};
  })};
}))"""


# The edition-wide caveats as the page shows them: per table, the mark kinds of each column heading and the note's
# items (kind and text), and whether the note is hidden.
COMMON = """JSON.stringify(['league-table', 'lens-table-older_people', 'lens-table-waste_recycling'].map(function (id) {
  var box = document.querySelector('.common-caveats[data-table="' + id + '"]');
  return {id: id, hidden: box.hidden,
    heads: Array.prototype.map.call(document.querySelectorAll('#' + id + ' thead th'), function (th) {
      return Array.prototype.map.call(th.querySelectorAll('.caveat'), function (m) { return m.className.replace('caveat c-', ''); }); }),
    note: Array.prototype.map.call(box.querySelectorAll('li'), function (li) {
      return [li.querySelector('.caveat').className.replace('caveat c-', ''), li.textContent]; })};
}))"""


@needs_chromium
def test_edition_selector_switches_the_tables_and_council_pages_in_chromium(demo_report):
    """Picking an edition shows its league table, its unranked councils with why, its lens tables and charts and the
    council pages of that edition; picking the default again shows exactly the table the page was served with."""
    import json

    summary, facts = demo_report
    default, first = summary["edition"], min(facts["ranked_overall"])
    with browser.DevTools() as chrome:
        tab = chrome.open(summary["path"].resolve().as_uri(), width=1400)
        try:
            tab.wait_for("document.getElementById('report-status').getAttribute('data-ready') === 'true'")
            served = json.loads(tab.evaluate(LEAGUE_ROWS))
            served_common = json.loads(tab.evaluate(COMMON))
            tab.evaluate(
                f"(function () {{ var s = document.getElementById('edition-select'); s.value = '{first}';"
                " s.dispatchEvent(new Event('change')); })()"
            )
            switched = json.loads(tab.evaluate(LEAGUE_ROWS))
            switched_common = json.loads(tab.evaluate(COMMON))
            state = json.loads(
                tab.evaluate(
                    """JSON.stringify({
                    labels: Array.prototype.map.call(document.querySelectorAll('.edition-label'), function (e) { return e.textContent; }),
                    count: document.querySelector('#league .league-count').textContent,
                    unrankedHidden: document.getElementById('league-unranked').hidden,
                    unranked: Array.prototype.map.call(document.querySelectorAll('#league-unranked li'), function (li) { return li.textContent; }),
                    lensRows: document.querySelectorAll('#lens-table-older_people tbody tr').length,
                    caption: document.querySelector('#chart-scatter-older_people').parentElement.querySelector('figcaption').textContent,
                    scatterPoints: document.querySelectorAll('#chart-scatter-older_people .scatterlayer .point').length,
                    rowCount: document.querySelector('.row-count[data-table="league-table"]').textContent})"""
                )
            )
            tab.evaluate(f"location.hash = 'council/{facts['ranked_overall'][first][0]}'")
            tab.wait_for("document.body.classList.contains('council-mode')")
            council = tab.evaluate("document.getElementById('council-summary').textContent")
            council_caveats = json.loads(
                tab.evaluate(
                    "JSON.stringify(Array.prototype.map.call(document.querySelectorAll('#council-caveats li'),"
                    " function (li) { return li.textContent; }))"
                )
            )
            tab.evaluate("location.hash = 'league'")
            tab.evaluate(
                f"(function () {{ var s = document.getElementById('edition-select'); s.value = '{default}';"
                " s.dispatchEvent(new Event('change')); })()"
            )
            back = json.loads(tab.evaluate(LEAGUE_ROWS))
            back_common = json.loads(tab.evaluate(COMMON))
            problems = tab.console_problems()
            errors = tab.evaluate("document.getElementById('report-status').getAttribute('data-errors')")
        finally:
            tab.close()
    assert not problems and errors == "0", (problems, errors)
    assert [row["code"] for row in served] == [row["code"] for row in back]
    assert back == served, "the script draws the default edition exactly as the page was served"
    assert back_common == served_common, "and its edition-wide caveats too"
    # the fixture's edition-wide caveats: the last lens's spend year in the default edition, the second lens's
    # substitutes in the first; in the league table's lens heading, the lens table's Rank heading and the notes
    league_served, older_served, waste_served = served_common
    assert [kinds for kinds in league_served["heads"] if kinds] == [["fallback-year"]]
    assert [kind for kind, _ in league_served["note"]] == ["fallback-year"] and not league_served["hidden"]
    assert older_served["hidden"] and not any(older_served["heads"])
    assert waste_served["heads"][0] == ["fallback-year"] and not waste_served["hidden"]
    assert waste_served["note"][0][1].startswith("Y Waste and recycling: spend from the ")
    league_first, older_first, waste_first = switched_common
    assert [kinds for kinds in league_first["heads"] if kinds] == [["substitutes"]]
    assert older_first["heads"][0] == ["substitutes"] and [k for k, _ in older_first["note"]] == ["substitutes"]
    assert waste_first["hidden"] and not any(waste_first["heads"])
    assert not any("substitutes" in [m[0] for m in cell["marks"]] for row in switched for cell in row["cells"])
    assert any(text.endswith("(as for every ranked council in this edition).") for text in council_caveats), (
        council_caveats
    )
    assert any(cell["marks"] for row in served for cell in row["cells"]), "the fixture's marks are in the table"
    assert sorted(row["code"] for row in switched) == facts["ranked_overall"][first]
    assert set(state["labels"]) == {str(first)}
    assert state["count"] == str(len(facts["ranked_overall"][first]))
    assert state["rowCount"] == f"{len(facts['ranked_overall'][first])} rows"
    assert not state["unrankedHidden"] and len(state["unranked"]) == 1
    assert state["unranked"][0].endswith(": fixture: ranked in 4 lenses, an overall rank needs 5")
    assert state["lensRows"] == len(facts["ranked_overall"][default]) and f"({first} edition)" in state["caption"]
    data = load(summary["path"].with_name("fixture.duckdb"))
    lens = data.lens_productivity
    ranked_older = lens[(lens["edition"] == first) & (lens["lens_id"] == "older_people") & lens["lens_rank"].notna()]
    assert state["scatterPoints"] == len(ranked_older) < state["lensRows"]
    assert council.startswith("Overall rank ") and f"in the {first} edition" in council


# What the "why this rank" block of a council page shows.
WHY = """JSON.stringify({
  table: Array.prototype.map.call(document.querySelectorAll('#council-why tbody tr'), function (tr) {
    return Array.prototype.map.call(tr.cells, function (td) { return td.textContent; }); }),
  pull: Array.prototype.map.call(document.querySelectorAll('#council-pull .hbar-row'), function (r) {
    return [r.querySelector('.hbar-label').firstChild.textContent, r.querySelector('.hbar-value').textContent]; }),
  drivers: Array.prototype.map.call(document.querySelectorAll('#council-drivers .driver'), function (d) {
    return {lens: d.getAttribute('data-lens'), rows: Array.prototype.map.call(d.querySelectorAll('.hbar-row'), function (r) {
      var fill = r.querySelector('.hbar-fill'), track = r.querySelector('.hbar-track').getBoundingClientRect();
      return {value: r.querySelector('.hbar-value').textContent, capped: !!r.querySelector('.hbar-fill.capped'),
              width: fill ? fill.getBoundingClientRect().width / track.width : 0}; })}; }),
  note: document.getElementById('council-pull-note').textContent
})"""


@needs_chromium
def test_council_page_explains_the_rank_in_chromium(layout_report, layout_walk):
    """ "Why this rank": each lens's rank against the council's mean lens rank, and per lens the indicator scores (outcome
    side) and the spend per head against the median (money side); values beyond the axis drawn to its edge and
    labelled, the others keeping their scale. Read on the layout walk's council page (layout_walk), where the blocks
    are drawn as a click on the council's name draws them."""
    summary, facts, code, lens_ranks = layout_report
    data = load(summary["path"].with_name("fixture.duckdb"))
    edition = summary["edition"]
    mean = data.overall_rows[(edition, code)]["mean_lens_rank"]
    for width, walk in layout_walk.items():
        folded, why = walk.on_council
        assert folded == [width >= 700] * len(data.lens_ids), folded  # folded on a phone
        assert [row[0] for row in why["table"]] == [data.lens_names[l] for l in data.lens_ids]
        for lens_id, row in zip(data.lens_ids, why["table"]):
            rank = lens_ranks[lens_id]
            assert row[1].startswith(str(rank))
            assert row[2] == f"{'pulls up' if mean - rank >= 0 else 'pulls down'} {abs(mean - rank):.1f}", row
        assert [p[0] for p in why["pull"]] == [data.lens_names[l] for l in data.lens_ids]
        for lens_id, (_, value) in zip(data.lens_ids, why["pull"]):
            shift = round((mean - lens_ranks[lens_id]) * 10) / 10
            assert value == ("+" if shift > 0 else "\u2212" if shift < 0 else "") + f"{abs(shift):.1f} places"
        assert why["note"].startswith(f"Mean lens rank {mean:.1f} over 6 ranked lenses: overall rank ")
        drivers = {d["lens"]: d["rows"] for d in why["drivers"]}
        assert list(drivers) == data.lens_ids
        scores = data.scores[(data.scores["edition"] == edition) & (data.scores["authority_code"] == code)]
        for lens_id in data.lens_ids:
            indicators = len(scores[scores["lens_id"] == lens_id])
            assert len(drivers[lens_id]) == indicators + 1  # the indicator scores, then the spend
        # the score of 5.2 is drawn to the edge (half the track) and labelled; the others keep their scale
        outcome = [row for rows in drivers.values() for row in rows[:-1]]
        capped = [row for row in outcome if row["capped"]]
        beyond = [v for v in scores["score"] if abs(v) > 3]
        expected = [("+" if v > 0 else "\u2212") + f"{abs(v):.2f} " + ("\u25b8" if v > 0 else "\u25c2") for v in beyond]
        assert "+5.20 \u25b8" in expected
        assert sorted(row["value"] for row in capped) == sorted(expected), capped
        assert all(row["width"] == pytest.approx(0.5, abs=0.01) for row in capped)
        others = sorted(row["width"] for row in outcome if not row["capped"])
        assert others[-1] > 0.1, "the other bars are squashed"
        # the spend of 260% of the median: capped at +100% and labelled
        spend = drivers["housing_homelessness"][-1]
        assert spend["capped"] and spend["value"] == "\u00a3806 (+160%) \u25b8", spend


def test_a_caveat_every_row_carries_is_said_once_and_rows_that_differ_keep_their_mark():
    """page._shared: every ranked row carries the caveat. All with one reason: said once (the reason), no row
    keeps a mark; most with one reason (another spend year for a few): said once with how many, the others keep
    their marks; no reason held by more than half: the general meaning, every row keeps its mark."""
    from council_index.report import caveats, page

    fallback = caveats.BY_KIND["fallback-year"]

    def mark(year):
        return ("fallback-year", "Y", f"Waste: spend from the {year} RA budget")

    everyone = page._shared(fallback, [mark("2021-22")] * 3, "Waste")
    assert everyone.unanimous and everyone.mark == mark("2021-22") and everyone.row_reason == mark("2021-22")[2]
    assert page._without([mark("2021-22")], [everyone]) == []
    most = page._shared(fallback, [mark("2021-22")] * 3 + [mark("2019-20")], "Waste")
    assert not most.unanimous and most.row_reason == mark("2021-22")[2]
    assert most.mark[2] == (
        "Waste: spend from the 2021-22 RA budget (for 3 of the 4 ranked councils; the other 1 is marked on its row)"
    )
    assert page._without([mark("2021-22")], [most]) == [] and page._without([mark("2019-20")], [most]) == [
        mark("2019-20")
    ]
    split = page._shared(fallback, [mark("2021-22"), mark("2019-20")], "Waste")
    assert split.row_reason == "" and split.mark[2].startswith("Waste: the spend figure comes from an earlier")
    assert page._without([mark("2021-22")], [split]) == [mark("2021-22")]
    low = ("low-spend", "£", "Waste: implausibly low spend")
    assert page._without([low, mark("2021-22")], [everyone]) == [low]  # other caveats are untouched
