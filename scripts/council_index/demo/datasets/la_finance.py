"""Demo of the MHCLG revenue expenditure returns (folder ``la_finance``), in the published layouts.

Writes, for the fictional councils of ``demo/universe.py`` (counties, their shire districts,
unitaries, metropolitan districts, London boroughs, plus two "other" bodies):

- RA budget 2016-17 as ``budgetaccounts1617.xlsx`` (no ONS code column), RA 2017-18 as the BBC's
  readxl CSV export ``revenueaccountsexportAug7.csv`` (extra first column, readxl names in row 1,
  'NA' for blanks), RA 2018-19 and 2019-20 as ``RA_<year>_data_by_LA.xlsx``, RA 2020-21 with the
  five-column COVID block before the lines (and a note cell far right of the last header cell, as
  in the re-saved 16,384-column sheet), RA 2021-22 with underscored sheet names
  (``RA_LA_Data_2021-22``);
- RS outturn 2015-16 to 2018-19 as ``RS_<year>_data_by_LA.xlsx``, and ``roall.csv`` (BBC processed
  subset: upper tier, 2015-16 and 2016-17, ``year`` = end year);
- RSX service expenditure summary and RO3 social care outturn (.ods, C1-C7 per line): 2022-23 in
  the line-numbered layout of 2022-23 and 2023-24 (hidden rows 7-10: variable ids, cell
  references, Row_no, Col_no; header row 11 for RSX, label row 11 and header row 12 for RO3, whose
  header cells carry a running number) and 2024-25 in the text-header layout (header row 7, no
  line numbers); each table ends with an ENGLAND row and a class breakdown table that repeats a
  body, and one district did not submit ('[x]', note 'M');
- RO4, RO5 detailed outturn 2016-17 to 2018-19 as ``RO<n>_<year>_data_by_LA.xlsx`` (assumed layout).

RA/RS spreadsheets: title rows 1-5, line codes row 6, labels row 7, authorities from row 8, then
class total rows (no E-code) and notes. Values are GBP thousand, calibrated per head on the real RA
2017-18 and RS 2016-17/2017-18 files (e.g. children's social care about GBP 680 per child, adult
social care about GBP 360 per adult, waste about GBP 55 per head over a two-tier area). Quirks
kept: the unranked island authority did not submit RS 2016-17 ('…'), a few district cells are
'…', and one county carries a neighbour's ONS code in RS 2017-18 (as North Yorkshire does).
"""

from __future__ import annotations

from pathlib import Path

from ..universe import Universe
from ..writers import write_csv, write_ods, write_xlsx

FOLDER = "la_finance"
ELLIPSIS = "…"
ODS_CLASS = {"L": "LB"}  # the RSX/RO3 releases call London boroughs LB
CLASS = {"county": "SC", "shire district": "SD", "unitary": "UA", "metropolitan district": "MD", "london borough": "L"}

