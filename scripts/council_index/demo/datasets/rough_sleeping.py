"""Demo of the DLUHC rough sleeping snapshot workbook, sheet 'Table 1 Total' (autumn 2010-2022).

Layout as published: title rows, header on row 4 (code, name, region, region code, one column per
year), England, London, Rest of England and region rows with '---' as code, then districts,
unitaries, metropolitan and London boroughs in name order, then footnotes. Calibrated on the real
file: about 8 people per 100,000 in 2017 (London about 13), the series rising from 2010 to a peak
in 2017 and falling after 2019; small areas often count 0. Two cells are '..' (not returned).
"""

from __future__ import annotations

from pathlib import Path

from ..universe import Universe
from ..writers import write_xlsx
from .homelessness import housing_authorities

YEARS = list(range(2010, 2023))
TREND = {
    2010: 0.37,
    2011: 0.46,
    2012: 0.49,
    2013: 0.51,
    2014: 0.58,
    2015: 0.75,
    2016: 0.87,
    2017: 1.0,
    2018: 0.98,
    2019: 0.9,
    2020: 0.57,
    2021: 0.51,
    2022: 0.65,
}


def write(universe: Universe, out_dir: Path, rng) -> None:
    las = housing_authorities(universe)
    regions = {code: name for code, name, _ in universe.regions}
    values = {}
    for a in las:
        rate = (13.0 if a.kind == "london borough" else 7.0) * rng.lognormvariate(0, 0.6) / 100_000
        for year in YEARS:
            values[a.code, year] = max(0, round(a.population * rate * TREND[year] * rng.uniform(0.7, 1.3)))
    missing = {(c, y) for c, y in zip(rng.sample([a.code for a in las], 2), (2015, 2018))}

    def total(members):
        return [sum(values[a.code, y] for a in members if (a.code, y) not in missing) for y in YEARS]

    rows = [
        ["Table 1: Total number of people sleeping rough, by local authority district and region 1,2"],
        ["England, autumn 2010-2022"],
        [],
        ["Local authority ONS code", "Local authority", "Region", "Region ONS code", *[str(y) for y in YEARS]],
        ["---", "---", "England", "E92000001", *total(las)],
        ["---", "---", "London", "E12000007", *total([a for a in las if a.region_code == "E12000007"])],
        ["---", "---", "Rest of England", "-", *total([a for a in las if a.region_code != "E12000007"])],
    ]
    for code, name in sorted(regions.items(), key=lambda kv: kv[1]):
        rows.append(["---", "---", name, code, *total([a for a in las if a.region_code == code])])
    for a in las:
        rows.append(
            [
                a.code,
                a.name,
                regions[a.region_code],
                a.region_code,
                *[".." if (a.code, y) in missing else values[a.code, y] for y in YEARS],
            ]
        )
    rows += [
        [],
        [],
        ["Contact:", "roughsleepingstatistics@levellingup.gov.uk"],
        ["Source:", "DLUHC Annual Rough Sleeping Snapshot"],
        ["Last Update:", "28 February 2023"],
    ]
    write_xlsx(
        out_dir / "rough_sleeping" / "Rough_sleeping.xlsx",
        {"Export Summary": [["Demo"]], "Contents": [["Demo"]], "Table 1 Total": rows},
    )
