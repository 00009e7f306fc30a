"""Demo of Defra ENV18 local authority collected waste (``waste/LA_collection.ods``).

Sheets Table_1 (tonnages, header on row 4 under a row of group labels) and Table_3 (former
national indicators, header on row 4, NI192/NI193 as fractions, '-' for collection authorities'
NI193, regional and England 'Total' rows), each with footnote rows at the bottom, for 2014-15 to
2019-20. Two-tier areas report a Disposal row for the county (covering the whole county) and a
Collection row per district; some metropolitan and London boroughs report as Collection
authorities inside a joint waste disposal authority (E50 code), like Greater Manchester or North
London. Values are calibrated on the 2016-17 publication: NI192 about 43% (14-66%), NI191 about
550 kg per household, household waste about 430 kg per person, rejects about 3-4% of recycling.
"""

from __future__ import annotations

from pathlib import Path

from ..universe import Universe
from ..writers import write_ods

YEARS = [2015, 2016, 2017, 2018, 2019, 2020]  # financial years ending in March of these years
PEOPLE_PER_HOUSEHOLD = 2.35
TABLE_1_GROUPS = (
    ["", "", "", "", "", "", "Local authority collected"]
    + ["Households"] * 9
    + ["Non-households"] * 4
    + ["Local authority collected"] * 3
)
TABLE_1_HEADER = [
    "Financial Year",
    "Region",
    "ONS Code",
    "JPP order",
    "Local Authority",
    "Authority type",
    "Total local authority collected waste (tonnes)",
    "Household - total waste (tonnes)",
    "Household - waste sent for recycling-composting-reuse (tonnes)",
    "Household dry recycling-reuse (tonnes)",
    "Household green recycling-reuse (tonnes)",
    "Household - waste not sent for recycling (tonnes)",
    "Household - regular collection (not recycled) (tonnes)",
    "Household - civic amenity sites (not recycled) (tonnes)",
    "Household - other sources (not recycled) (tonnes)",
    'Household - estimated rejects (tonnes) - See "Notes" sheet for detail on rejects calculation.',
    "Non-household - total waste (tonnes)",
    "Non-household - waste sent for recycling-composting-reuse (tonnes)",
    "Non-household - waste not sent for recycling (tonnes) ",
    "Non-household - estimated rejects (tonnes)",
    "Local authority collected waste - sent for recycling-composting-reuse (tonnes)",
    "Local authority collected waste - not sent for recycling (tonnes)",
    "Local authority collected - estimated rejects (tonnes)",
]
TABLE_3_HEADER = [
    "Year",
    "Region",
    "ONS code",
    "Jpp Order",
    "Authority",
    "Authority type",
    "Residual household waste per household (kg/household) (Ex NI191)",
    "Percentage of household waste sent for reuse, recycling or composting (Ex NI192)",
    "Percentage of municipal waste sent to landfill (Ex NI193)",
    "Collected household waste per person (kg) (Ex BVPI 84a)",
]
FOOTNOTES = [
    ["Notes:"],
    ["From 2015/16 onwards two demo district councils jointly report their waste data (demo footnote)."],
    [None, "Figures for waste disposal authorities include their constituent collection authorities."],
    [],
    ["Source: Department for Environment, Food & Rural Affairs "],
]
SUFFIX = {
    "county": " County Council",
    "unitary": " Council",
    "metropolitan district": " MBC",
    "london borough": " LB",
    "shire district": " District Council",
}


def _profile(rng):
    """Per-authority base levels, drifting a little each year."""
    return {
        "kg_person": rng.gauss(430, 45),  # household waste per person
        "recycling": min(max(rng.gauss(0.43, 0.08), 0.15), 0.65),
        "landfill": min(max(rng.gauss(0.16, 0.14), 0.0), 0.75),
        "non_household": min(max(rng.gauss(0.10, 0.05), 0.01), 0.3),
        "rejects": min(max(rng.gauss(0.035, 0.02), -0.01), 0.15),
        "ca_share": rng.uniform(0.15, 0.3),  # household waste through civic amenity sites
    }


def _tonnages(pop, p, year, rng):
    """One authority-year of Table_1 tonnages (ints) and Table_3 indicators."""
    t = year - 2015
    household = pop * (p["kg_person"] - 3 * t) * rng.uniform(0.98, 1.02) / 1000
    recycled = household * min(p["recycling"] + 0.004 * t + rng.gauss(0, 0.008), 0.7)
    dry = recycled * 0.6
    not_recycled = household - recycled
    regular = not_recycled * (1 - p["ca_share"])
    ca_sites = not_recycled * p["ca_share"] * 0.8
    other = not_recycled - regular - ca_sites
    rejects = recycled * (p["rejects"] + rng.gauss(0, 0.004))
    non_household = household * p["non_household"]
    nh_recycled = non_household * 0.3
    lacw = household + non_household
    row = [
        round(lacw),
        round(household),
        round(recycled),
        round(dry),
        round(recycled - dry),
        round(not_recycled),
        round(regular),
        round(ca_sites),
        round(other),
        round(rejects),
        round(non_household),
        round(nh_recycled),
        round(non_household - nh_recycled),
        round(rejects * 0.05),
        round(recycled + nh_recycled),
        round(lacw - recycled - nh_recycled),
        round(rejects * 1.05),
    ]
    return row


def _indicators(row, pop, landfill, collection: bool):
    household, recycled, not_recycled = row[1], row[2], row[5]
    households = pop / PEOPLE_PER_HOUSEHOLD
    return [
        round(1000 * not_recycled / households, 1),
        round(recycled / household, 3),
        "-" if collection else round(landfill, 3),
        round(1000 * household / pop, 1),
    ]