# RA lines: code, label, GBP per head of the band, band, which classes deliver it.
# Bands: c = 0-17, w = 18-64, o = 65+, a = 18+, p = all ages. Roles: U upper tier, D district, B both.
RA_LINES = [
    ("330", "TOTAL CHILDREN'S SOCIAL CARE", None, "c", "U"),
    ("332", "Physical support - adults (18–64)", 38.0, "w", "U"),
    ("333", "Physical support - older people (65+)", 230.0, "o", "U"),
    ("334", "Sensory support - adults (18–64)", 2.0, "w", "U"),
    ("335", "Sensory support - older people (65+)", 4.0, "o", "U"),
    ("336", "Support with memory and cognition - adults (18–64)", 3.0, "w", "U"),
    ("337", "Support with memory and cognition - older people (65+)", 70.0, "o", "U"),
    ("340", "Learning disability support - adults (18–64)", 130.0, "w", "U"),
    ("341", "Learning disability support - older people (65+)", 40.0, "o", "U"),
    ("344", "Mental health support - adults (18–64)", 24.0, "w", "U"),
    ("345", "Mental health support - older people (65+)", 25.0, "o", "U"),
    ("348", "Social support: Substance misuse support", 0.5, "a", "U"),
    ("349", "Social support: Asylum seeker support", 0.2, "a", "U"),
    ("350", "Social support: Support for carer", 3.0, "a", "U"),
    ("351", "Social support: Social Isolation", 0.5, "a", "U"),
    ("353", "Assistive equipment and technology", 5.0, "a", "U"),
    ("354", "Social care activities", 30.0, "a", "U"),
    ("355", "Information and early intervention", 4.0, "a", "U"),
    ("356", "Commissioning and service delivery", 12.0, "a", "U"),
    ("360", "TOTAL ADULT SOCIAL CARE", None, "a", "U"),
    ("440", "Homelessness", None, "p", "D"),
    ("490", "TOTAL HOUSING SERVICES (GFRA only)", None, "p", "D"),
    ("570", "Street cleansing (not chargeable to Highways)", 11.0, "p", "D"),
    ("581", "Waste collection", 24.0, "p", "D"),
    ("582", "Waste disposal", 33.0, "p", "U"),
    ("583", "Trade waste", -1.5, "p", "D"),
    ("584", "Recycling", 7.0, "p", "B"),
    ("585", "Waste minimisation", 0.6, "p", "B"),
    ("590", "TOTAL ENVIRONMENTAL AND REGULATORY SERVICES", None, "p", "B"),
    ("799", "TOTAL SERVICE EXPENDITURE", None, "p", "B"),
    ("824", "Waste Disposal Authority levy", None, "p", "B"),
]
RS_LINES = [
    ("190", "Education services"),
    ("290", "Highways and transport services"),
    ("330", "Children Social Care"),
    ("360", "Adult Social Care"),
    ("390", "Public Health"),
    ("490", "Housing services (GFRA only)"),
    ("509", "Cultural and related services"),
    ("590", "Environmental and regulatory services"),
    ("599", "Planning and development services"),
    ("699", "TOTAL SERVICE EXPENDITURE (total of lines 190 to 698)"),
]
RO_LINES = {
    "RO4": [("440", "Homelessness"), ("490", "TOTAL HOUSING SERVICES (GFRA only)")],
    "RO5": [
        ("581", "Waste collection"),
        ("582", "Waste disposal"),
        ("583", "Trade waste"),
        ("584", "Recycling"),
        ("585", "Waste minimisation"),
        ("590", "TOTAL ENVIRONMENTAL AND REGULATORY SERVICES"),
    ],
}
RA_YEARS = ["2016-17", "2017-18", "2018-19", "2019-20", "2020-21", "2021-22"]
RS_YEARS = ["2015-16", "2016-17", "2017-18", "2018-19"]
RO_YEARS = ["2016-17", "2017-18", "2018-19"]
OUTTURN_ODS_YEARS = ["2022-23", "2024-25"]  # RSX and RO3: one file of each layout (ods is slow to write)
COVID_HEADERS = [
    "Budget Basis (more detail in following 4 columns)",
    "COVID grant - first tranche (£1.6bn) (a)",
    "Grants for payments to businesses (SBGF* and RHLGF**)  (a)",
    "Council tax hardship grant (£500m) (a)",
    "Expenditure adjustments due to Covid (a)",
]
# RSX service lines (code, label as published) and RO3 lines (the form's own numbers; label as in the
# 2024-25 header texts, share of the RS service total: CSC lines of 330, ASC lines of 360, PH of 390).
RSX_LINES = [
    ("190", "Education services"),
    ("290", "Highways and transport services"),
    ("330", "Children Social Care"),
    ("360", "Adult Social Care"),
    ("390", "Public Health"),
    ("490", "Housing services (GFRA only)"),
    ("509", "Cultural and related services"),
    ("590", "Environmental and regulatory services"),
    ("599", "Planning and development services"),
    ("601", "Police services"),
    ("602", "Fire and rescue services"),
    ("690", "Central services"),
    ("698", "Other services"),
    ("699", "Total Service Expenditure"),
]
RO3_LINES = [
    ("10", "Children's social care: Sure start children's centres and early years", "330", 0.06),
    ("13", "Children's social care - Children Looked After", "330", 0.55),
    ("161", "Children's social care - Children Looked After of which residential care", "330", 0.20),
    ("17", "Children's social care - Children Looked After of which fostering services", "330", 0.22),
    (
        "18",
        "Children's social care - Children Looked After of which asylum seeking children who are looked after",
        "330",
        0.03,
    ),
    ("19", "Children's social care - Children Looked After of which other", "330", 0.10),
    ("15", "Children's social care - Other children's and families services", "330", 0.05),
    ("22", "Children's social care - Family Support Services", "330", 0.08),
    ("23", "Children's social care - Youth Justice", "330", 0.03),
    ("25", "Children's social care: Safeguarding children and young people’s services", "330", 0.18),
    ("26", "Children's social care - Asylum Seekers", "330", 0.02),
    ("27", "Children's social care: Services for young people", "330", 0.03),
    ("30", "TOTAL CHILDREN SOCIAL CARE", "330", 1.0),
    ("32", "Physical support - adults (18–64)", "360", 0.04),
    ("33", "Physical support - older people (65+)", "360", 0.17),
    ("34", "Sensory support - adults (18–64)", "360", 0.005),
    ("35", "Sensory support - older people (65+)", "360", 0.01),
    ("36", "Support with memory and cognition - adults (18–64)", "360", 0.01),
    ("37", "Support with memory and cognition - older people (65+)", "360", 0.08),
    ("40", "Learning disability support - adults (18–64)", "360", 0.25),
    ("41", "Learning disability support - older people (65+)", "360", 0.04),
    ("44", "Mental health support - adults (18–64)", "360", 0.06),
    ("45", "Mental health support - older people (65+)", "360", 0.03),
    ("48", "Social support: Substance misuse support", "360", 0.003),
    ("49", "Social support: Asylum seeker support", "360", 0.001),
    ("51", "Social support: Social Isolation", "360", 0.006),
    ("50", "Social support: Support for carer", "360", 0.03),
    ("38", "Social support: Support for carer - adults (18-64)", "360", 0.018),
    ("39", "Social support: Support for carer - older people (65+)", "360", 0.012),
    ("53", "Assistive equipment and technology", "360", 0.01),
    ("42", "Subcategory: Assistive equipment and technology - adults (18-64)", "360", 0.004),
    ("43", "Subcategory: Assistive equipment and technology - older people (65+)", "360", 0.006),
    ("54", "Care assessment and safeguarding", "360", 0.12),
    ("46", "Subcategory: Care assessment and safeguarding - adults (18-64)", "360", 0.05),
    ("47", "Subcategory: Care assessment and safeguarding - older people (65+)", "360", 0.07),
    ("55", "Information and early intervention", "360", 0.03),
    ("52", "Subcategory: Information and early intervention - adults (18-64)", "360", 0.012),
    ("57", "Subcategory: Information and early intervention - older people (65+)", "360", 0.018),
    ("56", "Commissioning, strategy and admin support", "360", 0.105),
    ("58", "Subcategory: Commissioning, strategy and admin support - adults (18-64)", "360", 0.045),
    ("59", "Subcategory: Commissioning, strategy and admin support - older people (65+)", "360", 0.06),
    ("8", "Disbursement payments to care providers", "360", 0.0),  # 2022-23 and 2023-24 only
    ("9", "Other payments to care providers", "360", 0.0),  # 2022-23 and 2023-24 only
    ("60", "TOTAL ADULT SOCIAL CARE [note 2]", "360", 1.0),
    ("90", "TOTAL PUBLIC HEALTH", "390", 1.0),
]
NUMBERED_ONLY_RO3 = {"8", "9"}
C_HEADERS = [
    "Employees (C1)",
    "Running Expenses (C2)",
    "Total Expenditure (C3 = C1 + C2)",
    "Sales, Fees and Charges (C4)",
    "Other Income (C5)",
    "Total Income (C6 = C4 + C5)",
    "Net Current Expenditure (C7 = C3 - C6)",
]
OTHER_BODIES = [("E9951", "Fictional Fire and Rescue Authority"), ("E9952", "Fictional Joint Waste Authority")]


