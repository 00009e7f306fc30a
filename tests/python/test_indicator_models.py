"""One home per indicator: the catalogue, the indicator models and the lens unions agree.

Every row of ``seeds/indicator_catalogue.csv`` has exactly one model,
``models/intermediate/indicators/<lens_id>/int_indicator__<indicator_id>.sql`` (its numerator,
denominator, filters and period rule), documented in that folder's ``_<lens_id>__models.yml``; every
such model has a catalogue row of the same lens; the lens union ``int_indicators__<lens_id>`` (same
folder) reads exactly the indicator models of its folder; ``int_indicator_values__all_periods`` reads
exactly the six lens unions of ``seeds/lenses.csv``; and each indicator model writes its own
``lens_id`` and ``indicator_id``. Read from the manifest of a fresh parse (the session fixture
``manifest`` of conftest.py), so the check is on the DAG dbt really builds. A failure lists each gap.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from test_documentation import listing, yml_path

ROOT = Path(__file__).resolve().parents[2]
PROJECT = "council_productivity"
FOLDER = "models/intermediate/indicators"
ALL_PERIODS = "int_indicator_values__all_periods"
MODEL = re.compile(rf"^{FOLDER}/(?P<lens>[a-z0-9_]+)/int_indicator__(?P<indicator>[a-z0-9_]+)\.sql$")


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def indicator_problems(manifest: dict, catalogue: list[dict[str, str]], lenses: list[str]) -> list[str]:
    """Every disagreement between the catalogue rows, the indicator models and the unions."""
    models = {
        node["unique_id"]: node
        for node in manifest["nodes"].values()
        if node["resource_type"] == "model" and node["package_name"] == PROJECT
    }
    by_name = {node["name"]: node for node in models.values()}
    problems = []

    # indicator models: (lens, indicator) from the path; the name must not occur anywhere else
    indicator_models: dict[tuple[str, str], dict] = {}
    for node in models.values():
        path = node["original_file_path"]
        match = MODEL.match(path)
        if match:
            indicator_models[(match["lens"], match["indicator"])] = node
        elif node["name"].startswith("int_indicator__"):
            problems.append(
                f"{node['name']} ({path}): an indicator model must be "
                f"{FOLDER}/<lens_id>/int_indicator__<indicator_id>.sql"
            )

    # catalogue <-> models
    rows = {(row["lens_id"], row["indicator_id"]) for row in catalogue}
    by_indicator = {indicator: lens for lens, indicator in indicator_models}
    for lens, indicator in sorted(rows - set(indicator_models)):
        where = f" (found in {by_indicator[indicator]}/, not {lens}/)" if indicator in by_indicator else ""
        problems.append(
            f"catalogue row {indicator} (lens {lens}): no model {FOLDER}/{lens}/int_indicator__{indicator}.sql{where}"
        )
    catalogued = {indicator for _, indicator in rows}
    for lens, indicator in sorted(set(indicator_models) - rows):
        what = "is in another lens" if indicator in catalogued else "has no row"
        problems.append(
            f"{FOLDER}/{lens}/int_indicator__{indicator}.sql: catalogue {what} "
            f"(seeds/indicator_catalogue.csv: indicator_id {indicator}, lens_id {lens})"
        )

    # each indicator model: its own lens_id and indicator_id, documented in its folder's yml
    for (lens, indicator), node in sorted(indicator_models.items()):
        code = node.get("raw_code") or ""
        for column, literal in (("lens_id", lens), ("indicator_id", indicator)):
            if not re.search(rf"'{re.escape(literal)}'\s+as\s+{column}\b", code):
                problems.append(f"{node['name']}: does not select '{literal}' as {column}")
        expected_yml = f"{FOLDER}/{lens}/_{lens}__models.yml"
        if yml_path(node.get("patch_path")) != expected_yml:
            problems.append(
                f"{node['name']}: documented in {yml_path(node.get('patch_path')) or 'no yml'}, not {expected_yml}"
            )

    # lens unions read exactly their folder's indicator models
    for lens in lenses:
        union = by_name.get(f"int_indicators__{lens}")
        if union is None or not union["original_file_path"] == f"{FOLDER}/{lens}/int_indicators__{lens}.sql":
            problems.append(f"lens {lens}: no union model {FOLDER}/{lens}/int_indicators__{lens}.sql")
            continue
        read = {models[parent]["name"] for parent in union["depends_on"]["nodes"] if parent in models}
        folder = {node["name"] for (model_lens, _), node in indicator_models.items() if model_lens == lens}
        problems += [
            f"int_indicators__{lens}: misses {name} (add it to its indicator_models list)"
            for name in sorted(folder - read)
        ]
        problems += [
            f"int_indicators__{lens}: reads {name}, which is not an indicator model of {lens}/"
            for name in sorted(read - folder)
        ]
    stray = sorted({lens for lens, _ in indicator_models} - set(lenses))
    problems += [f"{FOLDER}/{lens}/: not a lens of seeds/lenses.csv" for lens in stray]

    # the union of all lenses reads exactly the lens unions
    all_periods = by_name.get(ALL_PERIODS)
    if all_periods is None:
        problems.append(f"no model {ALL_PERIODS}")
    else:
        read = {models[parent]["name"] for parent in all_periods["depends_on"]["nodes"] if parent in models}
        wanted = {f"int_indicators__{lens}" for lens in lenses}
        problems += [f"{ALL_PERIODS}: misses {name}" for name in sorted(wanted - read)]
        problems += [f"{ALL_PERIODS}: reads {name}, which is not a lens union" for name in sorted(read - wanted)]
    return problems


def test_every_catalogue_row_has_one_indicator_model_in_its_lens_union(manifest):
    catalogue = read_csv(ROOT / "seeds" / "indicator_catalogue.csv")
    lenses = [row["lens_id"] for row in read_csv(ROOT / "seeds" / "lenses.csv")]
    problems = indicator_problems(manifest, catalogue, lenses)
    assert not problems, listing(problems, "disagreements between the catalogue, the indicator models and the unions")


def fake_manifest(models: list[tuple[str, str, list[str], str]]) -> dict:
    """(name, path, parents, raw_code) -> a manifest with those models."""
    nodes = {}
    for name, path, parents, code in models:
        lens = path.split("/")[3]
        nodes[f"model.{PROJECT}.{name}"] = {
            "unique_id": f"model.{PROJECT}.{name}",
            "name": name,
            "resource_type": "model",
            "package_name": PROJECT,
            "original_file_path": path,
            "raw_code": code,
            "patch_path": f"{PROJECT}://{FOLDER}/{lens}/_{lens}__models.yml",
            "depends_on": {"nodes": [f"model.{PROJECT}.{parent}" for parent in parents]},
        }
    return {"nodes": nodes}


def test_the_check_catches_a_missing_model_a_stray_model_and_a_union_that_misses_one():
    catalogue = [{"lens_id": "lens_a", "indicator_id": "a_one"}, {"lens_id": "lens_a", "indicator_id": "a_two"}]
    models = [
        (
            "int_indicator__a_one",
            f"{FOLDER}/lens_a/int_indicator__a_one.sql",
            [],
            "select 'lens_a' as lens_id, 'a_one' as indicator_id",
        ),
        (
            "int_indicator__a_three",
            f"{FOLDER}/lens_a/int_indicator__a_three.sql",
            [],
            "select 'lens_a' as lens_id, 'a_one' as indicator_id",
        ),
        ("int_indicators__lens_a", f"{FOLDER}/lens_a/int_indicators__lens_a.sql", ["int_indicator__a_one"], ""),
        (ALL_PERIODS, f"{FOLDER}/{ALL_PERIODS}.sql", ["int_indicators__lens_a"], ""),
    ]
    assert indicator_problems(fake_manifest(models), catalogue, ["lens_a"]) == [
        f"catalogue row a_two (lens lens_a): no model {FOLDER}/lens_a/int_indicator__a_two.sql",
        f"{FOLDER}/lens_a/int_indicator__a_three.sql: catalogue has no row "
        "(seeds/indicator_catalogue.csv: indicator_id a_three, lens_id lens_a)",
        "int_indicator__a_three: does not select 'a_three' as indicator_id",
        "int_indicators__lens_a: misses int_indicator__a_three (add it to its indicator_models list)",
    ]
