"""Demo of folder ``dfe_cin``: children in need census tables, social work workforce, Ofsted outcomes.

- Children in need census tables b1, c1, c4, d3 and d5 (``b1_children_in_need_2013_to_2025.csv``
  ...), years ending 31 March 2013-2025, in the EES tidy layout of the published files: columns
  ``old_la_code, new_la_code, la_name`` in that order (the children looked after files put
  ``la_name`` first), a ``category`` column, England, regional (the nine regions plus Inner and
  Outer London) and local-authority rows, London boroughs carrying the Inner or Outer London
  code as their region; the d5 duration headers start with a digit (``3_months_or_less``), c4 has
  ``Duration_21+_days``. Small counts (1-5) are ``c`` (with their percentage), one authority-year
  is ``x`` throughout (a council that could not submit), one is ``u`` (low reliability).
- Social work workforce indicators (``csww_indicators_2017_to_2025.csv``), 30 September
  2017-2025, same layout without ``category``; ``low`` where an FTE or rate rounds to zero, ``z``
  for a rate with nothing to divide by, one ``u`` authority-year.
- Ofsted's ``LA_Inspection_Outcomes_as_at_31_March_2025.ods``: sheets Cover, Contents, Notes,
  Inspections_as_at_31_March, In-year_inspections and ILACS_inspection_history, each data sheet
  with a title row and a note row above the header (row 3). Every authority has one to three
  ILACS inspections since 2018 (plus the post-2019 unitary of the lookup demo, E06900999, from
  2022); the care leavers judgement is blank before 1 January 2023. Dates are written as ISO
  text (the demo writer has no date cells; the real workbook's date cells land as
  '2023-07-10T00:00:00', which staging reads the same way).

Calibrated on England 2024-25: about 330 children in need at 31 March per 10,000 children, 520
referrals (22% re-referrals), 190 section 47 enquiries, 41 child protection plans at 31 March
(14% lasting 1-2 years, 2% 2 years or more), and 30 social workers (FTE) per 10,000 children,
about 12% turnover, 16% vacancies and a caseload of about 15.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from .. import ees
from ..universe import Universe
from ..writers import Grid, write_csv, write_ods

CIN_YEARS = range(2013, 2026)
CSWW_YEARS = range(2017, 2026)
FOLDER = "dfe_cin"
INNER_SHARE = 0.4  # share of the London boroughs given the Inner London code
INNER, OUTER = ("E13000001", "Inner London"), ("E13000002", "Outer London")
JUDGEMENTS = ["Outstanding", "Good", "Requires improvement to be good", "Inadequate"]
JUDGEMENT_WEIGHTS = [0.2, 0.45, 0.25, 0.1]
NEW_UNITARY = ("E06900999", "New Tarnvale", "E12000008")  # created 2020 in the la_lookup demo


def _small(value: int) -> int | str:
    """DfE's suppression of small counts in the census tables."""
    return "c" if 0 < value < 6 else value


def _pct(part, whole, digits=1):
    return round(100 * part / whole, digits) if whole else "z"


def _areas(universe: Universe):
    """(level, region code, region name, authority or None, members) for every row of a year."""
    regions = {code: name for code, name, _ in universe.regions}
    london = [a for a in universe.upper_tier if a.region_code == "E12000007"]
    inner_codes = {a.code for a in london[: int(len(london) * INNER_SHARE)]}
    region_of = {}
    for a in universe.upper_tier:
        if a.region_code == "E12000007":
            region_of[a.code] = INNER if a.code in inner_codes else OUTER
        else:
            region_of[a.code] = (a.region_code, regions[a.region_code])
    yield "National", None, None, None, universe.upper_tier
    for code, name, _ in universe.regions:
        yield "Regional", code, name, None, [a for a in universe.upper_tier if a.region_code == code]
        if code == "E12000007":
            for sub_code, sub_name in (INNER, OUTER):
                yield "Regional", sub_code, sub_name, None, [a for a in london if region_of[a.code][0] == sub_code]
    for a in universe.upper_tier:
        yield "Local authority", *region_of[a.code], a, [a]


