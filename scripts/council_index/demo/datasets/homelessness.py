"""Demo of the homelessness folder: H-CLIC annual detailed LA tables (A1, P1, R1, MD1), the processed
2004-2018 P1E extraction, Live Table 784, the quarterly H-CLIC workbooks (A1, P1, R1, MD1, TA1: one
file of each layout variant, see QUARTERLY_FILES) and Live Table 792.

Housing authorities only (unitaries, metropolitan and London boroughs, shire districts; no county
rows), England and region rows where the publications have them, and the suppression markers of
each publication ('...' and '…' in H-CLIC, '--' in the processed file, '..' elsewhere).

Calibrated on the real files: initial assessments about 12.5 per 1,000 households, prevention
duties ended with accommodation secured about 58%, relief about 42%, acceptances about 2 per 1,000
households (London about 4), temporary accommodation about 1 per 1,000 (London about 15-20).
H-CLIC only began in April 2018: the demo also writes H-CLIC-layout files for 2016-17 and 2017-18
(synthetic stand-ins, so that every demo indicator has three editions); no such files exist.

This module also holds ``write_ods_fast``: a minimal OpenDocument writer (content.xml by string),
about 50 times faster than odfpy, used by the housing demo modules to stay within the demo's time
budget.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from ..universe import Universe
from ..writers import write_xlsx

_MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>"""
_CONTENT_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
    "<office:body><office:spreadsheet>"
)


_EMPTY_CELL = "<table:table-cell/>"
_EMPTY_CELLS = '<table:table-cell table:number-columns-repeated="{}"/>'


