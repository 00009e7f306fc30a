"""Demo of the population folder: the ONS mid-year estimates workbooks (sheet MYE2, persons by single
year of age) and the DfE's processed 0-17 series.

MYE2 editions in each published layout:

- mid-2016 to mid-2018: sheet ``MYE2 - All`` (``MYE2-All`` in 2018), header on row 5: Code, Name,
  [Geography1: not in 2016], All ages, 0 ... 90 (numbers);
- mid-2019: the same header on row 5, sheet ``MYE2 - Persons``, the last age written ``90+``;
- mid-2020 onwards (the accessible layout): sheet ``MYE2 - Persons``, title and feedback links on
  rows 1-7, header on row 8: Code, Name, Geography, All ages, '0' ... '89', '90+' (ages as text).
  Mid-2022 sorts its rows by geography type (regions together, not heading their areas), as ONS's
  mye22final.xlsx does.

Counties are followed by their districts and regions head their authorities, as in the ONS sheets.
The demo councils keep their boundaries, so no edition needs apportioning.

The DfE file (``ons_mid-year_population_estimates_2012_to_2024.csv``) is in the EES tidy layout:
England, the regions, inner and outer London and every upper-tier authority, 2012 to 2024, one
age group ("Children aged 0 to 17 years"), ``x`` for two authorities in the first years; its
figures are a little below the MYE2 ones, as a revised series is.
"""

from __future__ import annotations

import math
from pathlib import Path

from .. import ees
from ..universe import Universe
from ..writers import write_csv, write_xlsx

# (mid-year, file name, sheet, layout): "old" = header on row 5 with numeric ages (no Geography1
# column in 2016), "2019" = the same with '90+', "accessible" = header on row 8 with text ages.
EDITIONS = [
    (2016, "ukmidyearestimates2016.xlsx", "MYE2 - All", "old"),
    (2017, "ukmidyearestimates2017finalversion.xlsx", "MYE2 - All", "old"),
    (2018, "ukmidyearestimates20182019ladcodes.xlsx", "MYE2-All", "old"),
    (2019, "ukmidyearestimates20192020ladcodes.xlsx", "MYE2 - Persons", "2019"),
    (2020, "ukpopestimatesmid2020on2021geography.xlsx", "MYE2 - Persons", "accessible"),
    (2021, "ukpopestimatesmid2021on2021geographyfinal.xlsx", "MYE2 - Persons", "accessible"),
    (2022, "mye22final.xlsx", "MYE2 - Persons", "accessible"),
    (2023, "mye23tablesew.xlsx", "MYE2 - Persons", "accessible"),
]
SORTED_BY_GEOGRAPHY_TYPE = {2022}
GEOGRAPHY = {
    "county": "County",
    "unitary": "Unitary Authority",
    "metropolitan district": "Metropolitan District",
    "london borough": "London Borough",
    "shire district": "Non-metropolitan District",
}
ACCESSIBLE_NOTES = [
    "This worksheet contains one table. Freeze panes are turned on. ",
    "To turn off freeze panes select the 'View' ribbon then 'Freeze Panes' then 'Unfreeze Panes' or use [Alt W, F]",
    "Please choose from the links presented in the cells below to e-mail us your opinion on this table: ",
    "This met my needs, please produce it next year",
    "I need something slightly different (please specify)",
    "This is not what I need at all (please specify)",
]
DFE_FILE = "ons_mid-year_population_estimates_2012_to_2024.csv"
DFE_YEARS = range(2024, 2011, -1)  # newest first, as the DfE file is
DFE_AGE_GROUP = "Children aged 0 to 17 years"
INNER_LONDON = 13  # the first London boroughs of the universe stand for inner London


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


def growth(year: int) -> float:
    return 1 + 0.006 * (year - 2016)


def edition_rows(universe: Universe, profiles: dict, year: int, has_geography: bool) -> list[list]:
    """England, then each region followed by its authorities (counties followed by their districts)."""

    def line(code, name, geography, ages):
        return [code, name, *([geography] if has_geography else []), sum(ages), *ages]

    def ages_of(a):
        return split(int(a.population * growth(year)), profiles[a.code])

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
    return [line("E92000001", "ENGLAND", "Country", england_ages), *body]


def write_mye2(universe: Universe, out_dir: Path, profiles: dict) -> None:
    for year, filename, sheet, layout in EDITIONS:
        has_geography = not (layout == "old" and year == 2016)
        rows = edition_rows(universe, profiles, year, has_geography)
        if year in SORTED_BY_GEOGRAPHY_TYPE:
            rows.sort(key=lambda r: r[2])  # stable: each type keeps its order
        geography = ["Geography1" if layout in ("old", "2019") else "Geography"] if has_geography else []
        if layout == "accessible":
            header = ["Code", "Name", *geography, "All ages", *(str(age) for age in range(90)), "90+"]
            title = f"MYE2: Persons by single year of age and sex for local authorities in the UK, mid-{year}"
            top = [[title], *([note] for note in ACCESSIBLE_NOTES)]
        else:
            header = ["Code", "Name", *geography, "All ages", *range(90), "90+" if layout == "2019" else 90]
            top = [["Contents"], [], [f"MYE2: Population estimates: Persons by single year of age, mid-{year}"], []]
        write_xlsx(out_dir / "population" / filename, {"Contents": [["Demo"]], sheet: [*top, header, *rows]})


def write_dfe_children(universe: Universe, out_dir: Path, profiles: dict) -> None:
    """The DfE's 0-17 series: England, regions (with inner and outer London), upper-tier authorities."""
    regions = {code: name for code, name, _ in universe.regions}
    london = [a for a in universe.upper_tier if a.kind == "london borough"]
    suppressed = {a.code for a in [u for u in universe.upper_tier if u.region_code == "E12000009"][:2]}
    rows = [ees.header("age_group", "population_estimate")]
    for year in DFE_YEARS:
        children = {}
        for a in universe.upper_tier:
            members = a.districts if a.kind == "county" else [a]
            revised = 0.985 + 0.001 * (year - 2012)
            children[a.code] = sum(
                sum(split(int(m.population * growth(year) * revised), profiles[m.code])[:18]) for m in members
            )
        rows.append([*ees.area_cells(year, "National"), DFE_AGE_GROUP, sum(children.values())])
        for code, name in regions.items():
            total = sum(children[a.code] for a in universe.upper_tier if a.region_code == code)
            rows.append([*ees.area_cells(year, "Regional", code, name), DFE_AGE_GROUP, total])
        for code, name, members in [
            ("E13000001", "Inner London", london[:INNER_LONDON]),
            ("E13000002", "Outer London", london[INNER_LONDON:]),
        ]:
            total = sum(children[a.code] for a in members)
            rows.append([*ees.area_cells(year, "Regional", code, name), DFE_AGE_GROUP, total])
        for a in universe.upper_tier:
            value = "x" if a.code in suppressed and year <= 2014 else children[a.code]
            cells = ees.area_cells(year, "Local authority", a.region_code, regions[a.region_code], a)
            rows.append([*cells, DFE_AGE_GROUP, value])
    write_csv(out_dir / "population" / DFE_FILE, rows)


def write(universe: Universe, out_dir: Path, rng) -> None:
    profiles = {a.code: age_profile(rng, rng.random()) for a in [*universe.upper_tier, *universe.districts]}
    write_mye2(universe, out_dir, profiles)
    write_dfe_children(universe, out_dir, profiles)
