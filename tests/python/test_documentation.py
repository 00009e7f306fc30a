"""Every model, column, macro, seed and source documented; every mart under contract and tested.

The fast tests read the manifest of a fresh parse of the project (the session fixture ``manifest``
of conftest.py: one ``dbt docs generate`` into a temporary target folder, against a throwaway DuckDB
file, shared with test_docs_site.py and test_indicator_models.py) and check:

- every model, seed, snapshot and source table (and its source) has a non-empty description, and
  every model and seed has a properties (yml) entry;
- every declared column of a model, seed or source has a description; a seed declares exactly the
  columns of its CSV header;
- every project macro in ``macros/`` (dispatch implementations and generic tests included) has a
  description in a properties yml under ``macros/``, and its ``arguments`` there are exactly the
  macro's signature, each with a description; no yml documents a macro that does not exist;
- every mart (``models/marts/**``) has ``contract: {enforced: true}``, a ``data_type`` for every
  column and at least one data test.

The slow test compares the declared columns of every model and seed with the columns the demo
warehouse really has (its catalog, ``information_schema.columns``), so staging and intermediate
models, which have no contract, cannot grow undocumented columns either. It reuses the demo
warehouse other slow tests build (``demo_build.demo_warehouse("build_a")``), or the DuckDB file
named by ``INDEX_DOCS_DB`` when set.

Each failure message lists exactly what is missing, one item per line.
"""

from __future__ import annotations

import csv
import os
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
PROJECT = "council_productivity"


def listing(problems: list[str], what: str) -> str:
    return f"{len(problems)} {what}:\n  " + "\n  ".join(sorted(problems))


def project_nodes(manifest: dict, *resource_types: str) -> list[dict]:
    return sorted(
        (
            node
            for node in manifest["nodes"].values()
            if node["package_name"] == PROJECT and node["resource_type"] in resource_types
        ),
        key=lambda node: node["unique_id"],
    )


def project_macros(manifest: dict) -> list[dict]:
    return sorted(
        (
            macro
            for macro in manifest["macros"].values()
            if macro["package_name"] == PROJECT and macro["original_file_path"].startswith("macros/")
        ),
        key=lambda macro: macro["unique_id"],
    )


def marts(manifest: dict) -> list[dict]:
    return [node for node in project_nodes(manifest, "model") if node["original_file_path"].startswith("models/marts/")]


def yml_path(patch_path: str | None) -> str:
    """``council_productivity://models/x.yml`` -> ``models/x.yml``."""
    return (patch_path or "").split("://", 1)[-1]


def blank(text: str | None) -> bool:
    return not (text or "").strip()


# --- signatures ------------------------------------------------------------------------------------

SIGNATURE = re.compile(r"\{%-?\s*(?:macro|test|materialization)\s+(\w+)\s*\((.*?)\)\s*-?%\}", re.S)


def split_top_level(text: str) -> list[str]:
    """Split an argument list at the commas outside brackets and quotes."""
    parts, depth, quote, current = [], 0, None, []
    for char in text:
        if quote:
            quote = None if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append("".join(current))
            current = []
            continue
        current.append(char)
    parts.append("".join(current))
    return [part.strip() for part in parts if part.strip()]


def signature_arguments(macro: dict) -> list[str]:
    """The parameter names of a macro (or generic test) from its source, in order."""
    match = SIGNATURE.search(macro["macro_sql"])
    assert match, f"no macro signature found in {macro['original_file_path']} ({macro['name']})"
    return [part.split("=", 1)[0].strip() for part in split_top_level(match.group(2))]


def test_split_top_level_and_signature_parsing():
    assert split_top_level("a, b=[1, 2], c='x,y', d={'k': (1, 2)}") == ["a", "b=[1, 2]", "c='x,y'", "d={'k': (1, 2)}"]
    macro = {
        "original_file_path": "macros/x.sql",
        "name": "test_accepted_range",
        "macro_sql": "{% test accepted_range(model, column_name, min_value=none, inclusive=true) %} x {% endtest %}",
    }
    assert signature_arguments(macro) == ["model", "column_name", "min_value", "inclusive"]
    assert (
        signature_arguments({"original_file_path": "m", "name": "f", "macro_sql": "{%- macro f() -%}1{%- endmacro %}"})
        == []
    )