def _cin_counts(universe: Universe, rng) -> dict:
    """Per authority and year ending 31 March 2013-2025: every census count the tables need."""
    counts = {}
    for a in universe.upper_tier:
        children = max(int(a.population * rng.uniform(0.19, 0.24)), 300)
        need = rng.uniform(220, 450) if a.is_ranked else rng.uniform(20, 60)
        base = {
            "rereferral": rng.uniform(0.14, 0.30),
            "s47": rng.uniform(0.25, 0.45),
            "icpc": rng.uniform(0.2, 0.42),
            "cpp": rng.uniform(0.09, 0.16),
            "long": rng.uniform(0.10, 0.20),
            "repeat": rng.uniform(0.15, 0.32),
        }
        for year in CIN_YEARS:
            drift = 1 + 0.01 * (year - 2019) + rng.uniform(-0.05, 0.05)
            at31 = int(round(children * need * drift / 10_000))
            referrals = int(round(at31 * rng.uniform(1.4, 1.8)))
            s47 = int(round(at31 * base["s47"] * rng.uniform(1.3, 1.7)))
            icpc = int(round(s47 * base["icpc"] * rng.uniform(0.85, 1.15)))
            cpp_at31 = int(round(at31 * base["cpp"] * rng.uniform(0.9, 1.1)))
            long_share = min(base["long"] + rng.uniform(-0.03, 0.03), 0.4)
            over_two = int(round(cpp_at31 * long_share * rng.uniform(0.08, 0.2)))
            one_to_two = int(round(cpp_at31 * long_share)) - over_two
            up_to_3 = int(round(cpp_at31 * rng.uniform(0.28, 0.36)))
            three_to_6 = int(round(cpp_at31 * rng.uniform(0.22, 0.28)))
            cpp_started = int(round(cpp_at31 * rng.uniform(1.1, 1.4)))
            icpc_on_time = int(round(icpc * rng.uniform(0.7, 0.9)))
            counts[(a.code, year)] = {
                "anypoint_episodes": int(round(at31 * 1.88)),
                "anypoint_child": int(round(at31 * 1.75)),
                "started_episodes": int(round(at31 * rng.uniform(0.9, 1.05))),
                "started_child": int(round(at31 * rng.uniform(0.85, 0.95))),
                "ended_episodes": int(round(at31 * rng.uniform(0.85, 0.95))),
                "ended_child": int(round(at31 * rng.uniform(0.8, 0.9))),
                "at31": at31,
                "awaiting": int(round(at31 * rng.uniform(0.01, 0.07))),
                "referrals": referrals,
                "rereferrals": int(round(referrals * base["rereferral"])),
                "nfa": int(round(referrals * rng.uniform(0.02, 0.12))),
                "not_in_need": int(round(referrals * rng.uniform(0.2, 0.4))),
                "children_referred": int(round(referrals * 0.88)),
                "children_rereferred": int(round(referrals * 0.88 * base["rereferral"] * 0.95)),
                "s47": s47,
                "s47_child": int(round(s47 * 0.86)),
                "icpc": icpc,
                "icpc_child": int(round(icpc * 0.98)),
                "d0_10": int(round((icpc - icpc_on_time) * 0.5)),
                "d11_15": icpc_on_time,
                "d16_20": int(round((icpc - icpc_on_time) * 0.25)),
                "d21": icpc
                - icpc_on_time
                - int(round((icpc - icpc_on_time) * 0.5))
                - int(round((icpc - icpc_on_time) * 0.25)),
                "p25": rng.randint(11, 13),
                "median": rng.randint(13, 15),
                "p75": rng.randint(15, 19),
                "cpp_started": cpp_started,
                "cpp_subsequent": int(round(cpp_started * base["repeat"])),
                "cpp_at31": cpp_at31,
                "up_to_3": up_to_3,
                "three_to_6": three_to_6,
                "six_to_12": max(cpp_at31 - up_to_3 - three_to_6 - one_to_two - over_two, 0),
                "one_to_two": one_to_two,
                "over_two": over_two,
            }
    return counts


