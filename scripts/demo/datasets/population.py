"""Demo of the ONS mid-year estimates workbooks, sheet MYE2 (persons by single year of age).

Three editions as published: mid-2016 (no Geography1 column), mid-2017 and mid-2018 (with it; the
2018 sheet is named ``MYE2-All``). Counties are followed by their districts, regions head their
authorities, as in the ONS sheets.
"""

from __future__ import annotations

import math
from pathlib import Path

from ..universe import Universe
from ..writers import write_xlsx

EDITIONS = [
    (2016, "ukmidyearestimates2016.xlsx", "MYE2 - All", False),
    (2017, "ukmidyearestimates2017finalversion.xlsx", "MYE2 - All", True),
    (2018, "ukmidyearestimates20182019ladcodes.xlsx", "MYE2-All", True),
]
GEOGRAPHY = {"county": "County", "unitary": "Unitary Authority", "metropolitan district": "Metropolitan District",
             "london borough": "London Borough", "shire district": "Non-metropolitan District"}


def age_profile(rng, older: float) -> list[float]:
    """Relative sizes of single years of age 0..90 (90 = 90 and over); ``older`` tilts to 65+."""
    weights = []
    for age in range(91):
        base = 1.0 if age < 60 else math.exp(-(age - 60) / (14 + 6 * older))
        weights.append(base * (0.95 + 0.1 * rng.random()))
    weights[90] *= 4.0
    total = sum(weights)
    return [w / total for w in weights]


def split(total: int, profile: list[float]) -> list[int]:
    ages = [int(round(total * p)) for p in profile]
    ages[30] += total - sum(ages)
    return ages


def write(universe: Universe, out_dir: Path, rng) -> None:
    profiles = {a.code: age_profile(rng, rng.random()) for a in [*universe.upper_tier, *universe.districts]}
    for year, filename, sheet, has_geography in EDITIONS:
        growth = 1 + 0.006 * (year - 2016)
        header = ["Code", "Name", *(["Geography1"] if has_geography else []), "All ages", *range(91)]
        rows = [["Contents"], [], [f"MYE2: Population estimates: Persons by single year of age, mid-{year}"], [],
                header]

        def line(code, name, geography, ages):
            return [code, name, *([geography] if has_geography else []), sum(ages), *ages]

        def ages_of(a):
            return split(int(a.population * growth), profiles[a.code])

        body = []
        for region_code, _, region_upper in universe.regions:
            members = [a for a in universe.upper_tier if a.region_code == region_code]
            region_ages = [0] * 91
            block = []
            for a in members:
                if a.kind == "county":
                    district_rows = [(d, ages_of(d)) for d in a.districts]
                    county_ages = [sum(x) for x in zip(*(ages for _, ages in district_rows))]
                    block.append(line(a.code, a.name, GEOGRAPHY[a.kind], county_ages))
                    block += [line(d.code, d.name, GEOGRAPHY[d.kind], ages) for d, ages in district_rows]
                    ages = county_ages
                else:
                    ages = ages_of(a)
                    block.append(line(a.code, a.name, GEOGRAPHY[a.kind], ages))
                region_ages = [x + y for x, y in zip(region_ages, ages)]
            body.append(line(region_code, region_upper, "Region", region_ages))
            body += block
        region_rows = [r for r in body if r[0].startswith("E12")]
        offset = 4 if has_geography else 3
        england_ages = [sum(r[offset + i] for r in region_rows) for i in range(91)]
        rows.append(line("E92000001", "ENGLAND", "Country", england_ages))
        rows += body
        write_xlsx(out_dir / "population" / filename, {"Contents": [["Demo"]], sheet: rows})
