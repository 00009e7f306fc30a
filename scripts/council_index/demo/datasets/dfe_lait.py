"""Demo of the DfE Local Authority Interactive Tool data (folder ``dfe_lait``).

``bds_long_0.parquet`` in the app's long layout (text values, LA Number as a double, '-' for
missing, England 970, regions 980-990, Inner/Outer London 987/988, a placeholder year '0'),
``lait_data_dictionary.csv`` (18 columns, multi-line quoted text, one measure listed twice) and
``la_code_list.xlsx``. Children looked after measures are derived from the same synthetic counts
as the ``dfe_cla_underlying`` demo (so the LAIT CLA rate matches the SFR/EES counts); the child
protection and referral measures are calibrated on the real 2016-2019 LAIT values (England:
CP plans lasting 2+ years 3.5%, repeat plans 19%, re-referrals 22%), and so is ``Age19_SEN-S``
(19 year olds with a statement or EHC plan qualified to Level 2: England 36% in 2016, 30% in 2019),
the all-age disability lens's substitute in the editions without ASCOF values.
"""

from __future__ import annotations

import random
from pathlib import Path

from ..universe import SEED, Universe
from ..writers import write_csv, write_parquet, write_xlsx
from . import dfe_cla_underlying

YEARS = (2016, 2017, 2018, 2019, 2020)
REGION_NUMBERS = {
    "E12000001": 980,
    "E12000002": 981,
    "E12000003": 982,
    "E12000004": 983,
    "E12000005": 984,
    "E12000006": 985,
    "E12000007": 986,
    "E12000008": 989,
    "E12000009": 990,
}
DICTIONARY_COLUMNS = [
    "Measure_code",
    "Topic",
    "Measure",
    "Chart_title",
    "Measure_short",
    "Polarity",
    "y_axis_name",
    "state_funded_flag",
    "Table_status",
    "Description",
    "Last Update",
    "Next Update",
    "Data Owner (DO) /Supplier and Contact Details",
    "Methodology",
    "Hyperlink(s)",
    "dps",
    "Year_Type",
    "No_Quartile",
]
# short code, measure, polarity, year type, description
MEASURES = [
    (
        "LAC",
        "Children looked after rate per 10,000",
        "-",
        "Annual",
        "Number of children looked after on 31 March expressed as a rate per 10,000 children aged under 18.",
    ),
    (
        "CPPlans2yrs",
        "Child Protection Plans lasting 2 years or more which cease during the year",
        "Low",
        "Financial Year",
        "Percentage of child protection plans ceasing during the year that had lasted 2 years or more.",
    ),
    (
        "PrevRegCPR",
        "Percentage of children who became the subject of a plan for a second or subsequent time",
        "Low",
        "Financial Year",
        "Children who became the subject of a plan for a second or subsequent time.",
    ),
    (
        "ReRegCPR",
        "Number of Children who became the subject of a plan for a second or subsequent time",
        "-",
        "Financial Year",
        "Count of children starting a second or subsequent plan.",
    ),
    (
        "ReReferral",
        "Percentage of re-referrals to children's social care within 12 months",
        "Low",
        "Financial Year",
        "Percentage of referrals within 12 months of a previous referral.",
    ),
    (
        "LACStable_2016on",
        "Placement 1 - % CLA with three or more placements",
        "Low",
        "Financial Year",
        "Children looked after on 31 March with three or more placements during the year.",
    ),
    (
        "CareLeaverEET",
        "Care Leavers - Education, Employment & Training (EET) (%)",
        "High",
        "Financial Year",
        "Former relevant young people aged 19-21 in education, employment or training.",
    ),
    (
        "Emotional_LAC",
        "Emotional Health of Looked after Children",
        "Low",
        "Financial Year",
        "Average SDQ score of children looked after for 12 months or more aged 5-16.",
    ),
    (
        "Children_missing",
        "% Children looked after who were missing",
        "-",
        "Financial Year",
        "Children looked after during the year who had a missing incident.",
    ),
    (
        "RTA",
        "Number of children killed and seriously injured in RTAs",
        "Low",
        "Calendar Year",
        "Children killed or seriously injured in road traffic accidents per 100,000, three-year rolling.",
    ),
    (
        "LAC_KS2_RWM",
        "KS2 CLA reaching expected standard in reading, writing and maths",
        "High",
        "Academic Year",
        "Percentage of children looked after reaching the expected standard at key stage 2.",
    ),
    (
        "SEN_EHC_Excpt_20wks",
        "Proportion of new EHC plans issued within 20 weeks - excluding exception cases",
        "High",
        "Calendar Year",
        "New education, health and care plans issued within 20 weeks, excluding exceptions.",
    ),
    (
        "LACFinance",
        "Children looked after expenditure per child",
        "-",
        "Financial Year",
        "Expenditure on children looked after per child aged 0-17 (budget; (OT) = outturn).",
    ),
    (
        "Age19_SEN-S",
        "%19 year olds qualified to Level 2 - with statement/EHCP",
        "High",
        "Academic Year",
        "19 year olds who had a statement or EHC plan in year 11 and were qualified to Level 2 by 19.",
    ),
]


