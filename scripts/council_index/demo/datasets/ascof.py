"""Demo of the NHS Digital ASCOF files (folder ``ascof/``), in both layouts the registry reads.

- The open-data CSV in its ORIGINAL long layout (``nhsd_ascof``) for 2017-18, under the name NHS
  Digital used (``meas-from-asc-of-17-18-open-data.csv``): cp1252, one row per area x measure code x
  measure type (Numerator, Denominator, Outcome, Base), council-type rows without a GSS code,
  suppressed cells ``:``, measure groups written ``2A1``, ``64 and under`` for the 18-64 rows,
  geography column ``ONS Area Code``.
- No ASCOF file for 2015-16 or 2016-17, as the real folder holds no ASCOF file before 2018-19: the
  2017 and 2018 editions (published before the 2017-18 release) have no ASCOF value, so their older
  people and all-age disability lenses are scored on the substitutes (catalogue ``substitutes_for``:
  the Oflog adult social care demo's ASC2, ASC3 and ASC5 from 2015-16 and 2016-17, and attainment at
  19 with an EHC plan, ``Age19_SEN-S``, in the LAIT demo) and flagged partial (``is_partial_lens``),
  as on the real files. The 2017-18 file is kept (the real folder lacks it too) so that the
  publisher's original CSV layout is landed and the 2019 edition shows the catalogue indicators
  taking over from the substitutes; the older files' ``c`` marker and ``2A(1)`` groups are left to
  the parser fixtures (tests/python/fixtures/ascof).
- The publisher's 2020-21 release in the same layout saved as a workbook
  (``meas-from-asc-of-eng-2021-open-data-csv_v2.xlsx``, sheet ``in``; table ``measures_xlsx``): ``ONS
  Code`` header, markers ``[x]`` (the survey measures and 1J: the survey was not run that year) and
  ``[c]``, ``Margin Of Error`` rows, 2B by age band (65-74, 75-84, 85 and over) and sex, the CASSR
  code written as a number, as in the real file.
- The third party's processed extract ``final_data_2019.csv`` (``ascof_processed``) for 2018-19:
  Outcome rows only, no codes, suppressed rows dropped, a recomputed 2B ``65 and over`` row and
  the non-ASCOF columns (IMD rank, pay, population).

Levels are calibrated on the real 2018-19 file (England: 2A(2) 578 per 100,000, 2A(1) 13.9, 2B(1)
82.4%, 2B(2) 2.8%, 1A 65+ 18.9, 1B 65+ 74.4%, 3A 65+ 61.8%, 4A 65+ 71.2%, 1I(1) 65+ 43.5%, 1E 5.9%,
1G 77.4%, 1F 8%, 1H 58%, 1C(2A) 28.3%, 3D(2) 62.5%). The real carers' survey (1D, 1I(2), 3B, 3C,
3D(2)) is biennial (2016-17, 2018-19); the demo writes it every year so that every edition of the
index can be exercised on demo data. ``measure_level`` is shared with the Oflog demo, so Oflog
metrics that are ASCOF measures (ASC4 = 3D(2)) carry the same values.
"""

from __future__ import annotations

import random
from pathlib import Path

from ..universe import Universe
from ..writers import write_csv, write_xlsx