def _cin_column(spec: tuple):
    """The cell function (counts, is_la) -> cell of a column spec: (header, key) a count, small
    counts ``c`` at local authorities; (header, key, whole) the count's percentage of ``whole``,
    ``c`` where the count is; (header, function) the function itself."""
    key = spec[1]
    if callable(key):
        return key
    if len(spec) == 2:
        return lambda c, la: _small(c[key]) if la else c[key]
    whole = spec[2]
    return lambda c, la: "c" if la and 0 < c[key] < 6 else _pct(c[key], c[whole])


def _with_percent(header: str, key: str, whole: str, percent_header: str | None = None) -> list[tuple]:
    """A count column followed by its percentage of ``whole`` (header ``<header>_percent`` unless named)."""
    return [(header, key), (percent_header or f"{header}_percent", key, whole)]


def _cin_tables() -> list[tuple[str, str, list]]:
    """(file name, category, column specs (see ``_cin_column``)) of the census tables."""

    def quartile(key):  # of the days to an initial conference: 'z' where there was none
        return lambda c, la: c[key] if c["icpc"] else "z"

    durations = [
        ("3_months_or_less", "up_to_3"),
        ("more_than_3_months_6_months", "three_to_6"),
        ("more_than_6_months_less_than_1_year", "six_to_12"),
        ("1_year_less_than_2_years", "one_to_two"),
        ("2_years_or_more", "over_two"),
    ]
    return [
        (
            "b1_children_in_need_2013_to_2025.csv",
            "Children in Need",
            [
                (f"{stage}_{unit}", f"{stage.lower()}_{unit}")
                for stage in ("Anypoint", "Started", "Ended")
                for unit in ("episodes", "child")
            ]
            + [("At31_episodes", "at31"), ("awaiting_assessment", "awaiting")],
        ),
        (
            "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv",
            "Referrals and Re-referrals",
            [
                ("referral_count", "referrals"),
                *_with_percent("rereferral_count", "rereferrals", "referrals", "rereferral_percent"),
                *_with_percent("no_further_action_count", "nfa", "referrals", "no_further_action_percent"),
                *_with_percent("not_in_need_count", "not_in_need", "referrals", "not_in_need_percent"),
                ("referral_child_count", "children_referred"),
                *_with_percent(
                    "rereferral_child_count", "children_rereferred", "children_referred", "rereferral_child_percent"
                ),
            ],
        ),
        (
            "c4_children_in_need_section_47s_and_icpcs_2013_to_2025.csv",
            "Section 47s and Initial Child Protection Conferences",
            [("Section47", "s47"), ("Section47_child", "s47_child"), ("ICPC", "icpc"), ("ICPC_child", "icpc_child")]
            + [
                (f"Duration_{days}_days", key)
                for days, key in (("0-10", "d0_10"), ("11-15", "d11_15"), ("16-20", "d16_20"), ("21+", "d21"))
            ]
            + [
                ("Duration_25th_Percentile", quartile("p25")),
                ("Duration_median", quartile("median")),
                ("Duration_75th_Percentile", quartile("p75")),
            ],
        ),
        (
            "d3_cpps_subsequent_plan_2013_to_2025.csv",
            "Child Protection Plans which are a second or subsequent plan",
            [("CPP_start", "cpp_started"), *_with_percent("CPP_subsequent", "cpp_subsequent", "cpp_started")],
        ),
        (
            "d5_cpps_at31march_by_duration_2013_to_2025.csv",
            "Child Protection Plans by length of time",
            [("CPP_At31", "cpp_at31")]
            + [column for header, key in durations for column in _with_percent(header, key, "cpp_at31")],
        ),
    ]