def write_ods_fast(path: Path, sheets: dict[str, list[list]]) -> Path:
    """Write an .ods file of text and number cells (None = empty cell; a run of empty cells is one
    repeated cell, and empty cells at the end of a row are left out)."""
    parts = [_CONTENT_HEAD]
    append = parts.append
    for name, rows in sheets.items():
        append(f'<table:table table:name="{escape(name, {chr(34): "&quot;"})}">')
        for row in rows:
            cells, empty = ["<table:table-row>"], 0
            for value in row:
                if value is None:
                    empty += 1
                    continue
                if empty:
                    cells.append(_EMPTY_CELL if empty == 1 else _EMPTY_CELLS.format(empty))
                    empty = 0
                kind = type(value)
                if kind is int or kind is float:
                    cells.append(
                        f'<table:table-cell office:value-type="float" office:value="{value}">'
                        f"<text:p>{value}</text:p></table:table-cell>"
                    )
                else:
                    text = str(value)
                    if "&" in text or "<" in text or ">" in text:
                        text = escape(text)
                    cells.append(
                        f'<table:table-cell office:value-type="string"><text:p>{text}</text:p></table:table-cell>'
                    )
            cells.append("</table:table-row>")
            append("".join(cells))
        append("</table:table>")
    append("</office:spreadsheet></office:body></office:document-content>")
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            zipfile.ZipInfo("mimetype"),
            "application/vnd.oasis.opendocument.spreadsheet",
            compress_type=zipfile.ZIP_STORED,
        )
        # ZipInfo's fixed member time (1980-01-01), not the clock: the same rows give the same bytes.
        archive.writestr(zipfile.ZipInfo("META-INF/manifest.xml"), _MANIFEST, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr(
            zipfile.ZipInfo("content.xml"), "".join(parts), compress_type=zipfile.ZIP_DEFLATED, compresslevel=1
        )
    return path


def housing_authorities(universe: Universe):
    """Authorities that report housing data: every upper tier but counties, plus shire districts."""
    return sorted(
        [a for a in universe.upper_tier if a.kind != "county"] + list(universe.districts), key=lambda a: a.name
    )


def households_thousands(authority, end_year: int) -> float:
    """Households in the area (thousands): population / 2.35, growing 0.7% a year from 2016-17."""
    return round(authority.population / 2.35 * (1 + 0.007 * (end_year - 2017)) / 1000, 3)


def _profile(universe: Universe, rng):
    """A stable pressure factor per authority (London boroughs under more pressure)."""
    out = {}
    for a in housing_authorities(universe):
        base = rng.lognormvariate(0, 0.45)
        out[a.code] = base * (2.2 if a.kind == "london borough" else 1.0)
    return out


def _hclic(universe, out_dir, rng, pressure, end_year, suppressed):
    label = f"Apr_{(end_year - 1) % 100:02d}-Mar_{end_year % 100:02d}"
    las = housing_authorities(universe)
    a1, p1, r1, md1 = [], [], [], []
    for a in las:
        hh = households_thousands(a, end_year)
        p = pressure[a.code]
        assessed = max(0, round(hh * 12.5 * p * rng.uniform(0.8, 1.2)))
        owed = round(assessed * rng.uniform(0.88, 0.97))
        prevention = round(owed * rng.uniform(0.45, 0.65))
        s21 = round(prevention * rng.uniform(0.08, 0.2))
        relief = owed - prevention
        p_ended = round(prevention * rng.uniform(0.6, 0.8))
        p_secured = round(p_ended * rng.uniform(0.45, 0.72))
        p_stayed = round(p_secured * rng.uniform(0.25, 0.45))
        p_homeless = round((p_ended - p_secured) * rng.uniform(0.3, 0.6))
        r_ended = round(relief * rng.uniform(0.7, 0.9))
        r_secured = round(r_ended * rng.uniform(0.3, 0.55))
        r_elapsed = round((r_ended - r_secured) * rng.uniform(0.3, 0.6))
        decisions = round(r_elapsed * rng.uniform(0.6, 0.9))
        accepted = round(decisions * rng.uniform(0.5, 0.7))
        intentional = round((decisions - accepted) * 0.3)
        no_priority = round((decisions - accepted - intentional) * 0.6)
        not_homeless = decisions - accepted - intentional - no_priority
        if a.code in suppressed:
            x = "..."
            a1.append([a.code, a.name, None, None, x, None, x, x, x, x, None, x, None, "…", "…", "…"])
            p1.append([a.code, a.name, None, None, x, None, x, x, x, None, x, x, x, x, x, x, x, x])
            r1.append([a.code, a.name, None, None, *[x] * 11])
            md1.append([a.code, a.name, "Region", "E12000000", x, x, x, x, x])
            continue
        a1.append(
            [
                a.code,
                a.name,
                None,
                None,
                assessed,
                None,
                owed,
                prevention,
                s21,
                relief,
                None,
                assessed - owed,
                None,
                hh,
                prevention / hh if hh else 0,
                relief / hh if hh else 0,
            ]
        )
        p1.append(
            [
                a.code,
                a.name,
                None,
                None,
                p_ended,
                None,
                p_secured,
                p_stayed,
                p_secured - p_stayed,
                None,
                p_homeless,
                0,
                0,
                p_ended - p_secured - p_homeless,
                0,
                0,
                0,
                0,
            ]
        )
        r1.append(
            [
                a.code,
                a.name,
                None,
                None,
                r_ended,
                r_secured,
                r_elapsed,
                0,
                0,
                0,
                0,
                r_ended - r_secured - r_elapsed,
                0,
                0,
                0,
            ]
        )
        md1.append([a.code, a.name, None, None, decisions, accepted, intentional, no_priority, not_homeless])

    def total(rows, width):
        sums = []
        for i in range(width):
            values = [r[i] for r in rows if isinstance(r[i], (int, float))]
            sums.append(round(sum(values), 3) if values else None)
        return sums

    def block(title, header, rows, width):
        england = total(rows, width)
        england[0], england[1] = "E92000001", "England"
        if width == 16:  # A1: the last two columns are rates per 1,000 households
            england[14], england[15] = england[7] / england[13], england[9] / england[13]
        head = [[title, *[None] * (width - 1)], *header]
        return [
            *head,
            england,
            ["-", "Rest of England", *england[2:]],
            [None] * width,
            *rows,
            [None] * width,
            ["Notes", *[None] * (width - 1)],
            ["..", "incomplete or no data received from the local authority", *[None] * (width - 2)],
        ]

    year = f"{end_year - 1}-{end_year % 100:02d}"
    sheets = {
        "Contents": [["Demo H-CLIC detailed local authority tables", year]],
        f"A1_-_{label}": block(
            f"Table A1 - Number of households by initial assessment of homelessness circumstances and needs\nEngland, {year}  Financial Year",
            [
                [None] * 11 + ["Number of households", None, None, None, None],
                [None] * 4
                + [
                    "Total initial assessments1,2",
                    None,
                    "Assessed as owed a duty",
                    None,
                    None,
                    None,
                    None,
                    "Not threatened with homelessness within 56 days - no duty owed",
                    None,
                    "Number of households\n in area4 (000s)",
                    "per (000s)",
                    "per (000s)",
                ],
                [None] * 6
                + [
                    "Total",
                    "Threatened with homelessness - \nPrevention duty owed",
                    "Of which:",
                    "Homeless - \nRelief duty owed",
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                ],
                [None] * 8 + ["due to service of valid Section 21 Notice3", *[None] * 7],
            ],
            a1,
            16,
        ),
        f"P1_-_{label}": block(
            f"Table P1 - Number of households whose prevention duty ended by reason for duty end\nEngland, {year} Financial Year",
            [
                [None] * 17 + ["Number of households"],
                [None] * 4
                + [
                    "Total number of households where prevention duty ended1,2",
                    None,
                    "Secured accommodation for 6+ months",
                    None,
                    None,
                    None,
                    "Homeless (including intentionally homeless)",
                    "Refused suitable accommodation offer",
                    "Refused to cooperate",
                    "Contact lost",
                    "Withdrew application / applicant deceased",
                    "56 days elapsed and no further action",
                    "No longer eligible",
                    "Not known3",
                ],
                [None] * 6
                + ["Total", "Stayed in existing accommodation", "Moved to alternative accommodation", *[None] * 9],
            ],
            p1,
            18,
        ),
        f"R1_-_{label}": block(
            f"Table R1 - Number of households whose relief duty ended by reason for duty end\nEngland, {year} Financial Year",
            [
                [None] * 14 + ["Number of households"],
                [None] * 4
                + [
                    "Total number of households \nwhere relief duty ended1,2 ",
                    "Secured \naccommodation for 6+ months3",
                    "56 days \nelapsed",
                    "Local connection referral accepted by other LA",
                    "Intentionally homeless from accommodation provided",
                    "Refused final accommodation",
                    "Notice served due to refusal to cooperate",
                    "Contact lost",
                    "Withdrew application / applicant deceased",
                    "No longer eligible",
                    "Not known4",
                ],
            ],
            r1,
            15,
        ),
        f"MD1_-_{label}": block(
            f"Table MD1 - Number of households by decision on duty owed at end of relief duty\nEngland, {year} Financial Year",
            [
                [None] * 8 + ["Number of households"],
                [None] * 4
                + [
                    "Total main duty decisions for eligible households1",
                    "Homeless + priority need + unintentionally homeless (acceptance)",
                    "Homeless + priority need + intentionally homeless",
                    "Homeless + no priority need",
                    "Not homeless",
                ],
            ],
            md1,
            9,
        ),
    }
    write_ods_fast(out_dir / "homelessness" / f"DetailedLA_{end_year - 1}-{end_year}.ods", sheets)


def write(universe: Universe, out_dir: Path, rng) -> None:
    pressure = _profile(universe, rng)
    las = housing_authorities(universe)
    codes = [a.code for a in las]
    suppressed = set(rng.sample(codes, 2))

    # Acceptances and TA at 31 March per authority and financial year end (shared by P1E tables).
    p1e = {}
    for a in las:
        for end_year in range(2014, 2020):
            hh = households_thousands(a, end_year)
            acc = max(0, round(hh * 2.0 * pressure[a.code] * rng.uniform(0.8, 1.2)))
            ta_rate = (7.0 if a.kind == "london borough" else 0.9) * pressure[a.code] * rng.uniform(0.8, 1.25)
            ta = max(0, round(hh * ta_rate))
            children = round(ta * rng.uniform(0.55, 0.75))
            bb = round(ta * rng.uniform(0.02, 0.12))
            bb_children = round(bb * rng.uniform(0.0, 0.5))
            p1e[a.code, end_year] = (hh, acc, ta, children, bb, bb_children)

    # H-CLIC annual tables (2018-19 real layout; 2016-17 and 2017-18 synthetic stand-ins).
    for end_year in (2017, 2018, 2019):
        _hclic(universe, out_dir, rng, pressure, end_year, suppressed)

    # Processed 2004-2018 extraction (years 2014-2018 here).
    header = ["LA_code", "LA", "households", "homeless_acc", "homeless_pm", "TA", "TA_pm", "no_accom", "year", "date"]
    rows = [header]
    for end_year in range(2014, 2019):
        for a in las:
            hh, acc, ta, *_ = p1e[a.code, end_year]
            if a.code in suppressed and end_year >= 2017:
                rows.append(
                    [a.code, a.name, hh, acc, round(acc / hh, 2), "--", "--", "--", end_year, f"{end_year}-01-01"]
                )
            else:
                rows.append(
                    [
                        a.code,
                        a.name,
                        hh,
                        acc,
                        round(acc / hh, 2),
                        ta,
                        round(ta / hh, 2),
                        round(ta / hh, 2),
                        end_year,
                        f"{end_year}-01-01",
                    ]
                )
    write_xlsx(out_dir / "homelessness" / "Homelessness 2004-2018 by LA.xlsx", {"Sheet1": rows})

    # Live Table 784 (assumed official layout): one sheet per financial year.
    sheets = {}
    for end_year in (2016, 2017, 2018):
        year = f"{end_year - 1}-{end_year % 100:02d}"
        body = [
            [f"Table 784: Local authorities' action under the homelessness provisions of the Housing Acts: {year}"],
            [],
            [
                None,
                None,
                "Households in area (000s)",
                "Eligible, unintentionally homeless and in priority need",
                None,
                "Households in temporary accommodation at 31 March",
                None,
            ],
            [None, None, None, "Number", "per 1,000 households", "Number", "per 1,000 households"],
            [],
        ]
        for a in las:
            hh, acc, ta, *_ = p1e[a.code, end_year]
            if a.code in suppressed and end_year == 2018:
                body.append([a.code, a.name, hh, acc, round(acc / hh, 2), "..", ".."])
            else:
                body.append([a.code, a.name, hh, acc, round(acc / hh, 2), ta, round(ta / hh, 2)])
        sheets[year] = body
    write_xlsx(out_dir / "homelessness" / "Table_784_2017_18.xlsx", sheets)

    # Quarterly H-CLIC workbooks (A1, P1, R1, MD1, TA1), one layout variant each (see QUARTERLY_FILES).
    _write_quarterly(universe, out_dir, rng, pressure, p1e, suppressed)

    # Live Table 792 (P1E prevention and relief, to 2017-18).
    body = [
        ["Table 792: Homelessness prevention and relief, by local authority"],
        [],
        [
            "ONS code",
            "Local authority",
            "Financial year",
            "Total prevented or relieved",
            "Prevented: remained in existing home",
            "Prevented: obtained alternative accommodation",
            "Relieved",
        ],
    ]
    for end_year in range(2015, 2019):
        for a in las:
            hh = households_thousands(a, end_year)
            total = round(hh * 9 * pressure[a.code] ** 0.5 * rng.uniform(0.7, 1.3))
            remained = round(total * rng.uniform(0.3, 0.5))
            relieved = round(total * rng.uniform(0.05, 0.15))
            body.append(
                [
                    a.code,
                    a.name,
                    f"{end_year - 1}-{end_year % 100:02d}",
                    total,
                    remained,
                    total - remained - relieved,
                    relieved,
                ]
            )
    write_xlsx(out_dir / "homelessness" / "Table_792_2017_18.xlsx", {"792": body})


# --- Quarterly H-CLIC detailed local authority workbooks -------------------------------------------
# One workbook per quarter with sheets A1, P1, R1, MD1 and TA1 (the quarter is in the file name,
# YYYYMM). The layout changes between releases; each layout below mirrors one variant of the
# registry (scripts/registry/homelessness.yml, dataset mhclg_homelessness_ta_quarterly):
#   "2019"    June 2019 - March 2021: header near the top, region name and code in columns 3-4
#   "2021jun" June 2021: a hidden row of plain column names (and pivot rows) above the header
#   "2021sep" September 2021: as June but P1 and R1 headers one row higher
#   "2021dec" December 2021 - June 2023: hidden pivot-table rows; sheet names TA1_, P1_ ... in some
#             releases; dead external-link pseudo-sheets in the .ods
#   "2023sep" September 2023 on (and the 2025 file name): A1 adds two no-duty columns, P1 and R1
#             split "withdrew / deceased" into four columns
# The 2015-2019 March files are synthetic stand-ins in the 2019 layout (no such files exist: the
# real series starts in June 2019), written so that every demo edition has a 31 March TA snapshot.
QUARTERLY_FILES = [
    ("DetailedLA_201503.ods", 2015, 3, "2019"),
    ("DetailedLA_201603.ods", 2016, 3, "2019"),
    ("DetailedLA_201703.ods", 2017, 3, "2019"),
    ("DetailedLA_201803.ods", 2018, 3, "2019"),
    ("DetailedLA_201903.xlsx", 2019, 3, "2019"),
    ("DetailedLA_202106.ods", 2021, 6, "2021jun"),
    ("DetailedLA_202109_fixed.ods", 2021, 9, "2021sep"),
    ("DetailedLA_202112.ods", 2021, 12, "2021dec"),
    ("Statutory_Homelessness_Detailed_Local_Authority_Data_202506.ods", 2025, 6, "2023sep"),
]
_MONTHS = {3: "March", 6: "June", 9: "September", 12: "December"}
_QUARTER_END_DAY = {3: 31, 6: 30, 9: 30, 12: 31}
_DEAD_LINKS = [
    "'file:///H:/Homeless/Tables/DetailedLA_202109_fixed.ods'#$FinImp_A1",
    "'file:///H:/Homeless/Tables/DetailedLA_202109_fixed.ods'#$FinImp_TA1",
    "'file:///H:/Homeless/Tables/LA_dropdowns.ods'#$Lookup",
]


def _row(cells: dict, width: int) -> list:
    """A sheet row of `width` cells from {1-based column: value}."""
    row = [None] * width
    for column, value in cells.items():
        row[column - 1] = value
    return row


def _a1_layout(layout):
    late = layout == "2023sep"
    width = 18 if late else 16
    hh = 16 if late else 14
    area = "4" if layout in ("2019", "2021jun", "2021sep") else "5"
    h1 = {
        5: "Total initial assessments1,2" + (",6" if late else ""),
        7: "Assessed as owed a duty",
        12: "Not homeless nor threatened with homelessness within 56 days - no duty owed",
        hh: f"Number of households\n in area{area} (000s)",
        hh + 1: "Households assessed as threatened with homelessness\nper (000s)",
        hh + 2: "Households assessed as homeless\nper (000s)",
    }
    if late:
        h1 |= {
            13: "Withdrew application  before assessment - no duty owed",
            14: "Not eligible / no longer eligible - no duty owed",
        }
    header = [
        h1,
        {
            7: "Total owed a prevention or relief duty",
            8: "Threatened with homelessness within 56 days - \nPrevention duty owed",
            9: "Of which:",
            10: "Homeless - \nRelief duty owed4",
        },
        {9: "due to service of valid Section 21 Notice3"},
    ]
    label = {12: "Number of households"}
    names = {
        5: "Total number of households assessed1,2",
        7: "Total households assessed as owed a duty",
        8: "Threatened with homelessness - Prevention duty owed",
        9: "     Of which: due to service of valid Section 21 Notice",
        10: "Homeless - Relief duty owed",
        12: "Not threatened with homelessness within 56 days - no duty owed",
    }
    pivot = {
        5: "Grand Total",
        8: "Threatened with homelessness – Prevention Duty owed",
        10: "Already homeless – Relief Duty owed",
        12: "Not threatened with homelessness within 56 days",
    }
    above = {"2019": [label], "2021jun": [names, label], "2021sep": [names, label]}.get(layout, [names, pivot, label])
    return width, above, header


def _p1_layout(layout):
    late = layout == "2023sep"
    width = 23 if late else 18
    tail = {16: "56 days elapsed and no further action", 17: "No longer eligible", 18: "Not known4"}
    if late:
        tail = {
            16: "Withdrew application / applicant deceased",
            21: "56 days elapsed and no further action",
            22: "No longer eligible",
            23: "Not known4",
        }
    h1 = (
        {
            5: "Total number of households whose prevention duty ended1,2",
            7: "Secured accommodation for 6+ months",
            11: "Homeless (including intentionally homeless)3",
            12: "Refused suitable accommodation offer",
            13: "Refused to cooperate",
            14: "Contact lost",
        }
        | ({} if late else {15: "Withdrew application / applicant deceased"})
        | tail
    )
    h2 = {
        7: "Total secured accommodation",
        8: "Stayed in existing accommodation",
        9: "Moved to alternative accommodation",
    }
    if late:
        h2 |= {
            16: "Total withdrew /  deceased",
            17: "Withdrew application",
            18: "Applicant deceased",
            19: 'Retired "withdrew/ deceased" option',
        }
    label = {width: "Number of households"}
    names = {
        5: "Total number of households where prevention duty ended1,2",
        7: "Secured accommodation for 6+ months",
        8: "Stayed in existing accommodation",
        9: "Moved to alternative accommodation",
        11: "Homeless (including intentionally homeless)",
    }
    pivot = {
        5: "Grand Total",
        8: "Secured existing accommodation",
        9: "Secured alternative accommodation",
        11: "Homeless (inc. intentionally)",
    }
    above = {"2019": [label], "2021sep": [names, label]}.get(layout, [names, pivot, label])
    return width, above, [h1, h2]


def _r1_layout(layout):
    late = layout == "2023sep"
    width = 20 if late else 15
    elapsed = "4" if layout == "2019" else "3"
    h1 = {
        5: "Total number of households \nwhose relief duty ended1,2 ",
        6: "Secured \naccommodation for 6+ months",
        7: f"56 days \nelapsed{elapsed}",
        8: "Local connection referral accepted by other LA",
        9: "Intentionally homeless from accommodation provided",
        10: "Refused final accommodation",
        11: "Notice served due to refusal to cooperate",
        12: "Contact lost",
    }
    if late:
        h1[14] = "Withdrew application / applicant deceased"
        header = [
            h1,
            {
                14: "Total withdrew /  deceased",
                15: "Withdrew application",
                16: "Applicant deceased",
                17: 'Retired "withdrew/ deceased" option',
                19: "No longer eligible",
                20: "Not known4",
            },
        ]
    else:
        header = [h1 | {13: "Withdrew application / applicant deceased", 14: "No longer eligible", 15: "Not known4"}]
    label = {width: "Number of households"}
    names = {
        5: "Total number of households where relief duty ended1,2",
        6: "Secured accommodation for 6+ months3",
        7: "56 days elapsed",
        8: "Local connection referral accepted by other LA",
    }
    pivot = {5: "Grand Total", 6: "Secured accommodation", 7: "56 days elapsed"}
    above = {
        "2019": [label],
        "2021jun": [pivot, label, names],
        "2021sep": [label, names],
        "2021dec": [label, names, pivot, label],
    }.get(layout, [names, pivot, label])
    return width, above, header


def _md1_layout(layout):
    footnote = "1" if layout == "2019" else "1,2"
    h = {
        5: f"Total main duty decisions for eligible households{footnote}",
        6: "Homeless + priority need + unintentionally homeless (acceptance)",
        7: "Homeless + priority need + intentionally homeless",
        8: "Homeless + no priority need",
        9: "Not homeless",
    }
    label = {9: "Number of households"}
    names = {
        3: "Decision on duty owed at end of relief duty:",
        5: "Total number of main duty decisions1",
        6: "Homeless + priority need + unintentionally homeless (acceptance)",
    }
    pivot = {5: "Grand Total", 6: "Homeless + priority need + unintentionally homeless (acceptance)"}
    sums = {5: "Sum of Total main duty decisions", 6: "Sum of Homeless + priority need + unintentionally homeless"}
    above = {"2019": [label], "2021jun": [names, label], "2021sep": [names, label]}.get(
        layout, [names, pivot, sums, label]
    )
    return 9, above, [h]


def _ta1_layout(layout):
    h1 = {
        5: "Total number of households in TA1,2,3,4",
        6: "Number of households in area5  (000s)",
        7: "Total number of households in TA per (000s)",
        8: "Total number of households in TA with children",
        9: "Total number of children in TA",
        11: "Bed and breakfast hotels (including shared annexes)",
        17: "Nightly paid, privately managed accommodation, self-contained",
        20: "Hostels (including reception centres, emergency units and refuges)",
        23: "Private sector accommodation leased by your authority or leased or managed by a registered provider",
        26: "Local authority or Housing association (LA/HA) stock",
        29: "Any other type of temporary accommodation (including private landlord and not known)6",
        32: "In TA in another local authority district",
        34: "Duty owed, no accommodation secured7",
    }
    h2 = {
        11: "Total number of households",
        12: "Total with children",
        13: "Total with children and resident more than 6 weeks",
        14: "Total with children and resident more than 6 weeks and pending review / appeal",
        15: "Total with 16/17-year-old main applicant",
    }
    for first in (17, 20, 23, 26, 29, 34):
        h2 |= {first: "Total number of households", first + 1: "Total with children"}
    if layout == "2019":
        h1[5] = "Total number of households in TA5,8 "
        h2[7] = "Total number of households in TA per (000s) households"
    names = {
        5: "Households in temporary accommodation at end of quarter1",
        8: "Households in temporary accommodation at end of quarter1 children",
        11: "Bed and breakfast hotels (including shared annexes)",
        12: "Bed and breakfast hotels (including shared annexes) children",
    }
    pivots = [
        {5: "Grand Total"},
        {5: "Own arrangements Total", 9: "Sum of Total children", 11: "B&B or shared annex Total"},
        {
            5: "Sum of Total households in TA",
            9: "Sum of Total children in TA",
            11: "Sum of BB Total",
            12: "Sum of BB with children",
        },
    ]
    above = {"2019": [], "2021jun": [names], "2021sep": [names]}.get(layout, [names, *pivots])
    return 35, above, [h1, h2]


def _quarter_values(a, hh, p, ta_row, rng):
    """One authority's cells of each sheet for one quarter: {sheet: {column: value}} (columns as in
    the 2019 layout; `_place` moves the ones that shift in later layouts)."""
    assessed = max(0, round(hh * 3.2 * p * rng.uniform(0.8, 1.2)))
    owed = round(assessed * rng.uniform(0.88, 0.95))
    prevention = round(owed * rng.uniform(0.45, 0.65))
    withdrew = round((assessed - owed) * rng.uniform(0.3, 0.5))
    not_eligible = round((assessed - owed - withdrew) * rng.uniform(0.1, 0.2))
    p_ended = round(prevention * rng.uniform(0.6, 0.8))
    p_secured = round(p_ended * rng.uniform(0.45, 0.72))
    p_stayed = round(p_secured * rng.uniform(0.25, 0.45))
    r_ended = round((owed - prevention) * rng.uniform(0.7, 0.9))
    r_secured = round(r_ended * rng.uniform(0.3, 0.55))
    r_elapsed = round((r_ended - r_secured) * rng.uniform(0.3, 0.6))
    decisions = round(r_elapsed * rng.uniform(0.6, 0.9))
    accepted = round(decisions * rng.uniform(0.5, 0.7))
    intentional = round((decisions - accepted) * 0.3)
    no_priority = round((decisions - accepted - intentional) * 0.6)
    ta, children, bb, bb_children = ta_row
    return {
        "A1": {
            5: assessed,
            7: owed,
            8: prevention,
            9: round(prevention * rng.uniform(0.08, 0.2)),
            10: owed - prevention,
            12: assessed - owed - withdrew - not_eligible,
            "withdrew": withdrew,
            "not_eligible": not_eligible,
            "hh": hh,
            "rate_p": prevention / hh,
            "rate_r": (owed - prevention) / hh,
        },
        "P1": {
            5: p_ended,
            7: p_secured,
            8: p_stayed,
            9: p_secured - p_stayed,
            11: round((p_ended - p_secured) * rng.uniform(0.3, 0.6)),
            12: 0,
            13: 0,
            14: 0,
        },
        "R1": {5: r_ended, 6: r_secured, 7: r_elapsed, 8: 0, 9: 0, 10: 0, 11: 0, 12: r_ended - r_secured - r_elapsed},
        "MD1": {
            5: decisions,
            6: accepted,
            7: intentional,
            8: no_priority,
            9: decisions - accepted - intentional - no_priority,
        },
        "TA1": {
            5: ta,
            6: hh,
            7: ta / hh if hh else 0,
            8: children,
            9: round(children * 1.9),
            11: bb,
            12: bb_children,
            13: round(bb_children * 0.3),
            14: 0,
            15: 0,
            17: round(ta * 0.25),
            18: round(children * 0.25),
            20: round(ta * 0.08),
            21: round(children * 0.05),
            23: round(ta * 0.3),
            24: round(children * 0.3),
            26: round(ta * 0.2),
            27: round(children * 0.2),
            29: max(0, ta - bb - round(ta * 0.83)),
            30: 0,
            32: round(ta * 0.2),
            34: 0,
            35: 0,
        },
    }


def _place(sheet, values, layout):
    """Cells of the 2019 layout moved to where the given layout has them."""
    if sheet != "A1":
        return values
    cells = {k: v for k, v in values.items() if isinstance(k, int)}
    if sheet == "A1":
        late = layout == "2023sep"
        hh = 16 if late else 14
        if late:
            cells |= {13: values["withdrew"], 14: values["not_eligible"]}
        else:
            cells[12] += values["withdrew"] + values["not_eligible"]
        cells |= {hh: values["hh"], hh + 1: values["rate_p"], hh + 2: values["rate_r"]}
    return cells


def _quarterly_workbook(universe, path, year, month, layout, values, marker):
    """Write one quarterly workbook; `values` maps authority code -> {sheet: {column: value}} (2019
    layout columns) or None for an authority whose return is missing (`marker` in its cells)."""
    las = housing_authorities(universe)
    quarter = f"{_MONTHS[month]} {year}"
    region_names = {code: name for code, name, _ in universe.regions}
    layouts = {"A1": _a1_layout, "P1": _p1_layout, "R1": _r1_layout, "MD1": _md1_layout, "TA1": _ta1_layout}
    titles = {
        "A1": "Table A1 - Number of households by initial assessment of homelessness circumstances and needs",
        "P1": "Table P1 - Number of households whose prevention duty ended by reason for duty end",
        "R1": "Table R1 - Number of households whose relief duty ended by reason for duty end",
        "MD1": "Table MD1 - Number of households by decision on duty owed at end of relief duty",
        "TA1": "Table TA1 - Number of households by type of temporary accommodation provided",
    }
    sheets = {
        "Contents": [[f"Demo statutory homelessness: detailed local authority tables, {quarter}"]],
        "LA_dropdown_(A1-A12)": [["Local authority"], *[[a.name] for a in las[:5]]],
    }
    for sheet, layout_of in layouts.items():
        width, above, header = layout_of(layout)
        placed = {a.code: (_place(sheet, values[a.code][sheet], layout) if values[a.code] else None) for a in las}
        data_columns = sorted({c for cells in placed.values() if cells for c in cells})
        sums: dict[str, dict] = {}  # England and each region: column -> sum of the authorities' numbers
        for a in las:
            for key in ("E92000001", a.region_code):
                acc = sums.setdefault(key, {})
                for c, v in (placed[a.code] or {}).items():
                    acc[c] = acc.get(c, 0) + v

        def total(key):
            acc = sums.get(key, {})
            return {c: round(acc[c], 3) if c in acc else None for c in data_columns}

        def area_row(code, name, cells, region=None):
            row = _row(cells, width)
            row[0], row[1] = code, name
            if region and layout in ("2019", "2021jun", "2021sep"):
                row[2], row[3] = region_names[region], region
            return row

        england, london = total("E92000001"), total("E12000007")
        rest = {
            c: (england[c] - london[c]) if england[c] is not None and london[c] is not None else None
            for c in data_columns
        }
        body = [
            area_row("E92000001", "ENGLAND", england),
            area_row("E12000007", "London", london),
            area_row("-", "Rest of England", rest),
            [None] * width,
        ]
        for code, name, _ in universe.regions:
            body.append(area_row(code, name, total(code)))
        body.append([None] * width)
        for a in las:
            cells = placed[a.code]
            if cells is None:
                cells = {c: marker for c in data_columns}
            elif sheet == "TA1" and layout != "2019" and cells[11] < 5:
                cells = cells | {12: "-", 13: "-", 14: "-", 15: "-"}  # B&B breakdown suppressed below 5
            body.append(area_row(a.code, a.name, cells, a.region_code))
        notes = [[None] * width, [None, "Notes:"], [None, "..", None, None, "Missing or incomplete data."]]
        name = f"{sheet}_" if layout == "2021dec" and sheet != "A1" else sheet
        sheets[name] = [
            [f"{titles[sheet]}\nEngland, {quarter}"],
            *[_row(r, width) for r in above],
            *[_row(r, width) for r in header],
            *body,
            *notes,
        ]
    if layout == "2021dec":
        for dead in _DEAD_LINKS:
            sheets[dead] = [[None]]
    if path.suffix == ".xlsx":
        write_xlsx(path, sheets)
    else:
        write_ods_fast(path, sheets)


def _write_quarterly(universe, out_dir, rng, pressure, p1e, suppressed):
    las = housing_authorities(universe)
    for file_name, year, month, layout in QUARTERLY_FILES:
        end_year = year + (0 if month <= 3 else 1)
        values = {}
        for a in las:
            hh = households_thousands(a, end_year)
            if month == 3 and (a.code, year) in p1e:  # the demo's 31 March TA figures (shared with P1E tables)
                _, _, ta, children, bb, bb_children = p1e[a.code, year]
            else:
                growth = 1 + 0.08 * (year - 2019)
                ta = max(
                    0,
                    round(
                        hh
                        * (7.0 if a.kind == "london borough" else 0.9)
                        * pressure[a.code]
                        * growth
                        * rng.uniform(0.8, 1.25)
                    ),
                )
                children = round(ta * rng.uniform(0.55, 0.75))
                bb = round(ta * rng.uniform(0.02, 0.12))
                bb_children = round(bb * rng.uniform(0.0, 0.5))
            values[a.code] = _quarter_values(a, hh, pressure[a.code], (ta, children, bb, bb_children), rng)
        marker = "[x]" if file_name.startswith("Statutory") else ".."
        if year == 2019 or layout == "2023sep":
            for code in suppressed:
                values[code] = None
        _quarterly_workbook(universe, out_dir / "homelessness" / file_name, year, month, layout, values, marker)