# code: (description as published 2018-19, kind, England level, spread between councils,
#        offsets for 18-64 / 65 and over from Total, disaggregations written, 2017-18 style code)
MEASURES = {
    "1A": ("Social care-related quality of life score", "score", 19.1, 0.6, (0.4, -0.2), "survey"),
    "1B": (
        "The proportion of people who use services who have control over their daily life",
        "pct",
        77.6,
        4.0,
        (4.0, -3.2),
        "survey",
    ),
    "1C(2A)": (
        "The proportion of people who use services who receive direct payments",
        "pct",
        28.3,
        7.0,
        (13.0, -10.7),
        "age",
    ),
    "1D": ("Carer-reported quality of life score", "score", 7.5, 0.4, (-0.3, 0.3), "survey"),
    "1E": ("The proportion of adults with a learning disability in paid employment", "pct", 5.9, 3.5, None, "total"),
    "1F": (
        "The proportion of adults in contact with secondary mental health services in paid employment",
        "pct",
        8.0,
        5.0,
        None,
        "total",
    ),
    "1G": (
        "The proportion of adults with a learning disability who live in their own home or with their family",
        "pct",
        77.4,
        9.0,
        None,
        "total",
    ),
    "1H": (
        "The proportion of adults in contact with secondary mental health services living independently, "
        "with or without support",
        "pct",
        58.0,
        18.0,
        None,
        "total",
    ),
    "1I(1)": (
        "The proportion of people who use services who reported that they had as much social contact as "
        "they would like",
        "pct",
        45.9,
        5.0,
        (4.0, -2.4),
        "survey",
    ),
    "1J": (
        "Adjusted Social care-related quality of life \u2013 impact of Adult Social Care services",
        "score",
        0.403,
        0.025,
        None,
        "total",
    ),
    "2A(1)": (
        "Long-term support needs of younger adults aged 18-64 met by admission to residential and nursing "
        "care homes, per 100,000 population",
        "rate",
        13.9,
        6.0,
        None,
        "total",
    ),
    "2A(2)": (
        "Long-term support needs of older adults aged 65 and over met by admission to residential and "
        "nursing care homes, per 100,000 population",
        "rate",
        578.0,
        150.0,
        None,
        "total",
    ),
    "2B(1)": (
        "The proportion of older people (aged 65 and over) who were still at home 91 days after discharge "
        "from hospital into reablement/rehabilitation services",
        "pct",
        82.4,
        6.0,
        None,
        "sex",
    ),
    "2B(2)": (
        "The proportion of older people (aged 65 and over) who received reablement/rehabilitation services "
        "after discharge from hospital",
        "pct",
        2.8,
        1.4,
        None,
        "sex",
    ),
    "3A": (
        "Overall satisfaction of people who use services with their care and support",
        "pct",
        64.3,
        5.0,
        (5.0, -2.5),
        "survey",
    ),
    "3D(2)": (
        "The proportion of carers who find it easy to find information about support",
        "pct",
        62.5,
        7.0,
        (-3.0, 4.7),
        "survey",
    ),
    "4A": ("The proportion of people who use services who feel safe", "pct", 70.0, 4.0, (-2.0, 1.2), "survey"),
}
SURVEY_DISAGGREGATIONS = ["Total", "Male", "Female", "18-64", "65 and over"]
# Original-layout files: (ASCOF year end, file name, suppression marker, code style, disaggregation for
# 18-64). None before 2017-18, as in the real folder (module docstring).
ORIGINAL_FILES = [
    (2018, "meas-from-asc-of-17-18-open-data.csv", ":", "bare", "64 and under"),
]
ORIGINAL_HEADER = [
    "Geographical Code",
    "Geographical Description",
    "Geographical Level",
    "ONS Area Code",
    "ASCOF Measure Code",
    "Disaggregation Level",
    "Measure Type",
    "Measure Value",
    "Measure Group",
    "Measure Group Description",
]
# The 2020-21 open-data release as a workbook (the real file is an xlsx copy of the CSV, sheet 'in').
OPEN_DATA_XLSX = "meas-from-asc-of-eng-2021-open-data-csv_v2.xlsx"
OPEN_DATA_HEADER = [*ORIGINAL_HEADER[:3], "ONS Code", *ORIGINAL_HEADER[4:]]
# measure -> disaggregations written (the survey-based ones: measure types, all '[x]': not run in 2020-21)
OPEN_DATA_2021_MEASURES = {
    "1A": ["Total"],
    "1J": ["Total"],
    "1C(2A)": ["Total", "18-64", "65 and over"],
    "2A(1)": ["Total"],
    "2A(2)": ["Total"],
    "2B(1)": ["Total", "85 and over", "Male"],
    "2B(2)": ["Total", "65-74", "Female"],
}
SURVEY_NOT_RUN = {
    "1A": ("Denominator", "Base", "Numerator", "Outcome", "Margin Of Error"),
    "1J": ("Outcome", "Margin Of Error", "Base"),
}
AGE_BAND_SUFFIX = {"65-74": "6574", "75-84": "7584", "85 and over": "85OV"}
_REABLEMENT_2021 = (
    "Proportion of older people 65 and over who were still at home 91 days after discharge from "
    "hospital into reablement/rehabilitation services "
)
DESCRIPTIONS_2021 = {  # the wording of the 2019-20 and 2020-21 releases, where it changed
    "1A": "Social care-related quality of life",
    "1C(2A)": "Proportion of people using social care who receive direct payments",
    "2B(1)": _REABLEMENT_2021 + "effectiveness of the service",
    "2B(2)": _REABLEMENT_2021 + "offered the service",
}
PROCESSED_HEADER = [
    "Geographical Description",
    "Geographical Level",
    "ONS Code",
    "Measure Group Description",
    "Disaggregation Level",
    "Measure Value",
    "IMD - Average rank ",
    "Annual Pay Mean",
    "Population",
    "Year",
]
AGE_SUFFIX = {"Total": "", "Male": "M", "Female": "F", "18-64": "1864", "64 and under": "64U", "65 and over": "65OV"}
_LEVELS: dict = {}