# --- models, seeds, snapshots, sources -------------------------------------------------------------


def test_every_model_seed_snapshot_and_source_table_has_a_description(manifest):
    problems = [
        f"{node['resource_type']} {node['name']} ({node['original_file_path']}): no description"
        for node in project_nodes(manifest, "model", "seed", "snapshot")
        if blank(node["description"])
    ]
    problems += [
        f"{node['resource_type']} {node['name']} ({node['original_file_path']}): no properties yml entry"
        for node in project_nodes(manifest, "model", "seed", "snapshot")
        if not node.get("patch_path")
    ]
    for source in manifest["sources"].values():
        if source["package_name"] != PROJECT:
            continue
        if blank(source["description"]):
            problems.append(
                f"source table {source['source_name']}.{source['name']} "
                f"({source['original_file_path']}): no description"
            )
        if blank(source["source_description"]):
            problems.append(f"source {source['source_name']} ({source['original_file_path']}): no description")
    if problems:
        pytest.fail(listing(sorted(set(problems)), "undocumented nodes"), pytrace=False)


def test_every_declared_column_has_a_description(manifest):
    problems = []
    for node in project_nodes(manifest, "model", "seed", "snapshot"):
        problems += [
            f"{node['resource_type']} {node['name']}.{name} ({yml_path(node['patch_path']) or node['original_file_path']})"
            for name, column in node["columns"].items()
            if blank(column["description"])
        ]
    for source in manifest["sources"].values():
        if source["package_name"] == PROJECT:
            problems += [
                f"source {source['source_name']}.{source['name']}.{name} ({source['original_file_path']})"
                for name, column in source["columns"].items()
                if blank(column["description"])
            ]
    if problems:
        pytest.fail(listing(problems, "columns without a description"), pytrace=False)


def test_every_seed_declares_exactly_its_csv_columns(manifest):
    problems = []
    for seed in project_nodes(manifest, "seed"):
        with (ROOT / seed["original_file_path"]).open(newline="", encoding="utf-8") as handle:
            header = next(csv.reader(handle))
        declared = {name.lower() for name in seed["columns"]}
        problems += [
            f"seed {seed['name']}.{name}: in the CSV, not in {yml_path(seed['patch_path'])}"
            for name in header
            if name.lower() not in declared
        ]
        problems += [
            f"seed {seed['name']}.{name}: declared in {yml_path(seed['patch_path'])}, not in the CSV"
            for name in sorted(declared - {name.lower() for name in header})
        ]
    if problems:
        pytest.fail(listing(problems, "seed columns documented wrongly"), pytrace=False)


# --- macros ----------------------------------------------------------------------------------------


def test_every_project_macro_is_documented_with_its_arguments(manifest):
    macros = project_macros(manifest)
    assert macros, "no project macros found in the manifest"
    problems = []
    for macro in macros:
        where = f"macro {macro['name']} ({macro['original_file_path']})"
        patch = macro.get("patch_path") or ""
        if not patch:
            problems.append(f"{where}: no entry in a macros properties yml")
            continue
        if not yml_path(patch).startswith("macros/"):
            problems.append(f"{where}: documented in {yml_path(patch)}, not in a properties yml under macros/")
        if blank(macro["description"]):
            problems.append(f"{where}: no description")
        expected = signature_arguments(macro)
        documented = [argument["name"] for argument in macro["arguments"]]
        if documented != expected:
            problems.append(f"{where}: arguments documented {documented}, signature has {expected}")
        problems += [
            f"{where}: argument {argument['name']} has no description"
            for argument in macro["arguments"]
            if blank(argument.get("description"))
        ]
    if problems:
        pytest.fail(listing(problems, "macro documentation problems"), pytrace=False)


def test_macro_properties_document_only_existing_macros(manifest):
    existing = {macro["name"] for macro in project_macros(manifest)}
    problems = []
    for path in sorted((ROOT / "macros").rglob("*.yml")):
        content = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for entry in content.get("macros") or []:
            if entry.get("name") not in existing:
                problems.append(f"{path.relative_to(ROOT)}: documents {entry.get('name')!r}, which is no macro")
    if problems:
        pytest.fail(listing(problems, "stale macro entries"), pytrace=False)


# --- marts -----------------------------------------------------------------------------------------


