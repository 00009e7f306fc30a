"""The dbt docs site: pages generated from the catalogue, overview, exposures, and the site in Chromium."""

from __future__ import annotations

import csv
import html
import re
from pathlib import Path

import browser
import pytest
import yaml

from council_index import docs_from_catalogue as generator
from council_index.errors import CommandError

ROOT = Path(__file__).resolve().parents[2]
needs_chromium = pytest.mark.skipif(
    browser.chromium() is None, reason="chromium is not installed (apt-get install chromium; .ci/run does)"
)


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def doc_blocks(text: str) -> dict[str, str]:
    return {name: body for name, body in re.findall(r"{% docs (\w+) %}(.*?){% enddocs %}", text, re.S)}


def test_generated_docs_are_up_to_date():
    stale = generator.stale_files(generator.generated_files())
    assert not stale, f"run `index-docs` (or make docs): out of date {stale}"


def test_every_indicator_and_lens_has_a_doc_block_with_its_definition():
    catalogue = read_csv(generator.CATALOGUE)
    lenses = read_csv(generator.LENSES)
    blocks = doc_blocks(generator.DOCS_FILE.read_text(encoding="utf-8"))
    assert {f"indicator_{row['indicator_id']}" for row in catalogue} | {f"lens_{l['lens_id']}" for l in lenses} == set(
        blocks
    )
    for row in catalogue:
        block = " ".join(blocks[f"indicator_{row['indicator_id']}"].split())
        for column in ("name", "definition", "numerator", "denominator", "unit"):
            assert " ".join(row[column].split()).replace("|", "\\|") in block, (row["indicator_id"], column)
        assert row["polarity"] in block and row["publisher_url"] in block and row["source_dataset_id"] in block


def test_generator_renders_from_the_rows_it_is_given():
    lenses = [{"lens_id": "l1", "lens_name": "Lens one", "sort_order": "1", "description": "d", "spend_basis": "s"}]
    row = {
        "indicator_id": "x_one",
        "lens_id": "l1",
        "name": "One",
        "definition": "Counts ones | twos.",
        "numerator": "n",
        "denominator": "d",
        "unit": "percent",
        "polarity": "lower_is_better",
        "source_dataset_id": "ds",
        "publisher_url": "https://example.org/x",
        "rationale": "r",
    }
    files = generator.render([row], lenses, {"ds": {"publisher": "Pub", "title": "Title"}})
    docs = files[generator.DOCS_FILE.relative_to(ROOT)]
    assert "{% docs indicator_x_one %}" in docs and "{% docs lens_l1 %}" in docs
    assert "Counts ones \\| twos." in docs and "**lower is better**" in docs and "Pub, Title" in docs
    analyses = yaml.safe_load(files[(generator.ANALYSES_DIR / "_lenses__analyses.yml").relative_to(ROOT)])
    assert analyses["analyses"][0]["name"] == "lens_l1"
    assert "doc('indicator_x_one')" in analyses["analyses"][0]["description"]
    with pytest.raises(CommandError, match="Jinja"):
        generator.render([{**row, "definition": "a {{ b }}"}], lenses, {})
    with pytest.raises(CommandError, match="unknown lens_id"):
        generator.render([{**row, "lens_id": "nope"}], lenses, {})


