"""Caveats and reasons: what the report marks next to a rank, and why a council has no rank.

Every mark comes from a flag column of the marts: ``fct_lens_productivity`` carries, per
edition, council and lens, ``has_implausibly_low_spend``, ``is_partial_lens`` (scored on substitutes),
``has_few_indicators`` and ``is_fallback_spend_year``, and ``not_ranked_reason`` where the lens has no
rank; ``fct_overall_productivity`` carries ``is_ranked_on_fewer_lenses`` (with ``lenses_ranked``) and
``not_ranked_reason``. The report never recomputes a flag: a flag column the warehouse
lacks is simply not marked, and the legend says so. Reasons use the mart's ``not_ranked_reason`` text;
a warehouse without that column gets the plain facts its other columns hold (lenses ranked,
indicators scored) instead.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class Caveat:
    kind: str  # css class suffix and key
    symbol: str  # the visible mark
    column: str  # the flag column it reads
    label: str  # the legend's name for it
    meaning: str  # the legend's one-line explanation


# Lens-level caveats, in the order their marks are shown.
LENS_CAVEATS = (
    Caveat(
        "low-spend",
        "£",
        "has_implausibly_low_spend",
        "Implausibly low spend",
        "spend per head far below the median (spend probably booked elsewhere: a children's trust, the housing "
        "revenue account, a joint waste authority), so the productivity index and rank are inflated",
    ),
    Caveat(
        "substitutes",
        "S",
        "is_partial_lens",
        "Scored on substitutes",
        "the lens is scored partly on substitute indicators standing in for ones no public file holds for the "
        "edition's period",
    ),
    Caveat(
        "few-indicators",
        "F",
        "has_few_indicators",
        "Few indicators",
        "the lens score rests on fewer of its indicators than usual",
    ),
    Caveat(
        "fallback-year",
        "Y",
        "is_fallback_spend_year",
        "Spend from another year",
        "the spend figure comes from an earlier (or other) financial year than the edition's own, which is not "
        "published or not held",
    ),
)
# Council-level caveat: the overall rank is the mean of fewer lens ranks than there are lenses.
FEWER_LENSES = Caveat(
    "fewer-lenses",
    "L",
    "is_ranked_on_fewer_lenses",
    "Ranked on fewer lenses",
    "the overall rank is the mean of fewer lens ranks than there are lenses",
)
ALL = (*LENS_CAVEATS, FEWER_LENSES)
BY_KIND = {c.kind: c for c in ALL}


def _true(value) -> bool:
    if value is None or value is pd.NA:
        return False
    if isinstance(value, float) and math.isnan(value):
        return False
    return bool(value)


def _text(value) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip()


def _money(value) -> str:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return ""
    if math.isnan(number):
        return ""
    return f"£{number:,.2f}" if abs(number) < 10 else f"£{number:,.0f}"


def available(lens_productivity: pd.DataFrame, overall: pd.DataFrame) -> list[Caveat]:
    """The caveats whose flag column the warehouse holds."""
    out = [c for c in LENS_CAVEATS if c.column in lens_productivity]
    if FEWER_LENSES.column in overall:
        out.append(FEWER_LENSES)
    return out


def missing(lens_productivity: pd.DataFrame, overall: pd.DataFrame) -> list[Caveat]:
    have = {c.kind for c in available(lens_productivity, overall)}
    return [c for c in ALL if c.kind not in have]


def lens_marks(row: dict, lens_name: str) -> list[tuple[str, str, str]]:
    """(kind, symbol, one-line reason) of each flag set on a fct_lens_productivity row."""
    marks = []
    for caveat in LENS_CAVEATS:
        if caveat.column not in row or not _true(row.get(caveat.column)):
            continue
        marks.append((caveat.kind, caveat.symbol, lens_reason(caveat, row, lens_name)))
    return marks


def lens_reason(caveat: Caveat, row: dict, lens_name: str) -> str:
    """The one-line reason of a lens caveat, with the row's own figures where the mart gives them."""
    if caveat.kind == "low-spend":
        spend, index = _money(row.get("spend_per_head")), row.get("spend_index")
        detail = ""
        if spend:
            detail = f" ({spend} a head"
            if index is not None and not pd.isna(index):
                detail += f", {float(index):.0f}% of the median"
            detail += ")"
        return (
            f"{lens_name}: implausibly low spend{detail}; probably booked elsewhere, so the productivity index "
            "and rank are inflated"
        )
    if caveat.kind == "substitutes":
        used = row.get("substitutes_used")
        count = (
            f"{int(used)} substitute indicator{'s' if int(used) != 1 else ''}"
            if used is not None and not pd.isna(used) and int(used) > 0
            else "substitute indicators"
        )
        return f"{lens_name}: scored on {count} standing in for indicators no public file holds for the edition"
    if caveat.kind == "few-indicators":
        used, size = row.get("indicators_used"), row.get("indicators_in_lens")
        if used is not None and size is not None and not pd.isna(used) and not pd.isna(size):
            return f"{lens_name}: scored on only {int(used)} of its {int(size)} indicators"
        return f"{lens_name}: scored on few of its indicators"
    if caveat.kind == "fallback-year":
        year, source = _text(row.get("spend_year")), _text(row.get("spend_source"))
        what = f"the {year} {source}".strip() if year or source else "another year's figures"
        return f"{lens_name}: spend from {what}, not the edition's own year (not published or not held)"
    return f"{lens_name}: {caveat.meaning}"


def fewer_lenses_mark(row: dict, lens_count: int, unranked_lenses: list[str]) -> tuple[str, str, str] | None:
    """The mark of a council ranked overall on fewer lens ranks than there are lenses."""
    if not _true(row.get(FEWER_LENSES.column)) or not _true(row.get("is_ranked_overall")):
        return None
    lenses = row.get("lenses_ranked")
    count = f"{int(lenses)} of {lens_count}" if lenses is not None and not pd.isna(lenses) else "fewer than"
    reason = f"Ranked overall on {count} lenses"
    if unranked_lenses:
        reason += f" (no rank in {', '.join(unranked_lenses)})"
    return (FEWER_LENSES.kind, FEWER_LENSES.symbol, reason)


def overall_not_ranked_reason(row: dict, lens_count: int) -> str:
    """Why a council has no overall rank: the mart's not_ranked_reason, else the facts it has."""
    reason = _text(row.get("not_ranked_reason"))
    if reason:
        return reason
    lenses = row.get("lenses_ranked")
    if lenses is not None and not pd.isna(lenses):
        return f"ranked in {int(lenses)} of {lens_count} lenses, too few for an overall rank"
    return "no reason recorded"


def lens_not_ranked_reason(row: dict, lens_name: str = "") -> str:
    """Why a council has no rank in a lens: the mart's not_ranked_reason (without the lens name it may start with:
    the report shows it under the lens), else the facts it has."""
    reason = _text(row.get("not_ranked_reason"))
    if reason:
        if lens_name and reason.lower().startswith(lens_name.lower() + ":"):
            reason = reason[len(lens_name) + 1 :].strip()
        return reason
    used, size = row.get("indicators_used"), row.get("indicators_in_lens")
    if "has_enough_indicators" in row and not _true(row.get("has_enough_indicators")):
        if used is not None and size is not None and not pd.isna(used) and not pd.isna(size):
            return f"{int(used)} of {int(size)} indicators scored, too few for a lens score"
        return "too few indicators scored"
    spend = row.get("spend_per_head")
    if spend is None or pd.isna(spend):
        return "no spend figure"
    return "no reason recorded"
