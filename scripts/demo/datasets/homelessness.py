"""Demo of the homelessness folder: H-CLIC annual detailed LA tables (A1, P1, R1, MD1), the processed
2004-2018 P1E extraction, Live Table 784, quarterly TA1 tables and Live Table 792.

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


def write_ods_fast(path: Path, sheets: dict[str, list[list]]) -> Path:
    """Write an .ods file of text and number cells (None = empty cell)."""
    parts = [_CONTENT_HEAD]
    for name, rows in sheets.items():
        parts.append(f'<table:table table:name="{escape(name, {chr(34): "&quot;"})}">')
        for row in rows:
            parts.append("<table:table-row>")
            for value in row:
                if value is None:
                    parts.append("<table:table-cell/>")
                elif isinstance(value, (int, float)) and not isinstance(value, bool):
                    parts.append(
                        f'<table:table-cell office:value-type="float" office:value="{value}">'
                        f"<text:p>{value}</text:p></table:table-cell>"
                    )
                else:
                    parts.append(
                        f'<table:table-cell office:value-type="string"><text:p>{escape(str(value))}'
                        "</text:p></table:table-cell>"
                    )
            parts.append("</table:table-row>")
        parts.append("</table:table>")
    parts.append("</office:spreadsheet></office:body></office:document-content>")
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet",
                         compress_type=zipfile.ZIP_STORED)
        # ZipInfo's fixed member time (1980-01-01), not the clock: the same rows give the same bytes.
        archive.writestr(zipfile.ZipInfo("META-INF/manifest.xml"), _MANIFEST, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr(zipfile.ZipInfo("content.xml"), "".join(parts), compress_type=zipfile.ZIP_DEFLATED)
    return path


def housing_authorities(universe: Universe):
    """Authorities that report housing data: every upper tier but counties, plus shire districts."""
    return sorted([a for a in universe.upper_tier if a.kind != "county"] + list(universe.districts),
                  key=lambda a: a.name)


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
        a1.append([a.code, a.name, None, None, assessed, None, owed, prevention, s21, relief, None,
                   assessed - owed, None, hh, prevention / hh if hh else 0, relief / hh if hh else 0])
        p1.append([a.code, a.name, None, None, p_ended, None, p_secured, p_stayed, p_secured - p_stayed, None,
                   p_homeless, 0, 0, p_ended - p_secured - p_homeless, 0, 0, 0, 0])
        r1.append([a.code, a.name, None, None, r_ended, r_secured, r_elapsed, 0, 0, 0, 0,
                   r_ended - r_secured - r_elapsed, 0, 0, 0])
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
        return [*head, england, ["-", "Rest of England", *england[2:]], [None] * width, *rows,
                [None] * width, ["Notes", *[None] * (width - 1)],
                ["..", "incomplete or no data received from the local authority", *[None] * (width - 2)]]

    year = f"{end_year - 1}-{end_year % 100:02d}"
    sheets = {
        "Contents": [["Demo H-CLIC detailed local authority tables", year]],
        f"A1_-_{label}": block(
            f"Table A1 - Number of households by initial assessment of homelessness circumstances and needs\nEngland, {year}  Financial Year",
            [[None] * 11 + ["Number of households", None, None, None, None],
             [None] * 4 + ["Total initial assessments1,2", None, "Assessed as owed a duty", None, None, None, None,
                           "Not threatened with homelessness within 56 days - no duty owed", None,
                           "Number of households\n in area4 (000s)", "per (000s)", "per (000s)"],
             [None] * 6 + ["Total", "Threatened with homelessness - \nPrevention duty owed", "Of which:",
                           "Homeless - \nRelief duty owed", None, None, None, None, None, None],
             [None] * 8 + ["due to service of valid Section 21 Notice3", *[None] * 7]],
            a1, 16),
        f"P1_-_{label}": block(
            f"Table P1 - Number of households whose prevention duty ended by reason for duty end\nEngland, {year} Financial Year",
            [[None] * 17 + ["Number of households"],
             [None] * 4 + ["Total number of households where prevention duty ended1,2", None,
                           "Secured accommodation for 6+ months", None, None, None,
                           "Homeless (including intentionally homeless)", "Refused suitable accommodation offer",
                           "Refused to cooperate", "Contact lost", "Withdrew application / applicant deceased",
                           "56 days elapsed and no further action", "No longer eligible", "Not known3"],
             [None] * 6 + ["Total", "Stayed in existing accommodation", "Moved to alternative accommodation",
                           *[None] * 9]],
            p1, 18),
        f"R1_-_{label}": block(
            f"Table R1 - Number of households whose relief duty ended by reason for duty end\nEngland, {year} Financial Year",
            [[None] * 14 + ["Number of households"],
             [None] * 4 + ["Total number of households \nwhere relief duty ended1,2 ", "Secured \naccommodation for 6+ months3",
                           "56 days \nelapsed", "Local connection referral accepted by other LA",
                           "Intentionally homeless from accommodation provided", "Refused final accommodation",
                           "Notice served due to refusal to cooperate", "Contact lost",
                           "Withdrew application / applicant deceased", "No longer eligible", "Not known4"]],
            r1, 15),
        f"MD1_-_{label}": block(
            f"Table MD1 - Number of households by decision on duty owed at end of relief duty\nEngland, {year} Financial Year",
            [[None] * 8 + ["Number of households"],
             [None] * 4 + ["Total main duty decisions for eligible households1",
                           "Homeless + priority need + unintentionally homeless (acceptance)",
                           "Homeless + priority need + intentionally homeless", "Homeless + no priority need",
                           "Not homeless"]],
            md1, 9),
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
                rows.append([a.code, a.name, hh, acc, round(acc / hh, 2), "--", "--", "--", end_year, f"{end_year}-01-01"])
            else:
                rows.append([a.code, a.name, hh, acc, round(acc / hh, 2), ta, round(ta / hh, 2), round(ta / hh, 2),
                             end_year, f"{end_year}-01-01"])
    write_xlsx(out_dir / "homelessness" / "Homelessness 2004-2018 by LA.xlsx", {"Sheet1": rows})

    # Live Table 784 (assumed official layout): one sheet per financial year.
    sheets = {}
    for end_year in (2016, 2017, 2018):
        year = f"{end_year - 1}-{end_year % 100:02d}"
        body = [[f"Table 784: Local authorities' action under the homelessness provisions of the Housing Acts: {year}"],
                [], [None, None, "Households in area (000s)", "Eligible, unintentionally homeless and in priority need",
                     None, "Households in temporary accommodation at 31 March", None],
                [None, None, None, "Number", "per 1,000 households", "Number", "per 1,000 households"], []]
        for a in las:
            hh, acc, ta, *_ = p1e[a.code, end_year]
            if a.code in suppressed and end_year == 2018:
                body.append([a.code, a.name, hh, acc, round(acc / hh, 2), "..", ".."])
            else:
                body.append([a.code, a.name, hh, acc, round(acc / hh, 2), ta, round(ta / hh, 2)])
        sheets[year] = body
    write_xlsx(out_dir / "homelessness" / "Table_784_2017_18.xlsx", sheets)

    # Quarterly TA1 (31 March snapshots).
    for end_year in range(2015, 2020):
        body = [[f"Table TA1: Number of households in temporary accommodation, 31 March {end_year}"], [],
                [None, None, "Total number of households in TA", "of which with dependent children",
                 "Bed and breakfast hotels", "of which with dependent children"], []]
        for a in las:
            _, _, ta, children, bb, bb_children = p1e[a.code, end_year]
            if a.code in suppressed and end_year == 2019:
                body.append([a.code, a.name, "..", "..", "..", ".."])
            else:
                body.append([a.code, a.name, ta, children, bb, bb_children])
        write_xlsx(out_dir / "homelessness" / f"Detailed_LA_{end_year}03.xlsx", {"TA1": body})

    # Live Table 792 (P1E prevention and relief, to 2017-18).
    body = [["Table 792: Homelessness prevention and relief, by local authority"], [],
            ["ONS code", "Local authority", "Financial year", "Total prevented or relieved",
             "Prevented: remained in existing home", "Prevented: obtained alternative accommodation", "Relieved"]]
    for end_year in range(2015, 2019):
        for a in las:
            hh = households_thousands(a, end_year)
            total = round(hh * 9 * pressure[a.code] ** 0.5 * rng.uniform(0.7, 1.3))
            remained = round(total * rng.uniform(0.3, 0.5))
            relieved = round(total * rng.uniform(0.05, 0.15))
            body.append([a.code, a.name, f"{end_year - 1}-{end_year % 100:02d}", total, remained,
                         total - remained - relieved, relieved])
    write_xlsx(out_dir / "homelessness" / "Table_792_2017_18.xlsx", {"792": body})