def _year_index(year: str) -> int:
    return int(year[:4]) - 2015


def _bands(a) -> dict[str, float]:
    p = float(a.population)
    return {"p": p, "c": 0.21 * p, "w": 0.60 * p, "o": 0.19 * p, "a": 0.79 * p}


class _Budgets:
    """RA budget and RS outturn lines (GBP thousand) of one authority for every year, kept consistent."""

    def __init__(self, universe: Universe, rng):
        self.factor: dict[str, float] = {}
        for a in [*universe.upper_tier, *universe.districts]:
            self.factor[a.code] = rng.uniform(0.75, 1.3)
        self.csc = {a.code: rng.uniform(480, 900) for a in universe.upper_tier}
        self.housing = {a.code: rng.uniform(8, 40) for a in [*universe.upper_tier, *universe.districts]}
        self.overspend = {
            a.code: (rng.gauss(0.06, 0.08), rng.gauss(-0.01, 0.05), rng.gauss(0.0, 0.03)) for a in universe.upper_tier
        }
        self.rng = rng
        self.noise: dict[tuple[str, str], float] = {}

    def ra(self, a, year: str) -> dict[str, float]:
        role = "D" if a.kind == "shire district" else ("U" if a.kind == "county" else "B")
        growth = 1.03 ** _year_index(year)
        bands, f = _bands(a), self.factor[a.code]
        out: dict[str, float] = {}
        for code, _, per_head, band, delivers in RA_LINES:
            if per_head is None:
                continue
            active = delivers == "B" or delivers == role or role == "B"
            if delivers == "B" and role != "B":
                per_head = per_head * 0.5
            out[code] = round(per_head * bands[band] * f * growth / 1000, 3) if active else 0.0
        upper = role != "D"
        out["330"] = round(self.csc[a.code] * bands["c"] * growth / 1000, 3) if upper else 0.0
        asc_lines = [c for c, *_ in RA_LINES if "332" <= c <= "356"]
        out["360"] = round(sum(out[c] for c in asc_lines), 3)
        share = {"D": 1.0, "U": 0.15, "B": 1.0}[role]
        out["490"] = round(self.housing[a.code] * bands["p"] * share * growth / 1000, 3)
        out["440"] = round(out["490"] * 0.45, 3)
        out["590"] = round(sum(out[c] for c in ("570", "581", "582", "583", "584", "585")) * 1.6, 3)
        other = {"D": 80.0, "U": 420.0, "B": 560.0}[role] * bands["p"] * f * growth / 1000
        out["799"] = round(out["330"] + out["360"] + out["490"] + out["590"] + other, 3)
        # levy paid to a joint waste disposal authority (metropolitan and London areas), outside 799
        levied = a.kind in ("metropolitan district", "london borough")
        out["824"] = round(out["582"] * 0.35, 3) if levied else 0.0
        return out

    def rs(self, a, year: str) -> dict[str, float]:
        # outturn of a year: that year's budget with the authority's typical over/underspend
        ra = self.ra(a, year)
        csc_over, asc_over, other_over = self.overspend.get(a.code, (0.0, 0.0, 0.0))
        key = (a.code, year)
        if key not in self.noise:  # drawn once, so RS, roall and the RO forms agree
            self.noise[key] = self.rng.gauss(0, 0.02)
        noise = self.noise[key]
        bands = _bands(a)
        upper = a.kind != "shire district"
        csc = ra["330"] * (1 + csc_over + noise)
        asc = ra["360"] * (1 + asc_over + noise)
        out = {
            "190": (bands["c"] * 1.1 if upper else 0.0) * (1 + noise),
            "290": bands["p"] * (0.045 if upper else 0.01) * (1 + noise),
            "330": csc,
            "360": asc,
            "390": bands["p"] * (0.05 if upper else 0.0) * (1 + noise),
            "490": ra["490"] * (1 + other_over + noise),
            "509": bands["p"] * 0.015 * (1 + noise),
            "590": ra["590"] * (1 + other_over + noise),
            "599": bands["p"] * 0.01 * (1 + noise),
        }
        out["699"] = ra["799"] - ra["330"] - ra["360"] + csc + asc + ra["799"] * other_over
        return {k: round(v, 3) for k, v in out.items()}