def _write_cin(universe: Universe, out_dir: Path, rng) -> None:
    counts = _cin_counts(universe, rng)
    ranked = [a for a in universe.upper_tier if a.is_ranked]
    missing = (ranked[len(ranked) // 3].code, 2021)  # could not submit: 'x' throughout
    unreliable = (ranked[2 * len(ranked) // 3].code, 2024)  # 'u' throughout
    areas = list(_areas(universe))
    keys = list(counts[(universe.upper_tier[0].code, CIN_YEARS[0])])
    summed = {}  # (area position, year) -> the area's counts (quartiles of days: its first member's)
    for position, (_, _, _, _, members) in enumerate(areas):
        for year in CIN_YEARS:
            if len(members) == 1:  # an authority: its own counts (no summing: linear in --scale N)
                summed[(position, year)] = counts[(members[0].code, year)]
                continue
            rows_of = [counts[(a.code, year)] for a in members]
            total = {k: sum(r[k] for r in rows_of) for k in keys}
            total.update({k: rows_of[0][k] for k in ("p25", "median", "p75")})
            summed[(position, year)] = total
    for name, category, specs in _cin_tables():
        columns = [(spec[0], _cin_column(spec)) for spec in specs]
        rows = [ees.header("category", *[h for h, _ in columns])]
        for year in sorted(CIN_YEARS, reverse=True):  # the published files start with the latest year
            for position, (level, region_code, region_name, authority, _) in enumerate(areas):
                la = authority is not None
                cells = [fn(summed[(position, year)], la) for _, fn in columns]
                if la and (authority.code, year) == missing:
                    cells = ["x"] * len(cells)
                elif la and (authority.code, year) == unreliable:
                    cells = ["u"] * len(cells)
                rows.append(ees.area_cells(year, level, region_code, region_name, authority) + [category] + cells)
        write_csv(out_dir / FOLDER / name, rows)


CSWW_HEADER = [
    "inpost_fte",
    "inpost_headcount",
    "starters_fte",
    "starters_headcount",
    "leavers_fte",
    "leavers_headcount",
    "turnover_rate_fte",
    "turnover_rate_headcount",
    "agency_fte",
    "agency_headcount",
    "agency_rate_fte",
    "agency_rate_headcount",
    "agency_cover_fte",
    "agency_cover_rate_fte",
    "vacancy_fte",
    "vacancy_rate_fte",
    "vacancy_agency_cover_rate_fte",
    "case_holders_fte",
    "cases",
    "caseload_fte",
    "working_days_lost_fte",
    "absence_rate_fte",
]


def _csww_counts(universe: Universe, rng) -> dict:
    counts = {}
    for a in universe.upper_tier:
        children = max(int(a.population * rng.uniform(0.19, 0.24)), 300)
        per_10k = rng.uniform(20, 40) if a.is_ranked else rng.uniform(5, 15)
        agency_share = rng.uniform(0.0, 0.3)
        for year in CSWW_YEARS:
            inpost = round(children * per_10k * rng.uniform(0.95, 1.05) / 10_000, 1)
            agency = round(inpost * min(max(agency_share + rng.uniform(-0.03, 0.03), 0), 0.5), 1)
            vacancy = round(inpost * rng.uniform(0.05, 0.25), 1)
            holders = round(inpost * rng.uniform(0.5, 0.65), 1)
            counts[(a.code, year)] = {
                "inpost_fte": inpost,
                "inpost_headcount": int(round(inpost * 1.06)),
                "starters_fte": round(inpost * rng.uniform(0.1, 0.22), 1),
                "leavers_fte": round(inpost * rng.uniform(0.08, 0.18), 1),
                "agency_fte": agency,
                "agency_headcount": int(round(agency * 1.03)),
                "vacancy_fte": vacancy,
                "agency_cover_fte": round(min(agency, vacancy) * rng.uniform(0.6, 1.0), 1),
                "case_holders_fte": holders,
                "cases": int(round(holders * rng.uniform(11, 20))),
                "working_days_lost_fte": round(inpost * rng.uniform(5, 12), 1),
            }
    return counts


def _csww_cells(c: dict, la: bool) -> list:
    def fte(value):
        return "low" if la and 0 < value < 0.5 else value

    def rate(part, whole):
        if not whole:
            return "z"
        value = round(100 * part / whole, 1)
        return "low" if la and 0 < value < 0.05 else value

    starters_head = int(round(c["starters_fte"] * 1.04))
    leavers_head = int(round(c["leavers_fte"] * 1.05))
    return [
        c["inpost_fte"],
        c["inpost_headcount"],
        c["starters_fte"],
        starters_head,
        c["leavers_fte"],
        leavers_head,
        rate(c["leavers_fte"], c["inpost_fte"]),
        rate(leavers_head, c["inpost_headcount"]),
        fte(c["agency_fte"]),
        c["agency_headcount"],
        rate(c["agency_fte"], c["agency_fte"] + c["inpost_fte"]),
        rate(c["agency_headcount"], c["agency_headcount"] + c["inpost_headcount"]),
        fte(c["agency_cover_fte"]),
        rate(c["agency_cover_fte"], c["vacancy_fte"]),
        c["vacancy_fte"],
        rate(c["vacancy_fte"], c["vacancy_fte"] + c["inpost_fte"]),
        rate(c["agency_cover_fte"], c["vacancy_fte"]),
        c["case_holders_fte"],
        c["cases"],
        round(c["cases"] / c["case_holders_fte"], 1) if c["case_holders_fte"] else "z",
        c["working_days_lost_fte"],
        rate(c["working_days_lost_fte"], c["inpost_fte"] * 253),
    ]


def _write_csww(universe: Universe, out_dir: Path, rng) -> None:
    counts = _csww_counts(universe, rng)
    ranked = [a for a in universe.upper_tier if a.is_ranked]
    unreliable = (ranked[len(ranked) // 2].code, 2024)
    # The workforce file has no Inner / Outer London rows.
    areas = [area for area in _areas(universe) if not (area[3] is None and area[1] in (INNER[0], OUTER[0]))]
    keys = list(counts[(universe.upper_tier[0].code, CSWW_YEARS[0])])
    rows = [ees.header(*CSWW_HEADER)]
    for year in sorted(CSWW_YEARS, reverse=True):
        for level, region_code, region_name, authority, members in areas:
            la = authority is not None
            if la:
                summed = counts[(authority.code, year)]
            else:
                summed = {k: round(sum(counts[(a.code, year)][k] for a in members), 1) for k in keys}
            cells = _csww_cells(summed, la)
            if la and (authority.code, year) == unreliable:
                cells = cells[:6] + ["u"] * (len(cells) - 6)
            rows.append(ees.area_cells(year, level, region_code, region_name, authority) + cells)
    write_csv(out_dir / FOLDER / "csww_indicators_2017_to_2025.csv", rows)


SNAPSHOT = datetime.date(2025, 3, 31)
OFSTED_JUDGEMENT_HEADERS = [
    "Overall effectiveness",
    "The impact of leaders on social work practice with children and families",
    "The experiences and progress of children who need help and protection",
    "The experiences and progress of children in care",
    "The experiences and progress of care leavers",
]
CARE_LEAVERS_FROM = datetime.date(2023, 1, 1)


def _inspections(universe: Universe, rng) -> list[dict]:
    """Every ILACS inspection since 2018 of every authority (one to three each), in date order."""
    ofsted_regions = {
        "E12000001": "North East, Yorkshire and the Humber",
        "E12000003": "North East, Yorkshire and the Humber",
        "E12000002": "North West",
        "E12000004": "East Midlands",
        "E12000005": "West Midlands",
        "E12000006": "East of England",
        "E12000007": "London",
        "E12000008": "South East",
        "E12000009": "South West",
    }
    authorities = [(a.code, a.name, a.region_code) for a in universe.upper_tier] + [NEW_UNITARY]
    found = []
    for code, name, region in authorities:
        first = datetime.date(2018, 1, 15) if code != NEW_UNITARY[0] else datetime.date(2022, 1, 10)
        date = first + datetime.timedelta(days=rng.randint(0, 700))
        grade = rng.choices(range(4), JUDGEMENT_WEIGHTS)[0]
        while date <= SNAPSHOT:
            judgements = [JUDGEMENTS[min(max(grade + rng.choice((-1, 0, 0, 0, 1)), 0), 3)] for _ in range(5)]
            judgements[0] = JUDGEMENTS[grade]
            if date < CARE_LEAVERS_FROM:
                judgements[4] = None
            found.append(
                {
                    "code": code,
                    "name": name,
                    "region": ofsted_regions[region],
                    "date": date,
                    "published": date + datetime.timedelta(days=rng.randint(35, 60)),
                    "type": "ILACS Standard Inspection"
                    if grade >= 2 or rng.random() < 0.4
                    else "ILACS Short Inspection",
                    "judgements": judgements,
                }
            )
            grade = min(max(grade + rng.choice((-1, -1, 0, 0, 1)), 0), 3)
            date += datetime.timedelta(days=rng.randint(800, 1400))
    return sorted(found, key=lambda i: (i["name"], i["date"]))


OFSTED_TABLE_NOTE = "This worksheet contains one table with no blank rows or columns. This table begins in cell A3."
OFSTED_LINK = "Ofsted Local Authority Webpage"


def _ofsted_sheet(title: str, note: str, fields: list[tuple[str, object]], inspections) -> Grid:
    """One data sheet of the Ofsted workbook: a title row and a note row above the header (row 3),
    then a row per inspection. ``fields`` are (header, inspection -> cell), in column order."""
    header = [h for h, _ in fields]
    rows = [[title] + [None] * (len(header) - 1), [note] + [None] * (len(header) - 1), header]
    for inspection in inspections:
        rows.append([cell(inspection) for _, cell in fields])
    return rows


def _write_ofsted(universe: Universe, out_dir: Path, rng) -> None:
    inspections = _inspections(universe, rng)
    latest = {}
    for inspection in inspections:
        latest[inspection["code"]] = inspection

    def field(key):
        return lambda i: i[key]

    def iso(key):
        return lambda i: i[key].isoformat()

    def judgement(n):
        return lambda i: i["judgements"][n]

    judgements = [(h, judgement(n)) for n, h in enumerate(OFSTED_JUDGEMENT_HEADERS)]
    link = ("Web link", lambda i: OFSTED_LINK)
    authority = [("Local authority area code", field("code")), ("Local authority name", field("name"))]
    as_at = _ofsted_sheet(
        "Local authority inspection judgements as at 31 March 2025",
        OFSTED_TABLE_NOTE,
        [
            link,
            *authority,
            ("Ofsted region", field("region")),
            ("Inspection date", iso("date")),
            ("Publication date", iso("published")),
            *judgements,
        ],
        sorted(latest.values(), key=lambda i: i["name"]),
    )
    history = _ofsted_sheet(
        "ILACS inspection history from 2018-2025",
        OFSTED_TABLE_NOTE,
        [
            link,
            *authority,
            ("Local authority status", lambda i: "Current"),
            ("Ofsted region", field("region")),
            ("Inspection date", iso("date")),
            ("Publication date", iso("published")),
            ("Inspection type", field("type")),
            *judgements,
        ],
        inspections,
    )
    in_year = _ofsted_sheet(
        "Local authority in-year inspection activity 2024-25",
        "Blank cells are due to judgements only being provided for short and standard inspections.",
        [
            link,
            *authority,
            ("Region", field("region")),
            ("Inspection/Visit date", iso("date")),
            ("Publication date", iso("published")),
            ("Inspection/Visit type", field("type")),
            *judgements,
            ("Visit Theme", lambda i: None),
        ],
        [i for i in inspections if i["date"] > datetime.date(2024, 3, 31)],
    )
    sheets = {
        "Cover": [
            ["Local authority inspection outcomes as at 31 March 2025", None],
            ["Section", "Detail"],
            ["Coverage:", "England"],
        ],
        "Contents": [
            ["Contents", None],
            ["Worksheet title and link", "Description of contents of worksheet"],
            ["Inspections as at 31 March", "The most recent inspection judgements as at 31 March 2025."],
        ],
        "Notes": [["Notes"], ["Synthetic demo data: fictional councils and judgements."]],
        "Inspections_as_at_31_March": as_at,
        "In-year_inspections": in_year,
        "ILACS_inspection_history": history,
    }
    write_ods(out_dir / FOLDER / "LA_Inspection_Outcomes_as_at_31_March_2025.ods", sheets)


def write(universe: Universe, out_dir: Path, rng) -> None:
    _write_cin(universe, out_dir, rng)
    _write_csww(universe, out_dir, rng)
    _write_ofsted(universe, out_dir, rng)
