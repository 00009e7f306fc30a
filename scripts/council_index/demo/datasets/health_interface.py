"""Demo of the health and social care interface files (folder ``health_interface/``).

- ONS falls mortality, Nomis export (``ons_falls_mortality_nomis``): ``death_rate_falls.csv`` and
  ``deaths_from_falls.csv`` in the Nomis layout (byte-order mark, 9 lines before the table, areas
  by NAME only, one column per calendar year 2013-2022, '-' where not available; a blank line and
  a ``#NAME?`` line after the rate table, a ``Column Total`` row after the deaths table). Names
  are written the way Nomis writes them, some as "<name>, City of", plus a Scottish demo area
  that the (England-only) name matching must leave out, so the demo exercises the name lookup.
- NHS England "Total Delayed Days Local Authority" monthly files (``nhse_dtoc_la_monthly``):
  ``dtoc_la_monthly/<Month>_<yy>.xlsx`` (the stored short names: April_16, Sept_16, Sep_17 ...)
  for April 2016 to March 2019 in the published layout of sheet 'LA - by responsible org': a
  metadata block with the Period cell, header on row 14 (Region, ONS Geography, Code, Name, NHS,
  Social Care, Both, Total), England, a blank row, the councils (no Isles of Scilly stand-in)
  and three rows of patients resident in Scotland, Wales and outside GB; from April 2017 the
  "DTOC Beds" block follows (both registry layouts). A few councils have no return for a month
  ('-'). Written as .xlsx: nothing in the project writes the legacy .xls format.
- Four Fingertips "indicator data" CSV exports (ACSC admissions, readmissions 41101, falls
  admissions 65+ 22401, hip fractures 65+ 41401), 2015/16 to 2018/19, England, regions and
  every upper-tier authority, with deprivation-decile category rows and suppressed values.

Levels are calibrated on published England values: falls deaths about 10 per 100,000 (age-
standardised); delayed transfers 2017-18 about 12.3 delayed beds a day per 100,000 aged 18+, of
which about a third attributable to social care; ACSC about 800 per 100,000; readmissions about
14%; falls admissions 65+ about 2,100 and hip fractures 65+ about 570 per 100,000 aged 65+.
Ranked councils lose at most one year of any measure to suppression, so every ranked council has
every indicator in at least two of 2016-17 to 2018-19.
"""

from __future__ import annotations

import calendar
import random
from pathlib import Path

from ..universe import Universe
from ..writers import write_csv, write_xlsx

NOMIS_YEARS = list(range(2013, 2023))
FINANCIAL_YEARS = [2016, 2017, 2018, 2019]  # Fingertips periods 2015/16 .. 2018/19 (year ending)
DTOC_YEARS = [2017, 2018, 2019]  # DToC financial years 2016-17 .. 2018-19
FINGERTIPS_HEADER = [
    "Indicator ID",
    "Indicator Name",
    "Parent Code",
    "Parent Name",
    "Area Code",
    "Area Name",
    "Area Type",
    "Sex",
    "Age",
    "Category Type",
    "Category",
    "Time period",
    "Value",
    "Lower CI 95.0 limit",
    "Upper CI 95.0 limit",
    "Lower CI 99.8 limit",
    "Upper CI 99.8 limit",
    "Count",
    "Denominator",
    "Value note",
    "Recent Trend",
    "Compared to England value or percentiles",
    "Compared to percentiles",
    "Time period Sortable",
    "New data",
    "Compared to goal",
]
# file stem: (indicator id, name, age label, England level, spread, population share of denominator,
#             per (100000 or 100), denominator kind)
FINGERTIPS = {
    "fingertips_acsc_admissions": (
        90000,
        "Unplanned hospitalisation for chronic ambulatory care sensitive conditions (NHS OF 2.3i)",
        "All ages",
        800.0,
        160.0,
        1.0,
        100_000,
    ),
    "fingertips_41101": (
        41101,
        "Emergency readmissions within 30 days of discharge from hospital",
        "All ages",
        14.0,
        1.3,
        0.11,
        100,
    ),
    "fingertips_22401": (
        22401,
        "Emergency hospital admissions due to falls in people aged 65 and over",
        "65+ yrs",
        2100.0,
        330.0,
        0.18,
        100_000,
    ),
    "fingertips_41401": (41401, "Hip fractures in people aged 65 and over", "65+ yrs", 570.0, 70.0, 0.18, 100_000),
}
SUPPRESSED_NOTE = "Value suppressed for disclosure control due to small count"