def _rows(universe: Universe):
    """Reporting bodies in MHCLG order: counties, their districts, then the single-tier councils."""
    rows = []
    for a in universe.upper_tier:
        if a.kind == "county":
            rows.append(a)
            rows.extend(a.districts)
    rows.extend(a for a in universe.upper_tier if a.kind != "county")
    return rows


def _title_rows(title: str, codes: list[str], id_width: int) -> list[list]:
    blank = [None] * id_width
    return [
        [title],
        ["Net current expenditure (£ thousand)"],
        blank + list(range(4, 4 + len(codes))),
        blank + [1] * len(codes),
        blank + ["Service Expenditure"],
    ]


def _footer(id_width: int) -> list[list]:
    pad = [None] * (id_width - 2)
    return [
        [None, "ENGLAND", *pad],
        [None, "SHIRE COUNTIES", *pad[:-1], "SC"],
        [None, "SHIRE DISTRICTS", *pad[:-1], "SD"],
        [],
        ["Notes"],
        ["1. DEMO DATA: synthetic figures for fictional councils."],
    ]


def _sheet(title, ids_header, lines, bodies, values, id_width) -> list[list]:
    codes = [int(c) for c, _ in lines]
    grid = _title_rows(title, [c for c, _ in lines], id_width)
    grid.append([None] * id_width + codes)
    grid.append(ids_header + [label for _, label in lines])
    for ids, vals in zip(bodies, values):
        grid.append(ids + [vals.get(c) for c, _ in lines])
    return grid + _footer(id_width)


