"""Demo of Defra ENV24 fly-tipping incidents and actions (``flytipping/flytipping_la.ods``).

Sheets LA_incidents (48 columns) and LA_actions (45 columns) with the title on row 1, group labels
on row 2 and the header on row 3, all years stacked, for 2014-15 to 2019-20. Rows are collection
authorities only (districts, unitaries, metropolitan and London boroughs; no counties), plus
'*Total' rows for England and each region (England values carry fractional imputed parts; 2018-19
has an '(original)' and a '(comparable with 2019/20)' England row). ':' marks values not
available (a few totals, and population and reporting basis before 2019-20); some names carry
trailing spaces. Calibrated on 2016-17: about 8 incidents per 1,000 people in shire districts, 12
in unitaries, 18 in metropolitan boroughs and 35 in London boroughs, about 0.5 actions per incident.
"""

from __future__ import annotations

from pathlib import Path

from ..universe import Universe
from ..writers import write_ods

YEARS = [2015, 2016, 2017, 2018, 2019, 2020]
LAND = [
    "Highway",
    "Footpath / Bridleway",
    "Back Alleyway",
    "Railway",
    "Council Land",
    "Agricultural",
    "Private / Residential",
    "Commercial / Industrial",
    "Watercourse / Bank",
    "Other (unidentified)",
]
LAND_SHARE = [0.48, 0.1, 0.12, 0.002, 0.14, 0.008, 0.07, 0.03, 0.01, 0.03]
WASTE = [
    "Animal Carcass",
    "Green",
    "Vehicle Parts",
    "White Goods",
    "Other Electrical",
    "Tyres",
    "Asbestos",
    "Clinical",
    "Constr / Demol / Excav",
    "Black Bags - Commercial",
    "Black Bags - Household",
    "Chemical Drums, Oil, Fuel",
    "Other Household Waste",
    "Other Commercial Waste",
    "Primary Waste Type Measures Other (unidentified)",
]
WASTE_SHARE = [0.01, 0.04, 0.01, 0.02, 0.02, 0.02, 0.004, 0.001, 0.06, 0.03, 0.18, 0.003, 0.5, 0.04, 0.062]
SIZES = [
    ("Single Black Bag", "Single Black Bag", 0.05, 30),
    ("Single Item", "Single Item", 0.26, 45),
    ("Car Boot or Less", "Car Boot or Less", 0.3, 60),
    ("Small Van Load", "Small Van Load", 0.27, 110),
    ("Transit Van Load", "Transit Van Load", 0.08, 230),
    ("Tipper Lorry Load", "Tipper Lorry Load", 0.03, 500),
    ("Significant / Multi Loads", "Sig / Multi Loads", 0.01, 1500),
]
INCIDENTS_HEADER = (
    ["Year", "ONS Code", "LA Name", "Region", "Total Incidents"]
    + [f"{name} Incidents" for name in LAND]
    + [f"{name} Incidents" for name in WASTE]
    + [c for size, short, _, _ in SIZES for c in (f"{size} Incidents", f"{short} Clearance Costs (£)")]
    + [
        "Total Incidents Clearance Costs (£)",
        "Mid population estimates ",
        "Incidents per 1,000 people",
        "Reporting basis",
    ]
)
INCIDENTS_GROUPS = (
    ["", "", "", "", "TOTAL", "Land type"] + [""] * 9 + ["Waste type"] + [""] * 14 + ["Size and costs"] + [""] * 17
)
ACTIONS = [  # (header, share of total actions, cost per action or None for no cost column)
    ("Investigation Actions", 0.6, 35),
    ("Warning Letter Actions", 0.12, 30),
    ("Statutory Notice Actions", 0.05, 30),
]
FPN = [
    "Fixed Penalty Notices issued specifically for fly-tipping",
    "Fixed Penalty Notices issued for Household Duty of Care",
    "Littering Fixed Penalty Notices issued in conjunction with fly-tipping",
    "All Other Fixed Penalty Notices issued ",
]
LATER = [
    ("Duty of Care Inspection", "Duty of Care Inspect", 0.1),
    ("Stop and Search", "Stop and Search", 0.01),
    ("Vehicles seized", "Vehicles seized", 0.0005),
    ("Formal Caution", "Formal Caution", 0.002),
    ("Prosecution", "Prosecution", 0.005),
    ("Injunction", "Injunction", 0.0005),
]
OUTCOMES = [
    "Absolute / Cond Discharge Outcomes",
    "Community Service Outcomes",
    "Fine Outcomes (issued by courts)",
    "Custodial Sentence Outcomes",
    "Other (successful) Outcomes",
    "Cases Lost Outcomes",
    "Paid Fixed Penalty Notice Outcomes",
]
FINES = [
    "£0 to £50 fines",
    "£51 to £200 fines",
    "£201 to £500 fines",
    "£501 to £1000 fines",
    "£1001 to £5000 fines",
    "£5001 to £20000 fines",
    "£20001 to £50000 fines",
    "over £50000 fines",
]
RATE = {"shire district": (8, 4), "unitary": (12, 6), "metropolitan district": (18, 8), "london borough": (35, 18)}


def _actions_header() -> list[str]:
    header = ["Year", "ONS Code", "LA Name", "Region", "Total Actions"]
    for name, _, _ in ACTIONS:
        header += [name, name.replace("Actions", "Action Costs (£)")]
    header += FPN + ["Total Fixed Penalty Notice Actions", "Fixed Penalty Notice Action Costs (£)"]
    for name, short, _ in LATER:
        if name == "Vehicles seized":
            header += ["Vehicles seized", "Vehicles seized cost (£)"]
        else:
            header += [f"{name} Actions", f"{short} Action Costs (£)"]
    return header + OUTCOMES + FINES + ["Total fines (£)"]