def write(universe: Universe, out_dir: Path, rng) -> None:
    regions = {code: name for code, name, _ in universe.regions}
    profiles = {a.code: _profile(rng) for a in [*universe.upper_tier, *universe.districts]}
    # Joint disposal authorities: the first three metropolitan districts of each region with
    # metropolitan districts, and the first four London boroughs, report as collection authorities.
    joint: dict[str, list] = {}
    for region_code, _, _ in universe.regions:
        if region_code == "E12000007":
            members = [a for a in universe.upper_tier if a.kind == "london borough" and a.is_ranked][:4]
        else:
            members = [
                a for a in universe.upper_tier if a.kind == "metropolitan district" and a.region_code == region_code
            ][:3]
        if members:
            joint[f"E5090000{len(joint) + 1}"] = members
    joint_member = {m.code for members in joint.values() for m in members}
    table_1 = [
        ["Table 1: Local Authority Collected and Household Waste Statistics 2014-15 to 2019-20, England (DEMO)"],
        [
            "For correct totals, you should only sum values for unitary and disposal authorities. Summing "
            "values for unitary, collection and disposal authorities will result in double counting."
        ],
        TABLE_1_GROUPS,
        TABLE_1_HEADER,
    ]
    table_3 = [
        ["Table 3: Selected Waste Indicators 2014-15 to 2019-20 (DEMO)"],
        [],
        [None] * 9 + ["Demo figures"],
        TABLE_3_HEADER,
    ]
    order = {a.code: i + 1 for i, a in enumerate([*universe.upper_tier, *universe.districts])}
    for year in YEARS:
        label = f"{year - 1}-{str(year)[2:]}"
        growth = 1 + 0.006 * (year - 2017)
        totals: dict[str, list] = {}

        def emit(code, name, region_code, kind, row, pop, landfill, collection):
            ind = _indicators(row, pop, landfill, collection)
            region = regions[region_code]
            table_1.append([label, region, code, order.get(code, 900), name, kind, *row])
            table_3.append([label, region, code, order.get(code, 900), name, kind, *ind])
            if kind != "Collection":
                acc = totals.setdefault(region, [0, 0, 0, 0.0, 0.0])
                acc[0] += row[1]
                acc[1] += row[2]
                acc[2] += row[5]
                acc[3] += pop
                acc[4] += landfill * row[0]

        for a in universe.upper_tier:
            p = profiles[a.code]
            if a.kind == "county":
                county_rows = []
                for d in a.districts:
                    pop = d.population * growth
                    row = _tonnages(pop, profiles[d.code], year, rng)
                    county_rows.append(row)
                    emit(d.code, d.name + SUFFIX[d.kind], d.region_code, "Collection", row, pop, 0, True)
                # The disposal authority adds the civic amenity sites it runs to its districts' waste.
                row = [sum(r[i] for r in county_rows) for i in range(17)]
                extra = round(row[1] * p["ca_share"] * 0.5)
                extra_recycled = round(extra * 0.7)
                for i, add in (
                    (0, extra),
                    (1, extra),
                    (2, extra_recycled),
                    (4, extra_recycled),
                    (5, extra - extra_recycled),
                    (7, extra - extra_recycled),
                    (14, extra_recycled),
                    (15, extra - extra_recycled),
                ):
                    row[i] += add
                pop = a.population * growth
                emit(a.code, a.name + SUFFIX[a.kind], a.region_code, "Disposal", row, pop, p["landfill"], False)
            else:
                pop = a.population * growth
                row = _tonnages(pop, p, year, rng)
                collection = a.code in joint_member
                emit(
                    a.code,
                    a.name + SUFFIX[a.kind],
                    a.region_code,
                    "Collection" if collection else "Unitary",
                    row,
                    pop,
                    p["landfill"],
                    collection,
                )
        for wda_code, members in joint.items():
            pop = sum(m.population * growth for m in members)
            row = [0] * 17
            for m in members:
                r = _tonnages(m.population * growth, profiles[m.code], year, rng)
                row = [x + y for x, y in zip(row, r)]
            region_code = members[0].region_code
            emit(
                wda_code,
                f"{regions[region_code]} Joint Waste Authority (demo)",
                region_code,
                "Disposal",
                row,
                pop,
                profiles[members[0].code]["landfill"],
                False,
            )
        england = [0, 0, 0, 0.0, 0.0]
        for region, acc in sorted(totals.items()):
            households = acc[3] / PEOPLE_PER_HOUSEHOLD
            table_3.append(
                [
                    label,
                    "*" + region,
                    "Total",
                    "Total",
                    "Total",
                    "Total",
                    round(1000 * acc[2] / households, 1),
                    round(acc[1] / acc[0], 3),
                    round(acc[4] / max(acc[0], 1) * 0.9, 3),
                    round(1000 * acc[0] / acc[3], 1),
                ]
            )
            england = [x + y for x, y in zip(england, acc)]
        households = england[3] / PEOPLE_PER_HOUSEHOLD
        table_3.append(
            [
                label,
                "Total England",
                "Total",
                "Total",
                "Total",
                "Total",
                round(1000 * england[2] / households, 1),
                round(england[1] / england[0], 3),
                round(england[4] / england[0] * 0.9, 3),
                round(1000 * england[0] / england[3], 1),
            ]
        )
    table_1 += [[]] + FOOTNOTES
    table_3 += [[]] + FOOTNOTES
    write_ods(
        out_dir / "waste" / "LA_collection.ods",
        {
            "Metadata": [["Local Authority Collected Waste Statistics - DEMO DATA (synthetic)"]],
            "Table_1": table_1,
            "Table_3": table_3,
        },
    )