def test_lens_pages_open_with_a_plain_title_and_editions_get_coverage_pages():
    lenses = [{"lens_id": "l1", "lens_name": "Lens one", "sort_order": "1", "description": "d", "spend_basis": "s"}]
    base = {
        "lens_id": "l1",
        "definition": "d",
        "numerator": "n",
        "denominator": "d",
        "unit": "percent",
        "polarity": "higher_is_better",
        "publisher_url": "https://example.org/x",
        "rationale": "r",
    }
    rows = [
        {
            **base,
            "indicator_id": "x_one",
            "name": "One",
            "source_dataset_id": "ds",
            "substitutes_for": "",
            "other_source_dataset_ids": "ds_b ds_c",
        },
        {
            **base,
            "indicator_id": "x_sub",
            "name": "Stand-in",
            "source_dataset_id": "ds_s",
            "substitutes_for": "x_one",
            "other_source_dataset_ids": "",
        },
    ]
    edition = {
        "edition": "2018",
        "publication_date": "2018-08-01",
        "outcome_period_end_year": "2018",
        "budget_financial_year": "2018-19",
        "description": "The update.",
    }
    files = generator.render(rows, lenses, {"ds_b": {"publisher": "PubB", "title": "TitleB"}}, [edition])
    lens_page = yaml.safe_load(files[(generator.ANALYSES_DIR / "_lenses__analyses.yml").relative_to(ROOT)])
    assert lens_page["analyses"][0]["description"].startswith(
        "# Lens one: the lens and its 1 indicators and 1 substitute"
    )
    docs = files[generator.DOCS_FILE.relative_to(ROOT)]
    assert "where it has no value: `ds_b`: PubB, TitleB; `ds_c`" in docs  # every source the values may come from
    coverage = files[generator.COVERAGE_DOCS_FILE.relative_to(ROOT)]
    block = coverage.split("{% docs coverage_2018 %}")[1].split("{% enddocs %}")[0]
    assert "# Coverage of the 2018 edition" in block and "2018-08-01" in block and "2018-19" in block
    assert "| One (`x_one`) | `ds` `ds_b` `ds_c` | Stand-in (`x_sub`) |" in block
    assert "x_sub`) |" not in block.split("| One (`x_one`)")[0]  # a substitute has no row of its own
    sql = files[(generator.COVERAGE_DIR / "coverage_2018.sql").relative_to(ROOT)]
    # the page is the one coverage query of its edition; it reads the coverage mart's rows of the edition, and the
    # real / substitute / missing rule stays in the mart
    assert [line for line in sql.splitlines() if not line.startswith("--")] == ["{{ edition_coverage_page(2018) }}"]
    macro = (ROOT / "macros" / "docs" / "edition_coverage_page.sql").read_text(encoding="utf-8")
    assert "where coverage.edition = {{ edition }}" in macro and "ref('fct_indicator_coverage')" in macro
    assert "coverage.coverage_status" in macro and "case" not in macro.lower().split() and "'real'" not in macro
    assert "`fct_source_coverage` (filter `edition = 2018 and is_used`)" in block
    pages = yaml.safe_load(files[(generator.COVERAGE_DIR / "_coverage__analyses.yml").relative_to(ROOT)])
    assert [page["name"] for page in pages["analyses"]] == ["coverage_2018"]
    assert pages["analyses"][0]["config"]["meta"]["title"] == "Coverage of the 2018 edition"
    assert (
        lens_page["analyses"][0]["config"]["meta"]["title"]
        == "Lens one: the lens and its 1 indicators and 1 substitute"
    )
    assert generator.coverage_page("2018") == "#!/analysis/analysis.council_productivity.coverage_2018"
    assert generator.COVERAGE_DOCS_FILE.relative_to(ROOT) not in generator.render(rows, lenses, {})  # no editions


def test_overview_links_every_edition_coverage_page():
    overview = (ROOT / "models" / "_overview__docs.md").read_text(encoding="utf-8")
    with (ROOT / "seeds" / "editions.csv").open(newline="", encoding="utf-8") as handle:
        for edition in csv.DictReader(handle):
            assert generator.coverage_page(edition["edition"]) in overview, edition["edition"]


def test_overview_covers_the_method_and_links_every_lens():
    overview = doc_blocks((ROOT / "models" / "_overview__docs.md").read_text(encoding="utf-8"))["__overview__"]
    for word in ("Normalisation", "Productivity", "Ranking", "Financial grip"):
        assert word in overview
    for lens in read_csv(generator.LENSES):
        assert generator.lens_page(lens["lens_id"]) in overview, lens["lens_id"]


def test_exposures_depend_on_existing_marts():
    exposures = yaml.safe_load((ROOT / "models" / "_exposures.yml").read_text(encoding="utf-8"))["exposures"]
    assert {e["name"] for e in exposures} >= {"league_table_report", "bi_exports"}
    marts = {path.stem for path in (ROOT / "models" / "marts").rglob("*.sql")}
    for exposure in exposures:
        refs = [re.fullmatch(r"ref\('(\w+)'\)", item).group(1) for item in exposure["depends_on"]]
        assert refs and set(refs) <= marts, (exposure["name"], set(refs) - marts)
    # the exports read every mart: each mart that no var can disable is listed
    always_on = {
        path.stem
        for path in (ROOT / "models" / "marts").rglob("*.sql")
        if "enabled=" not in path.read_text(encoding="utf-8").replace(" ", "")
    }
    exports = next(e for e in exposures if e["name"] == "bi_exports")
    missing = always_on - {re.fullmatch(r"ref\('(\w+)'\)", item).group(1) for item in exports["depends_on"]}
    assert not missing, f"add to the bi_exports exposure: {sorted(missing)}"
    report = next(e for e in exposures if e["name"] == "league_table_report")
    for mart in ("fct_overall_productivity", "fct_lens_productivity", "fct_rank_changes", "fct_indicator_scores"):
        assert f"ref('{mart}')" in report["depends_on"]