def write(universe: Universe, out_dir: Path, rng) -> None:
    folder = out_dir / FOLDER
    budgets = _Budgets(universe, rng)
    bodies = _rows(universe)
    ra_lines = [(c, label) for c, label, *_ in RA_LINES]
    island = universe.island()
    counties = [a for a in universe.upper_tier if a.kind == "county"]
    district_blank = universe.districts[3]
    others = [{"ecode": e, "name": n} for e, n in OTHER_BODIES]

    def ra_values(year):
        vals = []
        for a in bodies:
            v = budgets.ra(a, year)
            if a is district_blank:
                v["583"] = ELLIPSIS  # not a lens line: the marker must become null, never zero
            vals.append(v)
        return vals + [{c: 0.0 for c, _ in ra_lines} for _ in others]

    # RA 2016-17: no ONS code column (E-code, Local authority, blank, Class)
    ids = [[a.ecode, a.name, None, CLASS[a.kind]] for a in bodies] + [
        [o["ecode"], o["name"], None, "O"] for o in others
    ]
    write_xlsx(
        folder / "budgetaccounts1617.xlsx",
        {
            "Front Page": [["Revenue Account Budget (RA): 2016-17 data (DEMO)"]],
            "RA LA Data 2016-17": _sheet(
                "Revenue Account Budget (RA): 2016-17 data",
                ["E-code", "Local authority", None, "Class"],
                ra_lines,
                ids,
                ra_values("2016-17"),
                4,
            ),
        },
    )

    # RA 2018-19 and 2019-20: the MHCLG workbook with an ONS code column
    ids_ons = [[a.ecode, a.code, a.name, None, CLASS[a.kind]] for a in bodies] + [
        [o["ecode"], None, o["name"], None, "O"] for o in others
    ]
    for year in ("2018-19", "2019-20"):
        write_xlsx(
            folder / f"RA_{year}_data_by_LA.xlsx",
            {
                "Front Page": [[f"Revenue Account Budget (RA): {year} data (DEMO)"]],
                f"RA LA Data {year}": _sheet(
                    f"Revenue Account Budget (RA) {year}: Revenue Account data",
                    ["E-code", "ONS Code", "Local authority", None, "Class"],
                    ra_lines,
                    ids_ons,
                    ra_values(year),
                    5,
                ),
            },
        )

    # RA 2017-18: the BBC's readxl CSV export (row index column, readxl names in row 1, 'NA' blanks)
    sheet = _sheet(
        "Revenue Account Budget (RA) 2017-18: Revenue Account data",
        ["E-code", "ONS Code", "Local authority", None, "Class"],
        ra_lines,
        ids_ons,
        ra_values("2017-18"),
        5,
    )
    width = max(len(r) for r in sheet)
    csv_rows = [["", sheet[0][0], *[f"X__{i}" for i in range(1, width)]]]
    for index, row in enumerate(sheet[1:], start=1):
        cells = list(row) + [None] * (width - len(row))
        csv_rows.append([str(index), *["NA" if c is None else c for c in cells]])
    write_csv(folder / "revenueaccountsexportAug7.csv", csv_rows)

    # RS outturn workbooks
    wrong_code_county, neighbour = counties[0], counties[1]
    for year in RS_YEARS:
        ids_rs, values = [], []
        for a in bodies:
            code = neighbour.code if (year == "2017-18" and a is wrong_code_county) else a.code
            ids_rs.append([a.ecode, code, a.name, None, CLASS[a.kind]])
            v = budgets.rs(a, year)
            if year == "2016-17" and a is island:
                v = {c: ELLIPSIS for c, _ in RS_LINES}
            values.append(v)
        ids_rs += [[o["ecode"], None, o["name"], None, "O"] for o in others]
        values += [{c: 0.0 for c, _ in RS_LINES} for _ in others]
        write_xlsx(
            folder / f"RS_{year}_data_by_LA.xlsx",
            {
                "Front Page": [[f"Revenue Outturn Summary (RS) {year} (DEMO)"]],
                f"RS LA Data {year}": _sheet(
                    f"Revenue Outturn (RO) {year}: Revenue Outturn Summary (RS) data",
                    ["E-code", "ONS Code", "Local authority", None, "Class"],
                    RS_LINES,
                    ids_rs,
                    values,
                    5,
                ),
            },
        )

    # roall.csv: BBC processed RS subset, upper tier only, year = end year, R row names first
    header = [
        "",
        "E-code",
        "ONS Code",
        "Local authority",
        "Class",
        *[f"{c}: {label}" for c, label in RS_LINES[:-1]],
        "765: Capital expenditure charged to the GF Revenue Account (CERA) (exclude Public Health)",
        "766: Capital expenditure charged to the GF Revenue Account (CERA) (Public Health)",
        "school reserves at 1 April",
        "public health reserves at 1 April",
        "other earmarked reserves at 1 April",
        "unallocated financial reserves at 1 April",
        "Housing Revenue Account (HRA) reserves at 1 April",
        "year",
    ]
    rows, n = [header], 0
    for year in ("2015-16", "2016-17"):
        for a in universe.upper_tier:
            n += 1
            v = budgets.rs(a, year)
            code = neighbour.code if (year == "2015-16" and a is wrong_code_county) else a.code
            reserves = [round(a.population * x / 1000) for x in (0.02, 0.005, 0.1, 0.03, 0.0)]
            rows.append(
                [
                    str(n),
                    a.ecode,
                    code,
                    a.name,
                    CLASS[a.kind],
                    *[v[c] for c, _ in RS_LINES[:-1]],
                    0,
                    0,
                    *reserves,
                    int(year[:4]) + 1,
                ]
            )
    write_csv(folder / "roall.csv", rows)

    # RO3 / RO4 / RO5 detailed outturn forms
    for form, lines in RO_LINES.items():
        for year in RO_YEARS:
            values = []
            for a in bodies:
                ra, rs = budgets.ra(a, year), budgets.rs(a, year)
                v = {c: ra.get(c, 0.0) for c, _ in lines}
                if "490" in v:
                    v["490"] = rs["490"]
                    v["440"] = round(rs["490"] * 0.45, 3)
                values.append(v)
            write_xlsx(
                folder / f"{form}_{year}_data_by_LA.xlsx",
                {
                    "Front Page": [[f"Revenue Outturn {form} {year} (DEMO)"]],
                    f"{form} LA Data {year}": _sheet(
                        f"Revenue Outturn ({form}) {year}",
                        ["E-code", "ONS Code", "Local authority", None, "Class"],
                        lines,
                        [[a.ecode, a.code, a.name, None, CLASS[a.kind]] for a in bodies],
                        values,
                        5,
                    ),
                },
            )

    # RA 2020-21: the COVID block (five columns) between Class and the lines; a note row carries a
    # cell far to the right of the last header cell (the re-saved sheet is 16,384 columns wide)
    covid_ids = [
        [a.ecode, a.code, a.name, None, CLASS[a.kind], "No Covid adjustment", None, None, None, None] for a in bodies
    ] + [[o["ecode"], None, o["name"], None, "O", "No Covid adjustment", None, None, None, None] for o in others]
    covid_ids[0][5:10] = ["Some Covid adjustment", "Some adjustment", None, None, "Housing services"]
    grid = _sheet(
        "Revenue Account Budget (RA) 2020-21: Revenue Account data",
        ["E-code", "ONS Code", "Local authority", None, "Class", *COVID_HEADERS],
        ra_lines,
        covid_ids,
        ra_values("2020-21"),
        10,
    )
    grid.append(["Notes"] + [None] * 299 + ["..."])
    write_xlsx(
        folder / "RA_2020-21_data_by_LA.xlsx",
        {
            "Front Page": [["Revenue Account Budget (RA): 2020-21 data (DEMO)"]],
            "LA drop-down": [["E-code"]],
            "RA LA Data 2020-21": grid,
        },
    )
    # RA 2021-22: sheet names with underscores
    write_xlsx(
        folder / "RA_2021-22_data_by_LA.xlsx",
        {
            "Front_Page": [["Revenue Account Budget (RA): 2021-22 data (DEMO)"]],
            "LA_drop-down": [["E-code"]],
            "RA_LA_Data_2021-22": _sheet(
                "Revenue Account Budget (RA) 2021-22: Revenue Account data",
                ["E-code", "ONS Code", "Local authority", None, "Class"],
                ra_lines,
                ids_ons,
                ra_values("2021-22"),
                5,
            ),
        },
    )

    # RSX and RO3 outturn (.ods), 2022-23 to 2024-25: drawn after everything above, so the earlier
    # files keep their numbers
    for year in OUTTURN_ODS_YEARS:
        rsx, ro3 = [], []
        for a in bodies:
            rs = budgets.rs(a, year)
            upper = a.kind != "shire district"
            rs.update(
                {
                    "601": 0.0,
                    "602": 0.0,
                    "690": round(a.population * 0.03, 3),
                    "698": round(a.population * (0.004 if upper else 0.002), 3),
                }
            )
            rsx.append({code: rs[code] for code, _ in RSX_LINES})
            ro3.append({code: round(rs[base] * share, 3) for code, _, base, share in RO3_LINES})
        not_submitted = universe.districts[5]  # a district whose return was not received ('[x]', note M)
        _write_outturn_ods(folder, "RSX", year, bodies, RSX_LINES, rsx, not_submitted)
        lines = [(c, label) for c, label, *_ in RO3_LINES if year != "2024-25" or c not in NUMBERED_ONLY_RO3]
        _write_outturn_ods(folder, "RO3", year, bodies, lines, ro3, not_submitted)