def test_every_mart_has_an_enforced_contract_and_a_data_test(manifest):
    tested = set()
    for test in project_nodes(manifest, "test"):
        tested.update(test["depends_on"]["nodes"])
        if test.get("attached_node"):
            tested.add(test["attached_node"])
    found = marts(manifest)
    assert found, "no marts found under models/marts"
    problems = []
    for mart in found:
        where = f"mart {mart['name']} ({mart['original_file_path']})"
        if not (mart["config"].get("contract") or {}).get("enforced"):
            problems.append(f"{where}: no `contract: {{enforced: true}}`")
        if not mart["columns"]:
            problems.append(f"{where}: no columns declared")
        problems += [
            f"{where}: column {name} has no data_type"
            for name, column in mart["columns"].items()
            if blank(column.get("data_type"))
        ]
        if mart["unique_id"] not in tested:
            problems.append(f"{where}: no data test")
    if problems:
        pytest.fail(listing(problems, "mart problems"), pytrace=False)


# --- declared columns against the built warehouse ---------------------------------------------------


@pytest.fixture(scope="module")
def warehouse_columns() -> dict[tuple[str, str], list[str]]:
    """(schema, table) -> columns, from the catalog of a built demo warehouse."""
    import duckdb

    named = os.environ.get("INDEX_DOCS_DB")
    if named:
        db = Path(named)
        assert db.is_file(), f"INDEX_DOCS_DB={named}: no such warehouse"
    else:
        from demo_build import demo_warehouse

        db = demo_warehouse("build_a")
    connection = duckdb.connect(str(db), read_only=True)
    try:
        rows = connection.execute(
            "select table_schema, table_name, column_name from information_schema.columns "
            "order by table_schema, table_name, ordinal_position"
        ).fetchall()
    finally:
        connection.close()
    columns: dict[tuple[str, str], list[str]] = {}
    for schema, table, column in rows:
        columns.setdefault((schema.lower(), table.lower()), []).append(column)
    return columns


@pytest.mark.slow
def test_declared_columns_match_the_built_warehouse(manifest, warehouse_columns):
    problems = []
    for node in project_nodes(manifest, "model", "seed", "snapshot"):
        if node["config"].get("materialized") == "ephemeral":
            continue
        relation = (node["schema"].lower(), (node["alias"] or node["name"]).lower())
        actual = warehouse_columns.get(relation)
        where = f"{node['resource_type']} {node['name']}"
        if actual is None:
            problems.append(f"{where}: not found in the warehouse as {'.'.join(relation)}")
            continue
        declared = {name.lower() for name in node["columns"]}
        problems += [
            f"{where}.{column}: in the warehouse, not declared in "
            f"{yml_path(node['patch_path']) or 'any properties yml'}"
            for column in actual
            if column.lower() not in declared
        ]
        problems += [
            f"{where}.{name}: declared in {yml_path(node['patch_path'])}, not in the warehouse"
            for name in sorted(declared - {column.lower() for column in actual})
        ]
    if problems:
        pytest.fail(listing(problems, "columns documented differently from the warehouse"), pytrace=False)


def test_make_test_runs_the_dbt_unit_tests():
    """Data builds skip the dbt unit tests (index-build excludes resource type unit_test unless
    --unit-tests); `make test` must still run them, or CI would stop checking the SQL rules."""
    makefile = (ROOT / "Makefile").read_text()
    recipe = makefile.split("\ndbt-test-demo:")[1].split("\n\n")[0]
    assert "dbt-test-demo" in makefile.split("\ndbt-test:")[1].split("\n")[0]  # make dbt-test runs it
    assert "dbt-test-demo" in makefile.split("\ntest:")[1].split("\n\n")[0]  # and so does make test
    assert "index-build --unit-tests" in recipe
    build = (ROOT / "scripts" / "council_index" / "build.py").read_text()
    assert '"--exclude-resource-type", "unit_test"' in build


# --- one direction of flow ---------------------------------------------------------------------

LAYERS = {"staging": 0, "intermediate": 1, "marts": 2}
# What each layer may read: staging only sources; intermediate staging, intermediate and seeds;
# marts intermediate, marts and seeds.
ALLOWED = {
    "staging": {"source"},
    "intermediate": {"staging", "intermediate", "seed"},
    "marts": {"intermediate", "marts", "seed"},
}


