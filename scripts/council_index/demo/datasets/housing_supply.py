"""Demo of the housing supply folder: Live Table 122 (net additional dwellings), Live Tables
1006-1009 (sheet 1008C, affordable completions), the LAHS open-data CSV (identifier columns and a
few coded items) and Live Table 615 (long-term vacant dwellings, October snapshots).

Calibrated on the real files: net additions about 9.5 per 1,000 households a year (2016-17 to
2018-19), affordable completions about 2 per 1,000 households, long-term vacant about 9 per 1,000
households. LT122 has county (E10) total rows after their districts, 1008C has none (counties are
summed from districts), and the 2019-20 column of LT122 is marked revised ('2019-20R').
"""

from __future__ import annotations

import csv
from pathlib import Path

from ..universe import Universe
from .homelessness import households_thousands, housing_authorities, write_ods_fast


def _fy(end_year: int) -> str:
    return f"{end_year - 1}-{end_year % 100:02d}"


def write(universe: Universe, out_dir: Path, rng) -> None:
    las = housing_authorities(universe)
    folder = out_dir / "housing_supply"
    growth = {a.code: rng.lognormvariate(0, 0.45) for a in las}

    # Live Table 122: net additional dwellings 2001-02 to 2020-21.
    lt122_years = list(range(2002, 2022))
    net = {
        (a.code, y): round(
            households_thousands(a, min(y, 2019))
            * 9.5
            * growth[a.code]
            * (0.7 + 0.3 * (y - 2001) / 20)
            * rng.uniform(0.75, 1.25)
        )
        for a in las
        for y in lt122_years
    }
    header = [
        None,
        "DCLG code",
        "Former\nONS code",
        "Current\nONS code",
        "Met and Shire County Totals",
        "Lower and Single Tier Authority Data",
        None,
        *[_fy(y) + ("R" if y == 2020 else "") for y in lt122_years],
    ]
    width = len(header)
    rows = [
        ["Table 122  Net additional dwellings1 by local authority district, England, 2001-02 to 2020-21"],
        [None] * (width - 1) + ["Number of dwellings"],
        [None] * 10 + ["Net additions to dwelling stock"],
        header,
        [None] * width,
        [
            "England",
            None,
            None,
            "E92000001",
            None,
            None,
            None,
            *[sum(net[a.code, y] for a in las) for y in lt122_years],
        ],
        [None] * width,
    ]
    ordered = [a for a in universe.upper_tier if a.kind != "county"] + [
        a for a in universe.upper_tier if a.kind == "county"
    ]
    for a in ordered:
        if a.kind == "county":
            rows.append(
                [
                    None,
                    None,
                    None,
                    a.code,
                    a.name,
                    None,
                    None,
                    *[sum(net[d.code, y] for d in a.districts) for y in lt122_years],
                ]
            )
            members = a.districts
        else:
            members = [a]
        for d in members:
            values = [net[d.code, y] for y in lt122_years]
            if d.code == las[3].code:
                values[15] = ".."  # 2016-17 not available
            rows.append([None, d.ecode, "00XX", d.code, None, d.name, None, *values])
    rows += [[None] * width, [None, "Contact:"]]
    write_ods_fast(folder / "Live_Table_122.ods", {"LT122": rows})

    # Live Tables 1006-1009, sheet 1008C: affordable completions 1991-92 to 2020-21.
    ahs_years = list(range(1992, 2022))
    header = [None, "Current\nONS code", "Lower and Single Tier Authority Data", *[_fy(y) for y in ahs_years]]
    rows = [
        ["Table 1008C: Total additional affordable dwellings provided by local authority area - Completions1,2"],
        [],
        [],
        header,
        [],
    ]
    body, totals = [], [0] * len(ahs_years)
    for i, a in enumerate(las):
        values = []
        for j, y in enumerate(ahs_years):
            v = round(households_thousands(a, min(y, 2019)) * 2.0 * growth[a.code] ** 0.7 * rng.uniform(0.4, 1.6))
            if i % 97 == 5 and y == 2018:
                values.append("-")
            else:
                values.append(v)
                totals[j] += v
        body.append([None, a.code, a.name, *values])
    rows.append(["England", None, None, *totals])
    rows.append([])
    rows += body
    rows += [["R  Revised. P Provisional."], ['"-" nil or less than half final digit.'], ['".." not applicable.']]
    sheets = {name: [["Demo"]] for name in ("Cover_Sheet", "Contents", "Notes", "Live_Table_1006C")}
    sheets["Live_Table_1008C"] = rows
    write_ods_fast(folder / "Live_Tables_1006-1009.ods", sheets)

    # LAHS open data: identifier columns and a few coded items, 2014-15 to 2018-19.
    with (folder / "LAHS_201112_to_202021_open_data_02_2022.csv").open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(
            [
                "LA_CODE",
                "LA_NAME",
                "LAD20CD",
                "LAD20NM",
                "LAD20TYPE",
                "CTY20CD",
                "CTY20NM",
                "MCTY20CD",
                "MCTY20NM",
                "RGN20CD",
                "RGN20NM",
                "Year",
                "a1a",
                "a1b",
                "b1a",
            ]
        )
        by_code = universe.by_code()  # once: a lookup per row would make the file quadratic in authorities
        for y in range(2015, 2020):
            for a in las:
                county = by_code.get(a.county_code) if a.county_code else None
                writer.writerow(
                    [
                        a.code,
                        a.name,
                        a.code,
                        a.name,
                        a.code[:3],
                        county.code if county else "",
                        county.name if county else "",
                        "",
                        "",
                        a.region_code,
                        "",
                        _fy(y),
                        round(households_thousands(a, y) * 60 * rng.random()),
                        0,
                        "",
                    ]
                )

    # Live Table 615: long-term vacant dwellings, October 2004-2019.
    lt615_years = list(range(2004, 2020))
    header = ["DCLG code", "Current ONS code", "Lower and Single Tier Authority Data", *[str(y) for y in lt615_years]]
    rows = [
        ["Table 615: Long-term vacant dwellings by local authority district, England, from 2004"],
        [],
        [None, None, None, "Long-term vacant dwellings (October)"],
        header,
        [],
    ]
    body, totals = [], [0] * len(lt615_years)
    level = {a.code: rng.lognormvariate(0, 0.35) for a in las}
    for i, a in enumerate(las):
        values = []
        for j, y in enumerate(lt615_years):
            v = round(
                households_thousands(a, min(max(y, 2015), 2019))
                * 9.0
                * level[a.code]
                * (1.5 - 0.5 * (y - 2004) / 15)
                * rng.uniform(0.9, 1.1)
            )
            if i == 7 and y == 2017:
                values.append("..")
            else:
                values.append(v)
                totals[j] += v
        body.append([a.ecode, a.code, a.name, *values])
    rows.append([None, "E92000001", "England", *totals])
    rows += body
    write_ods_fast(folder / "LT_615.ods", {"Table_615": rows})