def _level(key: str, code: str, level: float, spread: float):
    """A per-authority level and year noise, seeded by the measure and the authority code."""
    rng = random.Random(f"health_interface:{key}:{code}")
    base = max(level * 0.3, level + rng.gauss(0, spread))
    return lambda year: max(level * 0.2, base * (1 + 0.015 * (year - 2017)) + rng.gauss(0, spread * 0.12))


def _suppressed_year(rng, authority, years):
    """At most one suppressed year for a ranked authority (one in 25); every year for a tiny one."""
    if not authority.is_ranked:
        return set(years)
    return {rng.choice(years)} if rng.random() < 0.04 else set()


def _nomis_name(authority, rng) -> str:
    if authority.kind == "unitary" and rng.random() < 0.12:
        return f"{authority.name}, City of"
    return authority.name


def _write_nomis(universe: Universe, out_dir: Path, rng) -> None:
    areas = universe.upper_tier
    rates, deaths, names = {}, {}, {}
    for a in areas:
        names[a.code] = _nomis_name(a, rng)
        curve = _level("falls_deaths", a.code, 10.0, 3.0)
        gaps = _suppressed_year(rng, a, [2016, 2017, 2018]) | (
            {rng.choice(NOMIS_YEARS)} if rng.random() < 0.1 else set()
        )
        for year in NOMIS_YEARS:
            rate = round(curve(year) * (1.35 if year >= 2020 else 1.0), 2)
            count = max(0, round(rate * a.population / 100_000 * rng.uniform(0.85, 1.15)))
            deaths[a.code, year] = count
            rates[a.code, year] = "-" if year in gaps else rate

    def top(measure):
        return [
            ["Mortality statistics - underlying cause, sex and age"] + [None] * 10,
            ["ONS Crown Copyright Reserved [from Nomis on 17 January 2024]"] + [None] * 10,
            [None] * 11,
            ["cause of death", "LC01b Accidental falls"] + [None] * 9,
            ["gender", "Total"] + [None] * 9,
            ["age", "total (all ages)"] + [None] * 9,
            ["measure", measure] + [None] * 9,
            [None] * 11,
            ["local authority: county / unitary (as of April 2021)", *[str(y) for y in NOMIS_YEARS]],
        ]

    # Regions in order, as Nomis lists areas; a Scottish demo area the matching must leave out.
    ordered = sorted(areas, key=lambda a: a.region_code)
    rate_rows = top("Age-standardised mortality rate")
    death_rows = top("Deaths")
    for a in ordered:
        rate_rows.append([names[a.code], *[rates[a.code, y] for y in NOMIS_YEARS]])
        death_rows.append([names[a.code], *[deaths[a.code, y] for y in NOMIS_YEARS]])
    rate_rows.append(["Glenbarra", *[round(rng.uniform(6, 14), 2) for _ in NOMIS_YEARS]])
    death_rows.append(["Glenbarra", *[rng.randint(5, 30) for _ in NOMIS_YEARS]])
    rate_rows += [[None] * 11, ["#NAME?"] + [None] * 10]
    death_rows.append(["Column Total", *[f"{sum(deaths[a.code, y] for a in areas):,}" for y in NOMIS_YEARS]])
    write_csv(out_dir / "health_interface" / "death_rate_falls.csv", rate_rows, encoding="utf-8-sig")
    write_csv(out_dir / "health_interface" / "deaths_from_falls.csv", death_rows, encoding="utf-8-sig")


# Short month names as the stored files use them (psychty/DTOC): "Sept_16" but "Sep_17".
DTOC_MONTH_NAMES = {
    1: "Jan",
    2: "Feb",
    3: "March",
    4: "April",
    5: "May",
    6: "June",
    7: "July",
    8: "Aug",
    9: "Sep",
    10: "Oct",
    11: "Nov",
    12: "Dec",
}
DTOC_BEDS_FROM = (2017, 4)  # the "DTOC Beds" block appears in April 2017 (registry: table layout)
DTOC_RESIDENCE_ROWS = [("9901", "Resident in Scotland"), ("9900", "Resident In Wales"), ("9902", "Resident outside GB")]


