"""Row-by-row comparison of the marts several engines built (scripts/council_index/compare_engines.py).

Each mart is compared between a reference engine (the first, DuckDB) and every other engine:
- the same columns (names compared in lower case);
- the same keys: rows are matched on the mart's key (its `unique_combination_of_columns` or
  `unique` test in the dbt manifest; failing that, every column that is not a floating number), and a
  key found on one side only is a difference;
- for matched rows, every other column equal: text, integers, booleans and dates exactly; numbers
  within a relative tolerance of 1e-9 (|a - b| <= 1e-9 * max(|a|, |b|)), or both within 1e-12 of
  zero (a sum that is 0 on one engine may be 1e-17 on another); null only equals null.
Differences are counted per mart (one per missing or extra row, one per differing cell) and the first
few are kept as examples.
"""

from __future__ import annotations

import datetime as dt
import decimal
import json
import math
from dataclasses import dataclass, field
from pathlib import Path

REL_TOL = 1e-9
ABS_TOL = 1e-12


def normalise(value):
    """A plain Python value: None for null/NaN, float for decimals, ISO text for dates and times."""
    if value is None:
        return None
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):  # numpy scalars
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    if value is getattr(__import__("pandas"), "NaT", object()):
        return None
    return value


def values_equal(a, b, rel_tol: float = REL_TOL, abs_tol: float = ABS_TOL) -> bool:
    a, b = normalise(a), normalise(b)
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        if isinstance(a, int) and isinstance(b, int):
            return a == b
        if math.isinf(a) or math.isinf(b):
            return a == b
        if abs(a) <= abs_tol and abs(b) <= abs_tol:
            return True
        return abs(a - b) <= rel_tol * max(abs(a), abs(b))
    return a == b