def _fmt(value: float) -> str:
    """Values as the app stores them: text, sometimes with float artefacts."""
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text


def write(universe: Universe, out_dir: Path, rng) -> None:
    counts = dfe_cla_underlying._counts(universe, random.Random(f"{SEED}:dfe_cla_underlying"))
    regions = {code: name for code, name, _ in universe.regions}
    london = [a for a in universe.upper_tier if a.region_code == "E12000007"]
    inner = set(a.code for a in london[: int(len(london) * dfe_cla_underlying.INNER_SHARE)])
    areas = []  # (number, name, region label, members)
    for a in universe.upper_tier:
        label = (
            ("Inner London" if a.code in inner else "Outer London")
            if a.region_code == "E12000007"
            else regions[a.region_code]
        )
        areas.append((float(int(a.dfe_code)), a.name, label, [a]))
    areas.append((970.0, "England", "NA", universe.upper_tier))
    for code, number in REGION_NUMBERS.items():
        areas.append((float(number), regions[code], "NA", [a for a in universe.upper_tier if a.region_code == code]))
    areas.append((987.0, "London (Inner)", "NA", [a for a in london if a.code in inner]))
    areas.append((988.0, "London (Outer)", "NA", [a for a in london if a.code not in inner]))

    base = {
        a.code: {
            "cpp2": rng.uniform(0.5, 7),
            "repeat": rng.uniform(10, 28),
            "rerefer": rng.uniform(12, 30),
            "rta": rng.uniform(8, 30),
            "ks2": rng.uniform(20, 45),
            "fin": rng.uniform(250, 600),
            "ehc": rng.uniform(35, 99),
        }
        for a in universe.upper_tier
    }

    def total(members, year, key):
        return sum(counts[(a.code, year)][key] for a in members)

    def mean(members, key, spread, year):
        return sum(base[a.code][key] for a in members) / len(members) + rng.uniform(-spread, spread)

    columns = {k: [] for k in ("Short Desc", "Data item", "Years", "LA and Regions", "Values", "LA Number", "Region")}

    def add(short, item, years, area, value):
        number, name, region, _ = area
        columns["Short Desc"].append(short)
        columns["Data item"].append(item)
        columns["Years"].append(years)
        columns["LA and Regions"].append(name)
        columns["Values"].append(value)
        columns["LA Number"].append(number)
        columns["Region"].append(region)

    items = {m[0]: m[1] for m in MEASURES}
    for area in areas:
        members = area[3]
        small = sum(a.population for a in members) < 20_000
        for year in YEARS:
            cla = total(members, year, "cla")
            lac = round(10_000 * cla / total(members, year, "under_18"))
            add("LAC", items["LAC"], str(year), area, _fmt(lac))
            add(
                "CPPlans2yrs",
                items["CPPlans2yrs"],
                str(year),
                area,
                "-" if small else _fmt(round(max(mean(members, "cpp2", 1, year), 0), 1)),
            )
            repeat = round(mean(members, "repeat", 2, year), 1)
            add("PrevRegCPR", items["PrevRegCPR"], str(year), area, "x" if small else _fmt(repeat))
            add("ReRegCPR", items["ReRegCPR"], str(year), area, _fmt(round(cla * 0.6 * repeat / 100)))
            add("ReReferral", items["ReReferral"], str(year), area, _fmt(round(mean(members, "rerefer", 2, year), 1)))
            three = total(members, year, "three_plus")
            add(
                "LACStable_2016on",
                items["LACStable_2016on"],
                str(year),
                area,
                _fmt(round(100 * three / cla)) if cla else "-",
            )
            leavers = total(members, year, "leavers")
            add(
                "CareLeaverEET",
                items["CareLeaverEET"],
                str(year),
                area,
                _fmt(round(100 * total(members, year, "eet_total") / leavers)) if leavers >= 6 else "c",
            )
            add(
                "Emotional_LAC",
                items["Emotional_LAC"],
                str(year),
                area,
                _fmt(sum(counts[(a.code, year)]["sdq_average"] for a in members) / len(members)),
            )
            during = total(members, year, "during")
            add(
                "Children_missing",
                items["Children_missing"],
                str(year),
                area,
                _fmt(round(100 * total(members, year, "missing") / during)) if during else "-",
            )
            add("RTA", items["RTA"], f"{year - 2}-{str(year)[2:]}", area, _fmt(round(mean(members, "rta", 3, year), 2)))
            add(
                "LAC_KS2_RWM",
                items["LAC_KS2_RWM"],
                f"{year - 1}/{str(year)[2:]}",
                area,
                _fmt(round(mean(members, "ks2", 4, year))),
            )
            add(
                "SEN_EHC_Excpt_20wks",
                items["SEN_EHC_Excpt_20wks"],
                str(year),
                area,
                "x" if small else _fmt(round(min(max(mean(members, "ehc", 3, year), 0), 100), 1)),
            )
            spend = round(mean(members, "fin", 20, year), 2)
            add("LACFinance", items["LACFinance"], f"{year - 1}-{str(year)[2:]}", area, _fmt(spend))
            add(
                "LACFinance",
                items["LACFinance"],
                f"{year - 1}-{str(year)[2:]} (OT)",
                area,
                _fmt(spend * 1.0400000000000001),
            )
        add("LAC_KS2_RWM", items["LAC_KS2_RWM"], "0", area, "-")

    # Attainment at 19 with a statement or EHC plan (the all-age disability lens's substitute for
    # ASCOF 1E, which the demo, like the real folder, lacks before 2017-18), drawn after every other
    # measure so that their values do not move. England about 36% (2016) falling to 30% (2019).
    level_19 = {a.code: rng.uniform(22, 48) for a in universe.upper_tier}
    for area in areas:
        members = area[3]
        small = sum(a.population for a in members) < 20_000
        for year in YEARS:
            value = sum(level_19[a.code] for a in members) / len(members) - 1.8 * (year - 2016) + rng.uniform(-3, 3)
            add("Age19_SEN-S", items["Age19_SEN-S"], str(year), area, "-" if small else _fmt(round(value, 2)))
    write_parquet(out_dir / "dfe_lait" / "bds_long_0.parquet", columns)

    dictionary = [DICTIONARY_COLUMNS]
    for index, (short, measure, polarity, year_type, description) in enumerate(MEASURES, start=1):
        record = [
            str(100 + index),
            "Children's Social Care",
            measure,
            measure,
            short,
            polarity,
            "Value",
            "NA",
            "Standard",
            description,
            "45809",
            "46174",
            "DfE",
            f"Methodology for {short}.\n\nSee the publication for the definition.",
            "https://www.gov.uk/government/collections/statistics-looked-after-children",
            "1",
            year_type,
            "NA",
        ]
        dictionary.append(record)
        if short == "RTA":
            dictionary.append(list(record))  # the real dictionary lists some measures twice
    write_csv(out_dir / "dfe_lait" / "lait_data_dictionary.csv", dictionary)

    kinds = {"county": "Shire", "unitary": "UA", "metropolitan district": "MD"}
    code_list = [["LA Number", "LA Name", "Region", "Type"]]
    for number, name, region, members in areas:
        if number not in (970, 987, 988, *REGION_NUMBERS.values()):  # local authorities only
            a = members[0]
            kind = kinds.get(a.kind) or ("ILB" if region == "Inner London" else "OLB")
            code_list.append([number, name, region, kind])
    write_xlsx(out_dir / "dfe_lait" / "la_code_list.xlsx", {"Sheet1": code_list})