def dtoc_file_name(year: int, month: int) -> str:
    """The stored short name of a month's file: April_16, Sept_16 (September 2016 only), Sep_17 ..."""
    name = "Sept" if (year, month) == (2016, 9) else DTOC_MONTH_NAMES[month]
    return f"{name}_{year % 100:02d}.xlsx"


def dtoc_sheet(year: int, month: int, rows: list[list]) -> list[list]:
    """Sheet 'LA - by responsible org' in NHS England's layout: a metadata block in B2:C11 (Period
    in C5), header on row 14, England on row 15, a blank row, then one row per area. ``rows`` are
    (region, ONS code, code, name, nhs, social care, both, total) with England first; from April
    2017 the "DTOC Beds" block (days / days in the month) follows a blank column."""
    beds = (year, month) >= DTOC_BEDS_FROM
    days = calendar.monthrange(year, month)[1]
    width = 14 if beds else 9
    period = f"{calendar.month_name[month]} {year}"
    meta = [
        ("Title:", "Delayed Transfer of Care, NHS Organisations, England (demo)"),
        (
            "Summary:",
            "Number of Delayed Days during the reporting period, Acute and Non-Acute, for NHS "
            "Organisations in England by the responsible organisation.",
        ),
        (None, None),
        ("Period:", period),
        ("Source:", "Unify2 Data Collection - MSitDT"),
        ("Basis:", "Local Authority"),
        ("Published:", "demo"),
        ("Revised:", "demo"),
        ("Status:", "Published"),
        ("Contact:", "demo data, not for use"),
    ]
    grid = [[None] * width]
    grid += [[None, label, value] + [None] * (width - 3) for label, value in meta]
    grid += [[None] * width, [None] * width]
    header = [None, "Region", "ONS Geography", "Code", "Name", "NHS", "Social Care", "Both", "Total"]
    if beds:
        grid[12][5], grid[12][10] = "Delayed Days", "DTOC Beds"
        header += [None, "NHS", "Social Care", "Both", "Total"]
    grid.append(header)
    for position, row in enumerate(rows):
        cells = [None, *row]
        if beds:
            cells += [None] + [v / days if isinstance(v, (int, float)) else v for v in row[4:8]]
        grid.append(cells)
        if position == 0:
            grid.append([None] * width)  # the blank row after England
    return grid