def _key_value(value):
    value = normalise(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _sort_token(value):
    return (value is None, str(type(value).__name__) if value is not None else "", value if value is not None else 0)


@dataclass
class MartResult:
    mart: str
    rows: dict[str, int | None]
    keys: list[str]
    differences: int = 0
    examples: list[str] = field(default_factory=list)

    def note(self, message: str, limit: int = 5) -> None:
        self.differences += 1
        if len(self.examples) < limit:
            self.examples.append(message)


def _records(frame) -> list[dict]:
    columns = [str(c).lower() for c in frame.columns]
    return [dict(zip(columns, row)) for row in frame.itertuples(index=False, name=None)]


def float_columns(frame) -> set[str]:
    return {str(c).lower() for c, kind in frame.dtypes.items() if getattr(kind, "kind", "") == "f"}


def compare_mart(mart: str, frames: dict, keys: list[str] | None = None) -> MartResult:
    """Compare one mart's frames (engine -> pandas DataFrame or None when the engine lacks it)."""
    engines = list(frames)
    reference_engine = engines[0]
    result = MartResult(mart, {e: (None if f is None else len(f)) for e, f in frames.items()}, [])
    reference = frames[reference_engine]
    if reference is None:
        for engine in engines[1:]:
            if frames[engine] is not None:
                result.note(f"{engine} has mart {mart}, {reference_engine} does not")
        return result
    ref_columns = [str(c).lower() for c in reference.columns]
    keys = [k.lower() for k in keys] if keys else [c for c in ref_columns if c not in float_columns(reference)]
    if not keys:
        keys = ref_columns
    result.keys = keys
    ref_groups = _group(_records(reference), keys)
    for engine in engines[1:]:
        other = frames[engine]
        if other is None:
            result.note(f"{engine}: mart {mart} missing")
            continue
        other_columns = [str(c).lower() for c in other.columns]
        if sorted(other_columns) != sorted(ref_columns):
            result.note(
                f"{engine}: columns differ: only in {reference_engine} "
                f"{sorted(set(ref_columns) - set(other_columns))}, only in {engine} "
                f"{sorted(set(other_columns) - set(ref_columns))}"
            )
            continue
        other_groups = _group(_records(other), keys)
        for key in sorted(set(ref_groups) | set(other_groups), key=lambda k: [_sort_token(v) for v in k]):
            left, right = ref_groups.get(key, []), other_groups.get(key, [])
            shown = dict(zip(keys, key))
            if len(left) != len(right):
                result.note(
                    f"{engine}: key {shown}: {len(left)} row(s) in {reference_engine}, {len(right)} in {engine}"
                )
                continue
            columns = [c for c in ref_columns if c not in keys]
            left = sorted(left, key=lambda r: [_sort_token(_key_value(r[c])) for c in columns])
            right = sorted(right, key=lambda r: [_sort_token(_key_value(r[c])) for c in columns])
            for a, b in zip(left, right):
                for column in columns:
                    if not values_equal(a[column], b[column]):
                        result.note(
                            f"{engine}: key {shown}, {column}: {reference_engine} {normalise(a[column])!r} "
                            f"!= {engine} {normalise(b[column])!r}"
                        )
    return result


def _group(records: list[dict], keys: list[str]) -> dict[tuple, list[dict]]:
    groups: dict[tuple, list[dict]] = {}
    for record in records:
        groups.setdefault(tuple(_key_value(record[k]) for k in keys), []).append(record)
    return groups


def mart_keys_from_manifest(manifest_path: Path | str, schema: str = "marts") -> dict[str, list[str]]:
    """Each mart's key: the columns of its unique_combination_of_columns test, or its unique column."""
    manifest = json.loads(Path(manifest_path).read_text())
    models = {
        uid: node
        for uid, node in manifest["nodes"].items()
        if node["resource_type"] in ("model", "seed", "snapshot") and node.get("schema") == schema
    }
    keys: dict[str, list[str]] = {}
    for node in manifest["nodes"].values():
        if node["resource_type"] != "test" or not node.get("test_metadata"):
            continue
        model = models.get(node.get("attached_node") or "")
        if model is None:
            continue
        name = node["test_metadata"]["name"]
        kwargs = node["test_metadata"].get("kwargs", {})
        if name == "unique_combination_of_columns" and kwargs.get("combination_of_columns"):
            keys[model["alias"] or model["name"]] = list(kwargs["combination_of_columns"])
        elif name == "unique" and kwargs.get("column_name"):
            keys.setdefault(model["alias"] or model["name"], [kwargs["column_name"]])
    return keys


ANALYSIS_OFF = {"analysis_enabled": False}


def without_analysis(reference: dict, manifest_path: Path | str, schema: str = "marts") -> dict:
    """The marts a build with ``{analysis_enabled: false}`` gives, from ``reference`` (mart -> frame) of a build
    with the analysis models: the marts that build's manifest (``manifest_path``) lists as disabled are left out,
    and every column of the others with ``meta: {from_analysis: true}`` in its yml (rpt_league_table's rank
    interval) is null, as it is without the analysis marts. Everything else is the reference as it is: a
    comparison with a build without the analysis models can reuse a warehouse built with them."""
    manifest = json.loads(Path(manifest_path).read_text())
    disabled = {
        node.get("alias") or node["name"]
        for nodes in manifest.get("disabled", {}).values()
        for node in nodes
        if node.get("resource_type") == "model" and node.get("schema") == schema
    }
    analysis_columns = {
        node.get("alias") or node["name"]: [
            name
            for name, column in node.get("columns", {}).items()
            if {**(column.get("config") or {}).get("meta", {}), **(column.get("meta") or {})}.get("from_analysis")
        ]
        for node in manifest["nodes"].values()
        if node["resource_type"] == "model" and node.get("schema") == schema
    }
    marts = {}
    for mart, frame in reference.items():
        if mart in disabled:
            continue
        columns = [c for c in analysis_columns.get(mart, []) if c in frame.columns]
        if columns:
            frame = frame.copy()
            for column in columns:
                frame[column] = None
        marts[mart] = frame
    return marts


def format_table(results: list[MartResult], engines: list[str], seconds: dict[str, float | None]) -> str:
    width = max([len("mart"), *(len(r.mart) for r in results)])
    header = f"{'mart':<{width}}  " + "  ".join(f"{e + ' rows':>14}" for e in engines) + f"  {'differences':>11}"
    lines = [header, "-" * len(header)]
    for r in results:
        counts = "  ".join(f"{'-' if r.rows.get(e) is None else format(r.rows[e], ','):>14}" for e in engines)
        lines.append(f"{r.mart:<{width}}  {counts}  {r.differences:>11}")
    lines.append("-" * len(header))
    total = sum(r.differences for r in results)
    lines.append(f"{'total':<{width}}  " + "  ".join(" " * 14 for _ in engines) + f"  {total:>11}")
    lines.append("")
    lines.append("build time (demo data; load + publish + dbt build):")
    for engine in engines:
        value = seconds.get(engine)
        lines.append(f"  {engine:<10} {'-' if value is None else f'{value:8.1f} s'}")
    return "\n".join(lines)