def _incident_row(total, population, year):
    if total is None:
        return [":"] * 43
    land = [round(total * s) for s in LAND_SHARE]
    waste = [round(total * s) for s in WASTE_SHARE]
    sizes, costs = [], 0
    for _, _, share, cost in SIZES:
        n = round(total * share)
        sizes += [n, ":" if cost < 50 else n * cost]
        costs += n * cost
    later = year >= 2020
    return [
        total,
        *land,
        *waste,
        *sizes,
        ":" if not later else costs,
        round(population) if later else ":",
        1000 * total / population if later else ":",
        "All incidents" if later else ":",
    ]


def _action_row(total):
    if total is None:
        return [":"] * 41
    row = [total]
    for _, share, cost in ACTIONS:
        n = round(total * share)
        row += [n, n * cost]
    fpns = [round(total * s) for s in (0.04, 0.01, 0.005, 0.01)]
    row += fpns + [sum(fpns), sum(fpns) * 40]
    for _, _, share in LATER:
        n = round(total * share)
        row += [n, n * 60]
    prosecutions = round(total * 0.005)
    outcomes = [0, 0, prosecutions, 0, 0, 0, round(sum(fpns) * 0.7)]
    fines = [
        0,
        round(prosecutions * 0.3),
        round(prosecutions * 0.4),
        round(prosecutions * 0.2),
        prosecutions - round(prosecutions * 0.3) - round(prosecutions * 0.4) - round(prosecutions * 0.2),
        0,
        0,
        0,
    ]
    return row + outcomes + fines + [prosecutions * 450]


def write(universe: Universe, out_dir: Path, rng) -> None:
    regions = {code: name for code, name, _ in universe.regions}
    reporters = [a for a in universe.upper_tier if a.kind != "county"] + universe.districts
    rates = {a.code: max(rng.gauss(*RATE[a.kind]), 1.5) for a in reporters}
    enforcement = {a.code: min(max(rng.gauss(0.5, 0.3), 0.0), 2.5) for a in reporters}
    # Not available: one London borough in 2016-17 and one shire district in 2018-19 (its county's
    # total is then missing for that year), as in the published file.
    gaps = {
        (next(a.code for a in reporters if a.kind == "london borough" and a.is_ranked), 2017),
        (universe.districts[5].code, 2019),
    }
    trailing = {a.code for i, a in enumerate(reporters) if i % 7 == 0}
    incidents = [
        ["Fly-tipping incidents reported by local authorities in England (DEMO DATA)"],
        INCIDENTS_GROUPS,
        INCIDENTS_HEADER,
    ]
    actions = [
        ["Fly-tipping actions reported by local authorities in England (DEMO DATA)"],
        ["", "", "", "", "TOTAL", "Type of actions and costs"],
        _actions_header(),
    ]
    for year in YEARS:
        label = f"{year - 1}-{str(year)[2:]}"
        growth = 1 + 0.006 * (year - 2017)
        by_region: dict[str, list[float]] = {}
        body_i, body_a = [], []
        for a in reporters:
            population = a.population * growth
            total = round(population * rates[a.code] * (1 + 0.04 * (year - 2015)) * rng.uniform(0.85, 1.15) / 1000)
            acts = round(total * enforcement[a.code] * rng.uniform(0.8, 1.2))
            if (a.code, year) in gaps:
                total = None
            name = a.name + (" " if a.code in trailing else "")
            region = regions[a.region_code]
            body_i.append([label, a.code, name, region, *_incident_row(total, population, year)])
            body_a.append([label, a.code, name, region, *_action_row(acts)])
            acc = by_region.setdefault(region, [0.0, 0.0])
            # Defra imputes the missing authorities in the England and region totals.
            acc[0] += total if total is not None else population * rates[a.code] / 1000
            acc[1] += acts
        england = [sum(v[0] for v in by_region.values()), sum(v[1] for v in by_region.values())]
        england_labels = (
            ["*Total England (original)", "*Total England (comparable with 2019/20)"]
            if year == 2019
            else ["*Total England"]
        )
        for i, england_label in enumerate(england_labels):
            scale = 1.0 if i == 0 else 0.9
            incidents.append(
                [
                    label,
                    "*Total",
                    "*Total",
                    england_label,
                    *_incident_row(england[0] * scale + 0.37, 56_000_000, year)[:43],
                ]
            )
        actions.append([label, "*Total", "*Total", "*Total England", *_action_row(round(england[1]))])
        for region, (n_incidents, n_actions) in sorted(by_region.items()):
            incidents.append([label, "*Total", "*Total", region, *_incident_row(round(n_incidents), 5_000_000, year)])
            actions.append([label, "*Total", "*Total", region, *_action_row(round(n_actions))])
        incidents += body_i
        actions += body_a
    write_ods(
        out_dir / "flytipping" / "flytipping_la.ods",
        {
            "Metadata": [["Fly-tipping incidents and actions - DEMO DATA (synthetic)"]],
            "Notes": [["':' means the data is not available."]],
            "LA_incidents": incidents,
            "LA_actions": actions,
            "Lookup_": [["ONS Code", "Region"], *[[a.code, regions[a.region_code]] for a in reporters]],
        },
    )