def test_title_site_puts_the_plain_title_in_the_analysis_page_header(tmp_path):
    """index-docs --site: the analysis page's header shows config.meta.title (node name beside it); once only; a
    site whose header is not where it is expected is an error naming the file, not a silent no-op."""
    header = '<h1>\\n    <span class="break">{{ model.name }}</span>\\n    <small>Analysis</small>\\n</h1>'
    model = '<h1><span class="break">{{ model.name }}</span><small>{{ model.config.materialized }}</small></h1>'
    (tmp_path / "index.html").write_text(f"<script>var t = '{model}'; var a = '{header}';</script>", encoding="utf-8")
    assert generator.title_site(tmp_path) is True
    text = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert '<span class="break">{{ model.config.meta.title || model.name }}</span>\\n    <small>' in text
    assert '<small>{{ model.config.meta.title ? model.name : "Analysis" }}</small>' in text
    assert model in text  # model pages keep their node names
    assert generator.title_site(tmp_path) is False and (tmp_path / "index.html").read_text(encoding="utf-8") == text
    (tmp_path / "index.html").write_text(model, encoding="utf-8")
    with pytest.raises(CommandError, match="index.html: found 0 analysis page headers"):
        generator.title_site(tmp_path)
    with pytest.raises(CommandError, match="no docs site"):
        generator.title_site(tmp_path / "nowhere")


@pytest.fixture(scope="module")
def docs_site(dbt_docs_target) -> Path:
    """The docs site: dbt docs generate (empty catalog, a throwaway DuckDB file) into a temporary
    target folder, the session fixture of conftest.py that the documentation tests read too, with its
    analysis pages titled as `make docs` does (index-docs --site)."""
    generator.title_site(dbt_docs_target)
    return dbt_docs_target


def test_manifest_carries_the_lens_pages_and_exposures(docs_site):
    import json

    manifest = json.loads((docs_site / "manifest.json").read_text(encoding="utf-8"))
    catalogue = read_csv(generator.CATALOGUE)
    first = catalogue[0]
    page = manifest["nodes"][f"analysis.council_productivity.lens_{first['lens_id']}"]
    assert " ".join(first["definition"].split()) in " ".join(page["description"].split())
    lens_name = next(l["lens_name"] for l in read_csv(generator.LENSES) if l["lens_id"] == first["lens_id"])
    assert page["config"]["meta"]["title"].startswith(f"{lens_name}: the lens and its ")
    for edition in read_csv(ROOT / "seeds" / "editions.csv"):
        coverage = manifest["nodes"][f"analysis.council_productivity.coverage_{edition['edition']}"]
        assert coverage["config"]["meta"]["title"] == f"Coverage of the {edition['edition']} edition"
        assert coverage["depends_on"]["nodes"][0] == "model.council_productivity.fct_indicator_coverage"
    assert {"exposure.council_productivity.league_table_report", "exposure.council_productivity.bi_exports"} <= set(
        manifest["exposures"]
    )
    assert manifest["docs"]["doc.council_productivity.__overview__"]["block_contents"].startswith("# Council")


@needs_chromium
def test_indicator_definition_is_findable_on_the_docs_site(docs_site):
    catalogue = read_csv(generator.CATALOGUE)
    lenses = read_csv(generator.LENSES)
    artefacts = browser.ARTEFACTS
    with browser.serve_directory(docs_site) as base:
        overview = browser.open_page(f"{base}/index.html#!/overview", screenshot=artefacts / "docs_overview.png")
        assert not overview.console_problems(), overview.console_problems()
        text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", overview.dom)).split())
        assert "The method" in text and "Productivity" in text
        for lens in lenses:  # a page per lens, linked from the overview
            assert generator.lens_page(lens["lens_id"]) in html.unescape(overview.dom)
        row = next(r for r in catalogue if r["lens_id"] == lenses[1]["lens_id"])
        page = browser.open_page(
            f"{base}/index.html{generator.lens_page(row['lens_id'])}",
            screenshot=artefacts / f"docs_lens_{row['lens_id']}.png",
        )
        assert not page.console_problems(), page.console_problems()
        text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page.dom)).split())
        # the page header is the lens's plain title, the node name beside it
        lens_name = next(l["lens_name"] for l in lenses if l["lens_id"] == row["lens_id"])
        heading = re.search(r'<span class="break[^"]*">([^<]*)</span>\s*<small[^>]*>([^<]*)</small>', page.dom)
        assert heading, "no page header"
        assert html.unescape(heading.group(1)).startswith(f"{lens_name}: the lens and its "), heading.group(0)
        assert heading.group(2) == f"lens_{row['lens_id']}", heading.group(0)
        for column in ("name", "definition", "numerator", "denominator"):
            assert " ".join(row[column].split()) in text, column
        assert "lower is better" in text or "higher is better" in text
        assert row["publisher_url"] in html.unescape(page.dom)