def _clip(code: str, value: float) -> float:
    kind = MEASURES[code][1]
    if kind == "pct":
        return min(100.0, max(0.0, value))
    return max(0.0, value)


def measure_level(authority_code: str, code: str, year: int, disaggregation: str = "Total") -> float:
    """The demo value of an ASCOF measure for an authority, ASCOF year end and disaggregation (cached)."""
    key = (authority_code, code)
    if key not in _LEVELS:
        rng = random.Random(f"ascof:{authority_code}:{code}")
        _, _, level, spread, _, _ = MEASURES[code]
        _LEVELS[key] = (
            level + rng.gauss(0, spread),
            rng.gauss(0, spread * 0.08),
            [rng.gauss(0, spread * 0.15) for _ in range(2012, 2026)],
        )
    base, trend, noise = _LEVELS[key]
    value = base + trend * (year - 2017) + noise[year - 2012]
    offsets = MEASURES[code][4]
    if offsets and disaggregation in ("18-64", "64 and under"):
        value += offsets[0]
    elif offsets and disaggregation == "65 and over":
        value += offsets[1]
    elif disaggregation == "Male":
        value -= MEASURES[code][3] * 0.1
    elif disaggregation == "Female":
        value += MEASURES[code][3] * 0.1
    return _clip(code, value)


def _disaggregations(code: str) -> list[str]:
    style = MEASURES[code][5]
    return {
        "survey": SURVEY_DISAGGREGATIONS,
        "age": ["Total", "18-64", "65 and over"],
        "sex": ["Total", "Male", "Female"],
        "total": ["Total"],
    }[style]


def _group(code: str, style: str) -> str:
    return code.replace("(", "").replace(")", "") if style == "bare" else code


def _round(code: str, value: float) -> float:
    return round(value, 3) if code == "1J" else round(value, 1)


def _original_rows(a, cassr, level, year, marker, style, young, rng, population):
    """Rows of one area (council, region or England) of one original-layout file."""
    rows = []
    for code, (description, kind, *_rest) in MEASURES.items():
        group = _group(code, style)
        for disaggregation in _disaggregations(code):
            published = young if disaggregation == "18-64" else disaggregation
            value = measure_level(a, code, year, disaggregation)
            measure_code = group.replace("(", "").replace(")", "") + AGE_SUFFIX[published]
            suppressed = rng.random() < 0.01
            types = []
            if kind == "rate":
                denominator = int(population * (0.19 if code == "2A(2)" else 0.6))
                numerator = round(value * denominator / 100_000)
                outcome = round(numerator / denominator * 100_000, 1) if denominator else None
                types = [("Numerator", numerator), ("Denominator", denominator), ("Outcome", outcome)]
            elif kind == "pct":
                denominator = max(20, int(population * rng.uniform(0.002, 0.004)))
                numerator = round(value * denominator / 100)
                outcome = round(100 * numerator / denominator, 1)
                types = [("Numerator", numerator), ("Denominator", denominator), ("Outcome", outcome)]
                if MEASURES[code][5] == "survey":
                    types.append(("Base", int(denominator * 0.9)))
            else:
                types = [("Outcome", _round(code, value)), ("Base", max(10, int(population * 0.0012)))]
            for measure_type, number in types:
                shown = marker if suppressed and measure_type == "Outcome" else number
                rows.append([cassr, None, level, a, measure_code, published, measure_type, shown, group, description])
    return rows


def _open_data_2021_rows(a, cassr, level, rng, population):
    """Rows of one area of the 2020-21 open-data workbook: a compact subset of the real file's
    measures (it has about 300 rows per area) that still shows each of its features."""
    rows = []
    for code, disaggregations in OPEN_DATA_2021_MEASURES.items():
        description, kind, *_rest = MEASURES[code]
        description = DESCRIPTIONS_2021.get(code, description)
        group = _group(code, "bare")
        if code in SURVEY_NOT_RUN:  # the survey was not run: every measure type '[x]'
            for measure_type in SURVEY_NOT_RUN[code]:
                rows.append([cassr, None, level, a, group, "Total", measure_type, "[x]", group, description])
            continue
        for disaggregation in disaggregations:
            value = measure_level(a, code, 2021, disaggregation)
            suffix = AGE_BAND_SUFFIX.get(disaggregation) or AGE_SUFFIX[disaggregation]
            if kind == "rate":
                denominator = int(population * (0.19 if code == "2A(2)" else 0.6))
                numerator = round(value * denominator / 100_000)
                outcome = round(numerator / denominator * 100_000, 1) if denominator else None
            else:
                denominator = max(20, int(population * rng.uniform(0.002, 0.004)))
                numerator = round(value * denominator / 100)
                outcome = round(100 * numerator / denominator, 1)
            shown = "[c]" if rng.random() < 0.01 else outcome
            for measure_type, number in (("Outcome", shown), ("Numerator", numerator), ("Denominator", denominator)):
                rows.append(
                    [cassr, None, level, a, group + suffix, disaggregation, measure_type, number, group, description]
                )
    return rows


