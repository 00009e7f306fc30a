"""Demo of the Oflog adult social care files (folder ``oflog_asc/``): ``ASC_data.csv``,
``adult_social_care.csv`` (the same rows without ``Code``) and ``NN.json`` (nearest neighbours).

Years follow the real extract: ASC1 and ASC4 (biennial carers' survey) 2016-17, 2018-19, 2021-22;
ASC2 2016-17 to 2022-23; ASC3, ASC5, ASC6 from 2015-16 (ASC6's 2015-16 level is about half the
later years, as in the real file); ASC7 from 2016-17; no 2020-21 survey year. A few values are
blank (not published). ASC4 uses the ASCOF demo's 3D(2) value (the same measure), so the two
sources agree where both exist. Levels are calibrated on the real file (ASC1 ~7.5, ASC2 ~0.40,
ASC3 ~69%, ASC4 ~62%, ASC5 ~80%, ASC6 ~2,100, ASC7 ~33%).
"""

from __future__ import annotations

import json
import statistics
from pathlib import Path

from ..universe import Universe
from ..writers import write_csv
from .ascof import measure_level

YEARS = ["2015-16", "2016-17", "2017-18", "2018-19", "2019-20", "2020-21", "2021-22", "2022-23"]
# code: (measure name as published, years present, England level, spread, rank order, decimals)
METRICS = {
    "ASC1": ("Outcome, ASC Carer Quality of Life", ["2016-17", "2018-19", "2021-22"], 7.5, 0.4, "desc", 1),
    "ASC2": (
        "Outcome, ASC Quality of Life",
        ["2016-17", "2017-18", "2018-19", "2019-20", "2021-22", "2022-23"],
        0.403,
        0.025,
        "desc",
        3,
    ),
    "ASC3": (
        "Outcome, Ease of finding information about services : service users",
        ["2015-16", "2016-17", "2017-18", "2018-19", "2019-20", "2021-22", "2022-23"],
        69.0,
        6.0,
        "desc",
        1,
    ),
    "ASC4": (
        "Outcome, Ease of finding information about support : carers",
        ["2016-17", "2018-19", "2021-22"],
        62.5,
        7.0,
        "desc",
        1,
    ),
    "ASC5": ("Outcome, Outcome of short-term services: sequel to service", YEARS, 80.0, 8.0, "desc", 1),
    "ASC6": ("Outcome, Requests resulting in a service", YEARS, 2100.0, 500.0, "desc", None),
    "ASC7": ("Outcome, Workforce turnover rate", YEARS[1:], 33.0, 6.0, "asc", None),
}
HEADER = [
    "Financial year",
    "Local authority code",
    "Local authority name",
    "Grouping",
    "Entity_Name",
    "Region",
    "Measure",
    "Code",
    "Value",
    "MEDIAN",
    "MADs_from_median",
    "rank_order",
]
ENTITY = {
    "county": "Counties",
    "unitary": "Unitary Authorities",
    "metropolitan district": "Metropolitan Districts",
    "london borough": "London Boroughs",
}


def write(universe: Universe, out_dir: Path, rng) -> None:
    regions = {code: name for code, name, _ in universe.regions}
    base = {(a.code, m): rng.gauss(METRICS[m][2], METRICS[m][3]) for a in universe.upper_tier for m in METRICS}
    rows = []
    for code, (name, years, _level, spread, order, decimals) in METRICS.items():
        for year in years:
            end = int(year[:4]) + 1
            values = {}
            for a in universe.upper_tier:
                if code == "ASC4":
                    value = round(measure_level(a.code, "3D(2)", end), 1)
                else:
                    value = base[(a.code, code)] + rng.gauss(0, spread * 0.15)
                    if code == "ASC6" and year == "2015-16":
                        value *= 0.55
                    if code in ("ASC3", "ASC5", "ASC7"):
                        value = min(100.0, max(0.0, value))
                    value = round(value, decimals) if decimals is not None else value
                values[a.code] = None if rng.random() < 0.01 else value
            present = [v for v in values.values() if v is not None]
            median = statistics.median(present)
            mad = statistics.median([abs(v - median) for v in present]) or 1.0
            for a in universe.upper_tier:
                value = values[a.code]
                rows.append(
                    [
                        year,
                        a.code,
                        a.name,
                        "LA_Raw",
                        ENTITY[a.kind],
                        regions[a.region_code],
                        name,
                        code,
                        value,
                        median,
                        None if value is None else (value - median) / mad,
                        order,
                    ]
                )
    write_csv(out_dir / "oflog_asc" / "ASC_data.csv", [HEADER, *rows])
    without_code = [[c for i, c in enumerate(r) if i != 7] for r in [HEADER, *rows]]
    write_csv(out_dir / "oflog_asc" / "adult_social_care.csv", without_code)

    # Nearest neighbours: 16 per council including itself (same type first, then nearest population);
    # the two tiny unranked authorities list only themselves, as the real file does.
    neighbours = {a.code: [a.code] for a in universe.upper_tier if not a.is_ranked}
    ranked = [a for a in universe.upper_tier if a.is_ranked]
    for a, chosen in _nearest_by_population(ranked, 15):
        neighbours[a.code] = sorted([a.code, *(b.code for b in chosen)])
    neighbours = {a.code: neighbours[a.code] for a in universe.upper_tier}  # file order: the universe's
    path = out_dir / "oflog_asc" / "NN.json"
    path.write_text(json.dumps(neighbours, indent=4), encoding="utf-8")


def _nearest_by_population(ranked, k):
    """(council, its k neighbours) for each ranked council: the other councils sorted by (another
    kind, population gap), first k, ties in universe order (a stable sort), as a full sort of every
    council would give, but reading only the councils of the same kind nearest in population, so the
    benchmark universes (--scale N) are not quadratic. A kind with k councils or fewer falls back to
    the full sort."""
    order = {a.code: i for i, a in enumerate(ranked)}
    by_kind: dict[str, list] = {}
    for a in ranked:
        by_kind.setdefault(a.kind, []).append(a)
    position = {}
    for kind in by_kind:
        by_kind[kind].sort(key=lambda b: (b.population, order[b.code]))
        position.update({b.code: i for i, b in enumerate(by_kind[kind])})
    for a in ranked:
        same = by_kind[a.kind]
        if len(same) <= k:
            others = [b for b in ranked if b.code != a.code]
            others.sort(key=lambda b: (b.kind != a.kind, abs(b.population - a.population)))
            yield a, others[:k]
            continue
        at = position[a.code]
        low, high = max(at - k, 0), min(at + k + 1, len(same))
        # widen past councils whose gap equals the widest one read (ties are broken by universe order)
        while low > 0 and a.population - same[low - 1].population <= a.population - same[low].population:
            low -= 1
        while high < len(same) and same[high].population - a.population <= same[high - 1].population - a.population:
            high += 1
        candidates = [b for b in same[low:high] if b.code != a.code]
        candidates.sort(key=lambda b: order[b.code])  # universe order, then the same stable sort
        candidates.sort(key=lambda b: abs(b.population - a.population))
        yield a, candidates[:k]