def _write_dtoc(universe: Universe, out_dir: Path, rng) -> None:
    """The monthly files in both layouts: 2016-17 without, 2017-18 and 2018-19 with "DTOC Beds".

    Values are drawn from ``rng`` in the same order as before the layout was the real one (so the
    other health files, drawn after them, are unchanged); the residence rows use their own seed.
    """
    regions = {code: name for code, name, _ in universe.regions}
    areas = universe.upper_tier
    total_curve = {a.code: _level("dtoc_total", a.code, 12.3, 4.0) for a in areas}
    social_share = {a.code: min(0.7, max(0.05, rng.gauss(0.33, 0.1))) for a in areas}
    both_share = {a.code: min(0.2, max(0.0, rng.gauss(0.07, 0.03))) for a in areas}
    # A few councils miss one month's return (that financial year then has no value).
    no_return = {
        (a.code, rng.choice(DTOC_YEARS), rng.randint(1, 12)) for a in rng.sample([a for a in areas if a.is_ranked], 3)
    }
    # Like the Isles of Scilly, the stand-in the registry's expects: exception names is not in the files.
    absent = {universe.island().code}
    residence = random.Random("health_interface:dtoc_residence")
    ordered = sorted(areas, key=lambda a: (regions[a.region_code], a.name))
    for year_end in DTOC_YEARS:
        for month_index in range(12):
            month = (month_index + 3) % 12 + 1  # April .. March
            year = year_end - 1 if month >= 4 else year_end
            days = calendar.monthrange(year, month)[1]
            values = {}
            for a in areas:
                adults = a.population * 0.78
                beds = total_curve[a.code](year_end) * adults / 100_000 * rng.uniform(0.85, 1.15)
                total = round(beds * days)
                social = round(total * social_share[a.code])
                both = round(total * both_share[a.code])
                values[a.code] = (total - social - both, social, both, total)
                if (a.code, year_end, month_index + 1) in no_return or (not a.is_ranked and month == 1):
                    values[a.code] = ("-", "-", "-", "-")
            body = []
            for a in ordered:
                if a.code in absent:
                    continue
                name = f"{a.name} UA" if a.kind == "unitary" else a.name
                body.append([regions[a.region_code], a.code, a.dfe_code, name, *values[a.code]])
            for code, name in DTOC_RESIDENCE_ROWS:
                nhs = residence.randint(0, 400) if code != "9901" else 0
                social = residence.randint(0, nhs // 2 + 1) if nhs else 0
                body.append(["-", "-", code, name, nhs, social, 0, nhs + social])
            england = [sum(r[k] for r in body if isinstance(r[k], int)) for k in range(4, 8)]
            sheet = dtoc_sheet(year, month, [["-", "-", "-", "England", *england], *body])
            title = [[None], [None, "Delayed Transfers of Care, England (demo)"]]
            write_xlsx(
                out_dir / "health_interface" / "dtoc_la_monthly" / dtoc_file_name(year, month),
                {"England": title, "LA - by responsible org": sheet},
            )


def _write_fingertips(universe: Universe, out_dir: Path, rng) -> None:
    regions = {code: name for code, name, _ in universe.regions}
    areas = universe.upper_tier
    for stem, (indicator_id, name, age, level, spread, share, per) in FINGERTIPS.items():
        rows = [FINGERTIPS_HEADER]

        def row(
            parent,
            parent_name,
            code,
            area_name,
            area_type,
            period,
            value,
            count,
            denominator,
            note=None,
            category_type=None,
            category=None,
        ):
            label = f"{period - 1}/{str(period)[2:]}"
            low = None if value is None else round(value * 0.93, 1)
            high = None if value is None else round(value * 1.07, 1)
            return [
                indicator_id,
                name,
                parent,
                parent_name,
                code,
                area_name,
                area_type,
                "Persons",
                age,
                category_type,
                category,
                label,
                value,
                low,
                high,
                None,
                None,
                count,
                denominator,
                note,
                "Cannot be calculated",
                "Similar",
                "Not compared",
                f"{period - 1}0000",
                None,
                None,
            ]

        for period in FINANCIAL_YEARS:
            england = [0, 0]
            by_region = {}
            body = []
            for a in areas:
                gaps = _suppressed_year(random.Random(f"{stem}:{a.code}"), a, [2017, 2018, 2019])
                curve = _level(stem, a.code, level, spread)
                denominator = max(1, round(a.population * share * rng.uniform(0.97, 1.03)))
                value = round(curve(period), 1)
                count = round(value * denominator / per)
                england[0] += count
                england[1] += denominator
                reg = by_region.setdefault(a.region_code, [0, 0])
                reg[0] += count
                reg[1] += denominator
                suppressed = period in gaps
                body.append(
                    row(
                        a.region_code,
                        regions[a.region_code],
                        a.code,
                        a.name,
                        "County & UA (pre 4/19)",
                        period,
                        None if suppressed else value,
                        None if suppressed else count,
                        denominator,
                        SUPPRESSED_NOTE if suppressed else None,
                    )
                )
            rows.append(
                row(
                    None,
                    None,
                    "E92000001",
                    "England",
                    "England",
                    period,
                    round(england[0] / england[1] * per, 1),
                    england[0],
                    england[1],
                )
            )
            for code, (count, denominator) in by_region.items():
                rows.append(
                    row(
                        "E92000001",
                        "England",
                        code,
                        f"{regions[code]} region",
                        "Region",
                        period,
                        round(count / denominator * per, 1),
                        count,
                        denominator,
                    )
                )
            for decile in (1, 10):
                rows.append(
                    row(
                        None,
                        None,
                        "E92000001",
                        "England",
                        "England",
                        period,
                        round(level * (1.25 if decile == 1 else 0.8), 1),
                        None,
                        None,
                        category_type="County & UA deprivation deciles in England (IMD2015)",
                        category=f"{'Most' if decile == 1 else 'Least'} deprived decile",
                    )
                )
            rows += body
        write_csv(out_dir / "health_interface" / f"{stem}.csv", rows)


def write(universe: Universe, out_dir: Path, rng) -> None:
    _write_nomis(universe, out_dir, rng)
    _write_dtoc(universe, out_dir, rng)
    _write_fingertips(universe, out_dir, rng)