def layer_of(node: dict) -> str:
    if node["resource_type"] in ("seed", "source"):
        return node["resource_type"]
    parts = node["original_file_path"].split("/")
    return parts[1] if parts[0] == "models" and len(parts) > 2 else "other"


def layer_violations(manifest: dict) -> list[str]:
    everything = {**manifest["nodes"], **manifest["sources"]}
    problems = []
    for node in project_nodes(manifest, "model"):
        layer = layer_of(node)
        if layer not in ALLOWED:
            problems.append(f"{node['name']}: not under models/staging, models/intermediate or models/marts")
            continue
        for parent_id in node["depends_on"]["nodes"]:
            parent = everything.get(parent_id)
            if parent is None or parent.get("package_name") != "council_productivity":
                continue
            parent_layer = layer_of(parent)
            if parent_layer not in ALLOWED[layer]:
                problems.append(f"{layer} model {node['name']} reads {parent_layer} {parent['name']}")
    return problems


def test_the_dag_flows_one_way(manifest):
    problems = layer_violations(manifest)
    assert not problems, listing(
        problems, "models reading against the flow sources -> staging -> intermediate -> marts"
    )


def test_layer_rule_catches_a_backwards_read():
    node = {
        "resource_type": "model",
        "name": "int_x",
        "original_file_path": "models/intermediate/x/int_x.sql",
        "package_name": "council_productivity",
        "unique_id": "model.council_productivity.int_x",
        "depends_on": {"nodes": ["model.council_productivity.fct_y", "seed.council_productivity.s"]},
    }
    mart = {
        "resource_type": "model",
        "name": "fct_y",
        "original_file_path": "models/marts/y/fct_y.sql",
        "package_name": "council_productivity",
        "unique_id": "model.council_productivity.fct_y",
        "depends_on": {"nodes": []},
    }
    seed = {
        "resource_type": "seed",
        "name": "s",
        "original_file_path": "seeds/s.csv",
        "package_name": "council_productivity",
        "unique_id": "seed.council_productivity.s",
    }
    manifest = {"nodes": {n["unique_id"]: n for n in (node, mart, seed)}, "sources": {}}
    assert layer_violations(manifest) == ["intermediate model int_x reads marts fct_y"]


def test_engine_port_check_selector_builds_every_model_and_leaves_out_only_lower_layer_generic_tests(
    manifest, tmp_path
):
    """selectors.yml's engine_port_check (CI's engine comparisons): every model and seed, the data tests declared on
    the marts and seeds and every singular test (tests/dbt); only the generic tests declared in models/staging and
    models/intermediate (sources included) are left out. dbt itself evaluates the selector, on this run's parse."""
    import json

    import duckdb
    from demo_build import run_dbt

    db = tmp_path / "ls.duckdb"
    duckdb.connect(str(db)).close()
    result = run_dbt(
        db, "-q", "ls", "--selector", "engine_port_check", "--output", "json", "--output-keys", "unique_id"
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    selected = {json.loads(line)["unique_id"] for line in result.stdout.splitlines() if line.startswith("{")}
    nodes = manifest["nodes"]
    assert {uid for uid, node in nodes.items() if node["resource_type"] in ("model", "seed")} <= selected
    tests = {uid: node for uid, node in nodes.items() if node["resource_type"] == "test"}
    lower = ("models/staging/", "models/intermediate/")
    left_out = {uid for uid in tests if uid not in selected}
    assert left_out == {uid for uid, node in tests.items() if node["original_file_path"].startswith(lower)}
    assert left_out, "the selector leaves the staging and intermediate generic tests out"
    kept = {uid for uid, node in tests.items() if node["original_file_path"].startswith(("models/marts/", "tests/"))}
    assert kept and kept <= selected

    # every generic test of the project (macros/tests) still runs on the engines CI builds with this selector; of
    # dbt's own generic tests, only not_null is declared on lower layers alone (dbt's SQL, not ours to port)
    def kinds(uids):
        return {tests[uid]["test_metadata"]["name"] for uid in uids if tests[uid].get("test_metadata")}

    assert kinds(tests) - kinds(set(tests) & selected) <= {"not_null"}, kinds(tests) - kinds(set(tests) & selected)