def _c_values(net: float) -> list[float]:
    """C1-C7 of one line whose net current expenditure (C7) is ``net``: C3 = C1 + C2, C6 = C4 + C5,
    C7 = C3 - C6."""
    income = round(abs(net) * 0.15, 3)
    gross = round(net + income, 3)
    c1, c4 = round(gross * 0.4, 3), round(income * 0.6, 3)
    c2, c5 = round(gross - c1, 3), round(income - c4, 3)
    return [c1, c2, round(c1 + c2, 3), c4, c5, round(c4 + c5, 3), round(net, 3)]


def _write_outturn_ods(folder: Path, form: str, year: str, bodies, lines, values, not_submitted) -> None:
    """One RSX or RO3 workbook: 2022-23/2023-24 in the line-numbered layout, 2024-25 with text headers."""
    numbered = year != "2024-25"
    ids_header = [
        "E-code",
        "ONS Code",
        "Local authority",
        "Notes",
        "Class",
        "Detailed Class",
        "Certified" if numbered else "Certification",
    ]
    rows = []
    for a, vals in zip(bodies, values):
        klass = ODS_CLASS.get(CLASS[a.kind], CLASS[a.kind])
        ids = [a.ecode, a.code, a.name, None, klass, klass, "Y"]
        cells = [v for code, _ in lines for v in _c_values(vals[code])]
        if a is not_submitted:
            ids[3], ids[6], cells = "M", "[x]", ["[x]"] * len(cells)
        rows.append(ids + cells)
    for ecode, name in OTHER_BODIES:
        detailed = "Fire" if "Fire" in name else "Waste"
        rows.append([ecode, None, name, None, "O", detailed, "Y"] + [0.0] * (7 * len(lines)))
    england = ["Eng", "E92000001", "ENGLAND", None, "Eng", "Eng", "[Y]"] + [
        round(sum(r[i] for r in rows if isinstance(r[i], float)), 3) for i in range(7, 7 + 7 * len(lines))
    ]
    # the class breakdown table below ENGLAND repeats a body (the real files repeat the GLA)
    breakdown = [
        ["E-code", "ONS Code", "Class Breakdown [o]", "Notes", "Class", "Detailed Class", ids_header[6]],
        ["[Y]", "E06", "Unitary Authorities", None, "UA", "UA", 3.0],
        ["[Y]", "E07", "Shire Districts", None, "SD", "SD", 20.0],
        [v + 1.0 if isinstance(v, float) else v for v in rows[-2]],
    ]
    title = {"RSX": "Service Expenditure Summary (RSX)", "RO3": "Social Care and Public Health (RO3)"}[form]
    grid = [
        [f"Worksheet 2: Revenue Outturn (RO) {year}: {title} data (DEMO)"],
        ["This worksheet contains 2 tables. Data are reported in £ thousand."],
        ["DEMO DATA: synthetic figures for fictional councils."],
    ]
    if numbered:
        grid += [
            [f"Source: Revenue Outturn (RO) returns {year}"],
            ["Last updated: 1 January 2000"],
            ["Rows 7-10 are hidden. These rows contain reference data required for this table to populate."],
        ]
        pad = [None] * 7
        grid.append(pad + [f"{form}-l{code}-c{c}" for code, _ in lines for c in range(1, 8)])
        grid.append(pad + [f"C{c}R{code}" for code, _ in lines for c in range(1, 8)])
        grid.append([None] * 5 + ["Row_no", None] + [int(code) for code, _ in lines for _ in range(7)])
        grid.append([None] * 5 + ["Col_no", None] + [c for _ in lines for c in range(1, 8)])
        if form == "RSX":
            grid.append(ids_header + [f"{label} - " + h.replace(" (", "\n (") for _, label in lines for h in C_HEADERS])
        else:
            grid.append(pad + [label if c == 0 else None for _, label in lines for c in range(7)])
            # the visible header repeats the column texts with a running number (as published)
            grid.append(
                ids_header
                + [
                    h.replace(" (", "\n (") + (str(7 * k + c - 6) if k else "")
                    for k, _ in enumerate(lines)
                    for c, h in enumerate(C_HEADERS, start=1)
                ]
            )
    else:
        grid += [
            ["Blank cells indicate that there is no note in that row."],
            ["Row 431 is hidden. This row contains reference data required to populate the dropdown."],
            [f"Source: Revenue account Outturn (RO) returns {year} - {form} data"],
        ]
        grid.append(ids_header + [f"{label} - {h}" for _, label in lines for h in C_HEADERS])
    grid += rows + [england] + breakdown
    if not numbered:
        grid.append([None] * 7 + [f"{form}-l{lines[0][0]}-c1"])  # the hidden dropdown reference row
    sheet = f"{form}_LA_Data_{year if numbered else year.replace('-', '')}"
    name = f"{form}_{year}_data_by_LA.ods" if numbered else f"{form}_LA_Data_{year}_data_by_LA.ods"
    write_ods(
        folder / name,
        {"Front_Page": [[f"{title} {year} (DEMO)"]], "Notes": [["Notes"]], "LA_drop-down": [["E-code"]], sheet: grid},
    )