def write(universe: Universe, out_dir: Path, rng) -> None:
    regions = {code: name for code, name, _ in universe.regions}
    ranked = universe.upper_tier
    for year, filename, marker, style, young in ORIGINAL_FILES:
        rows = [ORIGINAL_HEADER]
        for a in ranked:
            for row in _original_rows(a.code, a.dfe_code, "Council", year, marker, style, young, rng, a.population):
                row[1] = a.name
                rows.append(row)
        for code, name in regions.items():
            population = sum(a.population for a in ranked if a.region_code == code)
            for row in _original_rows(code, code, "Region", year, marker, style, young, rng, population):
                row[1] = name
                rows.append(row)
        for row in _original_rows(
            "E92000001", "ENG", "England", year, marker, style, young, rng, sum(a.population for a in ranked)
        ):
            row[1] = "England"
            rows.append(row)
        # Council-type aggregates have no GSS code in the published file.
        rows.append(
            [
                "CTY",
                "Shire County",
                "Council Type",
                None,
                "2A2",
                "Total",
                "Outcome",
                600.1,
                _group("2A(2)", style),
                MEASURES["2A(2)"][0],
            ]
        )
        write_csv(out_dir / "ascof" / filename, rows, encoding="cp1252")

    # Processed 2018-19 extract: outcome rows only, suppressed rows dropped.
    rows = [PROCESSED_HEADER]
    areas = [(a.code, a.name, "Council", a.population) for a in ranked]
    areas += [(code, name, "Region", 0) for code, name in regions.items()]
    areas.append(("E92000001", "England", "England", 0))
    for code_area, name, level, population in areas:
        imd = round(rng.uniform(5000, 25000), 2) if level == "Council" else None
        pay = rng.randint(24000, 40000)
        for code, (description, *_rest) in MEASURES.items():
            disaggregations = _disaggregations(code)
            if code in ("2B(1)", "2B(2)"):
                disaggregations = [*disaggregations, "65 and over"]
            for disaggregation in disaggregations:
                if level == "Council" and rng.random() < 0.01:
                    continue  # suppressed: dropped by the processor
                value = measure_level(
                    code_area,
                    code,
                    2019,
                    "Total" if code.startswith("2B") and disaggregation == "65 and over" else disaggregation,
                )
                shown = (
                    round(value, 2)
                    if code.startswith("2B") and disaggregation == "65 and over"
                    else _round(code, value)
                )
                rows.append(
                    [
                        name,
                        level,
                        code_area,
                        description,
                        disaggregation,
                        shown,
                        imd,
                        pay,
                        float(int(population * 0.78)) if population else None,
                        2019,
                    ]
                )
    write_csv(out_dir / "ascof" / "final_data_2019.csv", rows)

    # After the files above, so that their numbers do not move (one generator for the module).
    # 2020-21 open data as a workbook: 'ONS Code', '[x]' / '[c]', CASSR code as a number.
    rows = [OPEN_DATA_HEADER]
    for a in ranked:
        for row in _open_data_2021_rows(a.code, float(a.dfe_code), "Council", rng, a.population):
            row[1] = a.name
            rows.append(row)
    for code, name in regions.items():
        population = sum(a.population for a in ranked if a.region_code == code)
        for row in _open_data_2021_rows(code, code, "Region", rng, population):
            row[1] = name
            rows.append(row)
    for row in _open_data_2021_rows("E92000001", "England", "England", rng, sum(a.population for a in ranked)):
        row[1] = "England"
        rows.append(row)
    rows.append(
        ["S", "Shire Counties", "Council Type", None, "2A2", "Total", "Outcome", 512.4, "2A2", MEASURES["2A(2)"][0]]
    )
    write_xlsx(out_dir / "ascof" / OPEN_DATA_XLSX, {"in": rows})
